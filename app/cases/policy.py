"""Who may see and change which case: the one place that decides it.

Every query of cases starts from `visible_cases(user)`; a case the user may not see
answers 404 through `get_case_or_404`, which records the refusal in the audit trail.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from app.auth.access import deny
from app.auth.models import Role, User
from app.cases.models import Case
from app.extensions import db
from app.operations.models import operation_members


def _attached_operations(user: User) -> sa.Select:
    return sa.select(operation_members.c.operation_id).where(operation_members.c.user_id == user.id)


def visibility(user: User) -> sa.ColumnElement[bool]:
    """The SQL condition a case must meet for `user` to see it."""
    role = user.role
    if role == Role.ADMIN:
        return sa.true()
    if role in (Role.SUPERVISOR, Role.CLERK):
        if user.office_id is None:
            return sa.false()
        in_office = Case.office_id == user.office_id
        return in_office if role == Role.SUPERVISOR else sa.and_(in_office, Case.sealed.is_(False))
    if role == Role.PROSECUTOR:
        return sa.or_(
            Case.prosecutor_id == user.id,
            sa.and_(Case.operation_id.in_(_attached_operations(user)), Case.sealed.is_(False)),
        )
    if role == Role.INVESTIGATOR:
        return sa.and_(Case.operation_id.in_(_attached_operations(user)), Case.sealed.is_(False))
    return sa.false()


def visible_cases(user: User) -> sa.Select:
    """A query of the cases `user` may see."""
    return sa.select(Case).where(visibility(user))


def can_see_case(user: User, case: Case) -> bool:
    return db.session.scalar(sa.select(sa.literal(True)).where(Case.id == case.id, visibility(user))) is True


def can_edit_case(user: User, case: Case) -> bool:
    """The assigned prosecutor, the office's supervisors and admins change a case."""
    if user.role == Role.ADMIN:
        return True
    if user.role == Role.SUPERVISOR:
        return user.office_id is not None and user.office_id == case.office_id
    return user.role == Role.PROSECUTOR and case.prosecutor_id == user.id


def can_record_facts(user: User, case: Case) -> bool:
    """Editors, and investigators who see the case, record arrests, seizures and persons."""
    if can_edit_case(user, case):
        return True
    return user.role == Role.INVESTIGATOR and can_see_case(user, case)


def get_case_or_404(
    case_id: int, *, for_edit: bool = False, for_facts: bool = False, options: Sequence = (), user: User
) -> Case:
    """Load a case `user` may see (and edit, or record facts in), or answer 404 and audit the refusal."""
    case = db.session.scalars(visible_cases(user).where(Case.id == case_id).options(*options)).unique().first()
    if case is None:
        deny(404, reason="case not visible", object_type="case", object_id=case_id)
    if for_edit and not can_edit_case(user, case):
        deny(404, reason="case not editable", object_type="case", object_id=case_id)
    if for_facts and not can_record_facts(user, case):
        deny(404, reason="may not record facts in case", object_type="case", object_id=case_id)
    return case
