"""A case at trial with a defendant, an arrest and a charge, and a clerk of the office."""

import pytest

from app.auth.models import Role
from app.cases.models import Stage
from tests.cases.factories import ArrestFactory, CaseFactory, ChargeFactory, DefendantFactory


@pytest.fixture
def clerk(make_user):
    return make_user(Role.CLERK, name="Eva Registry")


@pytest.fixture
def make_defendant(office, operation):
    """A defendant at trial, arrested on 26 Aug 2019, with one charge (10-year maximum by default)."""

    def make(max_months=120, life_possible=False, case=None, stage=Stage.TRIAL):
        case = case or CaseFactory(office=office, operation=operation, stage=stage, court="Landesgericht Wien")
        defendant = DefendantFactory(case=case)
        ChargeFactory(defendant=defendant, max_penalty_months=max_months, life_possible=life_possible)
        ArrestFactory(case=case, person=defendant.person)
        return defendant

    return make
