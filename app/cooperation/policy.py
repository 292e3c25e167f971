"""Who may see cooperation requests, joint meetings and disclosures.

Cooperation is work of prosecutors and police liaisons: clerks and viewers have no
pages here. Within the office, a request is seen by whoever sees one of its cases (or
by anyone when it concerns no case yet); a meeting by the team of its operation. A
disclosure of a measure's material is seen only by those who may see the measure.
"""

import sqlalchemy as sa

from app.auth.access import deny
from app.auth.models import Role, User
from app.auth.permissions import PERMISSIONS, Can
from app.cases.models import Case
from app.cases.policy import visibility
from app.cooperation.models import (
    CooperationRequest,
    Disclosure,
    JointMeeting,
    cooperation_request_cases,
)
from app.extensions import db
from app.measures.models import Measure
from app.measures.policy import measure_visibility
from app.operations.models import operation_members

#: The roles with cooperation pages at all; which requests and meetings they see is below.
COOPERATING = PERMISSIONS[Can.COOPERATE]


def _in_office(column, user: User) -> sa.ColumnElement[bool]:
    return column == user.office_id if user.office_id is not None else sa.false()


def _by_role(column, user: User) -> sa.ColumnElement[bool] | None:
    """Admins see every row, supervisors their office's, roles without cooperation pages none; None: it depends."""
    if user.role == Role.ADMIN:
        return sa.true()
    if user.role == Role.SUPERVISOR:
        return _in_office(column, user)
    if user.role not in COOPERATING:
        return sa.false()
    return None


def request_visibility(user: User) -> sa.ColumnElement[bool]:
    if (seen := _by_role(CooperationRequest.office_id, user)) is not None:
        return seen
    in_office = _in_office(CooperationRequest.office_id, user)
    links = sa.select(cooperation_request_cases.c.case_id).where(
        cooperation_request_cases.c.request_id == CooperationRequest.id
    )
    seen_case = sa.exists(sa.select(Case.id).where(Case.id.in_(links.scalar_subquery()), visibility(user)))
    return sa.and_(in_office, sa.or_(CooperationRequest.created_by_id == user.id, ~sa.exists(links), seen_case))


def meeting_visibility(user: User) -> sa.ColumnElement[bool]:
    if (seen := _by_role(JointMeeting.office_id, user)) is not None:
        return seen
    attached = sa.select(operation_members.c.operation_id).where(operation_members.c.user_id == user.id)
    own_cases = sa.select(Case.operation_id).where(Case.prosecutor_id == user.id, Case.operation_id.is_not(None))
    return sa.and_(
        _in_office(JointMeeting.office_id, user),
        sa.or_(
            JointMeeting.operation_id.is_(None),
            JointMeeting.created_by_id == user.id,
            JointMeeting.operation_id.in_(attached),
            JointMeeting.operation_id.in_(own_cases),
        ),
    )


def disclosure_visibility(user: User) -> sa.ColumnElement[bool]:
    """Disclosures of the office; those of a measure's material only for users who see the measure."""
    if user.role not in COOPERATING:
        return sa.false()
    measure_seen = Disclosure.measure_id.in_(
        sa.select(Measure.id).join(Case, Measure.case_id == Case.id).where(measure_visibility(user))
    )
    office = sa.true() if user.role == Role.ADMIN else _in_office(Disclosure.office_id, user)
    meeting_seen = sa.or_(
        Disclosure.meeting_id.is_(None),
        Disclosure.meeting_id.in_(sa.select(JointMeeting.id).where(meeting_visibility(user))),
    )
    return sa.and_(office, meeting_seen, sa.or_(Disclosure.measure_id.is_(None), measure_seen))


def visible_requests(user: User) -> sa.Select:
    return sa.select(CooperationRequest).where(request_visibility(user))


def visible_meetings(user: User) -> sa.Select:
    return sa.select(JointMeeting).where(meeting_visibility(user))


def get_request_or_404(request_id: int, user: User, *, options=()) -> CooperationRequest:
    found = db.session.scalar(visible_requests(user).where(CooperationRequest.id == request_id).options(*options))
    if found is None:
        deny(404, reason="cooperation request not visible", object_type="cooperation_request", object_id=request_id)
    return found


def get_meeting_or_404(meeting_id: int, user: User, *, options=()) -> JointMeeting:
    found = db.session.scalar(visible_meetings(user).where(JointMeeting.id == meeting_id).options(*options))
    if found is None:
        deny(404, reason="joint meeting not visible", object_type="joint_meeting", object_id=meeting_id)
    return found
