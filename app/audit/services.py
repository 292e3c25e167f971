"""Write and verify the audit trail."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import g, has_request_context, request

from app.audit.models import AuditEvent, AuditHead
from app.extensions import db

GENESIS_HASH = "0" * 64


def record(
    action: str,
    *,
    actor,
    now: datetime,
    about=None,
    object_type: str | None = None,
    object_id=None,
    changes: dict | None = None,
    outcome: str = "success",
    actor_label: str | None = None,
) -> AuditEvent:
    """Append an event to the trail in the current transaction.

    `about` is the row the event is about: a new row is added and flushed so that it has
    its id, which becomes the object id, and the object type is the action's first word
    ("deadline.open" is about a deadline) unless `object_type` names another.
    """
    if about is not None:
        if about.id is None:
            db.session.add(about)
            db.session.flush()
        object_type = object_type or action.split(".", 1)[0]
        object_id = about.id
    head = _lock_head()
    event = AuditEvent(
        # The head is locked, so the next id is ours; the hash needs it before the insert.
        id=head.last_event_id + 1,
        occurred_at=now.astimezone(UTC),
        actor_id=actor.id if actor is not None else None,
        actor_label=actor_label or (actor.email if actor is not None else _anonymous_label()),
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else None,
        changes=_jsonable(changes or {}),
        outcome=outcome,
        ip=request.remote_addr if has_request_context() else None,
        request_id=g.get("request_id") if has_request_context() else None,
        prev_hash=head.last_hash,
    )
    event.hash = event_hash(event)
    db.session.add(event)
    db.session.flush()
    head.last_event_id, head.last_hash = event.id, event.hash
    return event


def diff(before: dict, after: dict) -> dict:
    """Return {field: [before, after]} for the fields whose value changed."""
    return {key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]}


def event_hash(event: AuditEvent | sa.Row) -> str:
    """Hash an event's content together with its predecessor's hash."""
    content = {
        "id": event.id,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "changes": event.changes,
        "outcome": event.outcome,
        "ip": event.ip,
        "request_id": event.request_id,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify_chain(batch_size: int = 1000) -> ChainBreak | None:
    """Recompute the chain in order and return the first event where it breaks."""
    expected_prev = GENESIS_HASH
    last_id = 0
    for event in _events_in_order(batch_size):
        if event.prev_hash != expected_prev:
            return ChainBreak(
                event.id, "does not follow the previous event (an event before it was changed or removed)"
            )
        if event_hash(event) != event.hash:
            return ChainBreak(event.id, "its content no longer matches its hash (the row was changed)")
        expected_prev, last_id = event.hash, event.id
    head = db.session.get(AuditHead, 1)
    if head is not None and (head.last_event_id, head.last_hash) != (last_id, expected_prev):
        return ChainBreak(head.last_event_id, "is missing from the end of the trail (events were removed)")
    return None


def _events_in_order(batch_size: int) -> Iterator[sa.Row]:
    """Yield every event as a plain row, oldest first, a batch at a time (no ORM objects to pile up)."""
    table = AuditEvent.__table__
    after = 0
    while True:
        batch = db.session.execute(
            sa.select(table).where(table.c.id > after).order_by(table.c.id).limit(batch_size)
        ).all()
        if not batch:
            return
        yield from batch
        after = batch[-1].id


def _lock_head() -> AuditHead:
    """Take the chain's head row for this transaction, creating it on first use."""
    updated = db.session.execute(
        sa.update(AuditHead).where(AuditHead.id == 1).values(last_event_id=AuditHead.last_event_id)
    ).rowcount
    if not updated:
        db.session.add(AuditHead(id=1, last_event_id=0, last_hash=GENESIS_HASH))
        db.session.flush()
    head = db.session.get(AuditHead, 1, populate_existing=True)
    return head


def _anonymous_label() -> str:
    return "anonymous" if has_request_context() else "system"


def _jsonable(value):
    """Make values JSON-safe and stable for hashing (dates, decimals and enums become text)."""
    return json.loads(json.dumps(value, default=str, sort_keys=True))
