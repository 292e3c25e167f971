"""Personal calendar feeds: a secret address per user carrying their open deadlines as iCalendar.

The address holds a random token of 32 bytes; only its SHA-256 is stored, so the
address is shown once when it is made and cannot be read back from the database.
Events carry the case reference and the deadline's title, never names of persons.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from icalendar import Alarm, Calendar, Event

from app.audit.services import record
from app.auth.models import User
from app.core.formatting import deadline_act_by
from app.deadlines.engine import ComputedDeadline, reminder_times
from app.deadlines.models import CalendarFeed, Deadline
from app.deadlines.queries import own_open_deadlines
from app.extensions import db

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_of(user: User) -> CalendarFeed | None:
    return db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def renew_feed(user: User, *, actor: User, now: datetime) -> str:
    """Give `user` a new secret feed address (the old one stops working) and return its token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = feed_of(user)
    if feed is None:
        feed = CalendarFeed(user=user)
        db.session.add(feed)
    renewed = feed.active
    feed.token_hash, feed.created_at, feed.revoked_at = token_hash(token), now, None
    db.session.flush()
    record(
        "calendar_feed.renew" if renewed else "calendar_feed.create",
        actor=actor,
        now=now,
        object_type="user",
        object_id=user.id,
    )
    return token


def revoke_feed(user: User, *, actor: User, now: datetime) -> bool:
    """Stop `user`'s feed address from working; False if there was none."""
    feed = feed_of(user)
    if feed is None or not feed.active:
        return False
    feed.token_hash, feed.revoked_at = None, now
    db.session.flush()
    record("calendar_feed.revoke", actor=actor, now=now, object_type="user", object_id=user.id)
    return True


def user_for_token(token: str) -> User | None:
    """The active user whose live feed address carries `token`, if any."""
    if not token or len(token) > 200:
        return None
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.token_hash == token_hash(token)))
    if feed is None or not feed.user.active:
        return None
    return feed.user


def feed_calendar(user: User, *, now: datetime, base_url: str, domain: str) -> bytes:
    """The iCalendar document of `user`'s open deadlines."""
    cal = Calendar()
    cal.add("prodid", "-//Docket//Deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Docket deadlines")
    zone = user.office.zone if user.office else None
    for deadline in own_open_deadlines(user):
        cal.add_component(_event(deadline, now=now, base_url=base_url, domain=domain, zone=zone))
    return cal.to_ical()


def _event(deadline: Deadline, *, now: datetime, base_url: str, domain: str, zone) -> Event:
    case = deadline.case
    zone = zone or case.office.zone
    event = Event()
    event.add("uid", f"deadline-{deadline.id}@{domain}")
    event.add("dtstamp", now)
    # The case reference and the rule's title only: a feed leaves the office's systems.
    event.add("summary", f"{case.reference}: {deadline.title}")
    if deadline.all_day:
        event.add("dtstart", deadline.due_date)
        event.add("dtend", deadline.due_date + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        event.add("dtstart", deadline.due_at)
        event.add("dtend", deadline.due_at)
    lines = [
        f"{deadline.kind.label}{' · ' + deadline.reference if deadline.reference else ''}",
        f"Act by {deadline_act_by(deadline, zone)}",
        deadline.explanation,
    ]
    if deadline.defendant_id:
        lines.append("Concerns one defendant of the case.")
    event.add("description", "\n".join(line for line in lines if line))
    event.add("url", f"{base_url.rstrip('/')}/deadlines/{deadline.id}")
    event.add("categories", ["Docket", deadline.kind.label])
    for moment in reminder_times(_as_computed(deadline), deadline.reminder_offsets, zone):
        if moment >= now:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{case.reference}: {deadline.title}")
            alarm.add("trigger", moment)
            event.add_component(alarm)
    return event


def _as_computed(deadline: Deadline) -> ComputedDeadline:
    """The engine's view of a stored deadline, to place its reminders exactly as the reminder job does."""
    return ComputedDeadline(
        rule_id=deadline.rule_id or "",
        kind=str(deadline.kind),
        reference=deadline.reference,
        trigger_at=deadline.trigger_at or deadline.created_at,
        due_at=deadline.due_at,
        due_date=deadline.due_date,
        act_by=deadline.act_by,
        all_day=deadline.all_day,
        steps=tuple(deadline.steps),
        explanation=deadline.explanation,
    )
