"""The weekly digest: Monday 07:00 in each office's zone, one per prosecutor and one per supervisor.

A digest goes out even when there is nothing to report: its absence would be ambiguous
(nothing due, or mail lost, or Docket down?), and a short "nothing due" confirms the week.
The hourly job sends each office's digests once Monday 07:00 has passed there, so a
scheduler that was down catches up with a late digest instead of skipping the week.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.assignments.queries import office_caseload
from app.auth.models import Office, Role, User
from app.cases.models import ACTIVE_STAGES, Case, Custody, Defendant
from app.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from app.extensions import db
from app.notifications.messages import notify
from app.notifications.models import Notification

DIGEST_TIME = time(7, 0)
QUIET_DAYS = 30


@dataclass
class ProsecutorWeek:
    overdue: list[Deadline] = field(default_factory=list)
    this_week: list[Deadline] = field(default_factory=list)
    next_week: list[Deadline] = field(default_factory=list)
    custody: list[tuple[Defendant, Deadline | None]] = field(default_factory=list)
    quiet_cases: list[Case] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.this_week or self.next_week or self.custody or self.quiet_cases)


def week_of(moment: datetime, zone: ZoneInfo) -> tuple[date, str]:
    """The Monday of the local week containing `moment`, and its ISO name ("2019-W35")."""
    day = moment.astimezone(zone).date()
    monday = day - timedelta(days=day.weekday())
    year, week, _ = monday.isocalendar()
    return monday, f"{year}-W{week:02d}"


def send_digests(*, now: datetime, wait_for_monday_morning: bool = True) -> int:
    """Queue this week's digests for every office; return how many were queued.

    The scheduler waits for Monday 07:00 local; by hand (`flask digest send`) the week of `now` is sent at once.
    """
    queued = 0
    for office in db.session.scalars(sa.select(Office).order_by(Office.id)):
        zone = office.zone
        monday, week = week_of(now, zone)
        if wait_for_monday_morning and now < datetime.combine(monday, DIGEST_TIME, tzinfo=zone):
            continue
        queued += _office_digests(office, zone, monday, week, now=now)
    return queued


def _office_digests(office: Office, zone: ZoneInfo, monday: date, week: str, *, now: datetime) -> int:
    users = db.session.scalars(
        sa.select(User)
        .where(User.office_id == office.id, User.active.is_(True), User.role.in_([Role.PROSECUTOR, Role.SUPERVISOR]))
        .order_by(User.name)
    ).all()
    keys = {
        user.id: f"{'digest' if user.role == Role.PROSECUTOR else 'team-digest'}:{week}:{user.id}" for user in users
    }
    done = set(db.session.scalars(sa.select(Notification.key).where(Notification.key.in_(keys.values()))))
    users = [user for user in users if keys[user.id] not in done]
    if not users:
        return 0
    weeks = _prosecutor_weeks(office, monday, now=now)
    context = {"office": office, "zone": zone, "monday": monday, "week": week}

    def send(user: User, template: str, **facts) -> int:
        return notify(user, kind="digest", key=keys[user.id], template=template, now=now, **context, **facts)

    queued = 0
    for user in users:
        if user.role == Role.PROSECUTOR:
            queued += send(user, "digest", mine=weeks.get(user.id, ProsecutorWeek()))
    supervisors = [user for user in users if user.role == Role.SUPERVISOR]
    if supervisors:
        caseload = office_caseload(office, now=now)
        overdue = [deadline for week_ in list(weeks.values()) for deadline in week_.overdue]
        overdue.sort(key=lambda d: d.due_at)
        for user in supervisors:
            queued += send(user, "team_digest", caseload=caseload, overdue=overdue)
    return queued


def _prosecutor_weeks(office: Office, monday: date, *, now: datetime) -> dict[int | None, ProsecutorWeek]:
    """Each prosecutor's week (None for unassigned cases), from three queries for the whole office."""
    weeks: dict[int | None, ProsecutorWeek] = defaultdict(ProsecutorWeek)
    next_monday, after_next = monday + timedelta(days=7), monday + timedelta(days=14)
    deadlines = db.session.scalars(
        sa.select(Deadline)
        .join(Deadline.case)
        .where(Case.office_id == office.id, Deadline.status == DeadlineStatus.OPEN, Deadline.due_date < after_next)
        .options(
            joinedload(Deadline.case).joinedload(Case.prosecutor),
            joinedload(Deadline.defendant).joinedload(Defendant.person),
        )
        .order_by(Deadline.due_at, Deadline.id)
    ).all()
    next_limit: dict[int, Deadline] = {}
    for deadline in deadlines:
        week = weeks[deadline.case.prosecutor_id]
        if deadline.due_at < now:
            week.overdue.append(deadline)
        elif deadline.due_date < next_monday:
            week.this_week.append(deadline)
        else:
            week.next_week.append(deadline)
    for deadline in db.session.scalars(
        sa.select(Deadline)
        .join(Deadline.case)
        .where(
            Case.office_id == office.id,
            Deadline.status == DeadlineStatus.OPEN,
            Deadline.kind == DeadlineKind.LIMIT,
            Deadline.defendant_id.is_not(None),
            Deadline.due_at >= now,
        )
        .order_by(Deadline.due_at.desc())
    ):
        next_limit[deadline.defendant_id] = deadline  # descending: the earliest is written last
    in_custody = db.session.scalars(
        sa.select(Defendant)
        .join(Defendant.case)
        .where(
            Case.office_id == office.id,
            Case.stage.in_(ACTIVE_STAGES),
            Defendant.custody.in_([Custody.ARRESTED, Custody.DETAINED]),
        )
        .options(joinedload(Defendant.case), joinedload(Defendant.person))
        .order_by(Defendant.id)
    ).all()
    for defendant in in_custody:
        weeks[defendant.case.prosecutor_id].custody.append((defendant, next_limit.get(defendant.id)))
    quiet = db.session.scalars(
        sa.select(Case)
        .where(
            Case.office_id == office.id,
            Case.stage.in_(ACTIVE_STAGES),
            Case.last_activity_at < now - timedelta(days=QUIET_DAYS),
        )
        .order_by(Case.last_activity_at)
    ).all()
    for case in quiet:
        weeks[case.prosecutor_id].quiet_cases.append(case)
    return weeks
