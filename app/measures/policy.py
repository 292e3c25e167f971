"""Who may see and change measures: need to know, decided in one place.

Only the case's prosecutor, the supervisors of the case's office and admins see a
measure. Roles without `Can.HANDLE_MEASURES` are refused every measure page alike (403,
before any measure is looked up); a user of such a role who may not see this measure is
told it does not exist (404), so that neither a measure nor the number of measures in a
case leaks. Every refusal is audited.
"""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.auth.access import deny
from app.auth.models import Role, User
from app.cases.models import Case
from app.extensions import db
from app.measures.models import Measure


def measure_visibility(user: User) -> sa.ColumnElement[bool]:
    """The SQL condition on Case a measure's case must meet for `user` to see the measure."""
    if user.role == Role.ADMIN:
        return sa.true()
    if user.role == Role.SUPERVISOR and user.office_id is not None:
        return Case.office_id == user.office_id
    if user.role == Role.PROSECUTOR:
        return Case.prosecutor_id == user.id
    return sa.false()


def may_see_measures(user: User, case: Case) -> bool:
    """Whether `user` may see the measures of `case` (and that it has any)."""
    if not user.is_authenticated:
        return False
    if user.role == Role.ADMIN:
        return True
    if user.role == Role.SUPERVISOR:
        return user.office_id is not None and user.office_id == case.office_id
    return user.role == Role.PROSECUTOR and case.prosecutor_id == user.id


def may_see_running_counts(user: User, operation) -> bool:
    """The operation's team, its office's supervisors and admins may see how many measures run (counts only)."""
    if not user.is_authenticated:
        return False
    if user.role == Role.ADMIN or (user.role == Role.SUPERVISOR and user.office_id == operation.office_id):
        return True
    return any(member.id == user.id for member in operation.team)


def visible_measures(user: User) -> sa.Select:
    """A query of the measures `user` may see."""
    return sa.select(Measure).join(Case, Measure.case_id == Case.id).where(measure_visibility(user))


def get_case_for_measures_or_404(case_id: int, user: User) -> Case:
    """The case whose measures `user` may see and record, or a recorded 404."""
    case = db.session.scalar(
        sa.select(Case).where(Case.id == case_id, measure_visibility(user)).options(joinedload(Case.office))
    )
    if case is None:
        deny(404, reason="measures of case not visible", object_type="case", object_id=case_id)
    return case


def get_measure_or_404(measure_id: int, user: User) -> Measure:
    """A measure `user` may see, with its case, target and renewals, or a recorded 404."""
    measure = db.session.scalar(
        visible_measures(user)
        .where(Measure.id == measure_id)
        .options(
            joinedload(Measure.case).joinedload(Case.office),
            joinedload(Measure.target_person),
            joinedload(Measure.expiry_deadline),
            selectinload(Measure.renewals),
        )
    )
    if measure is None:
        deny(404, reason="measure not visible", object_type="measure", object_id=measure_id)
    return measure


def deadline_visibility(user: User) -> sa.ColumnElement[bool]:
    """The SQL condition on Deadline that hides measures' expiry limits from users without need to know.

    A measure's expiry limit is a row in its case's deadlines, which the case's readers
    see; its title alone tells that the case has a measure. Deadline lists apply this.
    """
    from app.deadlines.models import Deadline

    return sa.or_(
        Deadline.trigger_event.is_(None),
        Deadline.trigger_event != "measure_ordered",
        Deadline.case_id.in_(sa.select(Case.id).where(measure_visibility(user))),
    )
