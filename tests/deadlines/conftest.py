"""Cases, defendants and moments the deadline tests share."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.auth.models import Role
from app.cases.models import Jurisdiction, OffenceClass
from tests.cases.factories import CaseFactory, ChargeFactory, DefendantFactory

VIENNA = ZoneInfo("Europe/Vienna")


def vienna(*args) -> datetime:
    """A moment in Vienna's office time."""
    return datetime(*args, tzinfo=VIENNA)


@pytest.fixture
def prosecutor(make_user):
    return make_user(Role.PROSECUTOR, name="Mag. Anna Berger")


@pytest.fixture
def supervisor(make_user):
    return make_user(Role.SUPERVISOR, name="Dr. Karl Weiss")


@pytest.fixture
def make_case(office, prosecutor):
    def make(jurisdiction: str = "AT", **kwargs):
        kwargs.setdefault("prosecutor", prosecutor)
        return CaseFactory(office=office, jurisdiction=Jurisdiction(jurisdiction), **kwargs)

    return make


@pytest.fixture
def make_defendant():
    def make(case, *, months: int | None = 180, **kwargs):
        defendant = DefendantFactory(case=case, **kwargs)
        if months is not None:
            ChargeFactory(defendant=defendant, max_penalty_months=months,
                          offence_class=OffenceClass.FELONY if months > 36 else OffenceClass.MISDEMEANOUR)
        return defendant

    return make
