"""Working-day calendars per jurisdiction, as the counting statutes see them.

A day is non-working when it is a Saturday, a Sunday, a public holiday from the
`holidays` package, or a day the counting statute adds itself (Good Friday in
Austria: § 84(1) Z 5 StPO names it although it is not a public holiday there).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import EASTER_WESTERN, easter

#: Jurisdictions Docket keeps a calendar for, with their default subdivision.
DEFAULT_SUBDIVISIONS: dict[str, str | None] = {"AT": "9", "RS": None}

#: Time zone of an office in each jurisdiction, used to take local dates.
OFFICE_TIMEZONES: dict[str, str] = {"AT": "Europe/Vienna", "RS": "Europe/Belgrade"}

AT_GOOD_FRIDAY = "Good Friday (§ 84 StPO)"

# Searching further than this for a working day means the calendar is broken.
_MAX_SEARCH_DAYS = 31


class WorkingCalendar:
    """Tell working days from non-working days in one jurisdiction."""

    def __init__(self, jurisdiction: str, subdivision: str | None = None) -> None:
        if jurisdiction not in DEFAULT_SUBDIVISIONS:
            raise ValueError(f"No working calendar for jurisdiction {jurisdiction!r}")
        self.jurisdiction = jurisdiction
        self.subdivision = subdivision or DEFAULT_SUBDIVISIONS[jurisdiction]
        self._holidays = holidays.country_holidays(jurisdiction, subdiv=self.subdivision, language="en_US")
        # The holidays object fills in a year on first lookup; calendars are
        # shared between threads, so lookups are serialised.
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.jurisdiction!r}, {self.subdivision!r})"

    def non_working_reason(self, day: date) -> str | None:
        """Return why a day is non-working, or None for a working day."""
        with self._lock:
            holiday = self._holidays.get(day)
        if holiday:
            return holiday
        if self.jurisdiction == "AT" and day == _good_friday(day.year):
            return AT_GOOD_FRIDAY
        if day.weekday() == 5:
            return "Saturday"
        if day.weekday() == 6:
            return "Sunday"
        return None

    def is_working_day(self, day: date) -> bool:
        """Return whether a period may end on this day."""
        return self.non_working_reason(day) is None

    def next_working_day(self, day: date) -> date:
        """Return the first working day on or after a day."""
        return self._search(day, timedelta(days=1))

    def previous_working_day(self, day: date) -> date:
        """Return the last working day on or before a day."""
        return self._search(day, timedelta(days=-1))

    def _search(self, day: date, step: timedelta) -> date:
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_working_day(day):
                return day
            day += step
        raise RuntimeError(f"No working day within {_MAX_SEARCH_DAYS} days in {self!r}")


def _good_friday(year: int) -> date:
    return easter(year, EASTER_WESTERN) - timedelta(days=2)


def calendar_for(jurisdiction: str, subdivision: str | None = None) -> WorkingCalendar:
    """Return the shared working calendar of a jurisdiction (and subdivision)."""
    if jurisdiction not in DEFAULT_SUBDIVISIONS:
        raise ValueError(f"No working calendar for jurisdiction {jurisdiction!r}")
    return _cached_calendar(jurisdiction, subdivision or DEFAULT_SUBDIVISIONS[jurisdiction])


@cache
def _cached_calendar(jurisdiction: str, subdivision: str | None) -> WorkingCalendar:
    return WorkingCalendar(jurisdiction, subdivision)


def office_timezone(jurisdiction: str) -> ZoneInfo:
    """Return the default office time zone of a jurisdiction."""
    try:
        return ZoneInfo(OFFICE_TIMEZONES[jurisdiction])
    except KeyError:
        raise ValueError(f"No office time zone for jurisdiction {jurisdiction!r}") from None
