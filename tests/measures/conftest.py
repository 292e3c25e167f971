"""A case of one prosecutor in an operation, and the people around it, for the measure tests."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.auth.models import Role
from tests.cases.factories import CaseFactory, DefendantFactory, OperationFactory

VIENNA = ZoneInfo("Europe/Vienna")


def vienna(*args) -> datetime:
    return datetime(*args, tzinfo=VIENNA)


@pytest.fixture
def prosecutor(make_user):
    return make_user(Role.PROSECUTOR, name="Mag. Anna Berger")


@pytest.fixture
def operation(office):
    return OperationFactory(office=office, name="Operation Street Runner")


@pytest.fixture
def case(office, prosecutor, operation):
    kase = CaseFactory(office=office, prosecutor=prosecutor, operation=operation, reference="712 St 88/19k")
    DefendantFactory(case=kase)
    return kase
