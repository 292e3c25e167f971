"""The case services the pages call: opening, editing with a version, moving, arrests, seizures, matching."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app.auth.models import Role
from app.cases import pipeline, services
from app.cases.models import Custody, Jurisdiction, OffenceClass, SeizureCategory, Stage, TimelineKind, Unit
from app.errors import Conflict, DomainError
from app.extensions import db

NOW = datetime(2019, 8, 26, 14, 30, tzinfo=UTC)


@pytest.fixture
def prosecutor(make_user):
    return make_user(Role.PROSECUTOR, name="Mag. Eva Gruber")


@pytest.fixture
def case(office, prosecutor):
    return services.open_case(
        office=office,
        reference="712 St 45/19k",
        title="Heroin, Vienna",
        jurisdiction=Jurisdiction.AT,
        opened_on=date(2019, 8, 26),
        actor=prosecutor,
        now=NOW,
        prosecutor=prosecutor,
    )


def new_person(office, first="Marko", last="Petrović", born=date(1990, 3, 14)):
    return services.create_person(
        office=office, first_name=first, last_name=last, date_of_birth=born, nationality="rs", actor=None, now=NOW
    )


def test_open_case_starts_at_intake_and_refuses_a_duplicate_reference(office, prosecutor, case):
    assert case.stage == Stage.INTAKE and case.version == 1
    assert [entry.kind for entry in case.timeline] == [TimelineKind.CREATED]
    with pytest.raises(DomainError, match="already has a case 712 St 45/19k") as refused:
        services.open_case(
            office=office,
            reference=" 712 St 45/19k ",
            title="Again",
            jurisdiction="AT",
            opened_on=date(2019, 8, 27),
            actor=prosecutor,
            now=NOW,
        )
    assert refused.value.field == "reference"


def test_update_case_checks_the_version(case, prosecutor):
    services.update_case(case, expected_version=1, actor=prosecutor, now=NOW, title="Heroin and cocaine")
    db.session.flush()
    assert case.version == 2
    with pytest.raises(Conflict):
        services.update_case(case, expected_version=1, actor=prosecutor, now=NOW, title="Stale title")
    assert case.title == "Heroin and cocaine"


def test_transitions_follow_the_pipeline_and_its_guards(office, case, prosecutor):
    with pytest.raises(DomainError, match="cannot move to judgment"):
        pipeline.transition(case, Stage.JUDGMENT, actor=prosecutor, now=NOW)
    assert case.stage == Stage.INTAKE
    pipeline.transition(case, Stage.INVESTIGATION, actor=prosecutor, now=NOW, reason="police report")
    with pytest.raises(DomainError, match="add at least one defendant"):
        pipeline.transition(case, Stage.CHARGING, actor=prosecutor, now=NOW)
    defendant = services.add_defendant(case, new_person(office), actor=prosecutor, now=NOW)
    pipeline.transition(case, Stage.CHARGING, actor=prosecutor, now=NOW)
    with pytest.raises(DomainError, match="every defendant needs a charge; none yet for Marko"):
        pipeline.transition(case, Stage.INDICTED, actor=prosecutor, now=NOW)
    services.add_charge(
        defendant,
        statute="§ 28a SMG",
        offence_class=OffenceClass.FELONY,
        description="",
        max_penalty_months=180,
        life_possible=False,
        actor=prosecutor,
        now=NOW,
    )
    with pytest.raises(DomainError, match="enter the court"):
        pipeline.transition(case, Stage.INDICTED, actor=prosecutor, now=NOW)
    case.court = "Landesgericht für Strafsachen Wien"
    pipeline.transition(case, Stage.INDICTED, actor=prosecutor, now=NOW)
    assert case.stage == Stage.INDICTED


def test_arrest_makes_a_defendant_in_custody_and_links_its_seizures(office, case, prosecutor):
    person = new_person(office)
    arrest = services.record_arrest(
        case,
        person,
        arrested_at=NOW - timedelta(hours=2),
        place="Wien 1",
        agency="LPD Wien",
        custody_followed=True,
        actor=prosecutor,
        now=NOW,
    )
    seizure = services.record_seizure(
        case,
        category=SeizureCategory.DRUG,
        substance="heroin",
        quantity=Decimal("1.525"),
        unit=Unit.KG,
        arrest=arrest,
        actor=prosecutor,
        now=NOW,
    )
    db.session.expire_all()
    assert [(d.person.full_name, d.custody) for d in case.defendants] == [("Marko Petrović", Custody.ARRESTED)]
    assert case.defendants[0].custody_since == NOW - timedelta(hours=2)
    assert seizure.quantity == Decimal("1.525") and seizure.arrest_id == arrest.id
    with pytest.raises(DomainError, match="cannot be in the future"):
        services.record_arrest(
            case,
            person,
            arrested_at=NOW + timedelta(minutes=5),
            place="x",
            agency="y",
            custody_followed=False,
            actor=prosecutor,
            now=NOW,
        )
    with pytest.raises(DomainError, match="more than zero"):
        services.record_seizure(
            case, category="cash", substance="euro notes", quantity=Decimal("0"), unit="EUR", actor=prosecutor, now=NOW
        )


def test_likely_matches_need_the_same_birthday_and_a_similar_name(office):
    petrovic = new_person(office)
    new_person(office, last="Petrović", born=date(1991, 3, 14))
    nikolic = new_person(office, first="Stefan", last="Nikolić")
    assert services.likely_matches(office.id, "marko", "PETROVIC", date(1990, 3, 14)) == [petrovic]
    assert services.likely_matches(office.id, "Marko", "Petrovich", date(1990, 3, 14)) == [petrovic]
    assert services.likely_matches(office.id, "Stefan", "Nikolic", date(1990, 3, 14)) == [nikolic]
    assert services.likely_matches(office.id, "Marko", "Petrović", None) == []
