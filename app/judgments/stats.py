"""Outcome statistics of final judgments, grouped by operation, office, prosecutor or court.

Only final judgments count: a first-instance sentence may still change on appeal.
A quashed judgment does not count at all: the judgment of the new trial takes its place.
"Imprisonment" means the unconditional part of the sentence in force (the whole term
minus any conditional part); life sentences are counted apart. Sums carry months
into years and keep days as days (see app/judgments/terms.py).
"""

import statistics
from dataclasses import dataclass, field
from datetime import UTC
from decimal import Decimal

import sqlalchemy as sa

from app.auth.models import Office, User
from app.cases.models import Arrest, Case, Defendant
from app.core.formatting import zone_of
from app.extensions import db
from app.judgments.models import Judgment, Outcome, Sentence, Verdict
from app.judgments.terms import Term, average, total
from app.operations.models import Operation

GROUPINGS = {"operation": "Operation", "office": "Office", "prosecutor": "Prosecutor", "court": "Court"}
ZERO = Decimal("0.00")


@dataclass
class OutcomeRow:
    label: str
    final: int = 0
    pending: int = 0
    convictions: int = 0
    acquittals: int = 0
    life: int = 0
    terms: list[Term] = field(default_factory=list, repr=False)
    fines: Decimal = ZERO
    confiscation: Decimal = ZERO
    forfeiture: Decimal = ZERO
    days_to_final: list[int] = field(default_factory=list, repr=False)

    @property
    def imprisonment(self) -> Term:
        return total(self.terms)

    @property
    def average_imprisonment(self) -> Term:
        return average(self.terms)

    @property
    def median_days_to_final(self) -> float | None:
        return statistics.median(self.days_to_final) if self.days_to_final else None


def _group_columns(grouping: str):
    if grouping == "operation":
        return Operation.name, lambda q: q.outerjoin(Operation, Operation.id == Case.operation_id), "No operation"
    if grouping == "prosecutor":
        return User.name, lambda q: q.outerjoin(User, User.id == Case.prosecutor_id), "Unassigned"
    if grouping == "court":
        return Judgment.court, lambda q: q, "—"
    return Office.name, lambda q: q, "—"


def outcome_statistics(grouping: str, *, office_id: int | None) -> list[OutcomeRow]:
    """One row per group (and a total row last), over the office's judgments or, with None, all offices'."""
    label_column, join, missing = _group_columns(grouping if grouping in GROUPINGS else "office")
    first_arrest = (
        sa.select(sa.func.min(Arrest.arrested_at))
        .where(Arrest.case_id == Judgment.case_id, Arrest.person_id == Defendant.person_id)
        .correlate(Judgment, Defendant)
        .scalar_subquery()
    )
    convicted = sa.exists().where(
        Verdict.judgment_id == Judgment.id, Verdict.outcome.in_([Outcome.CONVICTED, Outcome.CONVICTED_AMENDED])
    )
    not_acquitted = sa.exists().where(Verdict.judgment_id == Judgment.id, Verdict.outcome != Outcome.ACQUITTED)
    query = (
        sa.select(
            label_column.label("group_label"),
            Judgment.final_on,
            Office.timezone,
            Sentence,
            first_arrest.label("first_arrest"),
            convicted.label("convicted"),
            not_acquitted.label("not_acquitted"),
        )
        .select_from(Judgment)
        .join(Case, Case.id == Judgment.case_id)
        .join(Office, Office.id == Case.office_id)
        .join(Defendant, Defendant.id == Judgment.defendant_id)
        .outerjoin(Sentence, sa.and_(Sentence.judgment_id == Judgment.id, Sentence.in_force.is_(True)))
    )
    query = join(query).where(Judgment.quashed_on.is_(None))
    if office_id is not None:
        query = query.where(Case.office_id == office_id)
    rows: dict[str, OutcomeRow] = {}
    overall = OutcomeRow("All")
    for result in db.session.execute(query):
        label = result.group_label or missing
        row = rows.setdefault(label, OutcomeRow(label))
        for target in (row, overall):
            _count(target, result)
    return sorted(rows.values(), key=lambda r: r.label.lower()) + [overall]


def _count(row: OutcomeRow, result) -> None:
    if result.final_on is None:
        row.pending += 1
        return
    row.final += 1
    row.convictions += bool(result.convicted)
    row.acquittals += not result.not_acquitted
    sentence: Sentence | None = result.Sentence
    if sentence is not None:
        row.life += sentence.life
        unconditional = sentence.unconditional
        if unconditional:
            row.terms.append(unconditional)
        row.fines += sentence.fine_total
        row.confiscation += sentence.confiscation_amount or ZERO
        row.forfeiture += sentence.forfeiture_amount or ZERO
    if result.first_arrest is not None:
        arrested = _aware(result.first_arrest).astimezone(zone_of(result.timezone)).date()
        row.days_to_final.append((result.final_on - arrested).days)


def final_imprisonment_for_operation(operation_id: int) -> Term:
    """The unconditional imprisonment of the operation's final judgments, summed (12 months = 1 year)."""
    months = (
        Sentence.prison_years * 12
        + Sentence.prison_months
        - Sentence.conditional_years * 12
        - Sentence.conditional_months
    )
    days = Sentence.prison_days - Sentence.conditional_days
    query = (
        sa.select(sa.func.coalesce(sa.func.sum(months), 0), sa.func.coalesce(sa.func.sum(days), 0))
        .select_from(Sentence)
        .join(Judgment, Judgment.id == Sentence.judgment_id)
        .join(Case, Case.id == Judgment.case_id)
        .where(
            Case.operation_id == operation_id,
            Judgment.final_on.is_not(None),
            Judgment.quashed_on.is_(None),
            Sentence.in_force.is_(True),
            Sentence.life.is_(False),
        )
    )
    total_months, total_days = db.session.execute(query).one()
    if total_days < 0:  # more conditional days than whole-term days: borrow months, as Term subtraction does
        return Term(0, int(total_months), 0) - Term(0, 0, -int(total_days))
    return Term(0, int(total_months), int(total_days)).normalised()


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
