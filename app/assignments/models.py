"""Prosecutor profiles, absences, case specialisations, caseload weights and assignment history."""

import enum
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import Office, User
from app.cases.models import Case, Stage
from app.database import TimestampMixin, case_fk, enum_column, timestamp, user_fk
from app.extensions import PkModel, db


class Specialisation(enum.StrEnum):
    NARCOTICS = "narcotics"
    ORGANISED_CRIME = "organised_crime"
    HOMICIDE = "homicide"
    ECONOMIC_CRIME = "economic_crime"
    CYBERCRIME = "cybercrime"
    CORRUPTION = "corruption"
    SEXUAL_OFFENCES = "sexual_offences"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class ProsecutorProfile(TimestampMixin, db.Model):
    """What assignment needs to know about a prosecutor beyond their account."""

    __tablename__ = "prosecutor_profiles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    #: Share of a full-time post: 1.0 full time, 0.5 half time.
    capacity: Mapped[Decimal] = mapped_column(sa.Numeric(4, 2), default=Decimal("1.00"))
    #: Specialisation values (see Specialisation), sorted.
    specialisations: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: No automatic assignment once the relative load reaches this; None means no cap.
    load_cap: Mapped[Decimal | None] = mapped_column(sa.Numeric(6, 2))

    user: Mapped[User] = relationship()


class Absence(TimestampMixin, PkModel):
    """A stretch of days (both inclusive) on which a prosecutor takes no new cases."""

    __tablename__ = "absences"
    __table_args__ = (
        sa.Index("ix_absences_user_id_ends_on", "user_id", "ends_on"),
        sa.CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
    )

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    #: Who covers urgent matters meanwhile; cases move only through assignment or rebalancing.
    deputy_id: Mapped[user_fk | None]
    reason: Mapped[str] = mapped_column(sa.String(200), default="")
    recorded_by_id: Mapped[user_fk | None]

    user: Mapped[User] = relationship(foreign_keys="Absence.user_id")
    deputy: Mapped[User | None] = relationship(foreign_keys="Absence.deputy_id")

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class CaseSpecialisation(db.Model):
    """The specialisation a case requires of its prosecutor (at most one per case)."""

    __tablename__ = "case_specialisations"

    case_id: Mapped[case_fk] = mapped_column(primary_key=True)
    specialisation: Mapped[Specialisation] = mapped_column(enum_column(Specialisation))
    set_by_id: Mapped[user_fk | None]
    set_at: Mapped[timestamp]


#: Weights used until an office stores its own: a standard pre-trial case weighs 1.
DEFAULT_STAGE_WEIGHTS = {
    Stage.INTAKE.value: "0.50",
    Stage.INVESTIGATION.value: "1.00",
    Stage.CHARGING.value: "1.00",
    Stage.INDICTED.value: "1.00",
    Stage.TRIAL.value: "1.50",
    Stage.JUDGMENT.value: "0.50",
    Stage.APPEAL.value: "0.75",
}
DEFAULT_EXTRA_DEFENDANT_WEIGHT = Decimal("0.25")
DEFAULT_CUSTODY_WEIGHT = Decimal("0.50")
DEFAULT_SPREAD_TARGET = Decimal("1.00")


class CaseloadSettings(db.Model):
    """An office's caseload weights and assignment settings (defaults apply while it has no row)."""

    __tablename__ = "caseload_settings"

    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id", ondelete="CASCADE"), primary_key=True)
    #: {stage value: weight as a decimal string} for every active stage.
    stage_weights: Mapped[dict] = mapped_column(sa.JSON, default=lambda: dict(DEFAULT_STAGE_WEIGHTS))
    #: Added for every defendant after the first.
    extra_defendant_weight: Mapped[Decimal] = mapped_column(sa.Numeric(5, 2), default=DEFAULT_EXTRA_DEFENDANT_WEIGHT)
    #: Added for every defendant in custody (arrested or detained): custody brings urgent limits.
    custody_weight: Mapped[Decimal] = mapped_column(sa.Numeric(5, 2), default=DEFAULT_CUSTODY_WEIGHT)
    #: The largest acceptable difference between the highest and lowest relative load.
    spread_target: Mapped[Decimal] = mapped_column(sa.Numeric(5, 2), default=DEFAULT_SPREAD_TARGET)
    #: Assign each newly opened case automatically unless it was opened with a prosecutor.
    assign_new_cases: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[timestamp]

    office: Mapped[Office] = relationship()


class Assignment(PkModel):
    """One change of a case's prosecutor: from whom, to whom, by whom, when and why."""

    __tablename__ = "assignments"
    __table_args__ = (sa.Index("ix_assignments_case_id_id", "case_id", "id"),)

    case_id: Mapped[case_fk]
    from_id: Mapped[user_fk | None]
    to_id: Mapped[user_fk | None] = mapped_column(index=True)
    by_id: Mapped[user_fk | None]
    assigned_at: Mapped[timestamp]
    automatic: Mapped[bool] = mapped_column(default=False)
    #: Why: the rule's explanation ("lowest load 7.5 of 16 eligible") or the supervisor's words.
    reason: Mapped[str] = mapped_column(sa.String(500), default="")

    case: Mapped[Case] = relationship()
    from_user: Mapped[User | None] = relationship(foreign_keys="Assignment.from_id")
    to_user: Mapped[User | None] = relationship(foreign_keys="Assignment.to_id")
    by_user: Mapped[User | None] = relationship(foreign_keys="Assignment.by_id")
