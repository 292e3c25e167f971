"""A measure's expiry limit in the deadline engine: opened by the order, moved by renewals, ended with it.

The engine's `record_trigger` and `close_by_event` act case-wide by event
("measure_renewed" would close the expiry of *every* measure in the case), so each
measure keeps the id of its own deadline, and this module opens, supersedes and meets
exactly that one through the engine's per-deadline functions.
"""

from datetime import date, datetime

from app.auth.models import User
from app.deadlines import services as deadlines
from app.deadlines.models import Deadline, DeadlineStatus
from app.extensions import db
from app.measures.models import Measure

TRIGGER = "measure_ordered"
RENEWED, ENDED = "measure_renewed", "measure_ended"


def _open(measure: Measure, ordered_on: date, *, actor: User | None, now: datetime) -> Deadline | None:
    opened = None
    for rule in deadlines.current_rulebook().rules_for(str(measure.case.jurisdiction), TRIGGER):
        opened = deadlines.open_rule_deadline(
            measure.case,
            rule,
            deadlines.day_moment(measure.case, ordered_on, now),
            defendant=None,
            actor=actor,
            now=now,
            end_at=measure.valid_to,
            skip_repeat=False,
        )
        # The case may hold several measures; the order reference tells their limits apart.
        if measure.order_reference:
            opened.title = f"{rule.title}: order {measure.order_reference}"[:200]
    return opened


def open_expiry(measure: Measure, *, actor: User | None, now: datetime) -> Deadline | None:
    """Open the limit on the order's end date (none where the case's rules have no measure rule)."""
    if measure.valid_to is None or measure.ordered_on is None:
        return None
    deadline = _open(measure, measure.ordered_on, actor=actor, now=now)
    measure.expiry_deadline = deadline
    db.session.flush()
    return deadline


def extend_expiry(measure: Measure, renewed_on: date, *, actor: User, now: datetime) -> Deadline | None:
    """Replace the pending limit with one on the renewed end date."""
    previous = measure.expiry_deadline
    deadline = _open(measure, renewed_on, actor=actor, now=now)
    if previous is not None and previous.status == DeadlineStatus.OPEN:
        previous.closing_event = RENEWED
        if deadline is not None:
            deadlines.supersede(previous, deadline, actor=actor, now=now)
        else:
            deadlines.mark_met(previous, met_on=renewed_on, actor=actor, now=now)
    measure.expiry_deadline = deadline
    db.session.flush()
    return deadline


def end_expiry(measure: Measure, ended_on: date, *, actor: User, now: datetime) -> None:
    """Meet the limit: the measure ended, so no renewal is needed any more."""
    deadline = measure.expiry_deadline
    if deadline is not None and deadline.status == DeadlineStatus.OPEN:
        deadline.closing_event = ENDED
        deadlines.mark_met(deadline, met_on=ended_on, actor=actor, now=now)
    measure.expiry_deadline = None
    db.session.flush()
