"""How days, moments and deadlines read, in the zone of an office, a ZoneInfo or a zone name alike."""

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from flask import render_template_string

from app.auth.models import Office
from app.core.formatting import (
    clock,
    day,
    day_short,
    deadline_act_by,
    deadline_distance,
    deadline_due,
    moment,
    month,
    stamp,
    viewer_zone,
    zone_of,
)
from tests.factories import OfficeFactory
from tests.moments import VIENNA, vienna

BELGRADE = ZoneInfo("Europe/Belgrade")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture(params=["office", "zoneinfo", "name"])
def in_vienna(request):
    """Vienna given each way a zone may be given."""
    return {"office": OfficeFactory.build(vienna=True), "zoneinfo": VIENNA, "name": "Europe/Vienna"}[request.param]


def test_a_zone_may_be_given_as_an_office_a_zoneinfo_or_its_name(in_vienna) -> None:
    assert zone_of(in_vienna) is VIENNA


def test_days_read_with_their_weekday_and_without_padding() -> None:
    assert day(date(2019, 4, 5)) == "Fri 5 Apr 2019"
    assert day_short(date(2019, 4, 5)) == "5 Apr 2019"
    assert day(date(2024, 12, 31)) == "Tue 31 Dec 2024"
    assert month(date(2019, 4, 1)) == "April 2019"
    assert day(None) == day_short(None) == moment(None, VIENNA) == "—"


def test_a_moment_reads_in_the_zone_with_the_zone_s_abbreviation_for_the_season(in_vienna) -> None:
    assert moment(utc(2019, 4, 5, 12, 5), in_vienna) == "Fri 5 Apr 2019 14:05 CEST"
    assert moment(utc(2019, 1, 7, 8, 0), in_vienna) == "Mon 7 Jan 2019 09:00 CET"
    assert clock(utc(2019, 4, 5, 12, 5), in_vienna) == "14:05"


@pytest.mark.parametrize(
    ("instant", "text"),
    [
        # Spring forward, 31 Mar 2019: 02:00 CET becomes 03:00 CEST.
        (utc(2019, 3, 31, 0, 59), "Sun 31 Mar 2019 01:59 CET"),
        (utc(2019, 3, 31, 1, 0), "Sun 31 Mar 2019 03:00 CEST"),
        # Fall back, 27 Oct 2019: 02:30 happens twice, told apart by the abbreviation.
        (utc(2019, 10, 27, 0, 30), "Sun 27 Oct 2019 02:30 CEST"),
        (utc(2019, 10, 27, 1, 30), "Sun 27 Oct 2019 02:30 CET"),
    ],
    ids=["before-spring-forward", "after-spring-forward", "first-02:30", "second-02:30"],
)
def test_moments_across_daylight_saving_changes(instant: datetime, text: str) -> None:
    assert moment(instant, "Europe/Vienna") == text


def test_a_moment_late_in_the_evening_is_the_next_day_in_an_office_east_of_utc() -> None:
    late = utc(2019, 4, 30, 22, 30)
    assert day(late, BELGRADE) == "Wed 1 May 2019"
    assert day(late, "UTC") == "Tue 30 Apr 2019"


def test_stamps_sort_as_text_for_exports_and_the_command_line() -> None:
    assert stamp(date(2019, 4, 5)) == "2019-04-05"
    assert stamp(utc(2019, 4, 5, 12, 5, 9), VIENNA) == "2019-04-05 14:05"
    assert stamp(utc(2019, 4, 5, 12, 5, 9), "UTC", seconds=True) == "2019-04-05 12:05:09"


def test_the_filters_are_offered_to_every_template(app) -> None:
    office = Office(name="Beograd", timezone="Europe/Belgrade")
    with app.test_request_context():
        text = render_template_string(
            "{{ d|day }} · {{ d|day_short }} · {{ d|month }} · {{ m|moment(office) }} · {{ m|clock(office) }}",
            d=date(2019, 4, 5),
            m=utc(2019, 4, 5, 12, 5),
            office=office,
        )
        assert text == "Fri 5 Apr 2019 · 5 Apr 2019 · April 2019 · Fri 5 Apr 2019 14:05 CEST · 14:05"


def test_a_user_without_an_office_sees_times_in_the_configured_zone(app) -> None:
    with app.app_context():
        assert viewer_zone(SimpleNamespace(office=None)) == ZoneInfo(app.config["TIMEZONE"])
        assert viewer_zone(SimpleNamespace(office=Office(timezone="Europe/Belgrade"))) is BELGRADE


@pytest.mark.parametrize("zone", ["Europe/Vienna", "Europe/Belgrade"])
@pytest.mark.parametrize(
    ("local", "today", "utc_day"),
    [
        ((2019, 3, 31, 23, 59), date(2019, 3, 31), date(2019, 3, 31)),
        ((2019, 4, 1, 0, 0), date(2019, 4, 1), date(2019, 3, 31)),
        ((2019, 12, 31, 23, 30), date(2019, 12, 31), date(2019, 12, 31)),
        ((2020, 1, 1, 0, 30), date(2020, 1, 1), date(2019, 12, 31)),
        ((2019, 10, 27, 0, 0), date(2019, 10, 27), date(2019, 10, 26)),  # the night the clocks go back
    ],
    ids=["last-minute-of-march", "midnight-april", "new-year-s-eve", "new-year", "fall-back-night"],
)
def test_an_office_s_today_turns_at_its_own_midnight_not_at_utc_s(zone, local, today, utc_day) -> None:
    now = datetime(*local, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    assert now.date() == utc_day
    assert Office(timezone=zone).today(now) == today


def test_an_office_s_zone_is_its_zoneinfo() -> None:
    assert Office(timezone="Europe/Belgrade").zone is BELGRADE


# How a deadline reads: hour limits with their time, dated ones as a day.


def hour_limit(due_local: datetime) -> SimpleNamespace:
    """An hour limit as the engine stores it; act_by is deliberately the Friday an old row may still hold."""
    return SimpleNamespace(
        all_day=False, due_at=due_local.astimezone(UTC), due_date=due_local.date(), act_by=date(2019, 3, 29)
    )


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
def test_due_and_act_by_read_with_a_time_only_for_hour_deadlines(deadline, due: str, act_by: str, in_vienna) -> None:
    assert deadline_due(deadline, in_vienna) == due
    assert deadline_act_by(deadline, in_vienna) == act_by
    assert "23:59" not in deadline_due(deadline, in_vienna) + deadline_act_by(deadline, in_vienna)


def test_an_hour_deadline_reads_in_the_zone_it_is_shown_in() -> None:
    deadline = hour_limit(vienna(2019, 3, 31, 23, 30))
    assert deadline_due(deadline, "Europe/Belgrade") == "Sun 31 Mar 2019 23:30"
    assert deadline_due(deadline, "UTC") == "Sun 31 Mar 2019 21:30"


def test_a_dated_deadline_reads_as_its_day_in_any_zone() -> None:
    deadline = dated(date(2019, 9, 10))
    assert deadline_due(deadline, "UTC") == deadline_due(deadline, "Pacific/Auckland") == "Tue 10 Sep 2019"


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
def test_the_distance_says_how_soon_or_how_long_ago(deadline, text: str, in_vienna) -> None:
    assert deadline_distance(deadline, NOW.astimezone(UTC), in_vienna) == text


def test_a_dated_deadline_s_distance_counts_the_office_s_days_not_utc_s() -> None:
    just_after_midnight = vienna(2019, 9, 11, 0, 30).astimezone(UTC)  # still the 10th in UTC
    assert deadline_distance(dated(date(2019, 9, 10)), just_after_midnight, VIENNA) == "missed 1 day ago"
    assert deadline_distance(dated(date(2019, 9, 10)), just_after_midnight, "UTC") == "due today"
