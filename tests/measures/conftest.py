"""A case of one prosecutor in an operation, with a defendant, for the measure tests."""

import pytest

from tests.cases.factories import CaseFactory, DefendantFactory


@pytest.fixture
def case(office, prosecutor, operation):
    kase = CaseFactory(office=office, prosecutor=prosecutor, operation=operation, reference="712 St 88/19k")
    DefendantFactory(case=kase)
    return kase
