"""Deadlines as the pages and the calendar feed show them: hour limits with their time, dated ones as a day,
missed ones unmistakably missed."""

import csv
import io
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from app.cases.services import record_arrest
from app.database import utcnow
from app.deadlines import services
from app.deadlines.models import Deadline
from app.extensions import db
from tests.cases.factories import PersonFactory
from tests.deadlines.test_ical import new_address
from tests.moments import VIENNA

REPORT = "Ask Belgrade for the call records"
CUSTODY = "Deliver the arrested person to the prison"


def moment_text(moment: datetime) -> str:
    """How a user reads an hour limit: "Sun 31 Mar 2019 23:30", office time."""
    local = moment.astimezone(VIENNA)
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def day_text(day) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def today():
    return utcnow().astimezone(VIENNA).date()


@pytest.fixture
def arrest(office, prosecutor):
    """Record an arrest with custody some hours ago; its 48-hour limit is due 48 hours after."""

    def record(case, *, hours_ago: float) -> Deadline:
        # On the half hour, so no moment of the test can read 23:59 by chance.
        arrested_at = (utcnow() - timedelta(hours=hours_ago)).replace(minute=30, second=0, microsecond=0)
        person = PersonFactory(office=office)
        record_arrest(
            case,
            person,
            arrested_at=arrested_at,
            place="Wien",
            agency="LKA Wien",
            custody_followed=True,
            actor=prosecutor,
            now=utcnow(),
        )
        return db.session.scalar(
            sa.select(Deadline).where(Deadline.case_id == case.id, Deadline.rule_id == "at_custody_delivery")
        )

    return record


def report(case, prosecutor, *, days: int) -> Deadline:
    """A dated period entered by hand, due `days` from today (in the past when negative)."""
    return services.add_manual_deadline(
        case,
        title=REPORT,
        kind="period",
        due_date=today() + timedelta(days=days),
        actor=prosecutor,
        now=utcnow() - timedelta(days=40),
    )


@pytest.fixture
def both(make_case, prosecutor, arrest):
    """A case with an hour limit due in about a day and a dated period due in five days."""
    case = make_case()
    custody = arrest(case, hours_ago=20)
    dated = report(case, prosecutor, days=5)
    db.session.commit()
    return case, custody, dated


def panel_of(page: str) -> str:
    return page.split('id="panel-deadlines"')[1].split("</section>")[0]


def test_every_page_shows_an_hour_limit_with_its_time_and_a_dated_deadline_without_one(client, login, prosecutor, both):
    case, custody, dated = both
    login(prosecutor)
    pages = {
        "case page panel": panel_of(client.get(f"/cases/{case.id}").text),
        "case's deadlines": client.get(f"/deadlines/case/{case.id}").text,
        "agenda": client.get("/deadlines/").text,
        "hour limit": client.get(f"/deadlines/{custody.id}").text,
        "dated deadline": client.get(f"/deadlines/{dated.id}").text,
    }
    for name, page in pages.items():
        if name != "dated deadline":
            assert moment_text(custody.due_at) in page, name
        if name != "hour limit":
            assert day_text(dated.due_date) in page, name
        assert "23:59" not in page, name
    # An hour limit is acted on by its moment, which the case page's panel and the agenda say.
    assert f"act by {moment_text(custody.due_at)}" in pages["case page panel"]
    assert pages["agenda"].count(moment_text(custody.due_at)) == 2  # act by and due


def test_the_month_calendar_shows_an_hour_limit_with_its_time(client, login, prosecutor, both):
    _, custody, dated = both
    login(prosecutor)
    for deadline in (custody, dated):
        page = client.get(f"/deadlines/calendar?month={deadline.due_date:%Y-%m}").text
        chip = page.split(f'href="/deadlines/{deadline.id}"')[1].split("</a>")[0]
        assert "23:59" not in chip
        if deadline is custody:
            local = custody.due_at.astimezone(VIENNA)
            assert f'<span class="deadline-chip-time">{local:%H:%M}</span>' in chip
            assert f"due {moment_text(custody.due_at)}" in chip
        else:
            assert "deadline-chip-time" not in chip and f"due {day_text(dated.due_date)}" in chip


def test_the_csv_export_gives_an_hour_limits_moment_as_its_act_by(client, login, prosecutor, both):
    _, custody, dated = both
    login(prosecutor)
    rows = {row[3]: row for row in csv.reader(io.StringIO(client.get("/deadlines/export.csv").text))}
    moment = custody.due_at.astimezone(VIENNA).strftime("%Y-%m-%d %H:%M")
    assert rows[CUSTODY][5:7] == [moment, moment]
    assert rows[REPORT][5:7] == [dated.due_date.isoformat(), dated.act_by.isoformat()]


def test_the_calendar_feed_has_a_timed_hour_limit_and_an_all_day_deadline_without_23_59(
    client, login, prosecutor, both
):
    case, custody, dated = both
    login(prosecutor)
    path, _ = new_address(client)
    body = client.get(path).data
    events = {str(e["SUMMARY"]).split(": ", 1)[1]: e for e in Calendar.from_ical(body).walk("VEVENT")}
    timed, all_day = events[CUSTODY], events[REPORT]
    assert timed.decoded("DTSTART") == custody.due_at.replace(microsecond=0)
    assert f"Act by {moment_text(custody.due_at)}" in str(timed["DESCRIPTION"])
    assert all_day.decoded("DTSTART") == dated.due_date
    assert f"Act by {day_text(dated.act_by)}" in str(all_day["DESCRIPTION"])
    assert b"23:59" not in body


@pytest.fixture
def missed_and_future(make_case, prosecutor, arrest):
    """An hour limit missed five hours ago and a dated period due in three days, in one case."""
    case = make_case()
    missed = arrest(case, hours_ago=53.5)
    future = report(case, prosecutor, days=3)
    db.session.commit()
    return case, missed, future


def test_a_missed_limit_is_marked_missed_on_the_case_page_and_a_future_one_is_not(
    client, login, prosecutor, missed_and_future
):
    case, missed, future = missed_and_future
    login(prosecutor)
    items = panel_of(client.get(f"/cases/{case.id}").text).split("<li")[1:]
    [missed_item] = [item for item in items if CUSTODY in item]
    [future_item] = [item for item in items if REPORT in item]
    assert 'class="mb-1 deadline-missed"' in missed_item and "MISSED" in missed_item
    assert "missed 5 hours ago" in missed_item
    assert "MISSED" not in future_item and "deadline-missed" not in future_item and "in 3 days" in future_item

    page = client.get(f"/deadlines/case/{case.id}").text
    missed_card = page.split(f'aria-label="{CUSTODY}"')[1].split("</article>")[0]
    future_card = page.split(f'aria-label="{REPORT}"')[1].split("</article>")[0]
    assert "MISSED" in missed_card and "missed 5 hours ago" in missed_card
    assert "MISSED" not in future_card and "in 3 days" in future_card


def test_a_missed_limit_is_marked_missed_in_the_agenda_and_the_calendar(client, login, prosecutor, missed_and_future):
    _, missed, future = missed_and_future
    login(prosecutor)
    page = client.get("/deadlines/").text
    row = page.split(f'href="/deadlines/{missed.id}"')[0].rsplit("<tr", 1)[1]
    assert 'class="table-danger deadline-missed"' in row
    assert "MISSED" in page.split(f'href="/deadlines/{missed.id}"')[1].split("</tr>")[0]
    assert "missed 5 hours ago" in row
    future_row = page.split(f'href="/deadlines/{future.id}"')[0].rsplit("<tr", 1)[1]
    assert "deadline-missed" not in future_row and "in 3 days" in future_row
    assert page.count(">MISSED<") == 1

    for deadline, is_missed in ((missed, True), (future, False)):
        calendar = client.get(f"/deadlines/calendar?month={deadline.due_date:%Y-%m}").text
        chip = (
            calendar.split(f'href="/deadlines/{deadline.id}"')[0].rsplit("<a", 1)[1]
            + calendar.split(f'href="/deadlines/{deadline.id}"')[1].split("</a>")[0]
        )
        assert ("MISSED" in chip) is is_missed and ("chip-missed" in chip) is is_missed
        assert ("missed 5 hours ago" in chip) is is_missed
