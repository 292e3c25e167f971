"""The deadlines of generated cases, opened, met, superseded and closed as the deadline services would.

`RuleClock` asks the engine (`app.deadlines.engine.compute`) once per distinct trigger (rule,
calendar, moment, offence class, order end) and keeps the answer with its database-ready
values; `CaseDeadlines` replays a case's events against the rule book exactly like
`app.deadlines.services.apply_event` (close by event, open per defendant, supersede) and
`close_with_case`, in memory, and hands back the rows.
"""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.deadlines.calendars import WorkingCalendar
from app.deadlines.engine import ComputedDeadline, compute
from app.deadlines.models import DeadlineStatus
from app.deadlines.rules import OffsetTable, Rule, RuleBook

OPEN, MET, SUPERSEDED, CLOSED = (
    DeadlineStatus.OPEN.value,
    DeadlineStatus.MET.value,
    DeadlineStatus.SUPERSEDED.value,
    DeadlineStatus.CLOSED.value,
)
#: Above this many cached computations the cache starts afresh, so memory stays bounded.
CACHE_LIMIT = 200_000


class Place:
    """What counting needs to know about an office: its law, its zone and its working days.

    Offices whose calendars agree day by day (Austria's states share their public holidays)
    get the same `ident`, so they share every computed deadline.
    """

    _idents: dict[tuple, int] = {}

    def __init__(self, jurisdiction: str, zone: ZoneInfo, calendar: WorkingCalendar, days: range) -> None:
        self.jurisdiction, self.zone, self.calendar = jurisdiction, zone, calendar
        signature = (jurisdiction, zone.key, tuple(calendar.non_working_reason(date.fromordinal(n)) for n in days))
        self.ident = Place._idents.setdefault(signature, len(Place._idents))
        self._moments: dict[tuple[date, int], datetime] = {}

    def today(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def at(self, hour: int, day: date) -> datetime:
        """The moment `hour`:00 of `day` in the office's zone."""
        moment = self._moments.get((day, hour))
        if moment is None:
            if len(self._moments) >= CACHE_LIMIT:
                self._moments.clear()
            moment = self._moments[day, hour] = datetime(day.year, day.month, day.day, hour, tzinfo=self.zone)
        return moment


class Due:
    """A computed deadline and the values its row stores, shared by every deadline with the same trigger."""

    __slots__ = ("computed", "rule", "due_at", "due_date", "act_by", "trigger_at", "steps", "explanation")

    def __init__(self, computed: ComputedDeadline, rule: Rule, values) -> None:
        self.computed, self.rule = computed, rule
        self.due_at = values.moment(computed.due_at)
        self.due_date = values.day(computed.due_date)
        self.act_by = values.day(computed.act_by)
        self.trigger_at = values.moment(computed.trigger_at)
        self.steps = values.text(json.dumps(list(computed.steps), ensure_ascii=False))
        self.explanation = values.text(computed.explanation)


class RuleClock:
    """The rule book's answers for generated cases, each computed once."""

    def __init__(self, rulebook: RuleBook, values) -> None:
        self.rulebook, self.values = rulebook, values
        self._books: dict[str, tuple[dict, dict]] = {}
        self._cache: dict[tuple, Due] = {}
        self._rule_values: dict[str, tuple] = {}
        #: How often the engine itself was asked.
        self.computed = 0

    def book(self, jurisdiction: str) -> tuple[dict[str, tuple[Rule, ...]], dict[str, frozenset[str]]]:
        """For a jurisdiction's cases: event → the rules it opens, and event → ids of the rules it closes."""
        if jurisdiction not in self._books:
            rules = self.rulebook.for_jurisdiction(jurisdiction)
            events = {event for rule in rules for event in (rule.trigger, *rule.closes_on)}
            opens = {event: tuple(rule for rule in rules if rule.trigger == event) for event in events}
            closes = {event: frozenset(rule.id for rule in rules if event in rule.closes_on) for event in events}
            self._books[jurisdiction] = (opens, closes)
        return self._books[jurisdiction]

    def due(self, rule: Rule, place: Place, when: datetime, offence_class: str | None, end_at: date | None) -> Due:
        """The deadline `rule` opens at `when` in an office at `place`."""
        key = (rule.id, place.ident, when, offence_class, end_at)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            computed = compute(when, rule, place.calendar, place.zone, offence_class=offence_class, end_at=end_at)
            found = self._cache[key] = Due(computed, rule, self.values)
            self.computed += 1
        return found

    def rule_values(self, rule: Rule) -> tuple:
        """(title, kind, reference, reminder offsets as JSON, trigger event) of a rule's rows."""
        if rule.id not in self._rule_values:
            reminders = [f"{offset.amount}{'h' if offset.hour_based else 'd'}" for offset in rule.reminders]
            self._rule_values[rule.id] = (rule.title, rule.kind, rule.reference, json.dumps(reminders), rule.trigger)
        return self._rule_values[rule.id]


def depends_on_class(rule: Rule) -> bool:
    return isinstance(rule.offset, OffsetTable)


class Pending:
    """One deadline of a generated case, as it stands after the case's events."""

    __slots__ = (
        "id",
        "defendant",
        "rule",
        "due",
        "when",
        "offence_class",
        "status",
        "created_at",
        "created_by",
        "closed_at",
        "closed_by",
        "closing_event",
        "met_on",
        "superseded_by",
        "closed_by_move",
    )

    def __init__(self, deadline_id: int, defendant, rule: Rule, due: Due, when, offence_class, now, actor) -> None:
        self.id, self.defendant, self.rule, self.due, self.when = deadline_id, defendant, rule, due, when
        self.offence_class, self.status, self.created_at, self.created_by = offence_class, OPEN, now, actor
        self.closed_at = self.closed_by = self.closing_event = self.met_on = None
        self.superseded_by = self.closed_by_move = None

    def end(self, status: str, now: datetime, actor: int | None) -> None:
        self.status, self.closed_at, self.closed_by = status, now, actor


class CaseDeadlines:
    """A case's deadlines in memory, changed by its events as `app.deadlines.services` changes them."""

    def __init__(self, clock: RuleClock, place: Place, classes: dict[int, str | None], new_id) -> None:
        self.clock, self.place, self.classes, self.new_id = clock, place, classes, new_id
        self.opens, self.closes = clock.book(place.jurisdiction)
        self.items: list[Pending] = []

    def apply(
        self,
        event: str,
        when: datetime,
        *,
        now: datetime,
        actor: int | None,
        defendant: int | None = None,
        end_at: date | None = None,
    ) -> list[Pending]:
        """Close, supersede and open deadlines for an event that happened at `when`, recorded at `now`."""
        closing = self.closes.get(event)
        if closing:
            met_on = None
            for item in self.items:
                if (
                    item.status == OPEN
                    and item.rule.id in closing
                    and (defendant is None or item.defendant in (defendant, None))
                ):
                    met_on = met_on or self.place.today(when)
                    item.met_on, item.closing_event = met_on, event
                    item.end(MET, now, actor)
        opened = []
        for rule in self.opens.get(event, ()):
            if rule.applies_to == "case":
                persons = (None,)
            else:
                persons = (defendant,) if defendant is not None else tuple(self.classes)
            for person in persons:
                item = self._open(rule, when, person, now=now, actor=actor, end_at=end_at)
                if item is not None:
                    opened.append(item)
        return opened

    def _open(self, rule: Rule, when: datetime, person, *, now, actor, end_at) -> Pending | None:
        offence_class = self.classes.get(person) if depends_on_class(rule) and person is not None else None
        for item in self.items:
            if item.status == OPEN and item.rule is rule and item.when == when and item.defendant == person:
                return None
        due = self.clock.due(rule, self.place, when, offence_class, end_at)
        new = Pending(self.new_id(), person, rule, due, when, offence_class, now, actor)
        if rule.supersedes:
            for item in self.items:
                if (
                    item.status == OPEN
                    and item.rule.id in rule.supersedes
                    and (person is None or item.defendant == person)
                ):
                    item.superseded_by = new.id
                    item.end(SUPERSEDED, now, actor)
        self.items.append(new)
        return new

    def close_with_case(self, move_id: int, *, now: datetime, actor: int | None) -> None:
        """Close every deadline still open, naming the move that closed the case."""
        for item in self.items:
            if item.status == OPEN:
                item.closed_by_move = move_id
                item.end(CLOSED, now, actor)

    def open_of(self, defendant: int, rule_ids) -> Pending | None:
        """The defendant's open deadline of one of these rules, if any."""
        for item in self.items:
            if item.status == OPEN and item.defendant == defendant and item.rule.id in rule_ids:
                return item
        return None

    def rows(self, case_id: int, values) -> list[tuple]:
        """The deadlines as rows of the `deadlines` table, in id order."""
        moment, day = values.moment, values.day
        rows = []
        for item in self.items:
            title, kind, reference, reminders, trigger = self.clock.rule_values(item.rule)
            due = item.due
            rows.append(
                (
                    item.id,
                    case_id,
                    item.defendant,
                    item.rule.id,
                    title,
                    kind,
                    reference,
                    due.due_at,
                    due.due_date,
                    due.act_by,
                    due.computed.all_day,
                    item.status,
                    due.explanation,
                    due.steps,
                    reminders,
                    trigger,
                    due.trigger_at,
                    item.offence_class,
                    item.created_by,
                    item.closed_by,
                    None if item.closed_at is None else moment(item.closed_at),
                    item.closing_event,
                    None if item.met_on is None else day(item.met_on),
                    "",
                    item.superseded_by,
                    item.closed_by_move,
                    moment(item.created_at),
                )
            )
        return rows
