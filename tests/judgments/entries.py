"""A judgment as the clerk enters it: verdicts, a sentence, the court's heading, and the moment of entry."""

from dataclasses import replace
from datetime import date

from app.judgments.models import Outcome
from app.judgments.services import JudgmentEntry, SentenceData
from app.judgments.terms import Term
from tests.moments import vienna

#: "Now" in these tests: a Wednesday afternoon in Vienna.
NOW = vienna(2019, 11, 6, 15, 0)


def convicted(defendant) -> dict:
    return {charge.id: (Outcome.CONVICTED, "") for charge in defendant.charges}


def years(n: int, **kw) -> SentenceData:
    return SentenceData(prison=Term(n, kw.pop("months", 0), kw.pop("days", 0)), **kw)


def entry(defendant, **overrides) -> JudgmentEntry:
    usual = JudgmentEntry(
        court="Landesgericht für Strafsachen Wien",
        court_file_number="063 Hv 12/19d",
        announced_on=date(2019, 11, 4),
        verdicts=convicted(defendant),
        sentence=years(8),
    )
    return replace(usual, **overrides)
