"""An investigator uploads an arrests file in Chromium: first with a mistake, then corrected."""

from datetime import date

from playwright.sync_api import expect

from app.auth.models import Role
from app.cases.models import Jurisdiction
from app.cases.services import open_case
from app.database import utcnow
from app.extensions import db
from app.users.services import create_user
from tests.browser.chromium import ARTIFACTS
from tests.cases.factories import OperationFactory
from tests.factories import OfficeFactory
from tests.imports.arrests_files import arrest_rows, to_csv


def prepare(app) -> list[str]:
    with app.app_context():
        office = OfficeFactory(vienna=True)
        user = create_user(
            email="investigator@docket.example",
            name="Insp. Lukas Berger",
            role=Role.INVESTIGATOR,
            password="browser test password",
            office=office,
            actor=None,
            now=utcnow(),
        )
        operation = OperationFactory(office=office, code="SR-CP", name="Street Runner – Cloud Project", team=[user])
        references = [
            open_case(
                office=office,
                reference=f"712 St {n}/19k",
                title="Street Runner",
                jurisdiction=Jurisdiction.AT,
                opened_on=date(2019, 8, 1),
                operation=operation,
                actor=None,
                now=utcnow(),
            ).reference
            for n in (45, 46)
        ]
        db.session.commit()
        return references


def test_investigator_fixes_a_bad_row_and_imports(live_app, live_server, page):
    rows = arrest_rows(6, prepare(live_app))
    rows[1]["nationality"] = "SCG"
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("investigator@docket.example")
    page.get_by_label("Password").fill("browser test password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Cases").click()
    page.get_by_role("link", name="Import arrests").click()

    page.get_by_label("CSV file").set_input_files(
        {"name": "arrests.csv", "mimeType": "text/csv", "buffer": to_csv(rows, delimiter=";", bom=True)}
    )
    page.get_by_role("button", name="Import arrests").click()
    expect(page.get_by_text("Nothing was imported.")).to_be_visible()
    error = page.get_by_role("row").filter(has_text="SCG")
    assert error.get_by_role("cell").all_inner_texts() == [
        "3",
        "nationality",
        "'SCG' is not an ISO 3166 country code such as RS, ME or AT.",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "import_arrests_report.png"), full_page=True)

    rows[1]["nationality"] = "RS"
    page.get_by_label("CSV file").set_input_files(
        {"name": "arrests.csv", "mimeType": "text/csv", "buffer": to_csv(rows, delimiter=";", bom=True)}
    )
    page.get_by_role("button", name="Import arrests").click()
    expect(page.get_by_text("Import into Staatsanwaltschaft Wien done: 6 new, 0 already imported")).to_be_visible()
