"""Administrators create, edit, deactivate and reset accounts."""

import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.auth.models import Role, User
from app.extensions import db
from tests.factories import TEST_PASSWORD

NEW = {
    "email": "New.Prosecutor@Office.example",
    "name": "Mag. Lena Koller",
    "role": "prosecutor",
    "office_id": 0,
    "new_password": "a long enough password",
    "confirm": "a long enough password",
}


def users_named(email: str) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.email == email)))


def test_admin_creates_a_user_who_can_sign_in(app, client, make_user, login):
    login(make_user(Role.ADMIN))
    response = client.post("/admin/users/new", data=NEW)
    assert response.status_code == 302
    [user] = users_named("new.prosecutor@office.example")
    assert (user.name, user.role) == ("Mag. Lena Koller", Role.PROSECUTOR)
    fresh = app.test_client()
    assert (
        fresh.post(
            "/login", data={"email": "NEW.prosecutor@office.example", "password": "a long enough password"}
        ).status_code
        == 302
    )
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "user.create")).one()
    assert event.changes["email"] == [None, "new.prosecutor@office.example"]
    assert "password" not in str(event.changes)


def test_email_is_unique_regardless_of_case(client, make_user, login):
    login(make_user(Role.ADMIN))
    make_user(email="taken@office.example")
    response = client.post("/admin/users/new", data={**NEW, "email": "TAKEN@office.example"})
    assert response.status_code == 422
    assert "An account for taken@office.example already exists." in response.text
    assert len(users_named("taken@office.example")) == 1


def test_invalid_input_gets_field_messages_and_saves_nothing(client, make_user, login):
    login(make_user(Role.ADMIN))
    before = db.session.scalar(sa.select(sa.func.count(User.id)))
    response = client.post(
        "/admin/users/new",
        data={**NEW, "email": "not-an-email", "role": "emperor", "new_password": "short", "confirm": "short"},
    )
    assert response.status_code == 422
    assert "Invalid email address." in response.text
    assert "Not a valid choice." in response.text
    assert "Use at least 10 characters." in response.text
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == before


def test_admin_edits_a_role_and_the_change_is_audited(client, make_user, login):
    login(make_user(Role.ADMIN))
    user = make_user(Role.VIEWER)
    response = client.post(
        f"/admin/users/{user.id}",
        data={"email": user.email, "name": user.name, "role": "supervisor", "office_id": user.office_id},
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.role == Role.SUPERVISOR
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "user.update")).one()
    assert event.changes == {"role": ["viewer", "supervisor"]}


def test_admin_cannot_demote_or_deactivate_themselves(client, make_user, login):
    admin = make_user(Role.ADMIN)
    login(admin)
    response = client.post(
        f"/admin/users/{admin.id}",
        data={"email": admin.email, "name": admin.name, "role": "viewer", "office_id": admin.office_id},
    )
    assert "You cannot remove your own administrator role." in response.text
    client.post(f"/admin/users/{admin.id}/deactivate")
    db.session.refresh(admin)
    assert admin.role == Role.ADMIN and admin.active


def test_deactivation_signs_the_user_out_and_reactivation_restores_access(app, client, make_user, login):
    login(make_user(Role.ADMIN))
    user = make_user()
    theirs = app.test_client()
    theirs.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert theirs.get("/account/password").status_code == 200
    assert client.post(f"/admin/users/{user.id}/deactivate").status_code == 302
    assert theirs.get("/account/password").status_code == 302
    assert theirs.post("/login", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 200
    client.post(f"/admin/users/{user.id}/reactivate")
    assert theirs.post("/login", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def test_password_reset_ends_sessions_and_sets_the_new_password(app, client, make_user, login):
    login(make_user(Role.ADMIN))
    user = make_user()
    theirs = app.test_client()
    theirs.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    response = client.post(
        f"/admin/users/{user.id}/password", data={"new_password": "reset by the admin", "confirm": "reset by the admin"}
    )
    assert response.status_code == 302
    assert theirs.get("/account/password").status_code == 302
    assert theirs.post("/login", data={"email": user.email, "password": "reset by the admin"}).status_code == 302


def test_unknown_user_id_is_404(client, make_user, login):
    login(make_user(Role.ADMIN))
    assert client.get("/admin/users/999999").status_code == 404


def test_list_filters_by_role(client, make_user, login):
    login(make_user(Role.ADMIN))
    make_user(Role.CLERK, email="the.clerk@office.example")
    make_user(Role.VIEWER, email="the.viewer@office.example")
    page = client.get("/admin/users/?role=clerk").text
    assert "the.clerk@office.example" in page and "the.viewer@office.example" not in page
