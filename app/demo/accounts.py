"""The demo office and its accounts."""

import secrets
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from app.auth.models import Office, Role, User
from app.auth.passwords import hash_password
from app.extensions import db
from app.users.services import create_user

DEMO_DOMAIN = "docket.example"
OFFICE_NAME = "Vienna Public Prosecutor's Office"

STAFF = [
    ("admin", "Sabine Leitner", Role.ADMIN),
    ("supervisor", "Dr. Harald Brunner", Role.SUPERVISOR),
    ("clerk", "Monika Aigner", Role.CLERK),
    ("investigator", "Insp. Thomas Gruber", Role.INVESTIGATOR),
    ("viewer", "Eva Wallner", Role.VIEWER),
]

PROSECUTORS = [
    "Mag. Katharina Huber",
    "Mag. Stefan Wagner",
    "Dr. Julia Pichler",
    "Mag. Andreas Moser",
    "Mag. Elisabeth Steiner",
    "Dr. Michael Hofer",
    "Mag. Christina Bauer",
    "Mag. Lukas Mayer",
    "Dr. Anna Fuchs",
    "Mag. Florian Schmid",
    "Mag. Theresa Eder",
    "Dr. Markus Schwarz",
    "Mag. Verena Berger",
    "Mag. Daniel Wimmer",
    "Dr. Barbara Winkler",
    "Mag. Patrick Lehner",
]


def demo_password(explicit: str | None) -> str:
    """Return the demo password: given, from DOCKET_DEMO_PASSWORD, or generated once under instance/."""
    import os

    if explicit:
        return explicit
    if os.environ.get("DOCKET_DEMO_PASSWORD"):
        return os.environ["DOCKET_DEMO_PASSWORD"]
    path = Path(current_app.instance_path) / "demo-password"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    return path.read_text().strip()


def demo_loaded() -> bool:
    return db.session.scalar(sa.select(Office.id).where(Office.name == OFFICE_NAME)) is not None


def demo_accounts() -> list[tuple[str, str, Role]]:
    accounts = [(f"{local}@{DEMO_DOMAIN}", name, role) for local, name, role in STAFF]
    accounts += [(f"prosecutor{n}@{DEMO_DOMAIN}", name, Role.PROSECUTOR) for n, name in enumerate(PROSECUTORS, 1)]
    return accounts


def load_accounts(password: str, *, now: datetime) -> tuple[Office, int]:
    """Create the Vienna office and its demo accounts; existing accounts are left as they are."""
    office = db.session.scalar(sa.select(Office).where(Office.name == OFFICE_NAME))
    if office is None:
        office = Office(name=OFFICE_NAME, timezone="Europe/Vienna", jurisdiction="AT", subdivision="9")
        db.session.add(office)
    existing = set(db.session.scalars(sa.select(User.email).where(User.email.endswith("@" + DEMO_DOMAIN))))
    missing = [account for account in demo_accounts() if account[0] not in existing]
    # The accounts share one password, so they share its hash: argon2 is slow on purpose (a fifth of a
    # second each), and hashing it 21 times over would cost the load four seconds and protect nothing more.
    password_hash = hash_password(password) if missing else None
    for email, name, role in missing:
        create_user(email=email, name=name, role=role, password_hash=password_hash, office=office, actor=None, now=now)
    return office, len(missing)
