"""Working-day calendars: which days stop a period's end, in Austria and Serbia."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from app.deadlines.calendars import WorkingCalendar, calendar_for, office_timezone


@pytest.mark.parametrize(
    ("jurisdiction", "day", "reason"),
    [
        # Austria (Vienna): year end
        ("AT", date(2024, 12, 24), None),  # Christmas Eve is a working day
        ("AT", date(2024, 12, 25), "Christmas Day"),
        ("AT", date(2024, 12, 26), "Saint Stephen's Day"),
        ("AT", date(2024, 12, 31), None),
        ("AT", date(2025, 1, 1), "New Year's Day"),
        ("AT", date(2025, 1, 2), None),
        ("AT", date(2025, 1, 6), "Epiphany"),
        # Austria: Easter; Good Friday comes from § 84 StPO, not the holiday list
        ("AT", date(2024, 3, 28), None),
        ("AT", date(2024, 3, 29), "Good Friday (§ 84 StPO)"),
        ("AT", date(2025, 4, 18), "Good Friday (§ 84 StPO)"),
        ("AT", date(2024, 3, 30), "Saturday"),
        ("AT", date(2024, 3, 31), "Sunday"),  # Easter Sunday is not listed apart
        ("AT", date(2024, 4, 1), "Easter Monday"),
        ("AT", date(2024, 4, 2), None),
        ("AT", date(2024, 5, 3), None),  # the Orthodox Good Friday is not Austrian
        # Austria: other public holidays
        ("AT", date(2024, 10, 26), "National Day"),
        ("AT", date(2023, 10, 26), "National Day"),
        ("AT", date(2025, 12, 8), "Immaculate Conception"),
        ("AT", date(2024, 8, 15), "Assumption Day"),
        ("AT", date(2024, 5, 30), "Corpus Christi"),
        ("AT", date(2024, 11, 15), None),  # St Leopold is no public holiday in Vienna
        ("AT", date(2024, 6, 16), "Sunday"),
        # Serbia: year end and Orthodox Christmas
        ("RS", date(2024, 12, 31), None),
        ("RS", date(2025, 1, 1), "New Year's Day"),
        ("RS", date(2025, 1, 2), "New Year's Day"),
        ("RS", date(2025, 1, 3), None),
        ("RS", date(2025, 1, 7), "Orthodox Christmas Day"),
        ("RS", date(2024, 12, 25), None),
        ("RS", date(2022, 1, 3), "New Year's Day (observed)"),
        # Serbia: Orthodox Easter 2024 (5 May) from Good Friday to Easter Monday
        ("RS", date(2024, 3, 29), None),  # the Western Good Friday is a working day
        ("RS", date(2024, 4, 1), None),
        ("RS", date(2024, 5, 3), "Good Friday"),
        ("RS", date(2024, 5, 4), "Holy Saturday"),
        ("RS", date(2024, 5, 5), "Easter Sunday"),
        ("RS", date(2024, 5, 6), "Easter Monday"),
        ("RS", date(2024, 5, 7), None),
        # Serbia: other public holidays
        ("RS", date(2024, 2, 15), "Statehood Day"),
        ("RS", date(2024, 2, 16), "Statehood Day"),
        ("RS", date(2025, 2, 17), "Statehood Day (observed)"),
        ("RS", date(2024, 5, 1), "Labor Day"),
        ("RS", date(2024, 5, 2), "Labor Day"),
        ("RS", date(2024, 11, 11), "Armistice Day"),
        ("RS", date(2024, 10, 26), "Saturday"),
        ("RS", date(2024, 10, 28), None),
    ],
)
def test_non_working_reason(jurisdiction: str, day: date, reason: str | None) -> None:
    calendar = calendar_for(jurisdiction)
    assert calendar.non_working_reason(day) == reason
    assert calendar.is_working_day(day) is (reason is None)


@pytest.mark.parametrize(
    ("jurisdiction", "day", "next_day", "previous_day"),
    [
        ("AT", date(2024, 3, 29), date(2024, 4, 2), date(2024, 3, 28)),
        ("AT", date(2024, 4, 1), date(2024, 4, 2), date(2024, 3, 28)),
        ("AT", date(2024, 12, 25), date(2024, 12, 27), date(2024, 12, 24)),
        ("AT", date(2024, 12, 31), date(2024, 12, 31), date(2024, 12, 31)),
        ("AT", date(2026, 1, 1), date(2026, 1, 2), date(2025, 12, 31)),
        ("AT", date(2024, 10, 26), date(2024, 10, 28), date(2024, 10, 25)),
        ("RS", date(2024, 5, 1), date(2024, 5, 7), date(2024, 4, 30)),
        ("RS", date(2024, 5, 6), date(2024, 5, 7), date(2024, 4, 30)),
        ("RS", date(2023, 12, 30), date(2024, 1, 3), date(2023, 12, 29)),
        ("RS", date(2024, 1, 7), date(2024, 1, 8), date(2024, 1, 5)),
        ("RS", date(2025, 2, 15), date(2025, 2, 18), date(2025, 2, 14)),
    ],
)
def test_next_and_previous_working_day(jurisdiction: str, day: date, next_day: date, previous_day: date) -> None:
    calendar = calendar_for(jurisdiction)
    assert calendar.next_working_day(day) == next_day
    assert calendar.previous_working_day(day) == previous_day


def test_calendar_for_shares_one_calendar_per_jurisdiction_and_state() -> None:
    assert calendar_for("AT") is calendar_for("AT", "9")
    assert calendar_for("RS") is calendar_for("RS")
    assert calendar_for("AT", "8") is not calendar_for("AT")
    assert calendar_for("AT").subdivision == "9"


def test_an_unknown_jurisdiction_has_no_calendar() -> None:
    with pytest.raises(ValueError, match="DE"):
        calendar_for("DE")
    with pytest.raises(ValueError, match="DE"):
        WorkingCalendar("DE")


@pytest.mark.parametrize(("jurisdiction", "zone"), [("AT", "Europe/Vienna"), ("RS", "Europe/Belgrade")])
def test_office_timezone(jurisdiction: str, zone: str) -> None:
    assert office_timezone(jurisdiction) == ZoneInfo(zone)
