"""Terms add up the way a court reads them: months carry into years, days stay days."""

import pytest

from app.judgments.terms import Term, average, total


@pytest.mark.parametrize(
    "terms, expected",
    [
        ([Term(1, 6), Term(2, 6)], Term(4, 0, 0)),
        ([Term(0, 11), Term(0, 2)], Term(1, 1, 0)),
        ([Term(0, 0, 20), Term(0, 0, 20)], Term(0, 0, 40)),  # days are never turned into months
        ([Term(502)], Term(502)),
        ([], Term()),
    ],
)
def test_total_normalises_months_and_keeps_days(terms, expected):
    assert total(terms) == expected


def test_subtraction_borrows_a_month_only_for_days():
    assert Term(1) - Term(0, 0, 10) == Term(0, 11, 20)
    assert Term(3) - Term(1, 6) == Term(1, 6)


def test_average_of_terms():
    assert average([Term(2), Term(3)]) == Term(2, 6)
    assert average([Term(1), Term(0, 0, 10)]) == Term(0, 6, 5)
    assert average([]) == Term()


def test_words():
    assert str(Term(502)) == "502 years"
    assert str(Term(1, 1, 1)) == "1 year 1 month 1 day"
    assert str(Term()) == "none"
