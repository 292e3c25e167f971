"""The append-only, hash-chained audit trail."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.database import timestamp, user_fk
from app.extensions import PkModel


class AuditEvent(PkModel):
    """Who did what to which object, when, from where, and with what outcome.

    Each event's hash covers its content and the previous event's hash, so changing
    or deleting any row breaks the chain from that row on (`flask audit verify`).
    """

    __tablename__ = "audit_events"

    occurred_at: Mapped[timestamp] = mapped_column(index=True)
    actor_id: Mapped[user_fk | None] = mapped_column(index=True)
    #: The actor as known at that moment (e-mail, "cli", "anonymous"): kept even if the user changes.
    actor_label: Mapped[str] = mapped_column(sa.String(254))
    #: Dotted verb, e.g. "auth.login_failed", "user.update".
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    object_type: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    object_id: Mapped[str | None] = mapped_column(sa.String(64))
    #: {"field": [before, after]} for changes, or other facts worth keeping; never secrets.
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: "success", "failure" or "denied".
    outcome: Mapped[str] = mapped_column(sa.String(16), default="success", index=True)
    ip: Mapped[str | None] = mapped_column(sa.String(45))
    request_id: Mapped[str | None] = mapped_column(sa.String(64))
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64), unique=True)


class AuditHead(PkModel):
    """The single row naming the newest event's hash.

    Writers update this row first, which serialises them (a row lock on PostgreSQL,
    the write lock on SQLite), so two transactions can never chain onto the same event.
    """

    __tablename__ = "audit_head"

    last_event_id: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(sa.String(64))


@sa.event.listens_for(AuditEvent, "before_update")
@sa.event.listens_for(AuditEvent, "before_delete")
def refuse_changes(_mapper, _connection, target):
    raise RuntimeError(f"audit event {target.id} is append-only")
