"""A person signs in through the real login page in Chromium."""

from playwright.sync_api import expect

from app.auth.models import Role
from app.database import utcnow
from app.extensions import db
from app.users.services import create_user


def add_user(app, email, role, password):
    with app.app_context():
        create_user(
            email=email,
            name="Mag. Katharina Huber",
            role=role,
            password=password,
            office=None,
            actor=None,
            now=utcnow(),
        )
        db.session.commit()


def test_admin_signs_in_sees_the_users_page_and_signs_out(live_app, live_server, page):
    add_user(live_app, "admin@docket.example", Role.ADMIN, "browser test password")
    page.goto(live_server + "/admin/users/")
    assert page.url.startswith(live_server + "/login?next=")
    page.get_by_label("E-mail").fill("admin@docket.example")
    page.get_by_label("Password").fill("browser test password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server + "/admin/users/")
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    expect(page.get_by_role("cell", name="admin@docket.example")).to_be_visible()
    page.get_by_role("button", name="Mag. Katharina Huber").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server + "/login")
    expect(page.get_by_text("You have been signed out.")).to_be_visible()


def test_wrong_password_shows_a_message(live_app, live_server, page):
    add_user(live_app, "prosecutor1@docket.example", Role.PROSECUTOR, "browser test password")
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("prosecutor1@docket.example")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Invalid e-mail or password.")).to_be_visible()
