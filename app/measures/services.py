"""Recording measures: request, court decision, start, renewal, results and end.

Every function takes the acting user and the time explicitly, adds and flushes, and
leaves the commit to the caller. Each change is audited in the same transaction; a
refused change raises `app.errors.DomainError`.
"""

from datetime import date, datetime

import sqlalchemy as sa

from app.audit.services import diff, record
from app.auth.models import User
from app.cases.models import Case, Person
from app.core.formatting import day as day_text
from app.errors import DomainError
from app.extensions import db
from app.measures import expiry
from app.measures.models import ENDED_STATUSES, Measure, MeasureKind, MeasureRenewal, MeasureStatus
from app.operations.models import Operation

AUDITED_FIELDS = (
    "kind",
    "status",
    "target_person_id",
    "target_phone",
    "target_place",
    "ordering_court",
    "order_reference",
    "requested_on",
    "ordered_on",
    "valid_from",
    "valid_to",
    "ended_on",
    "end_reason",
)


def snapshot(measure: Measure) -> dict:
    return {name: _plain(getattr(measure, name)) for name in AUDITED_FIELDS}


def _plain(value):
    if hasattr(value, "value"):
        return value.value
    return value.isoformat() if isinstance(value, date) else value


def _check_order(
    case: Case, ordering_court: str, order_reference: str, ordered_on, valid_from, valid_to, *, now
) -> None:
    """Refuse a court order that lacks its court, reference or days, lies in the future or ends before it begins."""
    if not ordering_court.strip():
        raise DomainError("Name the court that ordered the measure.", "ordering_court")
    if not order_reference.strip():
        raise DomainError("Enter the order's reference.", "order_reference")
    if ordered_on is None:
        raise DomainError("Enter the day of the order.", "ordered_on")
    if ordered_on > case.office.today(now):
        raise DomainError("The order cannot lie in the future.", "ordered_on")
    if valid_from is None:
        raise DomainError("Enter the day the order takes effect.", "valid_from")
    if valid_to is None:
        raise DomainError("Enter the day the order ends.", "valid_to")
    if valid_from < ordered_on:
        raise DomainError("The measure cannot take effect before it was ordered.", "valid_from")
    if valid_to < valid_from:
        raise DomainError("The order cannot end before it takes effect.", "valid_to")


def record_measure(
    case: Case,
    *,
    kind: MeasureKind,
    status: MeasureStatus,
    actor: User | None,
    now: datetime,
    target_person: Person | None = None,
    target_phone: str = "",
    target_place: str = "",
    requested_on: date | None = None,
    ordering_court: str = "",
    order_reference: str = "",
    ordered_on: date | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    results_summary: str = "",
) -> Measure:
    """Record a measure as requested, or with its court order as authorised or running."""
    status = MeasureStatus(status)
    if status not in (MeasureStatus.REQUESTED, MeasureStatus.AUTHORISED, MeasureStatus.RUNNING):
        raise DomainError("A new measure is requested, authorised or running.", "status")
    if target_person is None and not target_phone.strip() and not target_place.strip():
        raise DomainError("Name the target: a person, a phone number or a place.", "target_phone")
    if target_person is not None and target_person.office_id != case.office_id:
        raise DomainError("That person is not known to the case's office.", "target_person_id")
    if requested_on is not None and requested_on > case.office.today(now):
        raise DomainError("The request cannot lie in the future.", "requested_on")
    if status != MeasureStatus.REQUESTED:
        _check_order(case, ordering_court, order_reference, ordered_on, valid_from, valid_to, now=now)
        if requested_on is not None and requested_on > ordered_on:
            raise DomainError("The request cannot come after the order.", "requested_on")
    measure = Measure(
        case=case,
        kind=MeasureKind(kind),
        status=status,
        target_person=target_person,
        target_phone=target_phone.strip(),
        target_place=target_place.strip(),
        requested_on=requested_on,
        ordering_court=ordering_court.strip(),
        order_reference=order_reference.strip(),
        ordered_on=ordered_on,
        valid_from=valid_from,
        valid_to=valid_to,
        results_summary=results_summary.strip(),
        created_by_id=actor.id if actor else None,
        created_at=now,
    )
    db.session.add(measure)
    db.session.flush()  # before the snapshot: the insert fills in the target's id and the defaults
    record(
        "measure.create",
        actor=actor,
        now=now,
        about=measure,
        changes={"case_id": case.id, **diff({}, snapshot(measure))},
    )
    if status != MeasureStatus.REQUESTED:
        expiry.open_expiry(measure, actor=actor, now=now)
    return measure


def decide(
    measure: Measure,
    *,
    authorised: bool,
    actor: User,
    now: datetime,
    ordering_court: str = "",
    order_reference: str = "",
    ordered_on: date | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> None:
    """Record the court's decision on a requested measure: the order, or its refusal."""
    if measure.status != MeasureStatus.REQUESTED:
        raise DomainError(f"The court has decided already: the measure is {measure.status.value}.")
    if authorised:
        _check_order(measure.case, ordering_court, order_reference, ordered_on, valid_from, valid_to, now=now)
        if measure.requested_on is not None and ordered_on < measure.requested_on:
            raise DomainError("The order cannot come before the request.", "ordered_on")
        outcome = {"status": MeasureStatus.AUTHORISED, "valid_from": valid_from, "valid_to": valid_to}
    else:
        if ordered_on is not None and ordered_on > measure.case.office.today(now):
            raise DomainError("The decision cannot lie in the future.", "ordered_on")
        outcome = {"status": MeasureStatus.REFUSED, "ended_on": ordered_on}
    _change(
        measure,
        "measure.decide",
        actor=actor,
        now=now,
        ordering_court=ordering_court.strip(),
        order_reference=order_reference.strip(),
        ordered_on=ordered_on,
        **outcome,
    )
    if authorised:
        expiry.open_expiry(measure, actor=actor, now=now)


def start(measure: Measure, *, actor: User, now: datetime) -> None:
    """Record that an authorised measure is being carried out."""
    if measure.status != MeasureStatus.AUTHORISED:
        raise DomainError("Only an authorised measure can start.")
    if measure.shown_status(measure.case.office.today(now)) == MeasureStatus.EXPIRED:
        raise DomainError("The order has expired; record a renewal first.")
    _change(measure, "measure.start", actor=actor, now=now, status=MeasureStatus.RUNNING)


def renew(
    measure: Measure,
    *,
    ordering_court: str,
    order_reference: str,
    ordered_on: date | None,
    valid_to: date | None,
    actor: User,
    now: datetime,
) -> MeasureRenewal:
    """Record a further order extending the measure's end date; its expiry limit moves with it."""
    if measure.status not in (MeasureStatus.AUTHORISED, MeasureStatus.RUNNING, MeasureStatus.EXPIRED):
        raise DomainError(f"A {measure.status.value} measure cannot be renewed.")
    # A renewal takes effect when it is ordered.
    _check_order(measure.case, ordering_court, order_reference, ordered_on, ordered_on, valid_to, now=now)
    if measure.ordered_on is not None and ordered_on < measure.ordered_on:
        raise DomainError("A renewal cannot come before the first order.", "ordered_on")
    if valid_to <= measure.valid_to:
        raise DomainError(f"The renewal must end after the current end, {day_text(measure.valid_to)}.", "valid_to")
    renewal = MeasureRenewal(
        measure=measure,
        ordering_court=ordering_court.strip(),
        order_reference=order_reference.strip(),
        ordered_on=ordered_on,
        previous_valid_to=measure.valid_to,
        valid_to=valid_to,
        recorded_by_id=actor.id,
        created_at=now,
    )
    db.session.add(renewal)
    revived = {"status": MeasureStatus.RUNNING} if measure.status == MeasureStatus.EXPIRED else {}
    noted = {"renewal_order": renewal.order_reference}
    _change(measure, "measure.renew", actor=actor, now=now, noted=noted, valid_to=valid_to, **revived)
    expiry.extend_expiry(measure, ordered_on, actor=actor, now=now)
    return renewal


def terminate(measure: Measure, *, ended_on: date | None, reason: str, actor: User, now: datetime) -> None:
    """End an ordered measure before (or on) its end date; its expiry limit closes."""
    if measure.status in ENDED_STATUSES or measure.status == MeasureStatus.REQUESTED:
        raise DomainError(f"A {measure.status.value} measure cannot be terminated.")
    if ended_on is None:
        raise DomainError("Enter the day the measure ended.", "ended_on")
    if ended_on > measure.case.office.today(now):
        raise DomainError("The end cannot lie in the future.", "ended_on")
    if measure.valid_from and ended_on < measure.valid_from:
        raise DomainError("The measure cannot end before it took effect.", "ended_on")
    latest_order = max((renewal.ordered_on for renewal in measure.renewals), default=None)
    if latest_order and ended_on < latest_order:
        raise DomainError(
            f"The measure cannot end before its last renewal, ordered {day_text(latest_order)}.", "ended_on"
        )
    if not reason.strip():
        raise DomainError("Say why the measure ended.", "reason")
    _change(
        measure,
        "measure.terminate",
        actor=actor,
        now=now,
        status=MeasureStatus.TERMINATED,
        ended_on=ended_on,
        end_reason=reason.strip(),
    )
    expiry.end_expiry(measure, ended_on, actor=actor, now=now)


def mark_expired(measure: Measure, *, actor: User, now: datetime) -> None:
    """Record that the order ran out without renewal."""
    if (
        measure.shown_status(measure.case.office.today(now)) != MeasureStatus.EXPIRED
        or measure.status == MeasureStatus.EXPIRED
    ):
        raise DomainError("Only an order past its end date expires.")
    _change(measure, "measure.expire", actor=actor, now=now, status=MeasureStatus.EXPIRED, ended_on=measure.valid_to)
    expiry.end_expiry(measure, measure.valid_to, actor=actor, now=now)


def save_results(measure: Measure, summary: str, *, actor: User, now: datetime) -> None:
    """Keep a summary of what the measure brought to light."""
    if summary.strip() == measure.results_summary:
        return
    measure.results_summary = summary.strip()
    db.session.flush()
    # The summary itself stays out of the trail: the trail is read more widely than measures are.
    record("measure.results", actor=actor, now=now, about=measure, changes={"results_summary": "changed"})


def record_view(measure: Measure, *, actor: User, now: datetime) -> None:
    """Note in the audit trail that `actor` opened the measure's details."""
    record("measure.view", actor=actor, now=now, about=measure, changes={"case_id": measure.case_id})


def _change(measure: Measure, action: str, *, actor, now, noted: dict | None = None, **values) -> None:
    """Set `values` on the measure and audit what changed as `action`, with the `noted` facts beside it."""
    before = snapshot(measure)
    for name, value in values.items():
        setattr(measure, name, value)
    db.session.flush()
    record(action, actor=actor, now=now, about=measure, changes={**diff(before, snapshot(measure)), **(noted or {})})


def running_measures_by_kind(operation: Operation, *, now: datetime) -> dict[MeasureKind, int]:
    """How many measures of each kind run in the operation's cases at `now`: one aggregate query.

    An order runs to the end of its last day in the office's calendar. Counts only, never
    which case: the operation's team may see these figures.
    """
    today = operation.office.today(now)
    rows = db.session.execute(
        sa.select(Measure.kind, sa.func.count(Measure.id))
        .join(Case, Measure.case_id == Case.id)
        .where(
            Case.operation_id == operation.id,
            Measure.status == MeasureStatus.RUNNING,
            sa.or_(Measure.valid_to.is_(None), Measure.valid_to >= today),
        )
        .group_by(Measure.kind)
    ).all()
    counts = dict(rows)
    return {kind: counts.get(kind, 0) for kind in MeasureKind}
