"""The outbox: every message to a user, kept until it is delivered (or given up on)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.database import LabelledEnum, enum_column, timestamp, user_fk
from app.extensions import PkModel, db

#: The kinds of message a user can turn e-mail off for, with how the settings page names them.
KINDS = {
    "reminder": "Reminders before a deadline",
    "escalation": "Overdue deadlines of my office (limits are always e-mailed)",
    "digest": "The weekly digest",
}


class NotificationStatus(LabelledEnum):
    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"
    #: The recipient turned e-mail off for its kind: shown in the app, never sent.
    IN_APP = "in_app", "In app only"


class Notification(PkModel):
    __tablename__ = "notifications"
    __table_args__ = (
        # The sender's claim query and the admin's status filter.
        sa.Index("ix_notifications_status_next_attempt_at", "status", "next_attempt_at"),
        # A user's own list and the unread count in the navigation bar.
        sa.Index("ix_notifications_recipient_id_read_at", "recipient_id", "read_at"),
    )

    recipient_id: Mapped[user_fk]
    #: The address the e-mail goes to, fixed when the message is queued.
    address: Mapped[str] = mapped_column(sa.String(254))
    #: What the message is about: "reminder", "escalation", "digest", … (e-mail preferences are per kind).
    kind: Mapped[str] = mapped_column(sa.String(40), index=True)
    subject: Mapped[str] = mapped_column(sa.String(250))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    #: Deterministic name of the message (e.g. "reminder:deadline:42:7d"); queuing it twice is a no-op.
    key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    #: The e-mail's Message-ID, derived from the key, so a resent message is recognisably the same.
    message_id: Mapped[str] = mapped_column(sa.String(250))
    status: Mapped[NotificationStatus] = mapped_column(
        enum_column(NotificationStatus), default=NotificationStatus.PENDING
    )
    #: Delivery attempts made so far, successful or not.
    attempts: Mapped[int] = mapped_column(default=0)
    #: Not to be tried before this time (the retry backoff).
    next_attempt_at: Mapped[timestamp]
    #: A sender is delivering the message until then; others leave it alone.
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[timestamp]
    sent_at: Mapped[datetime | None]
    #: When the recipient read it in the app.
    read_at: Mapped[datetime | None]

    recipient: Mapped[User] = relationship()

    def __str__(self) -> str:
        return f"{self.kind} to {self.address}: {self.subject}"


class EmailPreference(db.Model):
    """A user's choice to get a kind of message by e-mail or only in the app; no row means e-mail."""

    __tablename__ = "email_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    email: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[timestamp]
