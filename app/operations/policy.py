"""Who may see which operation.

Admins see every operation; supervisors and viewers see their office's (viewers only
aggregates, which is all an operation page shows of persons); anyone else sees the
operations whose team they are on. Others are told the operation does not exist.
"""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.auth.access import deny
from app.auth.models import Role, User
from app.extensions import db
from app.operations.models import Operation, operation_members

OFFICE_WIDE = (Role.SUPERVISOR, Role.VIEWER)


def visible_operations(user: User) -> sa.Select:
    """A query of the operations `user` may see."""
    query = sa.select(Operation)
    if user.role == Role.ADMIN:
        return query
    on_team = Operation.id.in_(
        sa.select(operation_members.c.operation_id).where(operation_members.c.user_id == user.id)
    )
    if user.role in OFFICE_WIDE and user.office_id is not None:
        return query.where(sa.or_(Operation.office_id == user.office_id, on_team))
    return query.where(on_team)


def get_operation_or_404(operation_id: int, user: User) -> Operation:
    """The operation with its office and team, or a recorded 404 if `user` may not see it."""
    operation = db.session.scalar(
        visible_operations(user)
        .where(Operation.id == operation_id)
        .options(selectinload(Operation.team), selectinload(Operation.office))
    )
    if operation is None:
        deny(404, reason="operation not visible to the user", object_type="operation", object_id=operation_id)
    return operation
