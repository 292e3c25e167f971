"""Who may open the deadline pages; the sample case belongs to another prosecutor and no operation team.

Viewers see no deadlines at all (they concern persons); investigators and prosecutors who
are not on the case get 404; waiving, marking met and manual deadlines need an editor
of the case; registry clerks may also record court events.
"""

from datetime import UTC, date, datetime

from app.auth.models import Role
from app.deadlines.models import DeadlineKind
from tests.access import EVERYONE, FORBIDDEN, NOT_FOUND, OK, answers
from tests.cases.factories import CaseFactory, OperationFactory
from tests.deadlines.factories import DeadlineFactory

CASE_USERS = answers(OK, viewer=FORBIDDEN)
READERS = answers(NOT_FOUND, admin=OK, supervisor=OK, clerk=OK, viewer=FORBIDDEN)
#: An empty form answers 422 (refused) to those allowed to post it.
EVENT_RECORDERS = answers(NOT_FOUND, admin=422, supervisor=422, clerk=422, investigator=FORBIDDEN, viewer=FORBIDDEN)
EDITORS = answers(FORBIDDEN, admin=OK, supervisor=OK, prosecutor=NOT_FOUND)
EDITORS_POST = answers(FORBIDDEN, admin=422, supervisor=422, prosecutor=NOT_FOUND)
FEED_OWNERS = answers(FORBIDDEN, prosecutor=OK, supervisor=OK)
UNKNOWN_TOKEN = {role: NOT_FOUND for role in EVERYONE}

ACCESS = {
    "deadlines.index": ("GET", "/deadlines/", CASE_USERS),
    "deadlines.export": ("GET", "/deadlines/export.csv", CASE_USERS),
    "deadlines.month": ("GET", "/deadlines/calendar?month=2026-12", CASE_USERS),
    "deadlines.rules": ("GET", "/deadlines/rules", answers(OK)),
    "deadlines.case": ("GET", "/deadlines/case/{deadline_case}", READERS),
    "deadlines.record_event": ("POST", "/deadlines/case/{deadline_case}/events", EVENT_RECORDERS),
    "deadlines.new": ("GET", "/deadlines/case/{deadline_case}/new", EDITORS),
    "deadlines.detail": ("GET", "/deadlines/{deadline}", READERS),
    "deadlines.mark_met": ("POST", "/deadlines/{deadline}/met", EDITORS_POST),
    "deadlines.waive": ("POST", "/deadlines/{deadline}/waive", EDITORS_POST),
    "deadlines.feed": ("GET", "/deadlines/feed", FEED_OWNERS),
    "deadlines.renew_feed": ("POST", "/deadlines/feed/renew", FEED_OWNERS),
    "deadlines.revoke_feed": ("POST", "/deadlines/feed/revoke", answers(FORBIDDEN, prosecutor=302, supervisor=302)),
    "deadlines.ical_feed": ("GET", "/deadlines/ical/not-a-live-token.ics", UNKNOWN_TOKEN),
}


def samples(office, make_user) -> dict:
    case = CaseFactory(office=office, prosecutor=make_user(Role.PROSECUTOR), operation=OperationFactory(office=office))
    deadline = DeadlineFactory(
        case=case,
        manual=True,
        title="Report to the court",
        kind=DeadlineKind.PERIOD,
        act_by=date(2030, 1, 15),
        created_at=datetime(2026, 1, 5, tzinfo=UTC),
    )
    return {"deadline_case": case.id, "deadline": deadline.id}
