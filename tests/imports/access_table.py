"""Who may open the arrests import: investigators, supervisors and admins."""

from tests.access import FORBIDDEN, OK, answers

ACCESS = {
    "imports.arrests": ("GET", "/imports/arrests", answers(FORBIDDEN, investigator=OK, supervisor=OK, admin=OK)),
}
