"""The case timeline: a line per thing that happened, with who and when."""

from datetime import datetime

import sqlalchemy as sa

from app.auth.models import User
from app.cases.models import Case, TimelineEntry, TimelineKind
from app.extensions import db


def add_entry(
    case: Case, kind: TimelineKind, summary: str, *, actor: User | None, now: datetime, details: dict | None = None
) -> TimelineEntry:
    """Add a line to the case's timeline and count it as activity on the case."""
    entry = TimelineEntry(
        case=case, kind=kind, summary=summary[:500], actor=actor, occurred_at=now, details=details or {}
    )
    db.session.add(entry)
    touch(case, now)
    return entry


def touch(case: Case, now: datetime) -> None:
    """Note activity on the case without bumping its version.

    Recording an arrest is no edit of the case's own fields, so it must not turn a
    colleague's concurrent edit of the case into a conflict.
    """
    if case.id is None:
        case.last_activity_at = now
        return
    db.session.execute(
        sa.update(Case).where(Case.id == case.id).values(last_activity_at=now),
        execution_options={"synchronize_session": "fetch"},
    )
