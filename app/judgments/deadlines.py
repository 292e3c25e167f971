"""The judgments' side of the deadline engine: which events to record, and when appeal periods end."""

from datetime import date, datetime

import sqlalchemy as sa

from app.cases.models import Case, Defendant, StageMove
from app.deadlines import services as deadline_services
from app.deadlines.engine import compute
from app.deadlines.models import Deadline, DeadlineStatus
from app.deadlines.rules import Rule
from app.extensions import db
from app.judgments.models import Judgment

#: Events that end an appeal period: a rule they close is an appeal period.
APPEAL_EVENTS = ("appeal_announced", "appeal_waived")
#: The events a judgment opens deadlines with, and the judgment's day each stands for.
JUDGMENT_TRIGGERS = {"judgment_announced": "announced_on", "judgment_copy_served": "served_on"}


def record_event(case: Case, event: str, day: date, *, defendant: Defendant | None, actor, now: datetime) -> None:
    """Tell the deadline engine that `event` happened on `day`."""
    record_event_at(
        case, event, deadline_services.day_moment(case, day, now), defendant=defendant, actor=actor, now=now
    )


def record_event_at(
    case: Case, event: str, when: datetime, *, defendant: Defendant | None, actor, now: datetime
) -> None:
    deadline_services.record_trigger(case, event, when, defendant=defendant, actor=actor, now=now)


def is_appeal_period(rule: Rule) -> bool:
    return bool(set(APPEAL_EVENTS) & set(rule.closes_on))


def record_service(judgment: Judgment, *, actor, now: datetime) -> None:
    """Record the service of the judgment copy where a rule of the case counts from it now.

    An appeal period from service (RS) runs while no appeal is lodged; a period for the
    written grounds (AT) runs once an appeal is pending.
    """
    case = judgment.case
    rules = deadline_services.current_rulebook().rules_for(str(case.jurisdiction), "judgment_copy_served")
    appeal_period = any(is_appeal_period(rule) for rule in rules) and not judgment.appeals
    grounds_period = any(not is_appeal_period(rule) for rule in rules) and judgment.pending_appeals
    if judgment.served_on is not None and (appeal_period or grounds_period):
        record_event(
            case, "judgment_copy_served", judgment.served_on, defendant=judgment.defendant, actor=actor, now=now
        )


def appeal_period_end(judgment: Judgment) -> datetime | None:
    """When the last appeal period of a judgment ends, or None while it cannot be known yet."""
    case = judgment.case
    rules = [
        rule
        for rule in deadline_services.current_rulebook().for_jurisdiction(str(case.jurisdiction))
        if rule.trigger in JUDGMENT_TRIGGERS and is_appeal_period(rule)
    ]
    if not rules:
        return None
    zone = case.office.zone
    ends = []
    for rule in rules:
        day = getattr(judgment, JUDGMENT_TRIGGERS[rule.trigger])
        if day is None:
            return None
        trigger_at = deadline_services.midday(case, day)
        ends.append(compute(trigger_at, rule, deadline_services.case_calendar(case), zone).due_at)
    return max(ends)


def close_periods_of(judgment: Judgment, *, move: StageMove | None, actor, now: datetime) -> list[Deadline]:
    """Close the open deadlines a quashed judgment's announcement and service opened.

    A deadline of the whole case stays open while another judgment of the case, neither
    quashed nor final, was announced or served on the same day: it runs for that one too.
    """
    case = judgment.case
    query = sa.select(Deadline).where(
        Deadline.case_id == case.id,
        Deadline.status == DeadlineStatus.OPEN,
        Deadline.trigger_event.in_(JUDGMENT_TRIGGERS),
        sa.or_(Deadline.defendant_id == judgment.defendant_id, Deadline.defendant_id.is_(None)),
    )
    others = db.session.scalars(
        sa.select(Judgment).where(
            Judgment.case_id == case.id,
            Judgment.quashed_on.is_(None),
            Judgment.final_on.is_(None),
            Judgment.id != judgment.id,
        )
    ).all()
    closed = []
    for deadline in db.session.scalars(query.order_by(Deadline.id)):
        field = JUDGMENT_TRIGGERS[deadline.trigger_event]
        day = case.office.today(deadline.trigger_at)
        shared = deadline.defendant_id is None and any(getattr(other, field) == day for other in others)
        if getattr(judgment, field) != day or shared:
            continue
        why = {"judgment_id": judgment.id, "reason": "judgment quashed"}
        deadline_services.close(deadline, why, move=move, actor=actor, now=now)
        closed.append(deadline)
    return closed
