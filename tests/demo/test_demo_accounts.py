"""`flask demo load` creates the demo office and accounts, once."""

import sqlalchemy as sa

from app.auth.models import Role, User
from app.auth.passwords import verify_password
from app.extensions import db


def test_demo_load_creates_accounts_once(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load", "--password", "demo password 1"])
    assert result.exit_code == 0, result.output
    users = db.session.scalars(sa.select(User).where(User.email.endswith("@docket.example"))).all()
    emails = {user.email for user in users}
    assert {
        "admin@docket.example",
        "supervisor@docket.example",
        "clerk@docket.example",
        "investigator@docket.example",
        "viewer@docket.example",
    } <= emails
    prosecutors = [u for u in users if u.role == Role.PROSECUTOR]
    assert sorted(u.email for u in prosecutors) == sorted(f"prosecutor{n}@docket.example" for n in range(1, 17))
    assert len({u.name for u in prosecutors}) == 16
    assert all(u.office.name == "Vienna Public Prosecutor's Office" for u in users)
    assert verify_password(users[0].password_hash, "demo password 1")
    again = runner.invoke(args=["demo", "load", "--password", "demo password 1"])
    assert "0 created" in again.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == len(users)


def test_demo_password_comes_from_the_environment(app, monkeypatch):
    monkeypatch.setenv("DOCKET_DEMO_PASSWORD", "from the environment")
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert "with password: from the environment" in result.output
    admin = db.session.scalar(sa.select(User).where(User.email == "admin@docket.example"))
    assert verify_password(admin.password_hash, "from the environment")
