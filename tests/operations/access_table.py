"""Who may open the operations pages.

Everyone signed in may list operations (the list holds only those they may see). An
operation's page is for admins, the office's supervisors and viewers (it shows only
aggregates of persons), and its team; anyone else is told it does not exist.
"""

from tests.access import ANY_USER, NOT_FOUND, OK, answers
from tests.cases.factories import OperationFactory

ACCESS = {
    "operations.index": ("GET", "/operations/", ANY_USER),
    "operations.detail": ("GET", "/operations/{operation}", answers(NOT_FOUND, admin=OK, supervisor=OK, viewer=OK)),
}


def samples(office, make_user) -> dict:
    """An operation of the test office whose team is somebody else (the table's users are not on it)."""
    return {"operation": OperationFactory(office=office, team=[make_user()]).id}
