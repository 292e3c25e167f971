"""Moments the tests happen at, read in the Vienna office's time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

VIENNA = ZoneInfo("Europe/Vienna")

#: "Now" of the factories and of the caseload, import and operation tests: Monday 2 Sep 2019, 10:00 in Vienna.
NOW = datetime(2019, 9, 2, 8, 0, tzinfo=UTC)


def vienna(*args) -> datetime:
    """A moment in Vienna's office time: `vienna(2019, 9, 2, 10, 0)`."""
    return datetime(*args, tzinfo=VIENNA)
