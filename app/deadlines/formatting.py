"""How a deadline's due time, act-by and distance read, the same on every page, e-mail and feed.

A deadline counted in hours falls at a moment: "Sun 31 Mar 2019 23:30", and it is acted
on by that moment. A dated deadline falls on a day: "Sun 31 Mar 2019", never with the
23:59 its stored due time carries only to make the comparison with the clock exact.
Times are the office's local time; `zone` is a ZoneInfo or its name.
"""
from datetime import date, datetime
from zoneinfo import ZoneInfo

MINUTE, HOUR = 60, 3600
#: Up to two days a distance reads in hours ("in 30 hours"), beyond in days.
HOURS_SHOWN = 48


def day_label(day: date) -> str:
    """"Sun 31 Mar 2019"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def deadline_due(deadline, zone: ZoneInfo | str) -> str:
    """The due moment of an hour deadline ("Sun 31 Mar 2019 23:30"), or the due day of a dated one."""
    if deadline.all_day:
        return day_label(deadline.due_date)
    local = deadline.due_at.astimezone(_zone(zone))
    return f"{day_label(local.date())} {local:%H:%M}"


def deadline_act_by(deadline, zone: ZoneInfo | str) -> str:
    """The day to act on; an hour deadline has no act-by day but its due moment."""
    if not deadline.all_day:
        return deadline_due(deadline, zone)
    return day_label(deadline.act_by)


def deadline_distance(deadline, now: datetime, zone: ZoneInfo | str) -> str:
    """How far the due time lies from `now`: "in 3 days", "in 5 hours", "missed 2 days ago", "missed 5 hours ago".

    Dated deadlines count whole days of the office's calendar; hour deadlines count real time.
    """
    if deadline.all_day:
        days = (deadline.due_date - now.astimezone(_zone(zone)).date()).days
        if days < 0:
            return f"missed {_count(-days, 'day')} ago"
        return "due today" if days == 0 else f"in {_count(days, 'day')}"
    seconds = (deadline.due_at - now).total_seconds()
    span = _span(abs(seconds))
    return f"in {span}" if seconds >= 0 else f"missed {span} ago"  # missed once past, as Deadline.is_missed


def _span(seconds: float) -> str:
    if seconds < HOUR:
        return _count(max(1, int(seconds // MINUTE)), "minute")
    hours = int(seconds // HOUR)
    if hours < HOURS_SHOWN:
        return _count(hours, "hour")
    return _count(hours // 24, "day")


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


def _zone(zone: ZoneInfo | str) -> ZoneInfo:
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
