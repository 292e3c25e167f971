"""Cases and deadlines for the reminder and digest tests, built directly with the values a rule would give."""
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from app.extensions import db
from app.notifications.models import Notification

VIENNA = ZoneInfo("Europe/Vienna")


def vienna(*args) -> datetime:
    return datetime(*args, tzinfo=VIENNA)


def deadline(case, *, title="First detention review", act_by: date | None = None, due_at: datetime | None = None,
             kind=DeadlineKind.LIMIT, reminders=None, defendant=None, status=DeadlineStatus.OPEN) -> Deadline:
    """An all-day deadline acting by `act_by`, or an hour deadline due at `due_at`."""
    if act_by is not None:
        due_at = datetime.combine(act_by, time.max, tzinfo=VIENNA).astimezone(UTC)
    local = due_at.astimezone(VIENNA)
    row = Deadline(case=case, defendant=defendant, rule_id="at_detention_review_first", title=title, kind=kind,
                   reference="§ 175 StPO", due_at=due_at, due_date=local.date(), act_by=act_by or local.date(),
                   all_day=act_by is not None, status=status, explanation="Detention imposed + 14 days",
                   reminder_offsets=list(reminders) if reminders else [])
    db.session.add(row)
    db.session.commit()
    return row


def queued(kind: str | None = None) -> list[Notification]:
    query = sa.select(Notification).order_by(Notification.id)
    if kind:
        query = query.where(Notification.kind == kind)
    db.session.expire_all()
    return list(db.session.scalars(query))
