"""The personal calendar feed: exactly the user's open deadlines, stable, revocable, without names."""

import re
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from icalendar import Calendar

from app.auth.models import Role
from app.cases.services import record_arrest
from app.database import utcnow
from app.deadlines import ical, services
from app.deadlines.models import CalendarFeed, Deadline, DeadlineStatus
from app.extensions import db
from tests.cases.factories import PersonFactory
from tests.moments import VIENNA

ADDRESS = re.compile(r'value="http://127\.0\.0\.1:5000(/deadlines/ical/([A-Za-z0-9_-]+)\.ics)"')


def new_address(client) -> tuple[str, str]:
    response = client.post("/deadlines/feed/renew")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    path, token = ADDRESS.search(response.text).groups()
    return path, token


def events_of(response) -> dict[str, object]:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def today() -> date:
    return utcnow().astimezone(VIENNA).date()


def test_the_feed_carries_exactly_the_users_open_deadlines(client, login, make_case, prosecutor, make_user, office):
    case = make_case(reference="712 St 45/26k", title="Petrović and others")
    person = PersonFactory(office=office, first_name="Dragan", last_name="Petrović")
    record_arrest(
        case,
        person,
        arrested_at=utcnow() - timedelta(hours=2),
        place="Wien",
        agency="LKA Wien",
        custody_followed=True,
        actor=prosecutor,
        now=utcnow(),
    )
    dated = services.add_manual_deadline(
        case,
        title="Ask Belgrade for the call records",
        kind="limit",
        due_date=today() + timedelta(days=20),
        reminders=["7d", "2d", "0d"],
        actor=prosecutor,
        now=utcnow(),
    )
    met = services.add_manual_deadline(
        case, title="Already met", kind="period", due_date=today() + timedelta(days=5), actor=prosecutor, now=utcnow()
    )
    met.status = DeadlineStatus.MET
    other = make_case(prosecutor=make_user(Role.PROSECUTOR), reference="712 St 46/26k")
    services.add_manual_deadline(
        other, title="Not mine", kind="period", due_date=today() + timedelta(days=5), actor=prosecutor, now=utcnow()
    )
    db.session.commit()
    login(prosecutor)
    path, _ = new_address(client)
    client.post("/logout")  # the calendar app has no session

    events = events_of(client.get(path))
    assert set(events) == {
        "712 St 45/26k: Deliver the arrested person to the prison",
        "712 St 45/26k: Ask Belgrade for the call records",
    }
    timed = events["712 St 45/26k: Deliver the arrested person to the prison"]
    assert isinstance(timed.decoded("DTSTART"), datetime)
    assert timed.decoded("DTSTART").astimezone(UTC) == arrest_limit_due(case).replace(
        microsecond=0
    )  # iCalendar counts seconds
    all_day = events["712 St 45/26k: Ask Belgrade for the call records"]
    assert all_day.decoded("DTSTART") == dated.due_date and not isinstance(all_day.decoded("DTSTART"), datetime)
    assert all_day.decoded("DTEND") == dated.due_date + timedelta(days=1)
    assert all_day["UID"] == f"deadline-{dated.id}@127.0.0.1"
    alarms = [alarm.decoded("TRIGGER") for alarm in all_day.walk("VALARM")]
    act_by = dated.act_by
    assert sorted(a.astimezone(VIENNA) for a in alarms) == [
        datetime.combine(act_by - timedelta(days=days), datetime.min.time().replace(hour=8), tzinfo=VIENNA)
        for days in (7, 2, 0)
    ]
    # Names of persons stay in the office: neither the defendant nor the case title travels.
    assert b"Petrovi" not in client.get(path).data


def arrest_limit_due(case) -> datetime:
    return db.session.scalar(
        sa.select(Deadline.due_at).where(Deadline.case_id == case.id, Deadline.rule_id == "at_custody_delivery")
    )


def test_uids_are_stable_between_fetches(client, login, make_case, prosecutor):
    services.add_manual_deadline(
        make_case(), title="Report", kind="period", due_date=today() + timedelta(days=9), actor=prosecutor, now=utcnow()
    )
    db.session.commit()
    login(prosecutor)
    path, _ = new_address(client)
    first = [str(e["UID"]) for e in events_of(client.get(path)).values()]
    assert first and first == [str(e["UID"]) for e in events_of(client.get(path)).values()]


def test_a_revoked_or_replaced_address_answers_404(client, login, prosecutor):
    login(prosecutor)
    old_path, old_token = new_address(client)
    assert len(old_token) >= 43  # 32 random bytes, base64url
    new_path, _ = new_address(client)
    assert client.get(old_path).status_code == 404
    assert client.get(new_path).status_code == 200
    response = client.post("/deadlines/feed/revoke", follow_redirects=True)
    assert "no longer works" in response.text
    assert client.get(new_path).status_code == 404


def test_only_the_tokens_hash_is_stored(client, login, prosecutor):
    login(prosecutor)
    _, token = new_address(client)
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == prosecutor.id))
    assert feed.token_hash == ical.token_hash(token) and token not in feed.token_hash
    page = client.get("/deadlines/feed").text
    assert token not in page and "active" in page


def test_a_deactivated_users_feed_answers_404(client, login, prosecutor):
    login(prosecutor)
    path, _ = new_address(client)
    prosecutor.active = False
    db.session.commit()
    assert client.get(path).status_code == 404
