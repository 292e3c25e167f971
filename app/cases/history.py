"""What happened in a case, written once to its timeline and once to the audit trail."""

from app.audit.services import record
from app.cases.models import Case, TimelineKind
from app.cases.timeline import add_entry


def record_case_event(
    case: Case, kind: TimelineKind, summary: str, action: str, *, actor, now, details=None, changes=None
) -> None:
    """Add a line to the case's timeline and audit it as `action` about the case."""
    add_entry(case, kind, summary, actor=actor, now=now, details=details)
    record(action, actor=actor, now=now, object_type="case", object_id=case.id, changes=changes)
