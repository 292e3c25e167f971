"""Logging in, locking out and changing passwords."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from app.audit.services import record
from app.auth.models import User
from app.auth.passwords import burn_time, hash_password, needs_rehash, verify_password
from app.extensions import db

#: What a refused login is told whether the e-mail or the password was wrong, or the account deactivated.
INVALID_LOGIN = "Invalid e-mail or password."


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    error: str | None = None


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def authenticate(email: str, password: str, *, now: datetime) -> LoginResult:
    """Check a login attempt, count failures and lock the account after too many."""
    user = find_user_by_email(email)
    if user is None:
        burn_time(password)
        record(
            "auth.login_failed",
            actor=None,
            now=now,
            actor_label=email.strip().lower()[:254],
            outcome="failure",
            changes={"reason": "unknown e-mail"},
        )
        return LoginResult(None, INVALID_LOGIN)
    if user.is_locked(now):
        _note_failure(user, now, reason="account locked")
        return LoginResult(None, locked_message(user))
    if not verify_password(user.password_hash, password):
        return _count_failure(user, now)
    if not user.active:
        _note_failure(user, now, reason="account deactivated")
        return LoginResult(None, INVALID_LOGIN)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    _note("auth.login", user, now)
    return LoginResult(user)


def _count_failure(user: User, now: datetime) -> LoginResult:
    # Incremented in SQL, not in Python, so concurrent attempts on several workers all count.
    db.session.execute(sa.update(User).where(User.id == user.id).values(failed_logins=User.failed_logins + 1))
    db.session.refresh(user, ["failed_logins"])
    _note_failure(user, now, reason="wrong password", failed_logins=user.failed_logins)
    if user.failed_logins < current_app.config["LOGIN_MAX_FAILURES"]:
        return LoginResult(None, INVALID_LOGIN)
    user.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCKOUT_MINUTES"])
    user.failed_logins = 0
    _note("auth.locked", user, now, outcome="failure", changes={"locked_until": user.locked_until.isoformat()})
    return LoginResult(None, locked_message(user))


def _note_failure(user: User, now: datetime, **changes) -> None:
    """Note a refused login to `user`'s account; `changes` say why."""
    _note("auth.login_failed", user, now, outcome="failure", changes=changes)


def _note(action: str, user: User, now: datetime, *, outcome: str = "success", changes: dict | None = None) -> None:
    """Add what `user` did to their own account to the audit trail."""
    record(action, actor=user, now=now, object_type="user", object_id=user.id, outcome=outcome, changes=changes)


def locked_message(user: User) -> str:
    minutes = current_app.config["LOGIN_LOCKOUT_MINUTES"]
    return f"Too many failed attempts: this account is locked for {minutes} minutes. Try again later."


def record_logout(user: User, *, now: datetime) -> None:
    """End every session of the user and note the logout."""
    user.end_sessions()
    _note("auth.logout", user, now)
