"""Fixtures of the import tests: an operation with cases, and an investigator on its team."""

from datetime import date

import pytest

from app.auth.models import Role
from tests.cases.factories import OpenedCaseFactory, OperationFactory


@pytest.fixture
def investigator(make_user):
    return make_user(Role.INVESTIGATOR)


@pytest.fixture
def operation(office, investigator):
    return OperationFactory(office=office, team=[investigator])


@pytest.fixture
def cases(office, operation):
    return OpenedCaseFactory.create_batch(
        10, office=office, operation=operation, title="Street Runner", opened_on=date(2017, 9, 1)
    )


@pytest.fixture
def references(cases):
    return [case.reference for case in cases]
