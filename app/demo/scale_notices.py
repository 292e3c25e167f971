"""The messages generated cases have already caused: the latest reminder of each open deadline, and escalations.

Each message carries the key the reminder pass would give it (app/notifications/reminders.py),
so running `flask reminders run` afterwards queues none of them twice. They are marked sent:
the outbox holds them as delivered history, and the sender has nothing to write out.
"""

import math
from datetime import datetime

from app.core.formatting import day as day_text
from app.notifications.mail import message_id_for
from app.notifications.reminders import DAY_OFFSETS, HOUR_OFFSETS, reminder_time


class Notices:
    """Write the reminders and escalations of a generated case's open deadlines."""

    def __init__(self, values, now: datetime, mail_from: str) -> None:
        self.values, self.now, self.mail_from = values, now, mail_from
        #: The chunk's id counters (app/demo/scale_writer.py Batch.ids).
        self.counters: dict = {}
        self._offsets: dict[str, tuple[str, ...]] = {}

    def write(self, office, reference: str, title: str, prosecutor: int, items, rows) -> None:
        now = self.now
        for item in items:
            if item.status != "open":
                continue
            computed = item.due.computed
            if computed.due_at > now:
                self._reminder(office, reference, title, prosecutor, item, rows)
            else:
                self._escalation(office, reference, title, item, rows)

    def _reminder(self, office, reference, title, prosecutor, item, rows) -> None:
        computed, zone, now = item.due.computed, office.place.zone, self.now
        passed = [
            (moment, offset)
            for offset in self._offsets_of(item)
            if (moment := reminder_time(computed, offset, zone)) <= now
        ]
        if not passed:
            return
        moment, offset = max(passed)
        moment = max(moment, item.created_at)
        rule = item.rule
        remaining = _remaining(computed, moment, zone)
        subject = f"{rule.title} — act {remaining} ({reference})"
        email, name = office.people[prosecutor]
        body = (
            f"{name},\n\n{rule.title} in case {reference} ({title}): act {remaining}.\n\n"
            f"Act by:  {day_text(computed.act_by)}\nDue:     {day_text(computed.due_date)}\n"
            f"Kind:    {rule.kind.capitalize()} ({rule.reference})\n\n{computed.explanation}\n"
        )
        key = f"reminder:deadline:{item.id}:{offset}"
        self._add(rows, prosecutor, email, "reminder", subject, body, key, moment)

    def _escalation(self, office, reference, title, item, rows) -> None:
        """Today's escalation of an overdue deadline to the office's supervisor, as the reminder pass sends it."""
        computed, rule = item.due.computed, item.rule
        email, name = office.people[office.supervisor]
        subject = f"Overdue{' limit' if rule.kind == 'limit' else ''}: {rule.title} ({reference})"
        body = (
            f"{name},\n\nA deadline in your office is overdue and still open.\n\n"
            f"Deadline:    {rule.title} ({rule.reference})\nCase:        {reference} {title}\n"
            f"Was due:     {day_text(computed.due_date)}\n"
        )
        key = f"escalation:deadline:{item.id}:{office.today}:{office.supervisor}"
        self._add(rows, office.supervisor, email, "escalation", subject, body, key, self.now)

    def _add(self, rows, recipient, address, kind, subject, body, key: str, moment) -> None:
        sent = self.values.moment(moment)
        body = self.values.text(body)
        row = (next(self.counters["notifications"]), recipient, address, kind, subject[:250], body, None, key,
               message_id_for(key, self.mail_from), "sent", 1, sent, None, None, sent, sent, None)  # fmt: skip
        rows["notifications"].append(row)

    def _offsets_of(self, item) -> tuple[str, ...]:
        rule = item.rule
        if rule.id not in self._offsets:
            offsets = tuple(f"{offset.amount}{'h' if offset.hour_based else 'd'}" for offset in rule.reminders)
            self._offsets[rule.id] = offsets or (DAY_OFFSETS if item.due.computed.all_day else HOUR_OFFSETS)
        return self._offsets[rule.id]


def _remaining(computed, moment: datetime, zone) -> str:
    """How long is left, as the reminder's subject says it (notifications/email/_format.txt)."""
    if computed.all_day:
        days = (computed.act_by - moment.astimezone(zone).date()).days
        return "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"
    hours = math.ceil((computed.due_at - moment).total_seconds() / 3600)
    return "within the hour" if hours <= 1 else f"in {hours} hours" if hours <= 48 else f"in {hours // 24} days"
