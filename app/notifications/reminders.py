"""Reminders before a deadline and escalations after it: one pass works out what is due from the data.

Each reminder offset has a deterministic key ("reminder:deadline:42:2d"), so a pass that
runs twice, or two passes at once, queue it once. Of the offsets whose time has passed
only the latest counts: a reminder missed while Docket was down is sent late, once, and a
deadline entered late does not fire all its earlier reminders at once.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.assignments.models import Absence
from app.auth.models import Role, User
from app.cases.models import Case, Defendant
from app.deadlines.engine import day_reminder_moment
from app.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from app.extensions import db
from app.notifications.messages import notify

DAY_OFFSETS = ("7d", "2d", "0d")
HOUR_OFFSETS = ("24h", "6h", "1h")
#: Day reminders go out at the start of the office's working day.
REMINDER_HOUR = time(7, 0)
#: Reminders are looked for this far ahead (longer than any rule's earliest reminder).
HORIZON = timedelta(days=400)


@dataclass
class ReminderReport:
    reminders: int = 0
    escalations: int = 0

    def __str__(self) -> str:
        return f"{self.reminders} reminders and {self.escalations} escalations queued"


def offsets_of(deadline: Deadline) -> tuple[str, ...]:
    return tuple(deadline.reminder_offsets or (DAY_OFFSETS if deadline.all_day else HOUR_OFFSETS))


def reminder_time(deadline: Deadline, offset: str, zone: ZoneInfo) -> datetime:
    """When an offset's reminder is due: hours before the due time, or 07:00 local some days before the act-by day."""
    amount, unit = int(offset[:-1]), offset[-1]
    if unit == "h":
        return deadline.due_at - timedelta(hours=amount)
    return day_reminder_moment(deadline, amount, zone, REMINDER_HOUR)


def send_reminders(*, now: datetime) -> ReminderReport:
    """Queue the reminders and escalations due at `now`."""
    report = ReminderReport()
    deadlines = db.session.scalars(
        sa.select(Deadline)
        .join(Deadline.case)
        .where(Deadline.status == DeadlineStatus.OPEN, Deadline.due_at <= now + HORIZON)
        .options(
            joinedload(Deadline.case).options(joinedload(Case.office), joinedload(Case.prosecutor)),
            joinedload(Deadline.defendant).joinedload(Defendant.person),
        )
        .order_by(Deadline.due_at, Deadline.id)
    ).all()
    deputies = _deputies(now)
    supervisors = _supervisors_by_office()
    for deadline in deadlines:
        zone = deadline.case.office.zone
        if deadline.due_at > now:
            report.reminders += _remind(deadline, zone, deputies, supervisors, now=now)
        else:
            report.escalations += _escalate(deadline, zone, supervisors, now=now)
    return report


def _remind(deadline: Deadline, zone: ZoneInfo, deputies, supervisors, *, now: datetime) -> int:
    passed = [(reminder_time(deadline, offset, zone), offset) for offset in offsets_of(deadline)]
    passed = [item for item in passed if item[0] <= now]
    if not passed:
        return 0
    _, offset = max(passed)
    today = deadline.case.office.today(now)
    prosecutor = deadline.case.prosecutor
    if prosecutor is not None and prosecutor.active:
        recipients = [deputies.get((prosecutor.id, today)) or prosecutor]
    else:  # nobody is assigned: the office's supervisors must see to it
        recipients = supervisors.get(deadline.case.office_id, [])
    queued = 0
    for recipient in recipients:
        key = f"reminder:deadline:{deadline.id}:{offset}"
        if len(recipients) > 1:
            key += f":{recipient.id}"
        queued += notify(
            recipient,
            kind="reminder",
            key=key,
            template="reminder",
            now=now,
            deadline=deadline,
            offset=offset,
            zone=zone,
            covering_for=_covered(recipient, prosecutor),
        )
    return queued


def _escalate(deadline: Deadline, zone: ZoneInfo, supervisors, *, now: datetime) -> int:
    day = deadline.case.office.today(now)
    queued = 0
    for supervisor in supervisors.get(deadline.case.office_id, []):
        queued += notify(
            supervisor,
            kind="escalation",
            key=f"escalation:deadline:{deadline.id}:{day}:{supervisor.id}",
            template="escalation",
            now=now,
            compulsory=deadline.kind == DeadlineKind.LIMIT,
            deadline=deadline,
            zone=zone,
            overdue_days=(day - deadline.due_date).days,
        )
    return queued


def _covered(recipient: User, prosecutor: User | None) -> User | None:
    return prosecutor if prosecutor is not None and recipient.id != prosecutor.id else None


def _deputies(now: datetime) -> dict[tuple[int, date], User]:
    """(absent user, day) -> deputy, for the days around now (offices' zones differ by hours, not days)."""
    days = [(now + timedelta(days=shift)).date() for shift in (-1, 0, 1)]
    absences = db.session.scalars(
        sa.select(Absence)
        .where(Absence.deputy_id.is_not(None), Absence.starts_on <= days[-1], Absence.ends_on >= days[0])
        .options(joinedload(Absence.deputy))
    ).all()
    return {
        (absence.user_id, day): absence.deputy
        for absence in absences
        for day in days
        if absence.covers(day) and absence.deputy.active
    }


def _supervisors_by_office() -> dict[int, list[User]]:
    by_office = defaultdict(list)
    for user in db.session.scalars(
        sa.select(User).where(User.role == Role.SUPERVISOR, User.active.is_(True)).order_by(User.id)
    ):
        by_office[user.office_id].append(user)
    return by_office
