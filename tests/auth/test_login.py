"""Signing in and out, lockout, safe redirects, and sessions that end when they must."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.auth.models import Role, User
from app.auth.passwords import hash_password
from app.database import utcnow
from app.extensions import db
from tests.factories import TEST_PASSWORD


def actions(user=None) -> list[str]:
    query = sa.select(AuditEvent.action).order_by(AuditEvent.id)
    if user is not None:
        query = query.where(AuditEvent.object_id == str(user.id))
    return list(db.session.scalars(query))


def post_login(client, email, password, next_url=None):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password})


def test_login_with_right_password_opens_home_and_is_audited(client, make_user):
    user = make_user(Role.PROSECUTOR, name="Katharina Huber")
    response = post_login(client, user.email.upper(), TEST_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Katharina Huber" in client.get("/account/password").text
    assert actions(user)[-1] == "auth.login"


def test_wrong_password_is_refused_with_a_message(client, make_user):
    user = make_user()
    response = post_login(client, user.email, "wrong password!")
    assert response.status_code == 200
    assert "Invalid e-mail or password." in response.text
    assert client.get("/account/password").status_code == 302
    assert actions(user) == ["auth.login_failed"]


def test_unknown_email_gets_the_same_message(client):
    response = post_login(client, "nobody@office.example", "whatever-it-is")
    assert "Invalid e-mail or password." in response.text
    assert actions()[-1] == "auth.login_failed"


def test_five_failures_lock_the_account_for_ten_minutes(client, make_user):
    user = make_user()
    for _ in range(4):
        assert "Invalid e-mail or password." in post_login(client, user.email, "wrong password!").text
    response = post_login(client, user.email, "wrong password!")
    assert "locked for 10 minutes" in response.text
    # Even the right password is refused while the lock holds.
    assert "locked for 10 minutes" in post_login(client, user.email, TEST_PASSWORD).text
    db.session.refresh(user)
    lock = user.locked_until - utcnow()
    assert timedelta(minutes=9) < lock <= timedelta(minutes=10)
    assert "auth.locked" in actions(user)


def test_lock_expires_after_ten_minutes(client, make_user):
    user = make_user()
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert post_login(client, user.email, TEST_PASSWORD).status_code == 302


def test_failures_are_counted_in_the_database(client, make_user):
    user = make_user()
    post_login(client, user.email, "wrong password!")
    post_login(client, user.email, "wrong password!")
    assert db.session.scalar(sa.select(User.failed_logins).where(User.id == user.id)) == 2


@pytest.mark.parametrize(
    "target",
    [
        "//elsewhere.example",
        "https://elsewhere.example/",
        "/\\elsewhere.example",
        "\\\\elsewhere.example",
        "http:/elsewhere.example",
        "javascript:alert(1)",
        " //elsewhere.example",
    ],
)
def test_next_never_leaves_the_app(client, make_user, target):
    user = make_user()
    response = post_login(client, user.email, TEST_PASSWORD, next_url=target)
    assert response.headers["Location"] == "/"


def test_next_inside_the_app_is_followed(client, make_user):
    user = make_user(Role.ADMIN)
    response = post_login(client, user.email, TEST_PASSWORD, next_url="/admin/users/")
    assert response.headers["Location"] == "/admin/users/"


def test_anonymous_users_are_sent_to_login_with_next(client):
    response = client.get("/admin/users/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fadmin%2Fusers%2F"


def test_logout_ends_the_session_even_for_a_copied_cookie(app, client, make_user, login):
    user = make_user()
    login(user)
    stolen = app.test_client()
    stolen.set_cookie("session", client.get_cookie("session").value)
    assert stolen.get("/account/password").status_code == 200
    client.post("/logout")
    assert client.get("/account/password").status_code == 302
    assert stolen.get("/account/password").status_code == 302


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client, make_user, login):
    user = make_user()
    login(user)
    other = app.test_client()
    login_other = other.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert login_other.status_code == 302
    response = client.post(
        "/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "a new long password",
            "confirm": "a new long password",
        },
    )
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 200
    assert other.get("/account/password").status_code == 302
    assert "auth.password_change" in actions(user)


def test_password_change_needs_the_current_password(client, make_user, login):
    user = make_user()
    login(user)
    response = client.post(
        "/account/password",
        data={
            "current_password": "not my password",
            "new_password": "a new long password",
            "confirm": "a new long password",
        },
    )
    assert "This is not your current password." in response.text
    assert client.post("/logout").status_code == 302
    assert post_login(client, user.email, TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "new, confirm, message",
    [
        ("short", "short", "Use at least 10 characters."),
        ("a new long password", "another long password", "The passwords differ."),
    ],
)
def test_password_change_validates_the_new_password(client, make_user, login, new, confirm, message):
    login(make_user())
    response = client.post(
        "/account/password", data={"current_password": TEST_PASSWORD, "new_password": new, "confirm": confirm}
    )
    assert message in response.text


def test_deactivation_ends_sessions_and_blocks_login(client, make_user, login):
    admin, user = make_user(Role.ADMIN), make_user()
    login(user)
    user.active = False
    user.end_sessions()
    db.session.commit()
    assert client.get("/account/password").status_code == 302
    assert "Invalid e-mail or password." in post_login(client, user.email, TEST_PASSWORD).text
    assert admin.active


def test_idle_session_expires(app, client, make_user, login):
    login(make_user())
    assert client.get("/account/password").status_code == 200
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=-1)
    try:
        assert client.get("/account/password").status_code == 302
    finally:
        app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])


def test_outdated_hash_parameters_are_upgraded_on_login(app, client, make_user):
    user = make_user()
    app.config["ARGON2_TIME_COST"] = 2
    try:
        assert post_login(client, user.email, TEST_PASSWORD).status_code == 302
        db.session.refresh(user)
        assert "t=2" in user.password_hash and user.password_hash.startswith("$argon2id$")
    finally:
        app.config["ARGON2_TIME_COST"] = 1


def test_passwords_are_stored_as_argon2id(make_user):
    assert make_user().password_hash.startswith("$argon2id$")
    assert hash_password("x" * 12) != hash_password("x" * 12)
