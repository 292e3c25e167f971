"""Fixtures of the import tests: an operation with cases, and an investigator on its team."""
import pytest

from app.auth.models import Role
from tests.imports import builders


@pytest.fixture
def investigator(make_user):
    return make_user(Role.INVESTIGATOR)


@pytest.fixture
def operation(office, investigator):
    return builders.operation(office, team=[investigator])


@pytest.fixture
def cases(office, operation):
    return builders.cases(office, operation, 10)


@pytest.fixture
def references(cases):
    return [case.reference for case in cases]
