"""Cases, people and what happens to them: the heart of Docket (operations are in app/operations/models.py)."""

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import Office, User
from app.database import LabelledEnum, TimestampMixin, case_fk, enum_column, office_fk, timestamp, user_fk
from app.extensions import PkModel
from app.operations.models import Operation


class Stage(LabelledEnum):
    INTAKE = "intake"
    INVESTIGATION = "investigation"
    CHARGING = "charging"
    INDICTED = "indicted"
    TRIAL = "trial"
    JUDGMENT = "judgment"
    APPEAL = "appeal"
    FINAL = "final"
    DISCONTINUED = "discontinued"
    DIVERTED = "diverted"
    TRANSFERRED = "transferred"


#: The pre-trial procedure (investigation and charging) plus indicted cases awaiting trial:
#: what the reference operation calls "cases being prepared for trial".
PRE_TRIAL_STAGES = (Stage.INVESTIGATION, Stage.CHARGING, Stage.INDICTED)
TERMINAL_STAGES = (Stage.FINAL, Stage.DISCONTINUED, Stage.DIVERTED, Stage.TRANSFERRED)
ACTIVE_STAGES = tuple(stage for stage in Stage if stage not in TERMINAL_STAGES)


class Jurisdiction(enum.StrEnum):
    AT = "AT"
    RS = "RS"


class Custody(LabelledEnum):
    AT_LIBERTY = "at_liberty"
    #: Held by the police after arrest, before a court decides (AT § 172 StPO, RS zadržavanje).
    ARRESTED = "arrested"
    #: Pre-trial detention imposed by a court.
    DETAINED = "detained"
    RELEASED = "released"
    #: Custody passed to another office or state with the case (a transfer); no longer this office's to watch.
    HANDED_OVER = "handed_over"
    #: Serving a prison sentence after a final judgment: no pre-trial limits run any more.
    SERVING_SENTENCE = "serving_sentence"

    @property
    def in_custody(self) -> bool:
        return self in (Custody.ARRESTED, Custody.DETAINED)


class OffenceClass(enum.StrEnum):
    MISDEMEANOUR = "misdemeanour"
    FELONY = "felony"


class SeizureCategory(enum.StrEnum):
    DRUG = "drug"
    WEAPON = "weapon"
    CASH = "cash"
    VEHICLE = "vehicle"
    OTHER = "other"


class Unit(enum.StrEnum):
    KG = "kg"
    G = "g"
    PIECES = "pieces"
    EUR = "EUR"


class TimelineKind(enum.StrEnum):
    CREATED = "created"
    EDITED = "edited"
    STAGE = "stage"
    NOTE = "note"
    DEFENDANT = "defendant"
    CHARGE = "charge"
    CUSTODY = "custody"
    ARREST = "arrest"
    SEIZURE = "seizure"
    ASSIGNMENT = "assignment"
    JUDGMENT = "judgment"
    #: Deadlines closed or opened again with the case.
    DEADLINE = "deadline"
    #: A court's fact recorded by its day, e.g. the indictment served.
    COURT_FACT = "court_fact"


class Case(TimestampMixin, PkModel):
    """One prosecution file, moving through the pipeline stage by stage."""

    __tablename__ = "cases"
    __table_args__ = (
        sa.UniqueConstraint("office_id", "reference", name="uq_cases_office_reference"),
        sa.Index("ix_cases_office_stage_id", "office_id", "stage", "id"),
        #: The case list's keyset pages sorted by opening date.
        sa.Index("ix_cases_opened_on_id", "opened_on", "id"),
    )

    office_id: Mapped[office_fk]
    #: The office's file number, e.g. "712 St 45/19k"; unique within the office.
    reference: Mapped[str] = mapped_column(sa.String(60))
    title: Mapped[str] = mapped_column(sa.String(200))
    jurisdiction: Mapped[Jurisdiction] = mapped_column(enum_column(Jurisdiction), index=True)
    operation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("operations.id"), index=True)
    prosecutor_id: Mapped[user_fk | None] = mapped_column(index=True)
    court: Mapped[str] = mapped_column(sa.String(200), default="")
    stage: Mapped[Stage] = mapped_column(enum_column(Stage), default=Stage.INTAKE, index=True)
    #: Sealed cases are visible only to their prosecutor, supervisors and admins.
    sealed: Mapped[bool] = mapped_column(default=False)
    opened_on: Mapped[date]
    stage_changed_at: Mapped[timestamp]
    #: Last change of any kind, for "no activity for 30 days".
    last_activity_at: Mapped[timestamp] = mapped_column(index=True)
    #: Optimistic lock: every update checks and bumps it, so concurrent edits cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    office: Mapped[Office] = relationship()
    operation: Mapped[Operation | None] = relationship(back_populates="cases")
    prosecutor: Mapped[User | None] = relationship()
    defendants: Mapped[list["Defendant"]] = relationship(
        back_populates="case", order_by="Defendant.id", cascade="all, delete-orphan"
    )
    arrests: Mapped[list["Arrest"]] = relationship(back_populates="case", order_by="Arrest.arrested_at")
    seizures: Mapped[list["Seizure"]] = relationship(back_populates="case", order_by="Seizure.id")
    timeline: Mapped[list["TimelineEntry"]] = relationship(back_populates="case", order_by="TimelineEntry.id.desc()")

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Person(TimestampMixin, PkModel):
    """A human known to the office; one person may be a defendant in several cases."""

    __tablename__ = "persons"

    office_id: Mapped[office_fk] = mapped_column(index=True)
    first_name: Mapped[str] = mapped_column(sa.String(100))
    last_name: Mapped[str] = mapped_column(sa.String(100))
    #: Other names the person is known by, as written.
    aliases: Mapped[list] = mapped_column(sa.JSON, default=list)
    date_of_birth: Mapped[date | None] = mapped_column(index=True)
    #: ISO 3166 alpha-2 code.
    nationality: Mapped[str | None] = mapped_column(sa.String(2))
    #: Names and aliases folded to lower-case ASCII ("petrovic marko"), for search and matching.
    search_name: Mapped[str] = mapped_column(sa.String(400), index=True, default="")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def __str__(self) -> str:
        return self.full_name


class Defendant(TimestampMixin, PkModel):
    """A person in a case, with their custody status and the charges against them."""

    __tablename__ = "defendants"
    __table_args__ = (sa.UniqueConstraint("case_id", "person_id", name="uq_defendants_case_person"),)

    case_id: Mapped[case_fk] = mapped_column(index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    custody: Mapped[Custody] = mapped_column(enum_column(Custody), default=Custody.AT_LIBERTY, index=True)
    custody_since: Mapped[datetime | None]

    case: Mapped[Case] = relationship(back_populates="defendants")
    person: Mapped[Person] = relationship()
    charges: Mapped[list["Charge"]] = relationship(
        back_populates="defendant", order_by="Charge.id", cascade="all, delete-orphan"
    )


class Charge(TimestampMixin, PkModel):
    __tablename__ = "charges"

    defendant_id: Mapped[int] = mapped_column(sa.ForeignKey("defendants.id", ondelete="CASCADE"), index=True)
    #: The statute, e.g. "§ 28a SMG" or "čl. 246 KZ".
    statute: Mapped[str] = mapped_column(sa.String(80))
    offence_class: Mapped[OffenceClass] = mapped_column(enum_column(OffenceClass))
    #: The offence's maximum term of imprisonment in months (None when it has none).
    max_penalty_months: Mapped[int | None]
    #: Whether the offence allows life imprisonment.
    life_possible: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(sa.String(500), default="")

    defendant: Mapped[Defendant] = relationship(back_populates="charges")

    def __str__(self) -> str:
        return f"{self.statute} {self.description}".strip()


class Arrest(TimestampMixin, PkModel):
    __tablename__ = "arrests"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    arrested_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(sa.String(200))
    agency: Mapped[str] = mapped_column(sa.String(200))
    custody_followed: Mapped[bool] = mapped_column(default=False)
    #: Stable id of an imported row, so importing the same file again adds nothing.
    external_id: Mapped[str | None] = mapped_column(sa.String(100), unique=True)
    recorded_by_id: Mapped[user_fk | None]

    case: Mapped[Case] = relationship(back_populates="arrests")
    person: Mapped[Person] = relationship()
    seizures: Mapped[list["Seizure"]] = relationship(back_populates="arrest")


class Seizure(TimestampMixin, PkModel):
    __tablename__ = "seizures"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    arrest_id: Mapped[int | None] = mapped_column(sa.ForeignKey("arrests.id"), index=True)
    category: Mapped[SeizureCategory] = mapped_column(enum_column(SeizureCategory), index=True)
    #: What exactly: "heroin", "cocaine", "pistol", "machine pistol", a vehicle's make.
    substance: Mapped[str] = mapped_column(sa.String(100))
    quantity: Mapped[Decimal] = mapped_column(sa.Numeric(14, 3))
    unit: Mapped[Unit] = mapped_column(enum_column(Unit))
    seized_on: Mapped[date | None]
    recorded_by_id: Mapped[user_fk | None]

    case: Mapped[Case] = relationship(back_populates="seizures")
    arrest: Mapped[Arrest | None] = relationship(back_populates="seizures")


class StageMove(PkModel):
    """One move of a case between stages: who, when, why, and the court facts recorded with it."""

    __tablename__ = "stage_moves"
    __table_args__ = (sa.Index("ix_stage_moves_case_id_id", "case_id", "id"),)

    case_id: Mapped[case_fk]
    from_stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    to_stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    #: The legal ground chosen from the jurisdiction's list (app/cases/grounds.py), e.g. "at_190_2";
    #: None for an ordinary forward move.
    grounds: Mapped[str | None] = mapped_column(sa.String(40))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    #: Court facts recorded in the same step, as ISO dates, e.g. {"filed_on": "2019-04-01"}.
    facts: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    actor_id: Mapped[user_fk | None]
    moved_at: Mapped[timestamp]

    case: Mapped[Case] = relationship()
    actor: Mapped[User | None] = relationship()


class TimelineEntry(PkModel):
    """One line of a case's history: who did what, when."""

    __tablename__ = "timeline_entries"
    __table_args__ = (sa.Index("ix_timeline_entries_case_id_id", "case_id", "id"),)

    case_id: Mapped[case_fk]
    occurred_at: Mapped[timestamp]
    actor_id: Mapped[user_fk | None]
    kind: Mapped[TimelineKind] = mapped_column(enum_column(TimelineKind))
    summary: Mapped[str] = mapped_column(sa.String(500))
    #: Structured facts of the entry, e.g. {"from": "intake", "to": "investigation", "reason": "..."}.
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="timeline")
    actor: Mapped[User | None] = relationship()
