"""The road of a case in Chromium: an investigator records an arrest, a prosecutor takes it to indictment."""

import re
from datetime import date, datetime

from playwright.sync_api import expect

from app.auth.models import Role
from app.cases.models import Case
from app.cases.services import open_case
from app.database import utcnow
from app.extensions import db
from app.users.services import create_user
from tests.browser.chromium import ARTIFACTS
from tests.cases.factories import OperationFactory
from tests.factories import OfficeFactory
from tests.moments import VIENNA

PASSWORD = "browser test password"


def build_road(app) -> int:
    """An office, an operation with its team, a case of the operation, and the two users."""
    with app.app_context():
        office = OfficeFactory(vienna=True)
        investigator = create_user(
            email="investigator@docket.example",
            name="Insp. Lukas Wagner",
            role=Role.INVESTIGATOR,
            password=PASSWORD,
            office=office,
            actor=None,
            now=utcnow(),
        )
        prosecutor = create_user(
            email="prosecutor1@docket.example",
            name="Mag. Eva Gruber",
            role=Role.PROSECUTOR,
            password=PASSWORD,
            office=office,
            actor=None,
            now=utcnow(),
        )
        operation = OperationFactory(
            office=office, code="SRCP", name="Street Runner – Cloud Project", team=[investigator, prosecutor]
        )
        case = open_case(
            office=office,
            reference="712 St 45/19k",
            title="Heroin, Wien-Innere Stadt",
            jurisdiction="AT",
            opened_on=date(2019, 8, 26),
            operation=operation,
            prosecutor=prosecutor,
            actor=prosecutor,
            now=utcnow(),
        )
        db.session.commit()
        return case.id


def sign_in(page, server, email):
    page.goto(server + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def sign_out(page, name):
    page.get_by_role("button", name=name).click()
    page.get_by_role("button", name="Sign out").click()


def test_arrest_to_indictment(live_app, live_server, page):
    case_id = build_road(live_app)
    sign_in(page, live_server, "investigator@docket.example")
    page.goto(f"{live_server}/cases/")
    page.get_by_role("link", name="712 St 45/19k").click()
    page.get_by_role("link", name="Record arrest").click()
    page.get_by_label("First name").fill("Marko")
    page.get_by_label("Last name").fill("Petrović")
    page.get_by_label("Date of birth").fill("1990-03-14")
    page.get_by_label("Nationality").fill("RS")
    page.get_by_label("Arrested at").fill("2019-08-26T14:05")
    page.get_by_label("Place").fill("Wien 1, Kärntner Straße")
    page.get_by_label("Agency").fill("LPD Wien, Landeskriminalamt")
    page.get_by_label("Custody followed").check()
    page.locator("#seizures-0-category").select_option("drug")
    page.locator("#seizures-0-substance").fill("heroin")
    page.locator("#seizures-0-quantity").fill("1.5")
    page.locator("#seizures-0-unit").select_option("kg")
    page.screenshot(path=str(ARTIFACTS / "case_road_arrest_form.png"), full_page=True)
    page.get_by_role("button", name="Record arrest").click()
    expect(page.get_by_text("Arrest of Marko Petrović recorded with 1 seized item.")).to_be_visible()
    expect(page.get_by_role("cell", name="Mon 26 Aug 2019 14:05 CEST", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="1.5 kg", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Move to investigation")).to_have_count(0)
    sign_out(page, "Insp. Lukas Wagner")

    sign_in(page, live_server, "prosecutor1@docket.example")
    page.goto(f"{live_server}/cases/?q=petrovic")
    page.get_by_role("link", name="712 St 45/19k").click()
    expect(page.get_by_role("region", name="In custody").get_by_text("Arrested", exact=True)).to_be_visible()
    page.get_by_role("link", name="Add charge").click()
    page.get_by_label("Statute").fill("§ 28a SMG")
    page.get_by_label("Offence class").select_option("felony")
    page.get_by_label("Maximum penalty (months)").fill("180")
    page.get_by_label("Description").fill("Trafficking in heroin")
    page.get_by_role("button", name="Add charge").click()
    expect(page.get_by_text("§ 28a SMG – Trafficking in heroin")).to_be_visible()

    for stage, reason in [("investigation", "arrest report received"), ("charging", "evidence complete")]:
        page.get_by_label(f"Reason for {stage}").fill(reason)
        page.get_by_role("button", name=f"Move to {stage}").click()
        expect(page.get_by_text(f"moved to {stage}.")).to_be_visible()
    page.get_by_label("Reason for indicted").fill("indictment filed")
    page.get_by_label("Court").fill("Landesgericht für Strafsachen Wien")
    page.get_by_label("Indictment filed on").fill(datetime.now(VIENNA).date().isoformat())
    page.get_by_role("button", name="Move to indicted").click()
    expect(page.get_by_text("moved to indicted.")).to_be_visible()

    timeline = page.locator("ol.timeline")
    for line in (
        "Stage intake → investigation: arrest report received",
        "Stage investigation → charging",
        "Stage charging → indicted: indictment filed",
        "Charge against Marko Petrović",
        "Arrest of Marko Petrović in Wien 1, Kärntner Straße",
    ):
        expect(timeline.get_by_text(line)).to_be_visible()
    stage_line = timeline.locator("li", has_text="charging → indicted")
    expect(stage_line).to_contain_text("Mag. Eva Gruber ·")
    expect(stage_line.locator("time")).to_have_text(re.compile(r"\d{2} \w{3} \d{4} \d{2}:\d{2} CES?T"))
    expect(timeline.locator("li", has_text="Arrest of Marko")).to_contain_text("Insp. Lukas Wagner")
    with live_app.app_context():
        assert db.session.get(Case, case_id).stage == "indicted"
