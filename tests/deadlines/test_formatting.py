"""How a deadline's due time, act-by and distance read: hour limits with their time, dated ones as a day."""
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

import pytest

from app.deadlines.formatting import deadline_act_by, deadline_distance, deadline_due
from tests.deadlines.conftest import VIENNA, vienna


def hour_limit(due_local: datetime) -> SimpleNamespace:
    """An hour limit as the engine stores it; act_by is deliberately the Friday an old row may still hold."""
    return SimpleNamespace(all_day=False, due_at=due_local.astimezone(UTC), due_date=due_local.date(),
                           act_by=date(2019, 3, 29))


def dated(due_date: date, act_by: date | None = None) -> SimpleNamespace:
    due_at = datetime.combine(due_date, time.max, tzinfo=VIENNA).astimezone(UTC)
    return SimpleNamespace(all_day=True, due_at=due_at, due_date=due_date, act_by=act_by or due_date)


@pytest.mark.parametrize(
    ("deadline", "due", "act_by"),
    [
        (hour_limit(vienna(2019, 3, 31, 23, 30)), "Sun 31 Mar 2019 23:30", "Sun 31 Mar 2019 23:30"),
        (hour_limit(vienna(2019, 10, 28, 9, 5)), "Mon 28 Oct 2019 09:05", "Mon 28 Oct 2019 09:05"),
        (dated(date(2019, 9, 10)), "Tue 10 Sep 2019", "Tue 10 Sep 2019"),
        (dated(date(2024, 6, 16), act_by=date(2024, 6, 14)), "Sun 16 Jun 2024", "Fri 14 Jun 2024"),
    ],
    ids=["hour-limit-sunday", "hour-limit-after-fall-back", "day-deadline", "day-limit-on-sunday"],
)
def test_due_and_act_by_read_with_a_time_only_for_hour_deadlines(deadline, due: str, act_by: str) -> None:
    assert deadline_due(deadline, VIENNA) == due
    assert deadline_act_by(deadline, "Europe/Vienna") == act_by
    assert "23:59" not in deadline_due(deadline, VIENNA) + deadline_act_by(deadline, VIENNA)


def test_an_hour_deadline_reads_in_the_zone_it_is_shown_in() -> None:
    deadline = hour_limit(vienna(2019, 3, 31, 23, 30))
    assert deadline_due(deadline, "Europe/Belgrade") == "Sun 31 Mar 2019 23:30"
    assert deadline_due(deadline, "UTC") == "Sun 31 Mar 2019 21:30"


NOW = vienna(2019, 9, 10, 10, 0)


@pytest.mark.parametrize(
    ("deadline", "text"),
    [
        (hour_limit(NOW + timedelta(hours=5, minutes=10)), "in 5 hours"),
        (hour_limit(NOW + timedelta(minutes=20)), "in 20 minutes"),
        (hour_limit(NOW + timedelta(hours=47)), "in 47 hours"),
        (hour_limit(NOW + timedelta(hours=75)), "in 3 days"),
        (hour_limit(NOW - timedelta(hours=5, minutes=10)), "missed 5 hours ago"),
        (hour_limit(NOW - timedelta(hours=1)), "missed 1 hour ago"),
        (hour_limit(NOW - timedelta(days=2, hours=3)), "missed 2 days ago"),
        (dated(date(2019, 9, 13)), "in 3 days"),
        (dated(date(2019, 9, 11)), "in 1 day"),
        (dated(date(2019, 9, 10)), "due today"),
        (dated(date(2019, 9, 9)), "missed 1 day ago"),
        (dated(date(2019, 9, 8)), "missed 2 days ago"),
    ],
)
def test_the_distance_says_how_soon_or_how_long_ago(deadline, text: str) -> None:
    assert deadline_distance(deadline, NOW.astimezone(UTC), VIENNA) == text
