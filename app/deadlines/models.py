"""Deadlines of cases and the personal calendar feeds that carry them.

A deadline's status is stored as open, met, waived or superseded. "Missed" is not
stored: an open deadline whose due time has passed *is* missed, at whatever moment
one looks (see `Deadline.shown_status`). Deriving it needs no job to keep it true,
cannot disagree with the clock, and lets a late act still be recorded as met.

The responsible user is not stored either: it is the case's prosecutor, so a
reassignment moves every deadline of the case at once (`Deadline.responsible`).
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.cases.models import Case, Defendant, StageMove
from app.database import LabelledEnum, TimestampMixin, case_fk, enum_column, timestamp, user_fk
from app.extensions import PkModel


class DeadlineKind(LabelledEnum):
    #: A time allowed for an act; moves to the next working day (§ 84 StPO).
    PERIOD = "period"
    #: A protective maximum; never moves later, the office acts by the working day before.
    LIMIT = "limit"


class DeadlineStatus(LabelledEnum):
    OPEN = "open"
    MET = "met"
    #: Shown, never stored: an open deadline past its due time.
    MISSED = "missed"
    WAIVED = "waived"
    SUPERSEDED = "superseded"
    #: Ended without being met because the case left the procedure (discontinued, diverted,
    #: transferred): `closed_by_move` says when and why.
    CLOSED = "closed"


class Deadline(TimestampMixin, PkModel):
    """Something that must happen in a case by a time, computed by a rule or entered by hand."""

    __tablename__ = "deadlines"
    __table_args__ = (
        # The cross-case list, the calendar and the reminder scan all ask for open deadlines by due time.
        sa.Index("ix_deadlines_status_due_at", "status", "due_at"),
        sa.Index("ix_deadlines_case_id_status", "case_id", "status"),
    )

    case_id: Mapped[case_fk]
    defendant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("defendants.id", ondelete="CASCADE"), index=True)
    #: The rule that computed it (e.g. "at_detention_review_first"); None for a manual deadline.
    rule_id: Mapped[str | None] = mapped_column(sa.String(60), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[DeadlineKind] = mapped_column(enum_column(DeadlineKind), index=True)
    #: Legal reference, e.g. "§ 175 Abs. 2 StPO"; empty for most manual deadlines.
    reference: Mapped[str] = mapped_column(sa.String(200), default="")
    #: For dated deadlines the last moment of the due day in the office's zone.
    due_at: Mapped[datetime]
    #: Local due date in the office's zone.
    due_date: Mapped[date]
    #: The day to act on: the due date, or for a limit on a non-working day the working day before.
    act_by: Mapped[date] = mapped_column(index=True)
    #: False for deadlines counted in hours, which fall at a moment of the day.
    all_day: Mapped[bool] = mapped_column(default=True)
    status: Mapped[DeadlineStatus] = mapped_column(enum_column(DeadlineStatus), default=DeadlineStatus.OPEN)
    #: One line: "Detention imposed Tue 27 Aug 2019 + 14 days = Tue 10 Sep 2019 (§ 175 StPO)".
    explanation: Mapped[str] = mapped_column(sa.Text, default="")
    #: Every counting step, in order, as text a lawyer can follow.
    steps: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: Reminder offsets before the act-by day or due time, e.g. ["7d", "2d", "0d"] or ["24h", "6h"].
    reminder_offsets: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: The event that opened it (a rule trigger such as "detention_imposed"); None when manual.
    trigger_event: Mapped[str | None] = mapped_column(sa.String(60))
    trigger_at: Mapped[datetime | None]
    #: The offence class the offset was chosen by (§ 178 StPO), when the rule depends on it.
    offence_class: Mapped[str | None] = mapped_column(sa.String(40))
    created_by_id: Mapped[user_fk | None]
    closed_by_id: Mapped[user_fk | None]
    closed_at: Mapped[datetime | None]
    #: The event that closed it ("released", "objection_filed"); None when closed by hand.
    closing_event: Mapped[str | None] = mapped_column(sa.String(60))
    #: The day the act was done, for a met deadline.
    met_on: Mapped[date | None]
    waive_reason: Mapped[str] = mapped_column(sa.Text, default="")
    superseded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("deadlines.id"))
    #: The stage move that closed it, for a deadline closed because its case was closed.
    closed_by_move_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stage_moves.id"), index=True)

    case: Mapped[Case] = relationship()
    defendant: Mapped[Defendant | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys="Deadline.created_by_id")
    closed_by: Mapped[User | None] = relationship(foreign_keys="Deadline.closed_by_id")
    superseded_by: Mapped["Deadline | None"] = relationship(remote_side="Deadline.id")
    closed_by_move: Mapped[StageMove | None] = relationship()

    @property
    def manual(self) -> bool:
        return self.rule_id is None

    @property
    def responsible(self) -> User | None:
        """The case's prosecutor, whoever that is now."""
        return self.case.prosecutor

    def is_missed(self, now: datetime) -> bool:
        return self.status == DeadlineStatus.OPEN and self.due_at < now

    def shown_status(self, now: datetime) -> DeadlineStatus:
        return DeadlineStatus.MISSED if self.is_missed(now) else self.status

    def __str__(self) -> str:
        return f"{self.title} ({self.due_date.isoformat()})"


class CalendarFeed(PkModel):
    """A user's secret calendar address; only the token's hash is kept, so the database cannot leak it."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    #: SHA-256 of the token in the address; None once revoked.
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[timestamp]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    @property
    def active(self) -> bool:
        return self.token_hash is not None
