"""Deadline arithmetic: § 84 StPO counting around holidays, month ends and DST."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from app.deadlines.calendars import calendar_for, office_timezone
from app.deadlines.engine import ComputedDeadline, compute, explain_event, reminder_times
from app.deadlines.rules import (
    DAYS,
    HOURS,
    MONTHS,
    WEEKS,
    Offset,
    Rule,
    RuleBook,
    load_rulebook,
    parse_reminders,
)
from tests.moments import VIENNA


@pytest.fixture(scope="module")
def rulebook() -> RuleBook:
    return load_rulebook()


def make_rule(offset: Offset, kind: str, jurisdiction: str = "AT", reminders: str = "7d 2d 0d") -> Rule:
    """Build a rule by hand, to test counting apart from the rule files."""
    return Rule(
        id="test_rule",
        jurisdiction=jurisdiction,
        trigger="indictment_served",
        title="Test",
        kind=kind,
        offset=offset,
        reference="§ 1 Test",
        note="",
        closes_on=("objection_filed",),
        reminders=parse_reminders(reminders.split()),
        applies_in=(jurisdiction,),
        counting_reference="§ 84 StPO",
    )


def count(jurisdiction: str, trigger: str, offset: Offset, kind: str, **kwargs) -> ComputedDeadline:
    """Compute a deadline from an office-local ISO trigger time."""
    tz = office_timezone(jurisdiction)
    trigger_at = datetime.fromisoformat(trigger).replace(tzinfo=tz)
    return compute(trigger_at, make_rule(offset, kind, jurisdiction), calendar_for(jurisdiction), tz, **kwargs)


D14, W4, M1 = Offset(14, DAYS), Offset(4, WEEKS), Offset(1, MONTHS)


@pytest.mark.parametrize(
    ("jurisdiction", "trigger", "offset", "kind", "due_date", "act_by"),
    [
        # Austria, Easter: Good Friday → Saturday → Easter Sunday → Easter Monday → Tuesday
        ("AT", "2024-03-15 10:00", D14, "period", date(2024, 4, 2), date(2024, 4, 2)),
        ("AT", "2024-03-18 10:00", D14, "period", date(2024, 4, 2), date(2024, 4, 2)),
        ("AT", "2025-04-04 10:00", D14, "period", date(2025, 4, 22), date(2025, 4, 22)),
        ("AT", "2024-03-15 10:00", D14, "limit", date(2024, 3, 29), date(2024, 3, 28)),
        ("AT", "2024-03-04 09:00", W4, "period", date(2024, 4, 2), date(2024, 4, 2)),
        # Austria, year end: Christmas Eve is working, 25/26 Dec and 1 Jan are not
        ("AT", "2024-12-29 10:00", Offset(3, DAYS), "period", date(2025, 1, 2), date(2025, 1, 2)),
        ("AT", "2024-12-21 10:00", Offset(3, DAYS), "period", date(2024, 12, 24), date(2024, 12, 24)),
        ("AT", "2024-12-22 10:00", Offset(3, DAYS), "period", date(2024, 12, 27), date(2024, 12, 27)),
        ("AT", "2024-12-18 10:00", Offset(7, DAYS), "limit", date(2024, 12, 25), date(2024, 12, 24)),
        # Austria, other public holidays
        ("AT", "2023-10-12 10:00", D14, "period", date(2023, 10, 27), date(2023, 10, 27)),
        ("AT", "2024-10-12 10:00", D14, "period", date(2024, 10, 28), date(2024, 10, 28)),
        ("AT", "2025-11-24 10:00", D14, "period", date(2025, 12, 9), date(2025, 12, 9)),
        ("AT", "2024-08-01 10:00", D14, "period", date(2024, 8, 16), date(2024, 8, 16)),
        ("AT", "2024-08-01 10:00", D14, "limit", date(2024, 8, 15), date(2024, 8, 14)),
        # Austria, month ends: same day number, else the month's last day
        ("AT", "2023-01-31 10:00", M1, "period", date(2023, 2, 28), date(2023, 2, 28)),
        ("AT", "2024-01-31 10:00", M1, "period", date(2024, 2, 29), date(2024, 2, 29)),
        ("AT", "2023-12-31 10:00", Offset(2, MONTHS), "limit", date(2024, 2, 29), date(2024, 2, 29)),
        ("AT", "2024-03-31 10:00", M1, "period", date(2024, 4, 30), date(2024, 4, 30)),
        ("AT", "2024-04-30 10:00", M1, "period", date(2024, 5, 31), date(2024, 5, 31)),  # Corpus Christi
        ("AT", "2024-05-31 10:00", M1, "period", date(2024, 7, 1), date(2024, 7, 1)),
        ("AT", "2024-05-31 10:00", M1, "limit", date(2024, 6, 30), date(2024, 6, 28)),
        ("AT", "2024-06-05 10:00", W4, "period", date(2024, 7, 3), date(2024, 7, 3)),
        # Serbia, year end: 1–2 January and Orthodox Christmas on 7 January
        ("RS", "2023-12-29 10:00", Offset(3, DAYS), "period", date(2024, 1, 3), date(2024, 1, 3)),
        ("RS", "2024-12-24 10:00", Offset(8, DAYS), "period", date(2025, 1, 3), date(2025, 1, 3)),
        ("RS", "2024-12-31 10:00", Offset(7, DAYS), "period", date(2025, 1, 8), date(2025, 1, 8)),
        ("RS", "2024-12-31 10:00", Offset(7, DAYS), "limit", date(2025, 1, 7), date(2025, 1, 6)),
        ("RS", "2024-12-22 10:00", D14, "period", date(2025, 1, 6), date(2025, 1, 6)),
        # Serbia, Orthodox Easter 2024 (5 May) right after Labour Day (1–2 May)
        ("RS", "2024-04-19 10:00", D14, "period", date(2024, 5, 7), date(2024, 5, 7)),
        ("RS", "2024-04-19 10:00", D14, "limit", date(2024, 5, 3), date(2024, 4, 30)),
        ("RS", "2024-04-17 10:00", D14, "period", date(2024, 5, 7), date(2024, 5, 7)),
        ("RS", "2024-04-22 10:00", Offset(2, WEEKS), "period", date(2024, 5, 7), date(2024, 5, 7)),
        ("RS", "2024-04-06 10:00", M1, "period", date(2024, 5, 7), date(2024, 5, 7)),
        ("RS", "2024-03-15 10:00", D14, "period", date(2024, 3, 29), date(2024, 3, 29)),
        # Serbia, Statehood Day 15–16 February (observed on Monday in 2025)
        ("RS", "2024-02-01 10:00", D14, "period", date(2024, 2, 19), date(2024, 2, 19)),
        ("RS", "2025-02-01 10:00", D14, "period", date(2025, 2, 18), date(2025, 2, 18)),
        ("RS", "2025-02-03 10:00", D14, "limit", date(2025, 2, 17), date(2025, 2, 14)),
        # Serbia, month ends
        ("RS", "2023-01-31 10:00", M1, "period", date(2023, 2, 28), date(2023, 2, 28)),
        ("RS", "2024-01-31 10:00", M1, "period", date(2024, 2, 29), date(2024, 2, 29)),
        ("RS", "2024-08-31 10:00", M1, "limit", date(2024, 9, 30), date(2024, 9, 30)),
    ],
)
def test_dated_deadlines(
    jurisdiction: str, trigger: str, offset: Offset, kind: str, due_date: date, act_by: date
) -> None:
    deadline = count(jurisdiction, trigger, offset, kind)
    assert (deadline.due_date, deadline.act_by) == (due_date, act_by)
    assert deadline.all_day
    tz = office_timezone(jurisdiction)
    assert deadline.due_at == datetime.combine(due_date, datetime.max.time(), tzinfo=tz).astimezone(UTC)


@pytest.mark.parametrize(
    ("jurisdiction", "trigger_utc", "local_date"),
    [
        ("AT", datetime(2024, 3, 14, 23, 30, tzinfo=UTC), date(2024, 3, 15)),
        ("RS", datetime(2024, 7, 31, 22, 30, tzinfo=UTC), date(2024, 8, 1)),
    ],
)
def test_days_count_from_the_offices_local_date(jurisdiction: str, trigger_utc: datetime, local_date: date) -> None:
    tz = office_timezone(jurisdiction)
    deadline = compute(trigger_utc, make_rule(Offset(1, DAYS), "limit"), calendar_for(jurisdiction), tz)
    assert deadline.due_date == local_date + timedelta(days=1)


@pytest.mark.parametrize(
    ("jurisdiction", "trigger", "kind", "due_local"),
    [
        # Spring forward: 48 real hours end an hour later on the clock (1 Apr 2024 is also Easter Monday)
        ("AT", "2024-03-30 10:00", "limit", "2024-04-01 11:00"),
        ("RS", "2024-03-30 10:00", "limit", "2024-04-01 11:00"),
        # Fall back: an hour earlier on the clock
        ("AT", "2024-10-26 10:00", "limit", "2024-10-28 09:00"),
        ("RS", "2024-10-26 10:00", "limit", "2024-10-28 09:00"),
        # A weekend does not pull an hour limit's act-by back to the Friday
        ("AT", "2024-06-07 10:00", "limit", "2024-06-09 10:00"),
        ("AT", "2019-03-29 22:30", "limit", "2019-03-31 23:30"),  # a Sunday, and the clocks spring forward
        ("RS", "2024-05-02 18:00", "limit", "2024-05-04 18:00"),
        # Nor does a holiday: Christmas and Good Friday (§ 84 StPO) in Austria, Orthodox Christmas in Serbia
        ("AT", "2024-12-23 09:00", "limit", "2024-12-25 09:00"),
        ("AT", "2024-03-27 14:00", "limit", "2024-03-29 14:00"),
        ("RS", "2025-01-05 08:00", "limit", "2025-01-07 08:00"),
        # Hour periods run to the moment and do not move either
        ("AT", "2024-06-07 10:00", "period", "2024-06-09 10:00"),
        ("AT", "2024-12-23 09:00", "period", "2024-12-25 09:00"),
    ],
)
def test_hour_deadlines_fall_at_their_moment_and_are_acted_on_by_it(
    jurisdiction: str, trigger: str, kind: str, due_local: str
) -> None:
    deadline = count(jurisdiction, trigger, Offset(48, HOURS), kind)
    tz = office_timezone(jurisdiction)
    due = deadline.due_at.astimezone(tz)
    assert due.replace(tzinfo=None) == datetime.fromisoformat(due_local)
    assert deadline.due_at - deadline.trigger_at == timedelta(hours=48)
    assert deadline.due_at.tzinfo == UTC
    assert (deadline.due_date, deadline.act_by) == (due.date(), due.date())
    assert not deadline.all_day
    assert any("whatever the day, with no working-day shift" in step for step in deadline.steps)
    assert not any("working day before" in step or "is not a working day" in step for step in deadline.steps)
    assert "act by" not in deadline.explanation


def test_a_custody_limit_ending_on_a_sunday_is_acted_on_by_its_moment(rulebook: RuleBook) -> None:
    [(_, deadline)] = explain_event(rulebook, "AT", "arrest_custody", datetime(2019, 3, 29, 22, 30))
    assert deadline.due_at == datetime(2019, 3, 31, 21, 30, tzinfo=UTC)  # 23:30 CEST
    assert deadline.act_by == date(2019, 3, 31)
    assert deadline.explanation == (
        "Arrest with custody Fri 29 Mar 2019 22:30 CET + 48 hours = Sun 31 Mar 2019 23:30 CEST (§ 172 Abs. 1 StPO)"
    )
    assert deadline.steps[-2:] == (
        "A limit counted in hours is due at its moment, whatever the day, with no working-day shift: "
        "act by Sun 31 Mar 2019 23:30 CEST.",
        "Due at Sun 31 Mar 2019 23:30 CEST (21:30 UTC).",
    )


def test_explanation_of_a_plain_count(rulebook: RuleBook) -> None:
    deadline = compute(
        datetime(2019, 8, 27, 11, tzinfo=VIENNA), rulebook.get("at_detention_review_first"), calendar_for("AT"), VIENNA
    )
    assert deadline.explanation == "Detention imposed Tue 27 Aug 2019 + 14 days = Tue 10 Sep 2019 (§ 175 Abs. 2 StPO)"


def test_a_period_ending_on_good_friday_moves_to_tuesday_and_says_so(rulebook: RuleBook) -> None:
    deadline = compute(
        datetime(2024, 3, 15, 9, tzinfo=VIENNA), rulebook.get("at_indictment_objection"), calendar_for("AT"), VIENNA
    )
    assert deadline.due_date == date(2024, 4, 2)
    assert deadline.explanation == (
        "Indictment served Fri 15 Mar 2024 + 14 days = Fri 29 Mar 2024, Good Friday → period ends "
        "on the next working day Tue 2 Apr 2024 (§ 213 StPO; § 84 StPO)"
    )
    assert "Mon 1 Apr 2024 is not a working day either: Easter Monday." in deadline.steps


def test_a_limit_on_a_sunday_keeps_its_date_and_is_acted_on_by_friday(rulebook: RuleBook) -> None:
    deadline = compute(
        datetime(2024, 6, 2, 9, tzinfo=VIENNA), rulebook.get("at_detention_review_first"), calendar_for("AT"), VIENNA
    )
    assert (deadline.due_date, deadline.act_by) == (date(2024, 6, 16), date(2024, 6, 14))
    assert deadline.explanation == (
        "Detention imposed Sun 2 Jun 2024 + 14 days = Sun 16 Jun 2024, limit keeps its date; "
        "act by Fri 14 Jun 2024 (§ 175 Abs. 2 StPO)"
    )
    assert any("A limit never moves later: it stays on Sun 16 Jun 2024" in step for step in deadline.steps)
    assert "Act by the last working day before it: Fri 14 Jun 2024." in deadline.steps


def test_steps_show_the_month_end_and_the_clock_change() -> None:
    month = count("AT", "2023-01-31 10:00", M1, "period")
    assert "That month has no day 31, so the count ends on its last day, Tue 28 Feb 2023." in month.steps
    hours = count("AT", "2024-03-30 10:00", Offset(48, HOURS), "limit")
    assert any("clocks change" in step for step in hours.steps)
    assert "Sat 30 Mar 2024 10:00 CET + 48 hours = Mon 1 Apr 2024 11:00 CEST" in hours.explanation


# Each rule of the rule files, computed through its triggering event.
RULE_CASES = {
    "at_custody_delivery": ("AT", "2024-06-04 10:00", {}, datetime(2024, 6, 6, 10), date(2024, 6, 6)),
    "at_detention_decision": ("AT", "2024-10-26 16:00", {}, datetime(2024, 10, 28, 15), date(2024, 10, 28)),
    "at_detention_review_first": ("AT", "2019-08-27 15:00", {}, date(2019, 9, 10), date(2019, 9, 10)),
    "at_detention_review_second": ("AT", "2024-01-31 15:00", {}, date(2024, 2, 29), date(2024, 2, 29)),
    "at_detention_review_next": ("AT", "2024-02-29 15:00", {}, date(2024, 4, 29), date(2024, 4, 29)),
    "at_detention_maximum": (
        "AT",
        "2024-01-10 12:00",
        {"offence_class": "felony_over_5_years"},
        date(2026, 1, 10),
        date(2026, 1, 9),
    ),
    "at_investigation_limit": ("AT", "2021-03-15 09:00", {}, date(2024, 3, 15), date(2024, 3, 15)),
    "at_indictment_objection": ("AT", "2024-03-15 09:00", {}, date(2024, 4, 2), date(2024, 4, 2)),
    "at_appeal_announcement": ("AT", "2024-12-23 14:00", {}, date(2024, 12, 27), date(2024, 12, 27)),
    "at_appeal_grounds": ("AT", "2024-07-18 09:00", {}, date(2024, 8, 16), date(2024, 8, 16)),
    "at_measure_expiry": (
        "AT",
        "2024-05-06 09:00",
        {"end_at": date(2024, 6, 30)},
        date(2024, 6, 30),
        date(2024, 6, 28),
    ),
    "eu_eio_recognition": ("AT", "2024-11-26 09:00", {}, date(2024, 12, 26), date(2024, 12, 24)),
    "eu_eio_execution": ("AT", "2024-01-10 09:00", {}, date(2024, 4, 9), date(2024, 4, 9)),
    "rs_custody_48h": ("RS", "2024-10-26 10:00", {}, datetime(2024, 10, 28, 9), date(2024, 10, 28)),
    "rs_detention_first_month": ("RS", "2024-04-03 09:00", {}, date(2024, 5, 3), date(2024, 4, 30)),
    "rs_detention_extended": (
        "RS",
        "2024-05-02 09:00",
        {"end_at": datetime(2024, 7, 3, 12, tzinfo=ZoneInfo("Europe/Belgrade"))},
        date(2024, 7, 3),
        date(2024, 7, 3),
    ),
    "rs_detention_maximum": (
        "RS",
        "2024-01-10 09:00",
        {"offence_class": "felony_over_5_years"},
        date(2024, 7, 10),
        date(2024, 7, 10),
    ),
    "rs_review_unconfirmed": ("RS", "2024-12-08 09:00", {}, date(2025, 1, 7), date(2025, 1, 6)),
    "rs_review_unconfirmed_next": ("RS", "2024-01-31 09:00", {}, date(2024, 3, 1), date(2024, 3, 1)),
    "rs_review_confirmed": ("RS", "2024-02-15 09:00", {}, date(2024, 4, 15), date(2024, 4, 15)),
    "rs_review_confirmed_next": ("RS", "2024-03-07 09:00", {}, date(2024, 5, 6), date(2024, 4, 30)),
    # Served Sun 27 Oct: 15 days end Mon 11 Nov, Armistice Day, so the period ends Tue 12 Nov.
    "rs_appeal_judgment": ("RS", "2024-10-27 10:00", {}, date(2024, 11, 12), date(2024, 11, 12)),
}


def test_every_rule_in_the_files_has_a_case(rulebook: RuleBook) -> None:
    assert set(RULE_CASES) == {rule.id for rule in rulebook.rules}


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_each_rule_through_its_triggering_event(rulebook: RuleBook, rule_id: str) -> None:
    jurisdiction, trigger, kwargs, due, act_by = RULE_CASES[rule_id]
    rule = rulebook.get(rule_id)
    results = dict(explain_event(rulebook, jurisdiction, rule.trigger, datetime.fromisoformat(trigger), **kwargs))
    deadline = results[rule]
    tz = office_timezone(jurisdiction)
    if isinstance(due, datetime):
        assert deadline.due_at.astimezone(tz).replace(tzinfo=None) == due
    else:
        assert deadline.due_date == due
    assert deadline.act_by == act_by
    assert deadline.rule_id == rule_id and rule.reference in deadline.explanation


@pytest.mark.parametrize(
    ("offence_class", "due_date"),
    [
        ("collusion_only", date(2024, 3, 10)),
        ("misdemeanour", date(2024, 7, 10)),
        ("felony", date(2025, 1, 10)),
        (None, date(2024, 3, 10)),
    ],
)
def test_maximum_detention_by_offence_class(rulebook: RuleBook, offence_class: str | None, due_date: date) -> None:
    deadline = compute(
        datetime(2024, 1, 10, 12, tzinfo=VIENNA),
        rulebook.get("at_detention_maximum"),
        calendar_for("AT"),
        VIENNA,
        offence_class=offence_class,
    )
    assert deadline.due_date == due_date
    assert any("offence class" in step.lower() for step in deadline.steps)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"trigger_at": datetime(2024, 1, 10, 12)}, "timezone-aware"),
        ({"offence_class": "murder"}, "Unknown offence class"),
    ],
)
def test_bad_input_is_refused(rulebook: RuleBook, kwargs: dict, message: str) -> None:
    arguments = {"trigger_at": datetime(2024, 1, 10, 12, tzinfo=VIENNA), **kwargs}
    trigger_at = arguments.pop("trigger_at")
    with pytest.raises(ValueError, match=message):
        compute(trigger_at, rulebook.get("at_detention_maximum"), calendar_for("AT"), VIENNA, **arguments)


@pytest.mark.parametrize(
    ("end_at", "message"),
    [(None, "pass end_at"), (date(2024, 5, 1), "lies before the order"), (datetime(2024, 6, 30, 12), "timezone-aware")],
)
def test_a_measure_needs_a_sensible_end_date(rulebook: RuleBook, end_at, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compute(
            datetime(2024, 5, 6, 9, tzinfo=VIENNA),
            rulebook.get("at_measure_expiry"),
            calendar_for("AT"),
            VIENNA,
            end_at=end_at,
        )


def test_day_reminders_aim_at_eight_in_the_morning_of_the_act_by_day(rulebook: RuleBook) -> None:
    rule = rulebook.get("at_detention_review_first")
    deadline = compute(datetime(2024, 6, 2, 9, tzinfo=VIENNA), rule, calendar_for("AT"), VIENNA)
    local = [moment.astimezone(VIENNA) for moment in reminder_times(deadline, rule, VIENNA)]
    assert local == [
        datetime(2024, 6, 7, 8, tzinfo=VIENNA),
        datetime(2024, 6, 12, 8, tzinfo=VIENNA),
        datetime(2024, 6, 14, 8, tzinfo=VIENNA),
    ]


def test_hour_reminders_count_back_in_real_hours_across_dst() -> None:
    deadline = count("AT", "2024-03-30 10:00", Offset(48, HOURS), "limit")
    moments = reminder_times(deadline, ["24h", "6h", "1h"], VIENNA)
    assert [deadline.due_at - moment for moment in moments] == [timedelta(hours=h) for h in (24, 6, 1)]
    assert all(moment.tzinfo == UTC for moment in moments)


@pytest.mark.parametrize(
    ("trigger", "offsets", "expected"),
    [
        # Due Sun 9 Jun 10:00: the day reminders aim at the Sunday itself and the days before it
        ("2024-06-07 10:00", ["2d", "1d", "0d"], ["2024-06-08 08:00", "2024-06-09 08:00"]),
        # Due Mon 10 Jun 05:00, before the reminder hour: the day's reminder comes the morning before
        ("2024-06-08 05:00", ["0d"], ["2024-06-09 08:00"]),
        ("2024-06-08 05:00", ["1d", "0d", "6h"], ["2024-06-09 08:00", "2024-06-09 23:00"]),
    ],
)
def test_day_reminders_of_an_hour_limit_aim_at_its_moments_day(
    trigger: str, offsets: list[str], expected: list[str]
) -> None:
    deadline = count("AT", trigger, Offset(48, HOURS), "limit")
    moments = reminder_times(deadline, offsets, VIENNA)
    assert [m.astimezone(VIENNA).strftime("%Y-%m-%d %H:%M") for m in moments] == expected
    assert all(m < deadline.due_at for m in moments)


def test_reminders_before_the_trigger_are_dropped() -> None:
    deadline = count("AT", "2024-06-03 10:00", Offset(3, DAYS), "period")
    moments = reminder_times(deadline, ["7d", "2d", "0d"], VIENNA)
    assert [moment.astimezone(VIENNA).date() for moment in moments] == [date(2024, 6, 4), date(2024, 6, 6)]


def test_explain_event_reads_a_naive_time_in_the_office_zone(rulebook: RuleBook) -> None:
    results = explain_event(rulebook, "RS", "arrest_custody", datetime(2024, 6, 7, 10))
    [(rule, deadline)] = results
    assert rule.id == "rs_custody_48h"
    assert deadline.trigger_at == datetime(2024, 6, 7, 8, tzinfo=UTC)
    with pytest.raises(ValueError, match="Unknown event"):
        explain_event(rulebook, "AT", "arrested", datetime(2024, 6, 7, 10))


# --- properties --------------------------------------------------------------

OFFSETS = st.one_of(
    st.builds(Offset, st.integers(1, 400), st.just(DAYS)),
    st.builds(Offset, st.integers(1, 60), st.just(WEEKS)),
    st.builds(Offset, st.integers(1, 36), st.just(MONTHS)),
)
TRIGGERS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31))


def raw_date(start: date, offset: Offset) -> date:
    """Count without regard to working days, as a lawyer would on paper."""
    if offset.unit == MONTHS:
        return start + relativedelta(months=offset.amount)
    return start + timedelta(days=offset.amount * (7 if offset.unit == WEEKS else 1))


@settings(max_examples=300, deadline=None)
@given(jurisdiction=st.sampled_from(["AT", "RS"]), trigger=TRIGGERS, offset=OFFSETS)
def test_a_period_ends_on_the_first_working_day_from_its_raw_date(
    jurisdiction: str, trigger: datetime, offset: Offset
) -> None:
    calendar = calendar_for(jurisdiction)
    deadline = count(jurisdiction, trigger.isoformat(), offset, "period")
    raw = raw_date(trigger.date(), offset)
    assert deadline.due_date >= raw
    assert calendar.is_working_day(deadline.due_date)
    assert deadline.act_by == deadline.due_date
    assert all(not calendar.is_working_day(raw + timedelta(days=n)) for n in range((deadline.due_date - raw).days))


@settings(max_examples=300, deadline=None)
@given(jurisdiction=st.sampled_from(["AT", "RS"]), trigger=TRIGGERS, offset=OFFSETS)
def test_a_limit_keeps_its_date_and_is_acted_on_by_a_working_day(
    jurisdiction: str, trigger: datetime, offset: Offset
) -> None:
    calendar = calendar_for(jurisdiction)
    deadline = count(jurisdiction, trigger.isoformat(), offset, "limit")
    assert deadline.due_date == raw_date(trigger.date(), offset)
    assert trigger.date() <= deadline.act_by <= deadline.due_date
    if not calendar.is_working_day(deadline.act_by):
        # Only when no working day lies between trigger and limit does the act fall on the limit.
        assert deadline.act_by == deadline.due_date
        days = (deadline.due_date - trigger.date()).days + 1
        assert not any(calendar.is_working_day(trigger.date() + timedelta(days=n)) for n in range(days))
    skipped = (deadline.due_date - deadline.act_by).days
    assert all(not calendar.is_working_day(deadline.due_date - timedelta(days=n)) for n in range(skipped))
