"""Measures are dated by the office's calendar: an order's day and its end day are the office's days, not UTC's."""

from datetime import UTC, date

from app.measures import services
from app.measures.models import MeasureKind, MeasureStatus
from tests.measures.factories import MeasureFactory
from tests.moments import vienna


def test_an_order_ending_on_the_last_day_of_a_month_runs_until_midnight_in_the_office(case, operation):
    MeasureFactory(case=case, valid_to=date(2019, 3, 31))
    late_evening, after_midnight = vienna(2019, 3, 31, 23, 30), vienna(2019, 4, 1, 0, 30)
    assert after_midnight.astimezone(UTC).date() == date(2019, 3, 31)  # still the 31st in UTC

    running = services.running_measures_by_kind(operation, now=late_evening.astimezone(UTC))
    assert running[MeasureKind.TELEPHONE_INTERCEPTION] == 1
    running = services.running_measures_by_kind(operation, now=after_midnight.astimezone(UTC))
    assert running[MeasureKind.TELEPHONE_INTERCEPTION] == 0


def test_an_order_dated_the_office_s_new_day_is_not_in_the_future_while_utc_lags_a_day_behind(case, prosecutor):
    now = vienna(2019, 5, 1, 0, 30).astimezone(UTC)  # 30 Apr 22:30 UTC
    measure = services.record_measure(
        case,
        kind=MeasureKind.TELEPHONE_INTERCEPTION,
        status=MeasureStatus.AUTHORISED,
        target_phone="+43 660 1234567",
        ordering_court="Landesgericht für Strafsachen Wien",
        order_reference="331 HR 51/19t",
        ordered_on=date(2019, 5, 1),
        valid_from=date(2019, 5, 1),
        valid_to=date(2019, 6, 30),
        actor=prosecutor,
        now=now,
    )
    assert measure.ordered_on == date(2019, 5, 1)
    assert measure.shown_status(case.office.today(now)) == MeasureStatus.AUTHORISED
