"""The case page and its forms: what a user sees, what gets saved, and what is refused."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from app.auth.models import Role
from app.cases.models import Arrest, Case, Custody, Person, Seizure, Stage
from app.extensions import db
from tests.cases.factories import (
    ArrestFactory,
    CaseFactory,
    ChargeFactory,
    DefendantFactory,
    OperationFactory,
    PersonFactory,
    SeizureFactory,
)
from tests.factories import TEST_PASSWORD


@pytest.fixture
def prosecutor(make_user, login):
    user = make_user(Role.PROSECUTOR, name="Mag. Eva Gruber")
    login(user)
    return user


@pytest.fixture
def case(office, prosecutor):
    return CaseFactory(office=office, prosecutor=prosecutor, reference="712 St 45/19k")


def fresh(case) -> Case:
    db.session.expire_all()
    return db.session.get(Case, case.id)


def test_the_case_page_shows_defendants_charges_and_a_panel_hook(case, client):
    defendant = DefendantFactory(
        case=case,
        custody=Custody.DETAINED,
        person=PersonFactory(office=case.office, first_name="Marko", last_name="Petrović"),
    )
    ChargeFactory(defendant=defendant, statute="§ 28a SMG", description="Drug trafficking")
    page = client.get(f"/cases/{case.id}").text
    assert "Marko Petrović" in page and "Detained" in page and "§ 28a SMG – Drug trafficking" in page
    assert "Move to investigation" in page


def test_the_case_page_costs_the_same_statements_for_few_or_many_rows(office, case, client, count_statements):
    def add(n):
        for _ in range(n):
            defendant = DefendantFactory(case=case)
            ChargeFactory(defendant=defendant)
            ChargeFactory(defendant=defendant)
            arrest = ArrestFactory(case=case, person=defendant.person)
            SeizureFactory(case=case, arrest=arrest)

    add(2)
    with count_statements() as few:
        assert client.get(f"/cases/{case.id}").status_code == 200
    add(8)
    with count_statements() as many:
        page = client.get(f"/cases/{case.id}").text
    assert page.count("heroin") == 10
    assert len(few) == len(many)


def test_opening_a_case_assigns_the_prosecutor_and_shows_field_messages(office, prosecutor, client):
    response = client.post(
        "/cases/new",
        data={"reference": "", "title": "", "jurisdiction": "AT", "operation_id": "0", "opened_on": "2019-02-30"},
    )
    assert response.status_code == 422
    assert "Enter the office&#39;s file number." in response.text and "Give the case a title." in response.text
    assert "Not a valid date value." in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0
    response = client.post(
        "/cases/new",
        data={
            "reference": "712 St 7/19k",
            "title": "Cocaine, Favoriten",
            "jurisdiction": "AT",
            "operation_id": "0",
            "opened_on": "2019-08-27",
            "court": "",
        },
    )
    case = db.session.scalar(sa.select(Case).where(Case.reference == "712 St 7/19k"))
    assert response.headers["Location"] == f"/cases/{case.id}"
    assert case.prosecutor_id == prosecutor.id and case.stage == Stage.INTAKE and case.office_id == office.id
    again = client.post(
        "/cases/new",
        data={
            "reference": "712 St 7/19k",
            "title": "Twice",
            "jurisdiction": "AT",
            "operation_id": "0",
            "opened_on": "2019-08-27",
        },
    )
    assert "already has a case 712 St 7/19k" in again.text


def second_client(app, user):
    other = app.test_client()
    assert other.post("/login", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    return other


def edit_data(page: str, **changes) -> dict:
    fields = dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', page))
    fields.update({"jurisdiction": "AT", "operation_id": "0"}, **changes)
    fields.pop("sealed", None)
    return fields


def test_a_second_save_of_the_same_version_shows_both_versions_and_overwrites_nothing(
    app, office, case, prosecutor, client, make_user
):
    supervisor = make_user(Role.SUPERVISOR, name="Dr. Anna Berger")
    theirs = second_client(app, supervisor)
    mine_form = client.get(f"/cases/{case.id}/edit").text
    their_form = theirs.get(f"/cases/{case.id}/edit").text
    assert (
        theirs.post(f"/cases/{case.id}/edit", data=edit_data(their_form, title="Heroin, Vienna 1")).status_code == 302
    )
    response = client.post(f"/cases/{case.id}/edit", data=edit_data(mine_form, title="Cocaine, Vienna 10"))
    assert response.status_code == 409
    assert "Someone else saved this case" in response.text
    assert "Saved by Dr. Anna Berger at" in response.text
    assert "Cocaine, Vienna 10" in response.text and "Heroin, Vienna 1" in response.text
    assert fresh(case).title == "Heroin, Vienna 1"
    # The conflict page offers my values against the saved version: saving them now is a decision.
    retry = edit_data(response.text, title="Cocaine, Vienna 10")
    assert client.post(f"/cases/{case.id}/edit", data=retry).status_code == 302
    assert fresh(case).title == "Cocaine, Vienna 10"


def test_an_invalid_transition_posted_by_hand_is_refused_and_changes_nothing(case, client):
    version = case.version
    response = client.post(
        f"/cases/{case.id}/transition", data={"to": "judgment", "reason": "skip ahead"}, follow_redirects=True
    )
    assert "A case at intake cannot move to judgment; it can move to investigation" in response.text
    case = fresh(case)
    assert case.stage == Stage.INTAKE and case.version == version
    assert "skip ahead" not in response.text.split("Timeline", 1)[1]
    nonsense = client.post(f"/cases/{case.id}/transition", data={"to": "heaven"}, follow_redirects=True)
    assert "Choose a stage" in nonsense.text and fresh(case).stage == Stage.INTAKE


def test_moving_to_indicted_takes_the_court_from_the_form(case, client):
    defendant = DefendantFactory(case=case)
    ChargeFactory(defendant=defendant)
    case.stage = Stage.CHARGING
    db.session.commit()
    refused = client.post(f"/cases/{case.id}/transition", data={"to": "indicted"}, follow_redirects=True)
    assert "enter the court the indictment goes to" in refused.text and fresh(case).stage == Stage.CHARGING
    undated = client.post(
        f"/cases/{case.id}/transition",
        data={"to": "indicted", "court": "LG für Strafsachen Wien", "reason": "indictment filed"},
        follow_redirects=True,
    )
    assert "Enter the day: indictment filed on." in undated.text and fresh(case).stage == Stage.CHARGING
    client.post(
        f"/cases/{case.id}/transition",
        data={
            "to": "indicted",
            "court": "LG für Strafsachen Wien",
            "reason": "indictment filed",
            "filed_on": case.opened_on,
        },
    )
    case = fresh(case)
    assert case.stage == Stage.INDICTED and case.court == "LG für Strafsachen Wien"


ARREST = {
    "first_name": "Marko",
    "last_name": "Petrović",
    "date_of_birth": "1990-03-14",
    "nationality": "RS",
    "arrested_at": "2019-08-26T14:05",
    "place": "Wien 1, Stephansplatz",
    "agency": "LPD Wien",
    "custody_followed": "y",
    "seizures-0-category": "drug",
    "seizures-0-substance": "heroin",
    "seizures-0-quantity": "1.5",
    "seizures-0-unit": "kg",
}


def test_an_investigator_records_an_arrest_with_a_seizure_in_a_case_of_their_operation(
    office, make_user, login, client
):
    investigator = make_user(Role.INVESTIGATOR)
    case = CaseFactory(office=office, operation=OperationFactory(office=office, team=[investigator]))
    login(investigator)
    response = client.post(f"/cases/{case.id}/arrests/new", data=ARREST, follow_redirects=True)
    assert "Arrest of Marko Petrović recorded with 1 seized item." in response.text
    arrest = db.session.scalar(sa.select(Arrest).where(Arrest.case_id == case.id))
    assert arrest.arrested_at.isoformat() == "2019-08-26T12:05:00+00:00"  # 14:05 CEST
    seizure = db.session.scalar(sa.select(Seizure).where(Seizure.arrest_id == arrest.id))
    assert (seizure.substance, str(seizure.quantity.normalize()), seizure.unit) == ("heroin", "1.5", "kg")
    assert fresh(case).defendants[0].custody == Custody.ARRESTED
    assert "Mon 26 Aug 2019 14:05 CEST" in response.text
    assert client.get(f"/cases/{case.id}/edit").status_code == 404


def test_a_bad_arrest_form_names_each_field_and_writes_nothing(case, client):
    data = {
        **ARREST,
        "first_name": "",
        "nationality": "Serbia",
        "arrested_at": "",
        "seizures-0-quantity": "-2",
        "seizures-1-substance": "pistol",
    }
    response = client.post(f"/cases/{case.id}/arrests/new", data=data)
    assert response.status_code == 422
    for message in (
        "Enter the first name.",
        "Use the two-letter ISO 3166 code",
        "Enter the date and time",
        "The quantity must be more than zero.",
        "Enter the quantity.",
    ):
        assert message in response.text
    future = client.post(f"/cases/{case.id}/arrests/new", data={**ARREST, "arrested_at": "2999-01-01T10:00"})
    assert "cannot be in the future" in future.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Arrest)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 0


def test_a_similar_person_is_offered_for_linking_before_a_new_one_is_made(office, case, client):
    known = PersonFactory(office=office, first_name="Marko", last_name="Petrovic", date_of_birth=date(1990, 3, 14))
    offered = client.post(f"/cases/{case.id}/defendants/new", data={**ARREST, "custody": "at_liberty"})
    assert "Is this someone the office already knows?" in offered.text
    assert f'value="{known.id}"' in offered.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 1
    unchosen = client.post(
        f"/cases/{case.id}/defendants/new", data={**ARREST, "custody": "at_liberty", "confirm_new": "1"}
    )
    assert "Choose one of the likely matches, or a new person." in unchosen.text
    client.post(
        f"/cases/{case.id}/defendants/new",
        data={**ARREST, "custody": "at_liberty", "confirm_new": "1", "person_id": str(known.id)},
    )
    assert [d.person_id for d in fresh(case).defendants] == [known.id]
    other = CaseFactory(office=office, prosecutor=case.prosecutor)
    client.post(
        f"/cases/{other.id}/defendants/new",
        data={**ARREST, "custody": "detained", "confirm_new": "1", "person_id": "0"},
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 2
    assert fresh(other).defendants[0].custody == Custody.DETAINED


def test_existing_persons_are_found_without_accents_and_others_offices_are_refused(office, case, client):
    PersonFactory(office=office, first_name="Đorđe", last_name="Đorđević")
    assert "Đorđe Đorđević" in client.get(f"/cases/{case.id}/defendants/new?q=djordjevic").text
    stranger = PersonFactory(first_name="Ana", last_name="Ilić")
    response = client.post(f"/cases/{case.id}/defendants/new", data={"person_id": stranger.id, "custody": "at_liberty"})
    assert "That person is not known to this office." in response.text
    assert fresh(case).defendants == []


def test_charge_custody_seizure_and_note_forms(case, client):
    defendant = DefendantFactory(case=case)
    bad = client.post(
        f"/cases/{case.id}/charges/new",
        data={"defendant_id": defendant.id, "statute": "", "offence_class": "felony", "max_penalty_months": "0"},
    )
    assert "Enter the statute" in bad.text and "Between 1 and 1200 months." in bad.text
    client.post(
        f"/cases/{case.id}/charges/new",
        data={
            "defendant_id": defendant.id,
            "statute": "§ 28a SMG",
            "offence_class": "felony",
            "max_penalty_months": "180",
        },
    )
    client.post(
        f"/cases/{case.id}/defendants/{defendant.id}/custody", data={"custody": "detained", "reason": "court order"}
    )
    bad = client.post(
        f"/cases/{case.id}/seizures/new",
        data={"category": "weapon", "substance": "pistol", "quantity": "1.0001", "unit": "pieces", "arrest_id": "0"},
    )
    assert "Use at most three decimal places." in bad.text
    client.post(
        f"/cases/{case.id}/seizures/new",
        data={"category": "weapon", "substance": "machine pistol", "quantity": "2", "unit": "pieces", "arrest_id": "0"},
    )
    client.post(f"/cases/{case.id}/notes/new", data={"text": "Interpreter for Serbian needed."})
    page = client.get(f"/cases/{case.id}").text
    timeline = page.split('id="timeline"', 1)[1]
    for line in (
        "Charge against",
        "at liberty → detained (court order)",
        "Seized 2 pieces machine pistol",
        "Interpreter for Serbian needed.",
    ):
        assert line in timeline
    assert "Mag. Eva Gruber ·" in timeline
