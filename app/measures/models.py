"""Investigative measures under a court order: interceptions, undercover operations, surveillance, searches.

Measures are the most sensitive data Docket holds: only the case's prosecutor, the
office's supervisors and admins see them (app/measures/policy.py), and every view of
one is audited.
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.cases.models import Case, Person
from app.database import LabelledEnum, TimestampMixin, case_fk, enum_column, user_fk
from app.deadlines.models import Deadline
from app.extensions import PkModel


class MeasureKind(LabelledEnum):
    TELEPHONE_INTERCEPTION = "telephone_interception"
    UNDERCOVER_OPERATION = "undercover_operation"
    SURVEILLANCE = "surveillance"
    SEARCH = "search"


class MeasureStatus(LabelledEnum):
    REQUESTED = "requested"
    AUTHORISED = "authorised"
    RUNNING = "running"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    REFUSED = "refused"


#: Statuses of a measure the court has ordered and that has not ended.
ORDERED_STATUSES = (MeasureStatus.AUTHORISED, MeasureStatus.RUNNING)
ENDED_STATUSES = (MeasureStatus.EXPIRED, MeasureStatus.TERMINATED, MeasureStatus.REFUSED)


class Measure(TimestampMixin, PkModel):
    """One investigative measure in a case, as requested and ordered by a court."""

    __tablename__ = "measures"
    __table_args__ = (sa.Index("ix_measures_case_id_status", "case_id", "status"),)

    case_id: Mapped[case_fk]
    kind: Mapped[MeasureKind] = mapped_column(enum_column(MeasureKind), index=True)
    status: Mapped[MeasureStatus] = mapped_column(
        enum_column(MeasureStatus), default=MeasureStatus.REQUESTED, index=True
    )
    target_person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    #: The intercepted number as dialled, e.g. "+381 64 123 4567".
    target_phone: Mapped[str] = mapped_column(sa.String(40), default="")
    #: A place watched or searched: an address, a vehicle, premises.
    target_place: Mapped[str] = mapped_column(sa.String(200), default="")
    ordering_court: Mapped[str] = mapped_column(sa.String(200), default="")
    #: The court's file number of the order, e.g. "331 HR 112/19t".
    order_reference: Mapped[str] = mapped_column(sa.String(80), default="")
    requested_on: Mapped[date | None]
    ordered_on: Mapped[date | None]
    valid_from: Mapped[date | None]
    #: The end the latest order sets; renewals move it.
    valid_to: Mapped[date | None] = mapped_column(index=True)
    ended_on: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    results_summary: Mapped[str] = mapped_column(sa.Text, default="")
    #: The open "measure expires" limit in the deadline engine, while the order runs.
    expiry_deadline_id: Mapped[int | None] = mapped_column(sa.ForeignKey("deadlines.id", ondelete="SET NULL"))
    created_by_id: Mapped[user_fk | None]
    #: Optimistic lock: concurrent changes of the same measure cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case] = relationship()
    target_person: Mapped[Person | None] = relationship()
    expiry_deadline: Mapped[Deadline | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    renewals: Mapped[list["MeasureRenewal"]] = relationship(
        back_populates="measure", order_by="MeasureRenewal.ordered_on", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def target(self) -> str:
        parts = [str(self.target_person) if self.target_person else "", self.target_phone, self.target_place]
        return " · ".join(part for part in parts if part) or "—"

    def shown_status(self, today: date) -> MeasureStatus:
        """An ordered measure past its end date is expired, whether or not anyone has said so."""
        if self.status in ORDERED_STATUSES and self.valid_to is not None and self.valid_to < today:
            return MeasureStatus.EXPIRED
        return self.status

    def __str__(self) -> str:
        return f"{self.kind.label} {self.order_reference or f'#{self.id}'}"


class MeasureRenewal(TimestampMixin, PkModel):
    """A further court order extending a measure's end date."""

    __tablename__ = "measure_renewals"

    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id", ondelete="CASCADE"), index=True)
    ordering_court: Mapped[str] = mapped_column(sa.String(200))
    order_reference: Mapped[str] = mapped_column(sa.String(80))
    ordered_on: Mapped[date]
    #: The end date before this renewal, and the one it sets.
    previous_valid_to: Mapped[date]
    valid_to: Mapped[date]
    recorded_by_id: Mapped[user_fk | None]

    measure: Mapped[Measure] = relationship(back_populates="renewals")
    recorded_by: Mapped[User | None] = relationship()
