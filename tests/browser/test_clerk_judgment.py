"""A clerk enters eight years' imprisonment by keyboard; once the appeal period passes unused the case is final."""

from datetime import timedelta

from playwright.sync_api import expect

from app.auth.models import Role
from app.cases.models import Jurisdiction, OffenceClass, Stage
from app.cases.pipeline import transition
from app.cases.services import add_charge, create_person, open_case, record_arrest
from app.database import utcnow
from app.extensions import db
from app.judgments.services import finalize_unappealed
from app.judgments.stats import final_imprisonment_for_operation
from app.judgments.terms import Term
from app.operations.services import create_operation
from app.users.services import create_user
from tests.factories import OfficeFactory
from tests.moments import VIENNA

PASSWORD = "browser test password"


def a_case_at_trial(app) -> tuple[int, int, int]:
    """An operation with a case at trial and one arrested, charged defendant."""
    with app.app_context():
        now = utcnow()
        clerk = create_user(
            email="clerk@docket.example",
            name="Eva Registry",
            role=Role.CLERK,
            password=PASSWORD,
            office=None,
            actor=None,
            now=now,
        )
        office = OfficeFactory(vienna=True)
        clerk.office = office
        db.session.flush()
        operation = create_operation(
            office=office,
            code="BALKAN",
            name="Operation Balkan Route",
            started_on=(now - timedelta(days=400)).date(),
            countries=["AT", "RS"],
            partner_agencies=[],
            legal_framework="PCC SEE",
            description="",
            actor=None,
            now=now - timedelta(days=400),
        )
        case = open_case(
            office=office,
            reference="712 St 45/19k",
            title="Heroin, Favoriten",
            jurisdiction=Jurisdiction.AT,
            opened_on=(now - timedelta(days=300)).date(),
            operation=operation,
            court="Landesgericht für Strafsachen Wien",
            actor=None,
            now=now - timedelta(days=300),
        )
        person = create_person(
            office=office,
            first_name="Marko",
            last_name="Petrović",
            date_of_birth=None,
            nationality="RS",
            actor=None,
            now=now - timedelta(days=300),
        )
        record_arrest(
            case,
            person,
            arrested_at=now - timedelta(days=300),
            place="Wien 10.",
            agency="LPD Wien",
            custody_followed=False,
            actor=None,
            now=now - timedelta(days=300),
        )
        defendant = case.defendants[0]
        add_charge(
            defendant,
            statute="§ 28a Abs. 1 SMG",
            offence_class=OffenceClass.FELONY,
            description="Drug trafficking",
            max_penalty_months=180,
            life_possible=False,
            actor=clerk,
            now=now - timedelta(days=299),
        )
        for stage in (Stage.INVESTIGATION, Stage.CHARGING, Stage.INDICTED, Stage.TRIAL):
            transition(case, stage, actor=None, now=now - timedelta(days=200))
        db.session.commit()
        return case.id, defendant.id, operation.id


def test_clerk_enters_eight_years_and_the_case_becomes_final(live_app, live_server, page):
    case_id, defendant_id, operation_id = a_case_at_trial(live_app)
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("clerk@docket.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)  # each role lands on its own home page
    page.goto(live_server + "/judgments/")
    page.get_by_role("link", name="Enter judgment").click()
    assert page.get_by_label("Announced on").evaluate("el => el === document.activeElement")
    # Keyboard only: the announcement date has the focus; Tab walks court, file number, the other
    # dates, the verdict, the term, and Enter saves.
    today = utcnow().astimezone(VIENNA).date()
    page.keyboard.type(today.strftime("%d.%m.%Y"))
    page.keyboard.press("Tab")
    assert page.get_by_label("Court", exact=True).evaluate("el => el === document.activeElement")
    page.keyboard.press("Tab")
    page.keyboard.type("063 Hv 12/19d")
    page.get_by_label("Verdict on § 28a Abs. 1 SMG").focus()
    page.keyboard.press("ArrowDown")  # first real choice: Convicted
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.locator("#prison_years").evaluate("el => el === document.activeElement")
    page.keyboard.type("8")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/judgments/*")
    expect(page.get_by_text("8 years imprisonment")).to_be_visible()
    assert page.get_by_test_id("finality").inner_text().strip() == "Not yet final"
    assert page.get_by_test_id("case-stage").inner_text() == "judgment"

    with live_app.app_context():
        before = final_imprisonment_for_operation(operation_id)
        assert finalize_unappealed(now=utcnow() + timedelta(days=1)) == []  # the 3-day period still runs
        finalized = finalize_unappealed(now=utcnow() + timedelta(days=10))
        db.session.commit()
        assert [j.defendant_id for j in finalized] == [defendant_id]
        after = final_imprisonment_for_operation(operation_id)
        assert after == before + Term(8)

    page.reload()
    assert page.get_by_test_id("finality").inner_text().startswith("Final since")
    assert page.get_by_test_id("case-stage").inner_text() == "final"
