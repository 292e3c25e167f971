"""Detention reviews in the demo: the court held each one on time.

The story imposes detention but records no review hearings, so every first review
would stand overdue on the demo's present. A real court holds them; this replays each
review on its act-by day (continuing the detention), until the next one lies ahead.
"""
from datetime import datetime, time

import sqlalchemy as sa

from app.cases.models import Case, Custody, Defendant
from app.deadlines.models import Deadline, DeadlineStatus
from app.deadlines.services import case_zone, record_trigger
from app.extensions import db

REVIEW_RULES = {"at_detention_review_first": "detention_continued_first",
                "at_detention_review_second": "detention_continued",
                "at_detention_review_next": "detention_continued"}


def hold_detention_reviews(operation_id: int, *, present: datetime) -> int:
    """Continue the detention at every overdue review of a defendant still detained; return how many."""
    held = 0
    while overdue := _overdue_reviews(operation_id, present):
        for deadline in overdue:
            case = deadline.case
            when = datetime.combine(deadline.act_by, time(10), tzinfo=case_zone(case))
            record_trigger(case, REVIEW_RULES[deadline.rule_id], when, defendant=deadline.defendant,
                           actor=case.prosecutor, now=when)
            held += 1
        db.session.flush()
    return held


def _overdue_reviews(operation_id: int, present: datetime) -> list[Deadline]:
    return list(db.session.scalars(
        sa.select(Deadline).join(Deadline.case).join(Deadline.defendant)
        .where(Case.operation_id == operation_id, Deadline.status == DeadlineStatus.OPEN,
               Deadline.rule_id.in_(REVIEW_RULES), Deadline.due_at < present,
               Defendant.custody == Custody.DETAINED)
        .order_by(Deadline.id)))
