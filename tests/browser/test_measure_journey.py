"""A prosecutor records an interception order, renews it, and records the meeting at which its calls were shared."""

from datetime import date, timedelta

from playwright.sync_api import expect

from app.auth.models import Role
from app.cases.models import Jurisdiction
from app.cases.services import open_case
from app.cooperation.services import add_agency
from app.database import utcnow
from app.extensions import db
from app.users.services import create_user
from tests.factories import OfficeFactory

PASSWORD = "browser test password"


def next_sunday(after: date) -> date:
    return after + timedelta(days=6 - after.weekday() or 7)


def setup(app) -> int:
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
        case = open_case(
            office=office,
            reference="712 St 88/19k",
            title="Heroin couriers Belgrade–Vienna",
            jurisdiction=Jurisdiction.AT,
            opened_on=date.today() - timedelta(days=60),
            prosecutor=prosecutor,
            actor=None,
            now=utcnow(),
        )
        add_agency(country="RS", name="Belgrade Police Administration", actor=None, now=utcnow())
        db.session.commit()
        return case.id


def test_prosecutor_records_renews_and_shares_an_interception(live_app, live_server, page):
    case_id = setup(live_app)
    today = date.today()
    ordered, end = today - timedelta(days=10), next_sunday(today + timedelta(days=14))
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("prosecutor1@docket.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)  # each role lands on its own home page

    page.goto(f"{live_server}/cases/{case_id}/measures/new")
    page.get_by_label("Kind").select_option(label="Telephone interception")
    page.get_by_label("Status").select_option(label="Running")
    page.get_by_label("Target phone number").fill("+381 64 123 4567")
    page.get_by_label("Ordering court").fill("Landesgericht für Strafsachen Wien")
    page.get_by_label("Order reference").fill("331 HR 12/19t")
    page.get_by_label("Ordered on").fill(ordered.isoformat())
    page.get_by_label("Valid from").fill(ordered.isoformat())
    page.get_by_label("Valid to").fill(end.isoformat())
    page.get_by_role("button", name="Record measure").click()
    expect(page.get_by_text("Telephone interception recorded.")).to_be_visible()
    friday = end - timedelta(days=2)
    assert page.locator("#renew-by").inner_text().startswith(f"{friday:%a} {friday.day} {friday:%b %Y}")

    page.get_by_role("link", name="Record a renewal").click()
    page.get_by_label("Order reference").fill("331 HR 12/19t-2")
    page.get_by_label("Ordered on").fill(today.isoformat())
    new_end = end + timedelta(days=60)
    page.get_by_label("New end date").fill(new_end.isoformat())
    page.get_by_role("button", name="Record renewal").click()
    expect(page.get_by_text(f"the measure now runs until {new_end:%a} {new_end.day} {new_end:%b %Y}")).to_be_visible()
    expect(page.get_by_role("cell", name="331 HR 12/19t-2 (Landesgericht für Strafsachen Wien)")).to_be_visible()

    page.goto(live_server + "/cooperation/meetings/new")
    page.get_by_label("Title").fill("Joint operational meeting")
    page.get_by_label("From").fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("To").fill(today.isoformat())
    page.get_by_label("Place").fill("Vienna")
    page.get_by_label("Outcomes").fill("Recorded calls played to the Serbian investigators.")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_text("Meeting recorded.")).to_be_visible()

    page.get_by_label("For").select_option(label="Belgrade Police Administration (RS)")
    page.get_by_label("Participants").fill("Insp. D. Jovanović, Insp. M. Ilić")
    page.get_by_role("button", name="Add participants").click()
    expect(page.get_by_text("Insp. D. Jovanović, Insp. M. Ilić")).to_be_visible()

    page.get_by_role("link", name="Record a disclosure").click()
    page.get_by_label("Shared with").select_option(label="Belgrade Police Administration (RS)")
    page.get_by_label("Material of the measure").select_option(index=1)
    page.get_by_label("Material", exact=True).fill("Recorded calls of +381 64 123 4567, played and handed over")
    page.get_by_label("Shared on").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Legal basis").fill("Art. 7 PCC SEE")
    page.get_by_role("button", name="Record disclosure").click()
    expect(page.get_by_text("Disclosure to Belgrade Police Administration recorded.")).to_be_visible()
    row = page.get_by_role("row", name="Recorded calls of +381 64 123 4567")
    expect(row.get_by_role("link", name="Telephone interception 331 HR 12/19t")).to_be_visible()
    expect(row.get_by_text("Art. 7 PCC SEE")).to_be_visible()
