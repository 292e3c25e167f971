"""Who may open the caseload and assignment pages."""

from app.auth.models import Role
from tests.access import FORBIDDEN, NOT_FOUND, OK, answers

SUPERVISOR_ONLY = answers(FORBIDDEN, supervisor=OK)
CASE_PAGE = answers(NOT_FOUND, admin=OK, supervisor=OK, clerk=OK, viewer=FORBIDDEN)

ACCESS = {
    "assignments.my_cases": ("GET", "/my-cases", answers(FORBIDDEN, prosecutor=OK, supervisor=OK)),
    "assignments.dashboard": ("GET", "/caseload/", SUPERVISOR_ONLY),
    "assignments.profile": ("GET", "/caseload/prosecutors/{caseload_prosecutor}", SUPERVISOR_ONLY),
    "assignments.add_absence": (
        "POST",
        "/caseload/prosecutors/{caseload_prosecutor}/absences",
        answers(FORBIDDEN, supervisor=422),
    ),
    "assignments.remove_absence": (
        "POST",
        "/caseload/absences/{caseload_absence}/remove",
        answers(FORBIDDEN, supervisor=302),
    ),
    "assignments.rebalance": ("GET", "/caseload/rebalance", SUPERVISOR_ONLY),
    "assignments.apply_rebalance": ("POST", "/caseload/rebalance/apply", answers(FORBIDDEN, supervisor=303)),
    "assignments.weights": ("GET", "/caseload/weights", SUPERVISOR_ONLY),
    "assignments.unassigned": ("GET", "/caseload/unassigned", SUPERVISOR_ONLY),
    "assignments.case_assignments": ("GET", "/caseload/cases/{caseload_case}", CASE_PAGE),
    "assignments.assign": ("POST", "/caseload/cases/{caseload_case}/assign", answers(FORBIDDEN, supervisor=422)),
    "assignments.auto_assign": (
        "POST",
        "/caseload/cases/{caseload_case}/auto-assign",
        answers(FORBIDDEN, supervisor=302),
    ),
    "assignments.specialisation": (
        "POST",
        "/caseload/cases/{caseload_case}/specialisation",
        answers(FORBIDDEN, supervisor=302),
    ),
}


def samples(office, make_user) -> dict:
    from tests.assignments.factories import AbsenceFactory, CaseloadCaseFactory

    prosecutor = make_user(Role.PROSECUTOR)
    return {
        "caseload_prosecutor": prosecutor.id,
        "caseload_absence": AbsenceFactory(user=prosecutor).id,
        "caseload_case": CaseloadCaseFactory(office=office, prosecutor=prosecutor).id,
    }
