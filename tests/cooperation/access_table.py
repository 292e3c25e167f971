"""Who may open the cooperation pages.

Clerks and viewers have none (403). The sample request and meeting concern a case and
an operation of the office that the fresh prosecutor and investigator are not part of,
so they are told these do not exist (404).
"""

from tests.access import FORBIDDEN, NOT_FOUND, OK, answers
from tests.cases.factories import CaseFactory, OperationFactory
from tests.measures.factories import CooperationRequestFactory, JointMeetingFactory, PartnerAgencyFactory

COOPERATING = answers(OK, clerk=FORBIDDEN, viewer=FORBIDDEN)
INVOLVED = answers(NOT_FOUND, admin=OK, supervisor=OK, clerk=FORBIDDEN, viewer=FORBIDDEN)

ACCESS = {
    "cooperation.index": ("GET", "/cooperation/", COOPERATING),
    "cooperation.agencies": ("GET", "/cooperation/agencies", COOPERATING),
    "cooperation.new_request": ("GET", "/cooperation/requests/new", COOPERATING),
    "cooperation.request_detail": ("GET", "/cooperation/requests/{cooperation_request}", INVOLVED),
    "cooperation.new_meeting": ("GET", "/cooperation/meetings/new", COOPERATING),
    "cooperation.meeting_detail": ("GET", "/cooperation/meetings/{meeting}", INVOLVED),
    "cooperation.edit_meeting": ("GET", "/cooperation/meetings/{meeting}/edit", INVOLVED),
    "cooperation.add_participants": (
        "POST",
        "/cooperation/meetings/{meeting}/participants",
        {**INVOLVED, **{role: 302 for role, want in INVOLVED.items() if want == OK}},
    ),
    "cooperation.new_disclosure": ("GET", "/cooperation/disclosures/new", COOPERATING),
}


def samples(office, make_user) -> dict:
    operation = OperationFactory(office=office)
    case = CaseFactory(office=office, reference="cooperation sample 1/19", operation=operation)
    agency = PartnerAgencyFactory()
    request = CooperationRequestFactory(office=office, agency=agency, cases=[case])
    meeting = JointMeetingFactory(office=office, operation=operation)
    return {"cooperation_request": request.id, "meeting": meeting.id}
