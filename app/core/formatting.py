"""How days and moments read for people: on pages, in e-mails, feeds, flash messages, timelines and exports.

Every date and time Docket shows is worded here and nowhere else, so this module is the
one place the languages work will localise (the English names below are its only locale;
nothing depends on the process locale). Moments are stored in UTC and shown in a zone,
given as an Office, a ZoneInfo or a zone name ("Europe/Vienna").

    day         Fri 5 Apr 2019              a day in a case's course
    day_short   5 Apr 2019                  dates of birth, whose weekday means nothing
    month       April 2019
    moment      Fri 5 Apr 2019 14:05 CEST   a UTC moment in a zone
    clock       14:05
    stamp       2019-04-05 14:05            exports and the command line, where it must sort

A deadline counted in hours falls at a moment: "Sun 31 Mar 2019 23:30", and it is acted
on by that moment. A dated deadline falls on a day: "Sun 31 Mar 2019", never with the
23:59 its stored due time carries only to make the comparison with the clock exact.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Union
from zoneinfo import ZoneInfo

from flask import Flask, current_app

if TYPE_CHECKING:
    from app.auth.models import Office, User

Where = Union["Office", ZoneInfo, str]

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: What a missing day or moment reads as.
NOTHING = "—"
MINUTE, HOUR = 60, 3600
#: Up to two days a distance reads in hours ("in 30 hours"), beyond in days.
HOURS_SHOWN = 48


def zone_of(where: Where) -> ZoneInfo:
    """The zone of an Office, a ZoneInfo, or a zone name."""
    if isinstance(where, ZoneInfo):
        return where
    if isinstance(where, str):
        return ZoneInfo(where)
    return where.zone


def viewer_zone(user: User) -> ZoneInfo:
    """The zone a user's pages show times in: their office's, or the configured TIMEZONE without one."""
    office = getattr(user, "office", None)  # anonymous users have no office
    return office.zone if office is not None else zone_of(current_app.config["TIMEZONE"])


def day(value: date | datetime | None, where: Where | None = None) -> str:
    """ "Fri 5 Apr 2019"; a moment is first taken to its day in `where`."""
    if value is None:
        return NOTHING
    value = _day_of(value, where)
    return f"{WEEKDAYS[value.weekday()]} {day_short(value)}"


def day_short(value: date | datetime | None, where: Where | None = None) -> str:
    """ "5 Apr 2019", for dates of birth, whose weekday means nothing."""
    if value is None:
        return NOTHING
    value = _day_of(value, where)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month(value: date) -> str:
    """ "April 2019"."""
    return f"{MONTH_NAMES[value.month - 1]} {value.year}"


def moment(value: datetime | None, where: Where | None = None) -> str:
    """A UTC moment in the zone of `where` (or its own zone): "Fri 5 Apr 2019 14:05 CEST"."""
    if value is None:
        return NOTHING
    local = value.astimezone(zone_of(where)) if where is not None else value
    return f"{day(local)} {clock(local)} {local.tzname()}"


def clock(value: datetime, where: Where | None = None) -> str:
    """The time of day, "14:05", in `where` (or the moment's own zone)."""
    local = value.astimezone(zone_of(where)) if where is not None else value
    return f"{local.hour:02d}:{local.minute:02d}"


def stamp(value: date | datetime, where: Where | None = None, *, seconds: bool = False) -> str:
    """ "2019-04-05 14:05" (with seconds: "2019-04-05 14:05:09"), a day as "2019-04-05": for exports and the CLI."""
    if not isinstance(value, datetime):
        return value.isoformat()
    local = value.astimezone(zone_of(where)) if where is not None else value
    text = f"{local.date().isoformat()} {clock(local)}"
    return f"{text}:{local.second:02d}" if seconds else text


def _day_of(value: date | datetime, where: Where | None) -> date:
    if isinstance(value, datetime):
        return (value.astimezone(zone_of(where)) if where is not None else value).date()
    return value


def deadline_due(deadline, where: Where) -> str:
    """The due moment of an hour deadline ("Sun 31 Mar 2019 23:30"), or the due day of a dated one."""
    if deadline.all_day:
        return day(deadline.due_date)
    local = deadline.due_at.astimezone(zone_of(where))
    return f"{day(local)} {clock(local)}"


def deadline_act_by(deadline, where: Where) -> str:
    """The day to act on; an hour deadline has no act-by day but its due moment."""
    if not deadline.all_day:
        return deadline_due(deadline, where)
    return day(deadline.act_by)


def deadline_distance(deadline, now: datetime, where: Where) -> str:
    """How far the due time lies from `now`: "in 3 days", "in 5 hours", "missed 2 days ago", "missed 5 hours ago".

    Dated deadlines count whole days of the office's calendar; hour deadlines count real time.
    """
    if deadline.all_day:
        days = (deadline.due_date - _day_of(now, where)).days
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


FILTERS = (day, day_short, month, moment, clock, stamp, deadline_due, deadline_act_by, deadline_distance)


def register(app: Flask) -> None:
    """Offer the formats to every template as filters, and the viewer's zone as `viewer_zone(user)`."""
    for function in FILTERS:
        app.add_template_filter(function)
    app.add_template_global(viewer_zone)
