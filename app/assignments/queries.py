"""What the caseload pages show, each in a fixed number of statements."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.assignments.loads import Candidate, Roster, build_roster, case_loads
from app.assignments.models import Absence, Assignment
from app.auth.models import Office, Role, User
from app.cases.models import ACTIVE_STAGES, Case, Defendant
from app.cases.policy import visible_cases
from app.deadlines.models import Deadline, DeadlineStatus
from app.extensions import db


@dataclass
class ProsecutorLoad:
    candidate: Candidate
    by_stage: Counter = field(default_factory=Counter)
    in_custody: int = 0
    overdue: int = 0

    @property
    def user(self) -> User:
        return self.candidate.user


@dataclass
class OfficeCaseload:
    roster: Roster
    rows: list[ProsecutorLoad]
    unassigned: int

    @property
    def highest(self) -> Decimal:
        return max((r.candidate.relative for r in self.present_rows()), default=Decimal(0))

    @property
    def lowest(self) -> Decimal:
        return min((r.candidate.relative for r in self.present_rows()), default=Decimal(0))

    @property
    def spread(self) -> Decimal:
        return self.highest - self.lowest

    @property
    def scale(self) -> Decimal:
        """The load the chart's full width stands for."""
        return max([r.candidate.relative for r in self.rows] + [Decimal(1)])

    def present_rows(self) -> list[ProsecutorLoad]:
        return [r for r in self.rows if r.candidate.absence_on(self.roster.day) is None]


def office_caseload(office: Office, *, now: datetime) -> OfficeCaseload:
    """Per prosecutor: active cases by stage, defendants in custody, overdue deadlines and load."""
    roster = build_roster(office, now=now)
    rows = {c.id: ProsecutorLoad(c) for c in roster.candidates}
    unassigned = 0
    for case in case_loads(office.id, roster.weights):
        if case.prosecutor_id is None:
            unassigned += 1
        elif case.prosecutor_id in rows:
            rows[case.prosecutor_id].by_stage[case.stage] += 1
            rows[case.prosecutor_id].in_custody += case.in_custody
    for prosecutor_id, overdue in overdue_by_prosecutor(office, now=now).items():
        if prosecutor_id in rows:
            rows[prosecutor_id].overdue = overdue
    return OfficeCaseload(roster, list(rows.values()), unassigned)


def overdue_by_prosecutor(office: Office, *, now: datetime) -> dict[int, int]:
    query = (
        sa.select(Case.prosecutor_id, sa.func.count(Deadline.id))
        .join(Case, Case.id == Deadline.case_id)
        .where(
            Case.office_id == office.id,
            Case.prosecutor_id.is_not(None),
            Deadline.status == DeadlineStatus.OPEN,
            Deadline.due_at < now,
        )
        .group_by(Case.prosecutor_id)
    )
    return dict(db.session.execute(query).all())


@dataclass
class MyCase:
    case: Case
    next_due: datetime | None
    overdue: bool

    @property
    def in_custody(self) -> int:
        return sum(1 for d in self.case.defendants if d.custody.in_custody)


def my_cases(user: User, *, now: datetime) -> list[MyCase]:
    """The user's own active cases, the next deadline first, then the most recently active."""
    next_due = (
        sa.select(Deadline.case_id, sa.func.min(Deadline.due_at).label("due_at"))
        .where(Deadline.status == DeadlineStatus.OPEN)
        .group_by(Deadline.case_id)
        .subquery()
    )
    query = (
        visible_cases(user)
        .add_columns(next_due.c.due_at)
        .outerjoin(next_due, next_due.c.case_id == Case.id)
        .where(Case.prosecutor_id == user.id, Case.stage.in_(ACTIVE_STAGES))
        .options(joinedload(Case.operation), selectinload(Case.defendants).joinedload(Defendant.person))
        .order_by(
            sa.case((next_due.c.due_at.is_(None), 1), else_=0), next_due.c.due_at, Case.last_activity_at.desc(), Case.id
        )
    )
    rows = []
    for case, due_at in db.session.execute(query).unique():
        rows.append(MyCase(case, due_at, due_at is not None and due_at < now))
    return rows


def history_of(case: Case) -> list[Assignment]:
    """The case's assignments, newest first, with the people named in them."""
    return db.session.scalars(
        sa.select(Assignment)
        .where(Assignment.case_id == case.id)
        .options(joinedload(Assignment.from_user), joinedload(Assignment.to_user), joinedload(Assignment.by_user))
        .order_by(Assignment.id.desc())
    ).all()


def case_panel_context(case: Case, user: User, now: datetime) -> list[Assignment]:
    """The case page's assignment panel: the case's history (app/domain.py registers it)."""
    return history_of(case)


def active_prosecutors(office_id: int, *, besides: int | None = None) -> list[User]:
    """The office's active prosecutors by name, leaving out the user `besides` (the one assigned now)."""
    return db.session.scalars(
        sa.select(User)
        .where(
            User.office_id == office_id, User.role == Role.PROSECUTOR, User.active.is_(True), User.id != (besides or 0)
        )
        .order_by(User.name)
    ).all()


def deputies_for(prosecutor: User) -> list[User]:
    """Who may stand in for `prosecutor`: the other active prosecutors and supervisors of the office."""
    return db.session.scalars(
        sa.select(User)
        .where(
            User.office_id == prosecutor.office_id,
            User.id != prosecutor.id,
            User.active.is_(True),
            User.role.in_([Role.PROSECUTOR, Role.SUPERVISOR]),
        )
        .order_by(User.name)
    ).all()


def absences_of(prosecutor: User) -> list[Absence]:
    """The prosecutor's absences, the latest first, with their deputies."""
    return db.session.scalars(
        sa.select(Absence)
        .where(Absence.user_id == prosecutor.id)
        .options(joinedload(Absence.deputy))
        .order_by(Absence.starts_on.desc())
    ).all()


def unassigned_cases(office: Office) -> list[Case]:
    return db.session.scalars(
        sa.select(Case)
        .where(Case.office_id == office.id, Case.prosecutor_id.is_(None), Case.stage.in_(ACTIVE_STAGES))
        .options(joinedload(Case.operation))
        .order_by(Case.id)
    ).all()
