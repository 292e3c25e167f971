"""Read deadlines the way the pages show them, always scoped by the cases the user may see."""

import calendar as month_calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload, selectinload

from app.auth.models import Role, User
from app.cases.models import Case, Defendant
from app.cases.policy import visibility
from app.core.formatting import viewer_zone
from app.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from app.extensions import db
from app.operations.models import Operation

#: The sections of the cross-case page, in order.
SECTIONS = (("overdue", "Overdue"), ("today", "Act today"), ("week", "This week"), ("month", "Next 30 days"))
HORIZON_DAYS = 30
#: Where the app keeps the filters other features add to what a user sees of deadlines
#: (register_domain): each is `filter(user) -> SQL condition on Deadline`.
DEADLINE_FILTERS = "docket.deadline_filters"


def shown_to(user: User) -> sa.ColumnElement[bool]:
    """The deadlines every contributed filter lets `user` see (measures' limits need need to know)."""
    return sa.and_(sa.true(), *(shown(user) for shown in current_app.extensions.get(DEADLINE_FILTERS, ())))


def visible_deadlines(user: User) -> sa.Select:
    """Deadlines of the cases `user` may see, with case, prosecutor and defendant loaded.

    Features' filters apply too: measures' expiry limits are left out for users without
    need to know, as their titles alone would tell that a case has an interception.
    """
    return (
        sa.select(Deadline)
        .join(Deadline.case)
        .where(visibility(user), shown_to(user))
        .options(
            joinedload(Deadline.case).joinedload(Case.prosecutor),
            joinedload(Deadline.case).joinedload(Case.operation),
            joinedload(Deadline.defendant).joinedload(Defendant.person),
        )
    )


@dataclass
class DeadlineFilters:
    prosecutor_id: int | None = None
    operation_id: int | None = None
    kind: DeadlineKind | None = None
    jurisdiction: str | None = None

    def apply(self, query: sa.Select) -> sa.Select:
        if self.prosecutor_id:
            query = query.where(Case.prosecutor_id == self.prosecutor_id)
        if self.operation_id:
            query = query.where(Case.operation_id == self.operation_id)
        if self.kind:
            query = query.where(Deadline.kind == self.kind)
        if self.jurisdiction:
            query = query.where(Case.jurisdiction == self.jurisdiction)
        return query


@dataclass
class Agenda:
    """Open deadlines sorted into the sections of the cross-case page."""

    today: date
    sections: dict[str, list[Deadline]] = field(default_factory=lambda: {key: [] for key, _ in SECTIONS})

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.sections.values())

    def rows(self):
        """(section label, deadline) in page order, for the CSV export."""
        for key, label in SECTIONS:
            for deadline in self.sections[key]:
                yield label, deadline


def agenda(user: User, filters: DeadlineFilters, *, now: datetime) -> Agenda:
    """Open deadlines overdue or to act on within the next 30 days, by section."""
    today = now.astimezone(viewer_zone(user)).date()
    end_of_week = today + timedelta(days=6 - today.weekday())
    query = filters.apply(visible_deadlines(user)).where(
        Deadline.status == DeadlineStatus.OPEN, Deadline.act_by <= today + timedelta(days=HORIZON_DAYS)
    )
    result = Agenda(today)
    for deadline in db.session.scalars(query.order_by(Deadline.act_by, Deadline.due_at, Deadline.id)).unique():
        if deadline.due_at < now:
            key = "overdue"
        elif deadline.act_by <= today:
            key = "today"  # includes a limit whose act-by day passed before its due day
        elif deadline.act_by <= end_of_week:
            key = "week"
        else:
            key = "month"
        result.sections[key].append(deadline)
    return result


def month_deadlines(user: User, first: date, filters: DeadlineFilters) -> dict[date, list[Deadline]]:
    """Open and met deadlines due in the month starting on `first`, by due date."""
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    query = filters.apply(visible_deadlines(user)).where(
        Deadline.status.in_((DeadlineStatus.OPEN, DeadlineStatus.MET)),
        Deadline.due_date >= first,
        Deadline.due_date <= last,
    )
    by_day: dict[date, list[Deadline]] = defaultdict(list)
    for deadline in db.session.scalars(query.order_by(Deadline.due_at, Deadline.id)).unique():
        by_day[deadline.due_date].append(deadline)
    return by_day


def case_deadlines(case: Case, user: User) -> list[Deadline]:
    """Every deadline of a case `user` may see: open ones first by due time, then the closed ones, latest first."""
    query = (
        sa.select(Deadline)
        .where(Deadline.case_id == case.id, shown_to(user))
        .options(
            joinedload(Deadline.defendant).joinedload(Defendant.person),
            joinedload(Deadline.closed_by),
            selectinload(Deadline.superseded_by),
        )
    )
    rows = db.session.scalars(query.order_by(Deadline.due_at, Deadline.id)).unique().all()
    open_rows = [d for d in rows if d.status == DeadlineStatus.OPEN]
    closed = sorted(
        (d for d in rows if d.status != DeadlineStatus.OPEN),
        key=lambda d: (d.closed_at or d.due_at, d.id),
        reverse=True,
    )
    return open_rows + closed


def next_open(case: Case, user: User, limit: int = 5) -> list[Deadline]:
    """The case's next open deadlines that `user` may see, for the panel on the case page."""
    query = (
        sa.select(Deadline)
        .where(Deadline.case_id == case.id, Deadline.status == DeadlineStatus.OPEN, shown_to(user))
        .options(joinedload(Deadline.defendant).joinedload(Defendant.person))
        .order_by(Deadline.act_by, Deadline.due_at, Deadline.id)
        .limit(limit)
    )
    return list(db.session.scalars(query).unique())


class CaseDeadlinePanel(NamedTuple):
    deadlines: list[Deadline]
    now: datetime
    zone: ZoneInfo


def case_panel_context(case: Case, user: User, now: datetime) -> CaseDeadlinePanel:
    """The case page's deadlines panel: the next open deadlines, with the moment and zone they are shown in."""
    return CaseDeadlinePanel(next_open(case, user), now, case.office.zone)


def first_due_by_case(case_ids: list[int], user: User) -> dict[int, Deadline]:
    """Each case's open deadline due first (the earliest id on a tie), by case id: one query for any number of cases."""
    if not case_ids:
        return {}
    shown = (Deadline.case_id.in_(case_ids), Deadline.status == DeadlineStatus.OPEN, shown_to(user))
    first_due = (
        sa.select(Deadline.case_id, sa.func.min(Deadline.due_at).label("due_at"))
        .where(*shown)
        .group_by(Deadline.case_id)
        .subquery()
    )
    query = (
        sa.select(Deadline)
        .join(first_due, sa.and_(Deadline.case_id == first_due.c.case_id, Deadline.due_at == first_due.c.due_at))
        .where(*shown)
        .order_by(Deadline.id)
    )
    by_case: dict[int, Deadline] = {}
    for deadline in db.session.scalars(query):
        by_case.setdefault(deadline.case_id, deadline)
    return by_case


def own_open_deadlines(user: User) -> list[Deadline]:
    """Open deadlines of the cases `user` is the prosecutor of: what their calendar feed carries."""
    query = (
        sa.select(Deadline)
        .join(Deadline.case)
        .where(Case.prosecutor_id == user.id, Deadline.status == DeadlineStatus.OPEN)
        .options(joinedload(Deadline.case))
        .order_by(Deadline.due_at, Deadline.id)
    )
    return list(db.session.scalars(query).unique())


def filter_choices(user: User) -> tuple[list[User], list[Operation]]:
    """Prosecutors and operations the filters of the cross-case page offer."""
    people = sa.select(User).where(User.role.in_((Role.PROSECUTOR, Role.SUPERVISOR)), User.active.is_(True))
    operations = sa.select(Operation)
    if user.role != Role.ADMIN:
        people = people.where(User.office_id == user.office_id)
        operations = operations.where(Operation.office_id == user.office_id)
    return (
        list(db.session.scalars(people.order_by(User.name))),
        list(db.session.scalars(operations.order_by(Operation.name))),
    )
