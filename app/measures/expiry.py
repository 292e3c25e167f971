"""A measure's expiry limit in the deadline engine: opened by the order, moved by renewals, ended with it.

The engine's own `record_trigger` closes deadlines case-wide by event ("measure_renewed"
would close the expiry of *every* measure in the case), so each measure keeps the id of
its own deadline and this module opens, supersedes and closes exactly that one through
the engine's per-deadline functions.
"""
from datetime import date, datetime, time

from app.audit.services import record
from app.auth.models import User
from app.deadlines import services as deadlines
from app.deadlines.models import Deadline, DeadlineStatus
from app.extensions import db
from app.measures.models import Measure

TRIGGER = "measure_ordered"
RENEWED, ENDED = "measure_renewed", "measure_ended"


def _order_moment(measure: Measure, ordered_on: date, now: datetime) -> datetime:
    """The order's day as a moment in the office's zone: noon, or now when ordered today."""
    moment = datetime.combine(ordered_on, time(12), tzinfo=measure.case.office.zone)
    return min(moment, now)


def _expiry_rules(measure: Measure):
    return deadlines.current_rulebook().rules_for(str(measure.case.jurisdiction), TRIGGER)


def _open(measure: Measure, ordered_on: date, *, actor: User | None, now: datetime) -> Deadline | None:
    opened = None
    for rule in _expiry_rules(measure):
        opened = deadlines.open_rule_deadline(
            measure.case, rule, _order_moment(measure, ordered_on, now), defendant=None, actor=actor, now=now,
            end_at=measure.valid_to, skip_repeat=False)
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


def extend_expiry(measure: Measure, renewed_on: date, *, actor: User | None, now: datetime) -> Deadline | None:
    """Replace the pending limit with one on the renewed end date."""
    previous = measure.expiry_deadline
    deadline = _open(measure, renewed_on, actor=actor, now=now)
    if previous is not None and previous.status == DeadlineStatus.OPEN:
        if deadline is not None:
            previous.closing_event = RENEWED
            deadlines.supersede(previous, deadline, actor=actor, now=now)
        else:
            _close(previous, RENEWED, renewed_on, actor=actor, now=now)
    measure.expiry_deadline = deadline
    db.session.flush()
    return deadline


def end_expiry(measure: Measure, ended_on: date, *, actor: User | None, now: datetime) -> None:
    """Close the limit: the measure ended, so no renewal is needed any more."""
    deadline = measure.expiry_deadline
    if deadline is not None and deadline.status == DeadlineStatus.OPEN:
        _close(deadline, ENDED, ended_on, actor=actor, now=now)
    measure.expiry_deadline = None
    db.session.flush()


def _close(deadline: Deadline, event: str, on: date, *, actor: User | None, now: datetime) -> None:
    deadline.status, deadline.met_on, deadline.closing_event = DeadlineStatus.MET, on, event
    deadline.closed_at, deadline.closed_by_id = now, actor.id if actor else None
    db.session.flush()
    record("deadline.met", actor=actor, now=now, object_type="deadline", object_id=deadline.id,
           changes={"status": ["open", "met"], "met_on": on, "event": event})
