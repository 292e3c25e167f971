"""Terms of imprisonment in years, months and days, added up the way a court would read them.

Months carry into years (12 months are a year). Days are kept as days and never
turned into months, because a month has no fixed number of days: 20 days + 20 days
is "40 days", not "1 month 10 days". Averages are the one place a fraction of a
month has to become days; there a month counts as 30 days.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DAYS_PER_MONTH_FOR_AVERAGES = 30


@dataclass(frozen=True)
class Term:
    years: int = 0
    months: int = 0
    days: int = 0

    def normalised(self) -> "Term":
        """Carry whole years out of the months; leave days alone."""
        total_months = self.years * 12 + self.months
        return Term(total_months // 12, total_months % 12, self.days)

    def __add__(self, other: "Term") -> "Term":
        return Term(self.years + other.years, self.months + other.months, self.days + other.days).normalised()

    def __sub__(self, other: "Term") -> "Term":
        """The difference of two terms; days borrow a 30-day month only when they must."""
        months = (self.years * 12 + self.months) - (other.years * 12 + other.months)
        days = self.days - other.days
        while days < 0 and months > 0:
            months, days = months - 1, days + DAYS_PER_MONTH_FOR_AVERAGES
        return Term(0, months, days).normalised()

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def exceeds_months(self, limit: int) -> bool:
        """Whether the term is longer than `limit` months (any day beyond a full limit counts)."""
        return self.total_months > limit or (self.total_months == limit and self.days > 0)

    def __bool__(self) -> bool:
        return bool(self.years or self.months or self.days)

    def sort_key(self) -> tuple[int, int]:
        return (self.total_months, self.days)

    def __str__(self) -> str:
        parts = [(self.years, "year"), (self.months, "month"), (self.days, "day")]
        words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
        return " ".join(words) or "none"


def total(terms) -> Term:
    result = Term()
    for term in terms:
        result = result + term
    return result


def average(terms: list[Term]) -> Term:
    """The mean of `terms`: whole years and months, the rest in days (a month as 30 days)."""
    if not terms:
        return Term()
    summed = total(terms)
    count = Decimal(len(terms))
    months = Decimal(summed.total_months) / count
    whole = int(months)
    days = (months - whole) * DAYS_PER_MONTH_FOR_AVERAGES + Decimal(summed.days) / count
    return Term(0, whole, int(days.quantize(Decimal(1), rounding=ROUND_HALF_UP))).normalised()
