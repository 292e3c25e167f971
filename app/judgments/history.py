"""What happened to a judgment, written once to its case's timeline and once to the audit trail."""

from app.audit.services import record
from app.cases.models import TimelineKind
from app.cases.timeline import add_entry
from app.judgments.models import Judgment


def record_judgment_event(
    judgment: Judgment, action: str, summary: str, *, actor, now, changes: dict, details: dict | None = None
) -> None:
    """Add a line to the case's timeline and audit it as `action` about the judgment."""
    details = {"judgment_id": judgment.id, **(details or {})}
    add_entry(judgment.case, TimelineKind.JUDGMENT, summary, actor=actor, now=now, details=details)
    changes = {"case_id": judgment.case_id, **changes}
    record(action, actor=actor, now=now, about=judgment, object_type="judgment", changes=changes)
