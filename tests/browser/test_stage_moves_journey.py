"""Stage moves in Chromium: (a) a prosecutor discontinues a case with a detained defendant and a
supervisor reopens it; (b) a prosecutor indicts, records service and effect of the indictment."""

import re
from datetime import datetime, timedelta

import sqlalchemy as sa
from playwright.sync_api import expect

from app.auth.models import Role
from app.cases.models import Case, Custody, Jurisdiction, OffenceClass, Stage
from app.cases.pipeline import transition
from app.cases.services import add_charge, create_person, open_case, record_arrest, set_custody
from app.database import utcnow
from app.deadlines.models import Deadline, DeadlineStatus
from app.extensions import db
from app.users.services import create_user
from tests.browser.chromium import ARTIFACTS
from tests.factories import OfficeFactory
from tests.moments import VIENNA

PASSWORD = "browser test password"


def seed(app, stage: Stage) -> int:
    """A Vienna case in investigation (or charging) whose defendant Marko Jovanović is detained since yesterday."""
    with app.app_context():
        office = OfficeFactory(vienna=True)
        prosecutor = create_user(
            email="prosecutor1@docket.example",
            name="Mag. Anna Berger",
            role=Role.PROSECUTOR,
            password=PASSWORD,
            office=office,
            actor=None,
            now=utcnow(),
        )
        create_user(
            email="supervisor@docket.example",
            name="Dr. Karl Weiss",
            role=Role.SUPERVISOR,
            password=PASSWORD,
            office=office,
            actor=None,
            now=utcnow(),
        )
        now = utcnow()
        case = open_case(
            office=office,
            reference="712 St 45/26k",
            title="Heroin trafficking Wien-Beograd",
            jurisdiction=Jurisdiction.AT,
            opened_on=(now - timedelta(days=5)).astimezone(VIENNA).date(),
            court="Landesgericht für Strafsachen Wien",
            actor=prosecutor,
            now=now - timedelta(days=5),
            prosecutor=prosecutor,
        )
        transition(case, Stage.INVESTIGATION, actor=prosecutor, now=now - timedelta(days=5))
        person = create_person(
            office=office,
            first_name="Marko",
            last_name="Jovanović",
            date_of_birth=None,
            nationality="RS",
            actor=prosecutor,
            now=now - timedelta(days=2),
        )
        record_arrest(
            case,
            person,
            arrested_at=now - timedelta(days=2),
            place="Wien 1., Schwedenplatz",
            agency="LKA Wien",
            custody_followed=True,
            actor=prosecutor,
            now=now - timedelta(days=2),
        )
        defendant = case.defendants[0]
        add_charge(
            defendant,
            statute="§ 28a Abs. 4 SMG",
            offence_class=OffenceClass.FELONY,
            description="Drug trafficking",
            max_penalty_months=180,
            life_possible=False,
            actor=prosecutor,
            now=now - timedelta(days=2),
        )
        set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=now - timedelta(days=1))
        if stage == Stage.CHARGING:
            transition(case, Stage.CHARGING, actor=prosecutor, now=now)
        db.session.commit()
        return case.id


def sign_in(page, live_server, email, path):
    page.goto(live_server + path)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server + path)


def open_deadlines(app, case_id) -> dict[str, Deadline]:
    with app.app_context():
        return {
            d.rule_id: d.status
            for d in db.session.scalars(sa.select(Deadline).where(Deadline.case_id == case_id))
            if d.status == DeadlineStatus.OPEN
        }


def test_discontinue_with_a_detained_defendant_then_reopen(live_app, live_server, page):
    case_id = seed(live_app, Stage.INVESTIGATION)
    sign_in(page, live_server, "prosecutor1@docket.example", f"/cases/{case_id}")
    expect(page.get_by_role("heading", name="In custody")).to_be_visible()
    page.get_by_role("link", name="Discontinue…").click()

    consequences = page.locator("#consequence-list")
    expect(consequences).to_contain_text("choose below what happens to them")
    expect(consequences).to_contain_text("Investigation time limit")
    page.get_by_label("Legal ground").select_option("at_190_2")
    page.get_by_label("Why").fill("The only witness withdrew the statement.")
    page.get_by_role("button", name="Review the consequences").click()
    expect(page.locator("#move-refused")).to_contain_text(
        "Marko Jovanović is detained: record that they are released in the same step"
    )
    with live_app.app_context():
        assert db.session.get(Case, case_id).stage == Stage.INVESTIGATION

    page.get_by_label("Marko Jovanović (detained)").select_option("released")
    page.get_by_role("button", name="Review the consequences").click()
    expect(consequences).to_contain_text("will be recorded as released")
    expect(consequences).to_contain_text("met by the release")
    expect(consequences).to_contain_text("closed with the case")
    page.screenshot(path=str(ARTIFACTS / "discontinue-review.png"), full_page=True)
    page.get_by_role("button", name="Discontinue the case").click()
    expect(page.get_by_text("moved to discontinued.")).to_be_visible()
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Stage investigation → discontinued: § 190 Z 2 StPO")
    expect(timeline).to_contain_text("1 open deadline closed with the case (discontinued): Investigation time limit")
    expect(page.get_by_role("heading", name="In custody")).to_have_count(0)
    with live_app.app_context():
        case = db.session.get(Case, case_id)
        assert case.stage == Stage.DISCONTINUED and case.defendants[0].custody == Custody.RELEASED
    assert open_deadlines(live_app, case_id) == {}
    page.screenshot(path=str(ARTIFACTS / "discontinued-case.png"), full_page=True)

    page.context.clear_cookies()  # the supervisor signs in on the same browser
    sign_in(page, live_server, "supervisor@docket.example", f"/cases/{case_id}")
    page.get_by_role("link", name="Reopen…").click()
    expect(page.locator("#consequence-list")).to_contain_text("Investigation time limit")
    expect(page.locator("#consequence-list")).to_contain_text("opened again")
    page.get_by_label("Legal ground").select_option("at_193")
    page.get_by_label("Why").fill("New call records from Belgrade name him as the courier.")
    page.get_by_role("button", name="Review the consequences").click()
    page.get_by_role("button", name="Reopen the case").click()
    expect(page.get_by_text("moved to investigation.")).to_be_visible()
    expect(page.locator("ol.timeline")).to_contain_text("Stage discontinued → investigation: § 193 Abs. 2 StPO")
    expect(page.locator("section[aria-labelledby='panel-deadlines']")).to_contain_text("Investigation time limit")
    assert set(open_deadlines(live_app, case_id)) == {"at_investigation_limit"}


def test_indict_serve_and_take_effect(live_app, live_server, page):
    case_id = seed(live_app, Stage.CHARGING)
    today = datetime.now(VIENNA).date()
    sign_in(page, live_server, "prosecutor1@docket.example", f"/cases/{case_id}")
    assert "at_detention_review_first" in open_deadlines(live_app, case_id)
    page.get_by_label("Indictment filed on").fill(today.isoformat())
    page.get_by_role("button", name="Move to indicted").click()
    expect(page.get_by_text("moved to indicted.")).to_be_visible()

    page.get_by_label("Indictment served on").fill(today.isoformat())
    page.get_by_role("button", name="Record: indictment served on").click()
    expect(page.get_by_text("Recorded: indictment served on")).to_be_visible()
    panel = page.locator("section[aria-labelledby='panel-deadlines']")
    expect(panel).to_contain_text("Objection to the indictment")
    with live_app.app_context():
        objection = db.session.scalar(
            sa.select(Deadline).where(Deadline.case_id == case_id, Deadline.rule_id == "at_indictment_objection")
        )
        due = objection.due_date
    expect(panel.locator("li", has_text="Objection to the indictment")).to_contain_text(
        re.compile(rf"{due.day} {due:%b %Y}")
    )
    page.screenshot(path=str(ARTIFACTS / "indictment-served.png"), full_page=True)

    page.get_by_label("Indictment took effect on").fill(today.isoformat())
    page.get_by_role("button", name="Move to trial").click()
    expect(page.get_by_text("moved to trial.")).to_be_visible()
    expect(page.locator(".court-facts")).to_contain_text(
        f"Indictment took effect on {today:%a} {today.day} {today:%b %Y}"
    )
    expect(panel).not_to_contain_text("First detention review")
    with live_app.app_context():
        ended = {
            d.rule_id: d.closing_event
            for d in db.session.scalars(
                sa.select(Deadline).where(Deadline.case_id == case_id, Deadline.status == DeadlineStatus.MET)
            )
        }
    assert ended["at_detention_review_first"] == "indictment_effective"
    assert ended["at_detention_maximum"] == "trial_started"
    assert "at_detention_review_first" not in open_deadlines(live_app, case_id)
