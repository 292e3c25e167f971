"""A supervisor marks a prosecutor absent, reviews and applies the rebalancing plan, and sees the new loads."""

from datetime import timedelta

from playwright.sync_api import expect

from app.auth.models import Role
from app.cases.models import Stage
from app.database import utcnow
from app.extensions import db
from app.users.services import create_user
from tests.assignments.factories import CaseloadCaseFactory
from tests.factories import OfficeFactory

PASSWORD = "browser test password"


def office_with_caseloads(app):
    with app.app_context():
        office = OfficeFactory(vienna=True)
        create_user(
            email="supervisor@docket.example",
            name="Dr. Harald Brunner",
            role=Role.SUPERVISOR,
            password=PASSWORD,
            office=office,
            actor=None,
            now=utcnow(),
        )
        names = ["Mag. Katharina Huber", "Mag. Stefan Wagner", "Dr. Julia Pichler", "Mag. Andreas Moser"]
        prosecutors = [
            create_user(
                email=f"prosecutor{n}@docket.example",
                name=name,
                role=Role.PROSECUTOR,
                password=PASSWORD,
                office=office,
                actor=None,
                now=utcnow(),
            )
            for n, name in enumerate(names, 1)
        ]
        for prosecutor in prosecutors:
            for i in range(4):
                CaseloadCaseFactory(
                    office=office, prosecutor=prosecutor, stage=Stage.CHARGING if i % 2 else Stage.INVESTIGATION
                )
        # stays: custody (weighs 1.5)
        CaseloadCaseFactory(office=office, prosecutor=prosecutors[0], defendants=1, in_custody=1)
        db.session.commit()
        return prosecutors[0].id


def load_of(page, email):
    return page.locator(f'tr[data-prosecutor="{email}"] td.relative-load').inner_text()


def test_supervisor_marks_absent_reviews_and_applies_the_plan(live_app, live_server, page):
    huber = office_with_caseloads(live_app)
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("supervisor@docket.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Caseloads").click()
    assert load_of(page, "prosecutor1@docket.example") == "5.5"
    assert page.get_by_test_id("balance").inner_text().startswith("Office balance: highest relative load 5.5")

    page.get_by_role("link", name="Mag. Katharina Huber").click()
    today = utcnow().date()
    page.get_by_label("From").fill(today.isoformat())
    page.get_by_label("To (inclusive)").fill((today + timedelta(days=90)).isoformat())
    page.get_by_label("Deputy").select_option(label="Mag. Stefan Wagner")
    page.get_by_label("Reason").fill("Parental leave")
    page.get_by_role("button", name="Record absence").click()
    page.wait_for_url(f"{live_server}/caseload/rebalance?prosecutor={huber}")
    expect(page.get_by_text("Absence of Mag. Katharina Huber recorded.")).to_be_visible()

    page.get_by_role("button", name="Propose a plan").click()
    expect(page.get_by_text("4 moves; spread")).to_be_visible()
    assert page.locator("table.plan-moves tbody tr").count() == 4
    assert page.get_by_role("listitem").filter(has_text="defendant in custody").count() == 1
    page.get_by_label("Reason").fill("Parental leave")
    page.get_by_role("button", name="Apply the plan").click()

    page.wait_for_url(live_server + "/caseload/")
    expect(page.get_by_text("Plan applied: 4 cases moved.")).to_be_visible()
    assert load_of(page, "prosecutor1@docket.example") == "1.5"
    assert [load_of(page, f"prosecutor{n}@docket.example") for n in (2, 3, 4)] in (
        ["6", "5", "5"],
        ["5", "6", "5"],
        ["5", "5", "6"],
    )
    expect(page.get_by_text("absent until")).to_be_visible()
