"""Compute statutory deadlines exactly, and say how, in steps a lawyer can follow.

Counting follows § 84(1) StPO (Serbia counts the same way, ZKP):
- the trigger day does not count; day, week and month offsets run from the
  trigger's local date in the office's time zone;
- hour offsets run moment to moment in real elapsed time, so arithmetic is done
  in UTC and a daylight-saving night still gives 48 real hours;
- weeks end on the same weekday, months on the same day number, or on the
  month's last day when that number does not exist;
- a *period* whose last day is not a working day ends on the next working day;
- a *limit* never moves later; its act-by date is the last working day on or
  before it (but not before the trigger: with no working day in between, the
  act falls on the due day itself, to on-call staff);
- a deadline counted in hours falls at a moment, not on a day: whatever the day,
  it neither moves nor has a working-day act-by; it is acted on by its moment.

Convention: a dated deadline is due at the last moment of its due day in the
office's time zone (23:59:59.999999 local), returned in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from app.core.formatting import clock
from app.core.formatting import day as day_text
from app.core.formatting import moment as moment_text

from .calendars import WorkingCalendar, calendar_for, office_timezone
from .rules import (
    DAYS,
    HOURS,
    MONTHS,
    OFFENCE_CLASSES,
    TRIGGER_EVENTS,
    UNTIL_END_DATE,
    WEEKS,
    Offset,
    OffsetTable,
    Rule,
    RuleBook,
    parse_reminders,
)

REMINDER_HOUR = time(8, 0)

_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class ComputedDeadline:
    """When a deadline falls, when to act, and how that was counted."""

    rule_id: str
    kind: str
    reference: str
    trigger_at: datetime  #: the triggering moment, in UTC
    due_at: datetime  #: in UTC; for dated deadlines the end of the due day, local
    due_date: date  #: local date in the office's time zone
    act_by: date  #: the day the office should act on (reminders aim at it); for hours, the due moment's day
    all_day: bool  #: False for deadlines counted in hours
    steps: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class _Settled:
    """The due and act-by dates once non-working days are accounted for."""

    due_date: date
    act_by: date
    steps: tuple[str, ...]
    remark: str  #: the part of the one-line explanation after the raw date


def compute(
    trigger_at: datetime,
    rule: Rule,
    calendar: WorkingCalendar,
    tz: ZoneInfo,
    *,
    offence_class: str | None = None,
    end_at: datetime | date | None = None,
) -> ComputedDeadline:
    """Compute the deadline a rule opens at a triggering moment."""
    _require_aware(trigger_at, "trigger_at")
    offset = rule.offset_for(offence_class)
    local = trigger_at.astimezone(tz)
    steps = [f"{rule.trigger_label} on {moment_text(local)} ({tz.key})."]
    steps += _offence_class_steps(rule, offence_class, offset)
    if offset.hour_based:
        return _compute_hours(local, tz, rule, offset, steps)
    return _compute_dated(local, tz, rule, offset, calendar, steps, end_at)


def _compute_hours(
    local: datetime,
    tz: ZoneInfo,
    rule: Rule,
    offset: Offset,
    steps: list[str],
) -> ComputedDeadline:
    due_at = local.astimezone(UTC) + timedelta(hours=offset.amount)
    due_local = due_at.astimezone(tz)
    steps.append(
        f"Hours run from moment to moment in real elapsed time ({rule.counting_reference}): "
        f"+ {offset} = {moment_text(due_local)}."
    )
    if local.utcoffset() != due_local.utcoffset():
        steps.append("The clocks change in between; the local time shifts, the elapsed hours do not.")
    # Custody counted in hours ends at its moment on a Sunday as on a Monday: acting by the
    # Friday before would apply a day rule to an hour limit and cut the time allowed.
    ends = "A period counted in hours ends" if rule.kind == "period" else "A limit counted in hours is due"
    steps.append(f"{ends} at its moment, whatever the day, with no working-day shift: act by {moment_text(due_local)}.")
    steps.append(f"Due at {moment_text(due_local)} ({clock(due_at)} UTC).")
    settled = _Settled(due_local.date(), due_local.date(), (), "")
    explanation = f"{rule.trigger_label} {moment_text(local)} + {offset} = {moment_text(due_local)} ({rule.reference})"
    return _deadline(rule, local, due_at, settled, all_day=False, steps=steps, explanation=explanation)


def _compute_dated(
    local: datetime,
    tz: ZoneInfo,
    rule: Rule,
    offset: Offset,
    calendar: WorkingCalendar,
    steps: list[str],
    end_at: datetime | date | None,
) -> ComputedDeadline:
    start = local.date()
    if offset.unit == UNTIL_END_DATE:
        raw, head = _order_end(rule, start, end_at, tz, steps)
    else:
        raw = _count(start, offset, steps, rule.counting_reference)
        head = f"{rule.trigger_label} {day_text(start)} + {offset} = {day_text(raw)}"
    if rule.kind == "period":
        settled = _settle_period(raw, calendar, rule.counting_reference)
    else:
        settled = _settle_limit(raw, start, calendar)
    steps += settled.steps
    due_at = datetime.combine(settled.due_date, time.max, tzinfo=tz).astimezone(UTC)
    steps.append(f"Due at the end of {day_text(settled.due_date)} ({tz.key}).")
    refs = rule.reference if settled.due_date == raw else f"{rule.reference}; {rule.counting_reference}"
    explanation = f"{head}{settled.remark} ({refs})"
    return _deadline(rule, local, due_at, settled, all_day=True, steps=steps, explanation=explanation)


def _count(start: date, offset: Offset, steps: list[str], counting_reference: str) -> date:
    """Add a day, week or month offset to the trigger's local date."""
    steps.append(
        f"The trigger day does not count ({counting_reference}); "
        f"counting starts on {day_text(start + timedelta(days=1))}."
    )
    if offset.unit == DAYS:
        raw = start + timedelta(days=offset.amount)
        steps.append(f"+ {offset} = {day_text(raw)}.")
    elif offset.unit == WEEKS:
        raw = start + timedelta(weeks=offset.amount)
        steps.append(f"+ {offset} ends on the same weekday: {day_text(raw)}.")
    elif offset.unit == MONTHS:
        raw = start + relativedelta(months=offset.amount)
        steps.append(f"+ {offset} ends on the same day number: {day_text(raw)}.")
        if raw.day != start.day:
            steps.append(f"That month has no day {start.day}, so the count ends on its last day, {day_text(raw)}.")
    else:
        raise ValueError(f"Cannot count an offset in {offset.unit}")
    return raw


def _order_end(
    rule: Rule, start: date, end_at: datetime | date | None, tz: ZoneInfo, steps: list[str]
) -> tuple[date, str]:
    """Take the due date from the order itself."""
    if end_at is None:
        raise ValueError(f"Rule {rule.id} runs until the order's end date: pass end_at")
    if isinstance(end_at, datetime):
        _require_aware(end_at, "end_at")
        end = end_at.astimezone(tz).date()
    else:
        end = end_at
    if end < start:
        raise ValueError(f"The order's end {day_text(end)} lies before the order {day_text(start)}")
    steps.append(f"The order sets its own end: {day_text(end)}.")
    return end, f"{rule.trigger_label} {day_text(start)}, order ends {day_text(end)}"


def _settle_period(raw: date, calendar: WorkingCalendar, counting_reference: str) -> _Settled:
    """Move a period's last day forward to a working day."""
    reason = calendar.non_working_reason(raw)
    if reason is None:
        return _Settled(raw, raw, (f"{day_text(raw)} is a working day.",), "")
    steps = [
        f"{day_text(raw)} is not a working day: {reason}. A period ending on such a day "
        f"ends on the next working day ({counting_reference})."
    ]
    due = raw + timedelta(days=1)
    while (later_reason := calendar.non_working_reason(due)) is not None:
        steps.append(f"{day_text(due)} is not a working day either: {later_reason}.")
        due += timedelta(days=1)
    steps.append(f"The period ends on {day_text(due)}.")
    remark = f"{_because(reason)} period ends on the next working day {day_text(due)}"
    return _Settled(due, due, tuple(steps), remark)


def _settle_limit(due: date, earliest: date, calendar: WorkingCalendar) -> _Settled:
    """Keep a limit's date and find the last working day to act on."""
    reason = calendar.non_working_reason(due)
    if reason is None:
        return _Settled(due, due, (f"{day_text(due)} is a working day.",), "")
    steps = [f"{day_text(due)} is not a working day: {reason}. A limit never moves later: it stays on {day_text(due)}."]
    act_by = due - timedelta(days=1)
    while act_by >= earliest and (earlier_reason := calendar.non_working_reason(act_by)):
        steps.append(f"{day_text(act_by)} is not a working day either: {earlier_reason}.")
        act_by -= timedelta(days=1)
    if act_by < earliest:
        steps.append(f"No working day lies between the trigger and the limit: act on {day_text(due)} itself.")
        act_by = due
    else:
        steps.append(f"Act by the last working day before it: {day_text(act_by)}.")
    remark = f"{_because(reason)} limit keeps its date; act by {day_text(act_by)}"
    return _Settled(due, act_by, tuple(steps), remark)


def _offence_class_steps(rule: Rule, offence_class: str | None, offset: Offset) -> list[str]:
    if not isinstance(rule.offset, OffsetTable):
        return []
    if offence_class is None:
        return [f"No offence class given: the rule's default, {offset}, applies."]
    if offence_class not in dict(rule.offset.by_class):
        return [f"Offence class '{offence_class}' is not listed for this rule: the default, {offset}, applies."]
    return [f"Offence class '{offence_class}' ({OFFENCE_CLASSES[offence_class]}): {offset}."]


def _deadline(
    rule: Rule,
    local: datetime,
    due_at: datetime,
    settled: _Settled,
    *,
    all_day: bool,
    steps: list[str],
    explanation: str,
) -> ComputedDeadline:
    return ComputedDeadline(
        rule_id=rule.id,
        kind=rule.kind,
        reference=rule.reference,
        trigger_at=local.astimezone(UTC),
        due_at=due_at,
        due_date=settled.due_date,
        act_by=settled.act_by,
        all_day=all_day,
        steps=tuple(steps),
        explanation=explanation,
    )


def reminder_times(
    deadline: ComputedDeadline, rule_or_offsets: Rule | Sequence[Offset | str], tz: ZoneInfo
) -> list[datetime]:
    """Return the UTC moments a deadline's reminders are due, earliest first."""
    offsets = _reminder_offsets(rule_or_offsets)
    moments = {_reminder_moment(deadline, offset, tz) for offset in offsets}
    # A reminder before the trigger or after the deadline helps nobody.
    return sorted(m for m in moments if deadline.trigger_at <= m <= deadline.due_at)


def _reminder_offsets(rule_or_offsets: Rule | Sequence[Offset | str]) -> tuple[Offset, ...]:
    if isinstance(rule_or_offsets, Rule):
        return rule_or_offsets.reminders
    return tuple(item if isinstance(item, Offset) else parse_reminders([item])[0] for item in rule_or_offsets)


def _reminder_moment(deadline: ComputedDeadline, offset: Offset, tz: ZoneInfo) -> datetime:
    if offset.unit == HOURS:
        return deadline.due_at - timedelta(hours=offset.amount)
    return day_reminder_moment(deadline, offset.amount, tz, REMINDER_HOUR)


def day_reminder_moment(deadline, days: int, tz: ZoneInfo, hour: time) -> datetime:
    """When a day reminder of a computed or stored deadline is due: `hour` local, `days` before the act-by day.

    An hour deadline is acted on by its moment, so its day is the due moment's (whatever
    act_by a row stored), and when that moment comes before `hour`, the morning before.
    """
    if deadline.all_day:
        day = deadline.act_by - timedelta(days=days)
        return datetime.combine(day, hour, tzinfo=tz).astimezone(UTC)
    day = deadline.due_at.astimezone(tz).date() - timedelta(days=days)
    moment = datetime.combine(day, hour, tzinfo=tz).astimezone(UTC)
    if moment >= deadline.due_at:
        moment = datetime.combine(day - timedelta(days=1), hour, tzinfo=tz).astimezone(UTC)
    return moment


def explain_event(
    rulebook: RuleBook, jurisdiction: str, event: str, when: datetime, *, tz: ZoneInfo | None = None, **options
) -> list[tuple[Rule, ComputedDeadline]]:
    """Compute every deadline an event would open in a case of a jurisdiction.

    `options` are those `compute` takes: the offence class, the end date an order sets.
    """
    if event not in TRIGGER_EVENTS:
        raise ValueError(f"Unknown event {event!r}; expected one of {sorted(TRIGGER_EVENTS)}")
    tz = tz or office_timezone(jurisdiction)
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)  # a jurist types office-local times
    calendar = calendar_for(jurisdiction)
    return [(rule, compute(when, rule, calendar, tz, **options)) for rule in rulebook.rules_for(jurisdiction, event)]


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")


def _because(reason: str) -> str:
    """Name a holiday in the explanation; a weekend shows in the weekday already."""
    if reason in ("Saturday", "Sunday"):
        return ","
    # The statute's own days carry their reference, which the line ends with anyway.
    return f", {_PARENTHESIS.sub('', reason)} →"
