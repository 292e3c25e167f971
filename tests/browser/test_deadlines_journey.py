"""A prosecutor follows a detention's deadlines in Chromium: records a continued detention, reads the count."""

from datetime import date, datetime, timedelta

from playwright.sync_api import expect

from app.auth.models import Role
from app.cases.models import Custody, Jurisdiction, OffenceClass
from app.cases.services import add_charge, add_defendant, create_person, open_case, set_custody
from app.database import utcnow
from app.deadlines import services
from app.extensions import db
from app.users.services import create_user
from tests.factories import OfficeFactory
from tests.moments import VIENNA

PASSWORD = "browser test password"


def seed(app):
    """A Vienna case with a detained defendant and an indictment served before Easter 2026."""
    with app.app_context():
        office = OfficeFactory(vienna=True)
        user = create_user(
            email="prosecutor1@docket.example",
            name="Mag. Anna Berger",
            role=Role.PROSECUTOR,
            password=PASSWORD,
            office=office,
            actor=None,
            now=utcnow(),
        )
        at = datetime(2026, 3, 2, 10, tzinfo=VIENNA)
        case = open_case(
            office=office,
            reference="712 St 45/26k",
            title="Heroin trafficking Wien-Beograd",
            jurisdiction=Jurisdiction.AT,
            opened_on=date(2026, 3, 1),
            actor=user,
            now=at,
            prosecutor=user,
        )
        person = create_person(
            office=office,
            first_name="Marko",
            last_name="Jovanović",
            date_of_birth=None,
            nationality="RS",
            actor=user,
            now=at,
        )
        defendant = add_defendant(case, person, actor=user, now=at)
        add_charge(
            defendant,
            statute="§ 28a Abs. 4 SMG",
            offence_class=OffenceClass.FELONY,
            description="Drug trafficking",
            max_penalty_months=180,
            life_possible=False,
            actor=user,
            now=at,
        )
        set_custody(defendant, Custody.DETAINED, actor=user, now=at)
        services.record_trigger(
            case,
            "indictment_served",
            datetime(2026, 3, 20, 10, tzinfo=VIENNA),
            defendant=defendant,
            actor=user,
            now=datetime(2026, 3, 20, 12, tzinfo=VIENNA),
        )
        soon = utcnow().astimezone(VIENNA).date() + timedelta(days=3)
        services.add_manual_deadline(
            case, title="Ask Belgrade for the call records", kind="limit", due_date=soon, actor=user, now=utcnow()
        )
        db.session.commit()
        return case.id


def sign_in(page, live_server, path):
    page.goto(live_server + path)
    page.get_by_label("E-mail").fill("prosecutor1@docket.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server + path)


def test_prosecutor_records_a_continued_detention_and_sees_the_next_review(live_app, live_server, page):
    case_id = seed(live_app)
    sign_in(page, live_server, f"/deadlines/case/{case_id}")
    first = page.get_by_role("article", name="First detention review (Haftfrist ends)")
    assert first.get_by_text("Open", exact=True).is_visible() or first.get_by_text("MISSED", exact=True).is_visible()

    form = page.get_by_role("region", name="Record an event")
    form.get_by_label("Event", exact=True).select_option("detention_continued_first")
    form.get_by_label("When").fill("2026-03-13T11:00")
    form.get_by_label("Defendant").select_option(label="Marko Jovanović")
    form.get_by_role("button", name="Record event").click()
    page.wait_for_url(live_server + f"/deadlines/case/{case_id}")
    expect(page.get_by_text("Detention continued for the first time recorded; 1 deadline opened.")).to_be_visible()
    second = page.get_by_role("article", name="Second detention review (Haftfrist ends)")
    expect(second.get_by_text("Mon 13 Apr 2026").first).to_be_visible()
    assert (
        page.get_by_role("article", name="First detention review (Haftfrist ends)")
        .get_by_text("Superseded")
        .is_visible()
    )

    objection = page.get_by_role("article", name="Objection to the indictment")
    objection.get_by_text("How it was counted").click()
    expect(objection.get_by_text("Fri 3 Apr 2026 is not a working day: Good Friday (§ 84 StPO)")).to_be_visible()
    expect(objection.get_by_text("The period ends on Tue 7 Apr 2026.")).to_be_visible()


def test_prosecutor_sees_the_agenda_and_the_month(live_app, live_server, page):
    seed(live_app)
    sign_in(page, live_server, "/deadlines/")
    expect(page.get_by_role("heading", name="Deadlines", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Ask Belgrade for the call records")).to_be_visible()
    page.get_by_role("link", name="Month calendar").click()
    expect(page.get_by_role("heading", name="Deadlines in")).to_be_visible()
    chip = page.get_by_role("link", name="712 St 45/26k: Ask Belgrade for the call records")
    if chip.count() == 0:  # three days ahead can fall into next month
        page.get_by_role("link", name="→").click()
    expect(chip).to_be_visible()
