"""Cross-border cooperation: partner agencies, requests to and from them, joint meetings and disclosures."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import Office, User
from app.cases.models import Case
from app.database import LabelledEnum, TimestampMixin, enum_column, office_fk, user_fk
from app.extensions import PkModel, db
from app.measures.models import Measure
from app.operations.models import Operation


class RequestKind(LabelledEnum):
    MUTUAL_LEGAL_ASSISTANCE = "mutual_legal_assistance"
    EUROPEAN_INVESTIGATION_ORDER = "european_investigation_order", "European Investigation Order"
    PCC_SEE_EXCHANGE = "pcc_see_exchange", "Information exchange (PCC SEE)"
    JOINT_INVESTIGATION_TEAM = "joint_investigation_team"


class Direction(LabelledEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class RequestStatus(LabelledEnum):
    DRAFT = "draft"
    SENT = "sent"
    RECEIVED = "received"
    #: An incoming EIO or request the office has decided to execute.
    RECOGNISED = "recognised"
    EXECUTED = "executed"
    ANSWERED = "answered"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


CLOSED_REQUEST_STATUSES = (
    RequestStatus.EXECUTED,
    RequestStatus.ANSWERED,
    RequestStatus.REFUSED,
    RequestStatus.WITHDRAWN,
)


class PartnerAgency(TimestampMixin, PkModel):
    """A police or judicial authority abroad that the office works with."""

    __tablename__ = "partner_agencies"
    __table_args__ = (sa.UniqueConstraint("country", "name", name="uq_partner_agencies_country_name"),)

    #: ISO 3166 alpha-2 code, e.g. "RS".
    country: Mapped[str] = mapped_column(sa.String(2), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


cooperation_request_cases = sa.Table(
    "cooperation_request_cases",
    db.metadata,
    sa.Column("request_id", sa.ForeignKey("cooperation_requests.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class CooperationRequest(TimestampMixin, PkModel):
    """A request for assistance sent to, or received from, a partner agency."""

    __tablename__ = "cooperation_requests"
    __table_args__ = (sa.Index("ix_cooperation_requests_office_id_status", "office_id", "status"),)

    office_id: Mapped[office_fk]
    kind: Mapped[RequestKind] = mapped_column(enum_column(RequestKind), index=True)
    direction: Mapped[Direction] = mapped_column(enum_column(Direction), index=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("partner_agencies.id"), index=True)
    #: The file number the request travels under (ours for outgoing, theirs for incoming).
    reference: Mapped[str] = mapped_column(sa.String(80), default="")
    subject: Mapped[str] = mapped_column(sa.String(300))
    status: Mapped[RequestStatus] = mapped_column(enum_column(RequestStatus))
    sent_on: Mapped[date | None]
    received_on: Mapped[date | None]
    #: The day the office recognised an incoming EIO (starts the 90-day execution limit).
    recognised_on: Mapped[date | None]
    responded_on: Mapped[date | None]
    response: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[user_fk | None]
    version: Mapped[int] = mapped_column(default=1)

    office: Mapped[Office] = relationship()
    agency: Mapped[PartnerAgency] = relationship()
    cases: Mapped[list[Case]] = relationship(secondary=cooperation_request_cases, order_by=Case.reference)
    created_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def open(self) -> bool:
        return self.status not in CLOSED_REQUEST_STATUSES

    def __str__(self) -> str:
        return f"{self.kind.label} {self.reference or f'#{self.id}'}"


class JointMeeting(TimestampMixin, PkModel):
    """A meeting with partner agencies: who came, what was discussed and what was shared."""

    __tablename__ = "joint_meetings"

    office_id: Mapped[office_fk] = mapped_column(index=True)
    operation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("operations.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    place: Mapped[str] = mapped_column(sa.String(200))
    agenda: Mapped[str] = mapped_column(sa.Text, default="")
    outcomes: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[user_fk | None]

    office: Mapped[Office] = relationship()
    operation: Mapped[Operation | None] = relationship()
    participants: Mapped[list["MeetingParticipant"]] = relationship(
        back_populates="meeting", order_by="MeetingParticipant.id", cascade="all, delete-orphan"
    )
    disclosures: Mapped[list["Disclosure"]] = relationship(back_populates="meeting", order_by="Disclosure.id")

    def __str__(self) -> str:
        return f"{self.title}, {self.place}"


class MeetingParticipant(PkModel):
    """Who attended a joint meeting for one side: the office itself (no agency) or a partner agency."""

    __tablename__ = "meeting_participants"

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("joint_meetings.id", ondelete="CASCADE"), index=True)
    #: None for the office's own people.
    agency_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partner_agencies.id"))
    #: Names and functions as written, e.g. "Insp. D. Jovanović (head of unit), Insp. M. Ilić".
    names: Mapped[str] = mapped_column(sa.Text)

    meeting: Mapped[JointMeeting] = relationship(back_populates="participants")
    agency: Mapped[PartnerAgency | None] = relationship()


class Disclosure(TimestampMixin, PkModel):
    """Material the office shared with a partner agency: at a meeting or otherwise."""

    __tablename__ = "disclosures"

    office_id: Mapped[office_fk] = mapped_column(index=True)
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("partner_agencies.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("joint_meetings.id"), index=True)
    #: The measure whose material was shared (e.g. its recorded calls); restricts who sees the disclosure.
    measure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("measures.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    material: Mapped[str] = mapped_column(sa.String(500))
    disclosed_on: Mapped[date]
    #: The provision the sharing rests on, e.g. "Art. 7 PCC SEE".
    legal_basis: Mapped[str] = mapped_column(sa.String(200), default="")
    recorded_by_id: Mapped[user_fk | None]

    office: Mapped[Office] = relationship()
    agency: Mapped[PartnerAgency] = relationship()
    meeting: Mapped[JointMeeting | None] = relationship(back_populates="disclosures")
    measure: Mapped[Measure | None] = relationship()
    case: Mapped[Case | None] = relationship()
    recorded_by: Mapped[User | None] = relationship()
