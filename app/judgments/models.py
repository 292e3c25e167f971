"""Judgments per defendant, their verdicts and sentences, appeals, finality and amendments."""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.cases.models import Case, Charge, Defendant
from app.database import LabelledEnum, TimestampMixin, case_fk, enum_column, timestamp, user_fk
from app.extensions import PkModel
from app.judgments.terms import Term

MONEY = sa.Numeric(14, 2)


class FinalityBasis(LabelledEnum):
    #: The appeal periods passed unused (set by `finalize_unappealed`).
    PERIOD_EXPIRED = "period_expired", "appeal periods passed unused"
    APPEAL_DECIDED = "appeal_decided", "final appeal decision"
    #: Entered by the clerk, e.g. when both parties waived appeals in court.
    ENTERED = "entered", "entered by the registry"


class Judgment(TimestampMixin, PkModel):
    """A first-instance judgment on one defendant, and whether it has become final or was quashed.

    A defendant has one standing judgment at a time; a quashed one stays on record beside
    the judgment of the new trial.
    """

    __tablename__ = "judgments"
    __table_args__ = (
        sa.Index("ix_judgments_case_id_final_on", "case_id", "final_on"),
        sa.Index(
            "uq_judgments_defendant_id_standing",
            "defendant_id",
            unique=True,
            sqlite_where=sa.text("quashed_on IS NULL"),
            postgresql_where=sa.text("quashed_on IS NULL"),
        ),
    )

    defendant_id: Mapped[int] = mapped_column(sa.ForeignKey("defendants.id", ondelete="CASCADE"), index=True)
    #: The defendant's case, kept here so case-wide queries and statistics need no join through defendants.
    case_id: Mapped[case_fk]
    court: Mapped[str] = mapped_column(sa.String(200), index=True)
    #: The court's own file number, e.g. "063 Hv 12/19d".
    court_file_number: Mapped[str] = mapped_column(sa.String(60), default="")
    announced_on: Mapped[date]
    #: Service of the written judgment copy; starts the period for written appeal grounds.
    served_on: Mapped[date | None]
    final_on: Mapped[date | None] = mapped_column(index=True)
    finality_basis: Mapped[FinalityBasis | None] = mapped_column(enum_column(FinalityBasis))
    #: The day an appeal court quashed the judgment and ordered a new trial; it then no longer counts.
    quashed_on: Mapped[date | None]
    entered_by_id: Mapped[user_fk | None]
    updated_at: Mapped[timestamp]
    #: Optimistic lock: two clerks saving the same judgment cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    defendant: Mapped[Defendant] = relationship()
    case: Mapped[Case] = relationship()
    entered_by: Mapped[User | None] = relationship()
    verdicts: Mapped[list["Verdict"]] = relationship(
        back_populates="judgment", order_by="Verdict.charge_id", cascade="all, delete-orphan"
    )
    sentences: Mapped[list["Sentence"]] = relationship(
        back_populates="judgment", order_by="Sentence.id", cascade="all, delete-orphan"
    )
    appeals: Mapped[list["Appeal"]] = relationship(
        back_populates="judgment", order_by="Appeal.id", cascade="all, delete-orphan"
    )
    amendments: Mapped[list["Amendment"]] = relationship(
        back_populates="judgment", order_by="Amendment.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def sentence(self) -> "Sentence | None":
        """The sentence in force: the first instance's, or the one an appeal court substituted."""
        return next((s for s in self.sentences if s.in_force), None)

    @property
    def is_final(self) -> bool:
        return self.final_on is not None

    @property
    def is_quashed(self) -> bool:
        return self.quashed_on is not None

    @property
    def quashing_appeal(self) -> "Appeal | None":
        return next(
            (appeal for appeal in self.appeals if appeal.decision == AppealDecision.QUASHED and appeal.decision_final),
            None,
        )

    @property
    def pending_appeals(self) -> list["Appeal"]:
        return [appeal for appeal in self.appeals if not appeal.decision_final]

    @property
    def is_conviction(self) -> bool:
        return any(verdict.outcome.is_conviction for verdict in self.verdicts)


class Outcome(LabelledEnum):
    CONVICTED = "convicted"
    ACQUITTED = "acquitted"
    DISMISSED = "dismissed"
    #: Convicted of another offence than charged (the amended statute is kept on the verdict).
    CONVICTED_AMENDED = "convicted_amended", "Convicted (amended charge)"

    @property
    def is_conviction(self) -> bool:
        return self in (Outcome.CONVICTED, Outcome.CONVICTED_AMENDED)


class Verdict(PkModel):
    """The court's finding on one charge."""

    __tablename__ = "verdicts"
    __table_args__ = (sa.UniqueConstraint("judgment_id", "charge_id", name="uq_verdicts_judgment_charge"),)

    judgment_id: Mapped[int] = mapped_column(sa.ForeignKey("judgments.id", ondelete="CASCADE"))
    charge_id: Mapped[int] = mapped_column(sa.ForeignKey("charges.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[Outcome] = mapped_column(enum_column(Outcome))
    #: For a conviction of an amended charge: the statute the court applied instead.
    amended_statute: Mapped[str] = mapped_column(sa.String(80), default="")

    judgment: Mapped[Judgment] = relationship(back_populates="verdicts")
    charge: Mapped[Charge] = relationship()


class Sentence(PkModel):
    """What the court imposed. Terms are kept as years, months and days, exactly as pronounced."""

    __tablename__ = "sentences"

    judgment_id: Mapped[int] = mapped_column(sa.ForeignKey("judgments.id", ondelete="CASCADE"), index=True)
    #: Set when an appeal court substituted this sentence for the earlier one.
    appeal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("appeals.id", ondelete="CASCADE"), unique=True)
    #: Exactly one sentence of a judgment is in force; a modified sentence retires the earlier one.
    in_force: Mapped[bool] = mapped_column(default=True, index=True)
    #: The whole term of imprisonment imposed, including any conditional part.
    prison_years: Mapped[int] = mapped_column(default=0)
    prison_months: Mapped[int] = mapped_column(default=0)
    prison_days: Mapped[int] = mapped_column(default=0)
    life: Mapped[bool] = mapped_column(default=False)
    #: The part of the term suspended on probation (§ 43a StGB "teilbedingt").
    conditional_years: Mapped[int] = mapped_column(default=0)
    conditional_months: Mapped[int] = mapped_column(default=0)
    conditional_days: Mapped[int] = mapped_column(default=0)
    probation_years: Mapped[int | None]
    #: A day-rate fine: number of daily rates × the amount of one rate.
    fine_daily_rates: Mapped[int | None]
    fine_daily_rate: Mapped[Decimal | None] = mapped_column(MONEY)
    #: A fine of a fixed amount (instead of, or besides, day rates).
    fine_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    confiscation_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    forfeiture_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    #: Further orders in words, e.g. "expulsion for 10 years".
    other_orders: Mapped[str] = mapped_column(sa.Text, default="")

    judgment: Mapped[Judgment] = relationship(back_populates="sentences")
    appeal: Mapped["Appeal | None"] = relationship(back_populates="sentence")

    @property
    def prison(self) -> Term:
        return Term(self.prison_years, self.prison_months, self.prison_days)

    @property
    def conditional(self) -> Term:
        return Term(self.conditional_years, self.conditional_months, self.conditional_days)

    @property
    def unconditional(self) -> Term:
        """The part of the term to serve: the whole term less its conditional part."""
        return self.prison - self.conditional

    @property
    def fine_total(self) -> Decimal:
        rates = (self.fine_daily_rates or 0) * (self.fine_daily_rate or Decimal("0"))
        return Decimal(rates) + (self.fine_amount or Decimal("0"))


class Party(LabelledEnum):
    PROSECUTION = "prosecution"
    DEFENCE = "defence"


class AppealDecision(LabelledEnum):
    #: The appeal failed; the judgment stands as announced.
    DISMISSED = "dismissed"
    #: The appeal court changed the sentence (the new one is the appeal's sentence).
    SENTENCE_MODIFIED = "sentence_modified"
    WITHDRAWN = "withdrawn"
    #: The appeal court quashed the judgment and ordered a new trial: the case returns to trial.
    QUASHED = "quashed", "Judgment quashed, new trial ordered"


class Appeal(TimestampMixin, PkModel):
    """An appeal lodged against a judgment, and what the appeal court decided."""

    __tablename__ = "appeals"

    judgment_id: Mapped[int] = mapped_column(sa.ForeignKey("judgments.id", ondelete="CASCADE"), index=True)
    party: Mapped[Party] = mapped_column(enum_column(Party))
    lodged_on: Mapped[date]
    #: When the written grounds were filed (closes the grounds deadline).
    grounds_filed_on: Mapped[date | None]
    decision: Mapped[AppealDecision | None] = mapped_column(enum_column(AppealDecision))
    decided_on: Mapped[date | None]
    #: The decision cannot be challenged further: the judgment becomes final with it.
    decision_final: Mapped[bool] = mapped_column(default=False)

    judgment: Mapped[Judgment] = relationship(back_populates="appeals")
    sentence: Mapped[Sentence | None] = relationship(back_populates="appeal")


class Amendment(PkModel):
    """A correction of a final judgment: why, by whom, when, and the judgment as it was before."""

    __tablename__ = "judgment_amendments"

    judgment_id: Mapped[int] = mapped_column(sa.ForeignKey("judgments.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(sa.Text)
    actor_id: Mapped[user_fk | None]
    made_at: Mapped[timestamp]
    #: The judgment, verdicts and sentence before the correction (see services.snapshot).
    original: Mapped[dict] = mapped_column(sa.JSON)
    #: {field: [before, after]} of what the correction changed.
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    judgment: Mapped[Judgment] = relationship(back_populates="amendments")
    actor: Mapped[User | None] = relationship()
