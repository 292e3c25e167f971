"""What the caseload feature does when other features report what happened."""

from app.assignments.loads import NoEligibleProsecutor, weights_for
from app.assignments.services import auto_assign
from app.events import CaseOpened


def assign_opened_case(event: CaseOpened) -> None:
    """Assign a newly opened case by the rules unless it was opened with a prosecutor."""
    case = event.case
    if case.prosecutor_id is not None or case.prosecutor is not None:
        return
    if not weights_for(case.office_id).assign_new_cases:
        return
    try:
        auto_assign(case, actor=event.actor, now=event.now)
    except NoEligibleProsecutor:
        pass  # it stays on the office's list of unassigned cases for a supervisor
