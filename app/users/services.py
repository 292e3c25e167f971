"""Create, change and deactivate user accounts."""

from datetime import datetime

import sqlalchemy as sa

from app.audit.services import diff, record
from app.auth.models import Office, Role, User
from app.auth.passwords import hash_password
from app.errors import DomainError
from app.extensions import db


def accounts(role: Role | None = None) -> list[User]:
    """Every account, active ones first, by e-mail; only those of `role` when given."""
    query = sa.select(User).options(sa.orm.selectinload(User.office)).order_by(User.active.desc(), User.email)
    if role is not None:
        query = query.where(User.role == role)
    return db.session.scalars(query).all()


def snapshot(user: User) -> dict:
    return {
        "email": user.email,
        "name": user.name,
        "role": str(user.role),
        "office_id": user.office_id,
        "active": user.active,
    }


def create_user(
    *,
    email: str,
    name: str,
    role: Role,
    password: str | None = None,
    password_hash: str | None = None,
    office: Office | None,
    actor: User | None,
    now: datetime,
) -> User:
    """Add an account; the e-mail must be new regardless of case.

    Accounts made in bulk with one password may share its `password_hash`, hashed once
    (argon2 is slow on purpose), instead of giving the `password`.
    """
    email = email.strip().lower()
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise DomainError(f"An account for {email} already exists.", "email")
    user = User(
        email=email,
        name=name.strip(),
        role=Role(role),
        office=office,
        password_hash=password_hash or hash_password(password),
        password_changed_at=now,
        created_at=now,
    )
    db.session.add(user)
    db.session.flush()
    _note("user.create", user, actor=actor, now=now, changes=diff({}, snapshot(user)))
    return user


def update_user(
    user: User, *, email: str, name: str, role: Role, office: Office | None, actor: User, now: datetime
) -> None:
    """Change an account's details; a new role takes effect at the user's next request."""
    email = email.strip().lower()
    clash = db.session.scalar(sa.select(User.id).where(User.email == email, User.id != user.id))
    if clash is not None:
        raise DomainError(f"An account for {email} already exists.", "email")
    if user.id == actor.id and Role(role) != Role.ADMIN:
        raise DomainError("You cannot remove your own administrator role.", "role")
    before = snapshot(user)
    user.email, user.name, user.role, user.office = email, name.strip(), Role(role), office
    changes = diff(before, snapshot(user))
    if changes:
        _note("user.update", user, actor=actor, now=now, changes=changes)


def deactivate_user(user: User, *, actor: User | None, now: datetime) -> None:
    """Block the account and end all its sessions; its history stays."""
    if actor is not None and user.id == actor.id:
        raise DomainError("You cannot deactivate your own account.")
    if not user.active:
        return
    user.active = False
    user.deactivated_at = now
    user.end_sessions()
    _note("user.deactivate", user, actor=actor, now=now, changes={"active": [True, False]})


def reactivate_user(user: User, *, actor: User, now: datetime) -> None:
    if user.active:
        return
    user.active = True
    user.deactivated_at = None
    user.failed_logins = 0
    user.locked_until = None
    _note("user.reactivate", user, actor=actor, now=now, changes={"active": [False, True]})


def set_password(user: User, password: str, *, actor: User | None, now: datetime) -> None:
    """Set a new password (one's own, an admin's reset, or the CLI) and end the user's sessions."""
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    user.failed_logins = 0
    user.locked_until = None
    user.end_sessions()
    own = actor is not None and actor.id == user.id
    _note("auth.password_change" if own else "user.password_reset", user, actor=actor, now=now)


def _note(action: str, user: User, *, actor: User | None, now: datetime, changes: dict | None = None) -> None:
    """Add a change to `user`'s account to the audit trail; one without an actor was made on the command line."""
    record(
        action,
        actor=actor,
        actor_label=None if actor else "cli",
        now=now,
        object_type="user",
        object_id=user.id,
        changes=changes,
    )


def offices() -> list[Office]:
    return list(db.session.scalars(sa.select(Office).order_by(Office.name)))
