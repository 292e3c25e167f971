"""A case at trial with a defendant, an arrest and a charge, and a clerk of the office."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.auth.models import Role
from app.cases.models import Arrest, Stage
from app.judgments.services import SentenceData
from app.judgments.terms import Term
from tests.cases.factories import CaseFactory, ChargeFactory, DefendantFactory, OperationFactory

VIENNA = ZoneInfo("Europe/Vienna")
#: "Now" in these tests: a Wednesday afternoon in Vienna.
NOW = datetime(2019, 11, 6, 15, 0, tzinfo=VIENNA)


@pytest.fixture
def clerk(make_user):
    return make_user(Role.CLERK, name="Eva Registry")


@pytest.fixture
def operation(office):
    return OperationFactory(office=office, name="Operation Balkan Route")


@pytest.fixture
def make_defendant(office, operation):
    """A defendant at trial, arrested on 26 Aug 2019, with one charge (10-year maximum by default)."""

    def make(max_months=120, life_possible=False, case=None, stage=Stage.TRIAL):
        case = case or CaseFactory(office=office, operation=operation, stage=stage, court="Landesgericht Wien")
        defendant = DefendantFactory(case=case)
        ChargeFactory(defendant=defendant, max_penalty_months=max_months, life_possible=life_possible)
        from app.extensions import db
        db.session.add(Arrest(case=case, person=defendant.person, place="Wien", agency="LPD Wien",
                              arrested_at=datetime(2019, 8, 26, 10, 0, tzinfo=VIENNA)))
        db.session.flush()
        return defendant

    return make


def convicted(defendant) -> dict:
    from app.judgments.models import Outcome
    return {charge.id: (Outcome.CONVICTED, "") for charge in defendant.charges}


def years(n: int, **kw) -> SentenceData:
    return SentenceData(prison=Term(n, kw.pop("months", 0), kw.pop("days", 0)), **kw)


def entry(defendant, **overrides) -> dict:
    values = dict(court="Landesgericht für Strafsachen Wien", court_file_number="063 Hv 12/19d",
                  announced_on=date(2019, 11, 4), verdicts=convicted(defendant), sentence=years(8), now=NOW,
                  actor=None)
    values.update(overrides)
    return values
