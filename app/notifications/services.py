"""Queue messages in the outbox and deliver them: claimed, sent once, retried with backoff, parked when dead."""

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from app.audit.services import diff, record
from app.auth.models import User
from app.errors import DomainError
from app.extensions import db
from app.notifications.mail import backend_for, build_message, message_id_for
from app.notifications.models import KINDS, EmailPreference, Notification, NotificationStatus

log = logging.getLogger(__name__)


def enqueue(
    *,
    recipient: User,
    kind: str,
    key: str,
    subject: str,
    text: str,
    html: str | None = None,
    now: datetime,
    address: str | None = None,
    email: bool = True,
) -> bool:
    """Queue a message in the caller's transaction; a key already queued is left alone. True if queued.

    With `email=False` the message is only listed in the app and never sent.
    """
    table = Notification.__table__
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect](table)
    statement = (
        insert.values(
            recipient_id=recipient.id,
            address=address or recipient.email,
            kind=kind,
            subject=subject[:250],
            body_text=text,
            body_html=html,
            key=key,
            message_id=message_id_for(key, current_app.config["MAIL_FROM"]),
            status=NotificationStatus.PENDING if email else NotificationStatus.IN_APP,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=[table.c.key])
        .returning(table.c.id)
    )
    return db.session.execute(statement).scalar() is not None


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.failed} failed (will be retried), {self.dead} given up"


def deliver_due(
    *, now: datetime, ignore_backoff: bool = False, batch: int | None = None, rng: random.Random | None = None
) -> DeliveryReport:
    """Send every pending message that is due (or every pending one, ignoring the backoff).

    Unlike other services this one commits: a claim must be visible to other senders
    before the message leaves, and each outcome must be kept once the mail server has
    answered, whatever happens to the rest of the batch.
    """
    batch = batch or current_app.config["OUTBOX_BATCH"]
    report, after = DeliveryReport(), 0
    db.session.commit()  # start the claim on a fresh transaction (SQLite takes its write lock there)
    with _backend() as backend:
        while True:
            claimed = _claim(now=now, after=after, batch=batch, ignore_backoff=ignore_backoff)
            mail_from = current_app.config["MAIL_FROM"]
            outgoing = [(n.id, n.attempts, n.address, build_message(n, mail_from=mail_from, now=now)) for n in claimed]
            db.session.commit()
            for notification_id, attempts, address, message in outgoing:
                try:
                    backend.send(message)
                except Exception as error:  # one message's failure must not stop the others
                    _record_failure(
                        notification_id, attempts, address, error, now=now, report=report, rng=rng or random
                    )
                else:
                    _record_outcome(notification_id, status=NotificationStatus.SENT, sent_at=now)
                    report.sent += 1
                # Each outcome is kept as soon as the server has answered, in a write-first
                # transaction (on SQLite a read-then-write one could fail against a concurrent writer).
                db.session.commit()
            if len(outgoing) < batch:
                return report
            after = outgoing[-1][0]


def _claim(*, now: datetime, after: int, batch: int, ignore_backoff: bool) -> list[Notification]:
    """Claim the next due messages after id `after`, so no other sender takes them meanwhile.

    One UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) … RETURNING: on PostgreSQL
    concurrent senders skip each other's rows; on SQLite the statement holds the database's
    write lock. Walking by id means a pass tries each message at most once.
    """
    table = Notification.__table__
    due = (
        sa.select(table.c.id)
        .where(
            table.c.status == NotificationStatus.PENDING,
            table.c.id > after,
            sa.or_(table.c.claimed_until.is_(None), table.c.claimed_until <= now),
        )
        .order_by(table.c.id)
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    if not ignore_backoff:
        due = due.where(table.c.next_attempt_at <= now)
    claim = (
        sa.update(table)
        .where(table.c.id.in_(due.scalar_subquery()))
        .values(
            claimed_until=now + timedelta(seconds=current_app.config["OUTBOX_CLAIM_SECONDS"]),
            attempts=table.c.attempts + 1,
        )
        .returning(table.c.id)
    )
    ids = sorted(db.session.execute(claim).scalars())
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(Notification)
            .where(Notification.id.in_(ids))
            .order_by(Notification.id)
            .options(sa.orm.joinedload(Notification.recipient))
            .execution_options(populate_existing=True)
        )
    )


def _record_failure(
    notification_id: int, attempts: int, address: str, error: Exception, *, now: datetime, report: DeliveryReport, rng
) -> None:
    last_error = f"{type(error).__name__}: {error}"[:2000]
    if attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
        _record_outcome(notification_id, status=NotificationStatus.DEAD, last_error=last_error)
        report.dead += 1
        log.error(
            "outbox: giving up on message %s to %s after %d attempts: %s",
            notification_id,
            address,
            attempts,
            last_error,
        )
    else:
        _record_outcome(notification_id, next_attempt_at=now + backoff(attempts, rng), last_error=last_error)
        report.failed += 1
        log.warning("outbox: message %s to %s failed (attempt %d): %s", notification_id, address, attempts, last_error)


def _record_outcome(notification_id: int, **values) -> None:
    table = Notification.__table__
    db.session.execute(sa.update(table).where(table.c.id == notification_id).values(claimed_until=None, **values))


def backoff(attempts: int, rng=random) -> timedelta:
    """The wait after the n-th failed attempt: doubling from the base, capped, half of it random.

    The jitter spreads retries of many messages that failed together (a mail server outage)
    instead of sending them all back at the same moment.
    """
    config = current_app.config
    ceiling = min(config["OUTBOX_BACKOFF_MAX_SECONDS"], config["OUTBOX_BACKOFF_SECONDS"] * 2 ** (attempts - 1))
    return timedelta(seconds=ceiling / 2 + rng.uniform(0, ceiling / 2))


def _backend():
    config = current_app.config
    return backend_for(
        config["MAIL_URL"],
        instance_path=current_app.instance_path,
        mail_from=config["MAIL_FROM"],
        timeout=config["SMTP_TIMEOUT_SECONDS"],
    )


def retry(notification: Notification, *, actor: User, now: datetime) -> None:
    """Give a dead message a fresh round of attempts, starting now."""
    if notification.status != NotificationStatus.DEAD:
        raise DomainError("Only a message that was given up on can be retried.")
    changes = {"status": [notification.status.value, "pending"], "attempts": [notification.attempts, 0]}
    notification.status = NotificationStatus.PENDING
    notification.attempts = 0
    notification.next_attempt_at = now
    notification.claimed_until = None
    db.session.flush()
    record("notification.retry", actor=actor, now=now, about=notification, changes=changes)


def mark_read(notifications: list[Notification], *, actor: User, now: datetime) -> int:
    """Mark the actor's own unread notifications as read; return how many changed."""
    unread = [n for n in notifications if n.read_at is None and n.recipient_id == actor.id]
    for notification in unread:
        notification.read_at = now
    if unread:
        db.session.flush()
        record(
            "notification.read",
            actor=actor,
            now=now,
            object_type="user",
            object_id=actor.id,
            changes={"notifications": [n.id for n in unread]},
        )
    return len(unread)


def unread_count(user: User) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count(Notification.id)).where(
                Notification.recipient_id == user.id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def wants_email(user: User, kind: str) -> bool:
    """Whether the user gets this kind of message by e-mail (the default) or only in the app."""
    choice = db.session.get(EmailPreference, (user.id, kind))
    return choice is None or choice.email


def email_choices(user: User) -> dict[str, bool]:
    chosen = dict(
        db.session.execute(
            sa.select(EmailPreference.kind, EmailPreference.email).where(EmailPreference.user_id == user.id)
        ).all()
    )
    return {kind: chosen.get(kind, True) for kind in KINDS}


def set_email_choices(user: User, choices: dict[str, bool], *, actor: User, now: datetime) -> None:
    """Save which kinds of message the user gets by e-mail."""
    before = email_choices(user)
    for kind in KINDS:
        row = db.session.get(EmailPreference, (user.id, kind))
        if row is None:
            row = EmailPreference(user_id=user.id, kind=kind)
            db.session.add(row)
        row.email, row.updated_at = bool(choices.get(kind, True)), now
    db.session.flush()
    changes = diff(before, email_choices(user))
    if changes:
        record("notification.preferences", actor=actor, now=now, object_type="user", object_id=user.id, changes=changes)
