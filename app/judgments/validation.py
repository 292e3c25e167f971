"""Checks of a judgment entry, each with a message on the field that has to change.

The service runs them, so every caller (the pages, the CLI, the API) gets the same refusals.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

import sqlalchemy as sa

from app.cases.models import Arrest, Case, Charge, Defendant
from app.core.formatting import day as day_text
from app.errors import Refusals
from app.extensions import db
from app.judgments.models import Outcome
from app.judgments.terms import Term


@dataclass
class SentenceData:
    """A sentence as entered: the whole term, its conditional part and the financial orders."""

    prison: Term = field(default_factory=Term)
    life: bool = False
    conditional: Term = field(default_factory=Term)
    probation_years: int | None = None
    fine_daily_rates: int | None = None
    fine_daily_rate: Decimal | None = None
    fine_amount: Decimal | None = None
    confiscation_amount: Decimal | None = None
    forfeiture_amount: Decimal | None = None
    other_orders: str = ""

    @property
    def unconditional(self) -> Term:
        return self.prison - self.conditional

    @property
    def has_penalty(self) -> bool:
        return bool(self.prison or self.life or self.fine_daily_rates or self.fine_amount)


#: The verdicts of a judgment: charge id → (outcome, the statute of an amended charge).
Verdicts = dict[int, tuple[Outcome, str]]


@dataclass
class JudgmentEntry:
    """A judgment as the registry enters or corrects it."""

    court: str
    court_file_number: str
    announced_on: date
    verdicts: Verdicts
    sentence: SentenceData
    served_on: date | None = None
    final_on: date | None = None
    #: Why a final judgment is corrected (the original is kept as an amendment).
    amendment_reason: str = ""


def check_entry(errors: Refusals, defendant: Defendant, now: datetime, entry: JudgmentEntry) -> None:
    if not (entry.court or "").strip():
        errors.add("court", "Enter the court that gave the judgment.")
    check_dates(
        errors,
        defendant.case,
        defendant,
        now,
        announced_on=entry.announced_on,
        served_on=entry.served_on,
        final_on=entry.final_on,
    )
    check_verdicts(errors, defendant, entry.verdicts)
    check_sentence(errors, defendant.charges, entry.verdicts, entry.sentence)


def arrest_day(defendant: Defendant) -> date | None:
    """The local day of the defendant's first arrest in the case, if one was recorded."""
    first = db.session.scalar(
        sa.select(sa.func.min(Arrest.arrested_at)).where(
            Arrest.case_id == defendant.case_id, Arrest.person_id == defendant.person_id
        )
    )
    if first is None:
        return None
    if first.tzinfo is None:  # aggregates bypass the column type on SQLite
        first = first.replace(tzinfo=UTC)
    return defendant.case.office.today(first)


def check_dates(
    errors: Refusals,
    case: Case,
    defendant: Defendant,
    now: datetime,
    *,
    announced_on: date | None,
    served_on: date | None = None,
    final_on: date | None = None,
) -> None:
    today, arrested = case.office.today(now), arrest_day(defendant)
    if announced_on is None:
        errors.add("announced_on", "Enter the day the judgment was announced.")
        return
    for name, day, label in (
        ("announced_on", announced_on, "The announcement"),
        ("served_on", served_on, "The service of the copy"),
        ("final_on", final_on, "Finality"),
    ):
        if day is None:
            continue
        if day > today:
            errors.add(name, f"{label} cannot lie in the future (today is {day_text(today)}).")
        elif arrested is not None and day < arrested:
            errors.add(name, f"{label} cannot lie before the arrest on {day_text(arrested)}.")
    if served_on is not None and served_on < announced_on:
        errors.add("served_on", "The copy cannot be served before the judgment was announced.")
    if final_on is not None and final_on < announced_on:
        errors.add("final_on", "A judgment cannot become final before it was announced.")


def check_verdicts(errors: Refusals, defendant: Defendant, verdicts: Verdicts) -> None:
    for charge in defendant.charges:
        if charge.id not in verdicts or verdicts[charge.id][0] is None:
            errors.add(f"verdict_{charge.id}", f"Enter the verdict on {charge.statute}.")
        elif verdicts[charge.id][0] == Outcome.CONVICTED_AMENDED and not verdicts[charge.id][1].strip():
            errors.add(f"amended_statute_{charge.id}", "Enter the statute of the amended charge.")
    unknown = set(verdicts) - {charge.id for charge in defendant.charges}
    if unknown:
        errors.add("verdicts", "A verdict names a charge this defendant does not face.")


def check_sentence(
    errors: Refusals,
    charges: list[Charge],
    verdicts: Verdicts,
    sentence: SentenceData,
    prefix: str = "",
) -> None:
    """Check the term's units, its conditional part, the offence's maximum and the financial orders."""
    for part, term in (("prison", sentence.prison), ("conditional", sentence.conditional)):
        if term.years < 0 or term.months < 0 or term.days < 0:
            errors.add(f"{prefix}{part}_years", "Years, months and days cannot be negative.")
        if term.months >= 12:
            errors.add(
                f"{prefix}{part}_months",
                f"Months must be under 12: enter {term.months} months as "
                f"{term.months // 12} year(s) and {term.months % 12} month(s).",
            )
        if term.days >= 31:
            errors.add(f"{prefix}{part}_days", "Days must be under 31: enter whole months as months.")
    convicted = [c for c in charges if c.id in verdicts and verdicts[c.id][0] and verdicts[c.id][0].is_conviction]
    if not convicted and (sentence.has_penalty or sentence.conditional):
        errors.add(
            f"{prefix}prison_years",
            "Without a conviction there is no penalty: leave imprisonment and "
            "fines empty (confiscation and other orders may stay).",
        )
    if sentence.conditional.sort_key() > sentence.prison.sort_key():
        errors.add(
            f"{prefix}conditional_years",
            f"The conditional part ({sentence.conditional}) cannot be longer than the whole term ({sentence.prison}).",
        )
    if sentence.conditional and not sentence.probation_years:
        errors.add(f"{prefix}probation_years", "Enter the probation period of the conditional part.")
    if sentence.probation_years and not sentence.conditional:
        errors.add(f"{prefix}probation_years", "A probation period needs a conditional part.")
    if sentence.probation_years is not None and not 0 < sentence.probation_years <= 5:
        errors.add(f"{prefix}probation_years", "The probation period runs from 1 to 5 years.")
    _check_maximum(errors, convicted, verdicts, sentence, prefix)
    if (sentence.fine_daily_rates is None) != (sentence.fine_daily_rate is None):
        errors.add(f"{prefix}fine_daily_rate", "A day-rate fine needs both the number of rates and one rate's amount.")
    for name in ("fine_daily_rates", "fine_daily_rate", "fine_amount", "confiscation_amount", "forfeiture_amount"):
        value = getattr(sentence, name)
        if value is not None and value < 0:
            errors.add(f"{prefix}{name}", "Amounts cannot be negative.")


def _check_maximum(errors: Refusals, convicted: list[Charge], verdicts, sentence: SentenceData, prefix: str) -> None:
    if sentence.life:
        if sentence.prison or sentence.conditional:
            errors.add(f"{prefix}life", "Life imprisonment has no term: leave years, months and days empty.")
        if convicted and not any(c.life_possible for c in convicted if verdicts[c.id][0] == Outcome.CONVICTED):
            errors.add(f"{prefix}life", "None of the offences of conviction allows life imprisonment.")
        return
    # An amended conviction may carry another maximum than the charge did: only unamended ones bound the term.
    if not convicted or any(verdicts[c.id][0] != Outcome.CONVICTED or c.max_penalty_months is None for c in convicted):
        return
    gravest = max(convicted, key=lambda c: c.max_penalty_months)
    if sentence.prison.exceeds_months(gravest.max_penalty_months):
        errors.add(
            f"{prefix}prison_years",
            f"{sentence.prison} is more than {gravest.statute} allows "
            f"(at most {Term(0, gravest.max_penalty_months).normalised()}).",
        )
