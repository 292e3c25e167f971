"""`flask users ...` commands."""

import sqlalchemy as sa

from app.auth.models import Role, User
from app.auth.passwords import verify_password
from app.extensions import db


def get(email):
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_create_with_password_from_stdin(app):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "Chief@Office.example",
            "--role",
            "supervisor",
            "--name",
            "Dr. Chief",
            "--office",
            "Graz Office",
            "--password-stdin",
        ],
        input="a password from stdin\n",
    )
    assert result.exit_code == 0, result.output
    user = get("chief@office.example")
    assert (user.name, user.role, user.office.name) == ("Dr. Chief", Role.SUPERVISOR, "Graz Office")
    assert verify_password(user.password_hash, "a password from stdin")


def test_create_refuses_duplicates_and_short_passwords(app, make_user):
    make_user(email="dup@office.example")
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create", "DUP@office.example", "--role", "clerk", "--password-stdin"], input="a long password\n"
    )
    assert result.exit_code == 1 and "already exists" in result.output
    result = runner.invoke(
        args=["users", "create", "new@office.example", "--role", "clerk", "--password-stdin"], input="short\n"
    )
    assert result.exit_code == 1 and "at least 10 characters" in result.output
    assert get("new@office.example") is None


def test_create_refuses_an_unknown_role(app):
    result = app.test_cli_runner().invoke(args=["users", "create", "x@office.example", "--role", "emperor"])
    assert result.exit_code == 2 and "emperor" in result.output


def test_set_password_and_deactivate(app, make_user):
    user = make_user(email="someone@office.example")
    token = user.session_token
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "set-password", "someone@office.example", "--password-stdin"], input="brand new password\n"
    )
    assert result.exit_code == 0
    db.session.refresh(user)
    assert verify_password(user.password_hash, "brand new password") and user.session_token != token
    assert runner.invoke(args=["users", "deactivate", "someone@office.example"]).exit_code == 0
    db.session.refresh(user)
    assert not user.active
    assert runner.invoke(args=["users", "deactivate", "nobody@office.example"]).exit_code == 1
