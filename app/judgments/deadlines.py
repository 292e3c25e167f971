"""The judgments' side of the deadline engine: which events to record, and when appeal periods end."""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from app.cases.models import Case, Defendant
from app.deadlines import services as deadline_services
from app.deadlines.engine import compute
from app.deadlines.rules import RuleBook

#: Events that end an appeal period: a rule they close is an appeal period.
APPEAL_EVENTS = ("appeal_announced", "appeal_waived")
#: For a jurisdiction whose rule file has no appeal period yet: Serbia's 15 days from service of
#: the judgment copy (ZKP art. 432 Abs. 1; to be verified and moved into rs.yaml by a jurist).
FALLBACK_PERIODS = {"RS": ("served_on", 15)}


def rulebook() -> RuleBook:
    if deadline_services.RULEBOOK_KEY not in current_app.extensions:
        deadline_services.install_rulebook(current_app)
    return deadline_services.current_rulebook()


def day_moment(case: Case, day: date, now: datetime) -> datetime:
    """A moment on a local calendar day (midday, or now if that is earlier), for day-counted events."""
    return min(datetime.combine(day, time(12), tzinfo=ZoneInfo(case.office.timezone)), now)


def record_event(case: Case, event: str, day: date, *, defendant: Defendant | None, actor, now: datetime) -> None:
    """Tell the deadline engine that `event` happened on `day`."""
    record_event_at(case, event, day_moment(case, day, now), defendant=defendant, actor=actor, now=now)


def record_event_at(case: Case, event: str, when: datetime, *, defendant: Defendant | None, actor,
                    now: datetime) -> None:
    rulebook()
    deadline_services.record_trigger(case, event, when, defendant=defendant, actor=actor, now=now)


def appeal_period_end(judgment) -> datetime | None:
    """When the last appeal period of a judgment ends, or None while it cannot be known yet."""
    case = judgment.case
    jurisdiction = str(case.jurisdiction)
    triggers = {"judgment_announced": judgment.announced_on, "judgment_copy_served": judgment.served_on}
    rules = [rule for rule in rulebook().for_jurisdiction(jurisdiction)
             if rule.trigger in triggers and set(APPEAL_EVENTS) & set(rule.closes_on)]
    if not rules:
        return _fallback_end(judgment, jurisdiction)
    ends = []
    for rule in rules:
        day = triggers[rule.trigger]
        if day is None:
            return None
        zone = ZoneInfo(case.office.timezone)
        trigger_at = datetime.combine(day, time(12), tzinfo=zone)
        ends.append(compute(trigger_at, rule, deadline_services.case_calendar(case), zone).due_at)
    return max(ends)


def _fallback_end(judgment, jurisdiction: str) -> datetime | None:
    if jurisdiction not in FALLBACK_PERIODS:
        return None
    field, days = FALLBACK_PERIODS[jurisdiction]
    start = getattr(judgment, field)
    if start is None:
        return None
    zone = ZoneInfo(judgment.case.office.timezone)
    calendar = deadline_services.case_calendar(judgment.case)
    last_day = calendar.next_working_day(start + timedelta(days=days))
    return datetime.combine(last_day, time.max, tzinfo=zone)
