"""Cases and defendants the deadline tests share."""

import pytest

from app.cases.models import Jurisdiction, OffenceClass
from tests.cases.factories import CaseFactory, ChargeFactory, DefendantFactory


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
            ChargeFactory(
                defendant=defendant,
                max_penalty_months=months,
                offence_class=OffenceClass.FELONY if months > 36 else OffenceClass.MISDEMEANOUR,
            )
        return defendant

    return make
