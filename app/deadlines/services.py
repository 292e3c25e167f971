"""Opening, closing and superseding deadlines of cases: the deadlines feature's interface.

Other features change deadlines only through these functions: `record_trigger` (an event
that opens, closes and supersedes rule deadlines, audited) and `apply_event` (the same for
an event another service already audited), `close_by_event`, `day_moment` and `midday` (a
day-only fact as a moment), `add_manual_deadline`, `mark_met`, `waive`, `close` (a deadline
another decision ends, e.g. a quashed judgment's periods), and `close_with_case` /
`reopen_with_case` when a case leaves or re-enters the procedure. Every function takes the
acting user and the time explicitly, adds and flushes, leaves the commit to the caller and
refuses a change with `app.errors.DomainError`.
"""

from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from flask import current_app

from app.audit.services import record
from app.auth.models import User
from app.auth.permissions import Can, can
from app.cases.grounds import CLOSING_STAGES
from app.cases.models import Case, Defendant, StageMove, TimelineKind
from app.cases.timeline import add_entry
from app.core.formatting import day as day_text
from app.deadlines.calendars import WorkingCalendar, calendar_for
from app.deadlines.engine import compute
from app.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from app.deadlines.rules import (
    CLOSING_EVENTS,
    OFFENCE_CLASSES,
    RULES_DIR,
    TRIGGER_EVENTS,
    UNTIL_END_DATE,
    OffsetTable,
    Rule,
    RuleBook,
    load_rulebook,
    parse_reminders,
)
from app.errors import DomainError
from app.extensions import db

RULEBOOK_KEY = "docket.deadline_rules"

#: Events about one person's liberty: recording them needs the defendant they concern.
CUSTODY_EVENTS = frozenset(
    {
        "arrest_custody",
        "prison_delivery",
        "detention_imposed",
        "detention_continued_first",
        "detention_continued",
        "detention_reviewed_unconfirmed",
        "detention_reviewed_confirmed",
        "indictment_filed_detained",
        "indictment_confirmed_detained",
        "released",
    }
)

#: Months of the highest maximum penalty above which a felony is "over 5 years" (§ 178(1) Z 2 StPO).
FIVE_YEARS = 60
#: Months above which an offence is a felony (Verbrechen, § 17 StGB: more than three years).
THREE_YEARS = 36


def install_rulebook(app) -> RuleBook:
    """Load and validate the rule files once; a broken file stops start-up with its name and rule."""
    rulebook = load_rulebook(app.config.get("DEADLINE_RULES_DIR") or RULES_DIR)
    app.extensions[RULEBOOK_KEY] = rulebook
    return rulebook


def current_rulebook() -> RuleBook:
    return current_app.extensions[RULEBOOK_KEY]


def case_calendar(case: Case) -> WorkingCalendar:
    """The case's jurisdiction's calendar, with the office's state when the office is in that country."""
    jurisdiction = str(case.jurisdiction)
    subdivision = case.office.subdivision if case.office.jurisdiction == jurisdiction else None
    return calendar_for(jurisdiction, subdivision)


def day_moment(case: Case, day: date, now: datetime) -> datetime:
    """A fact known only by its day, as a moment: midday in the office's zone, or now if that is earlier.

    Day-counted periods start the next day whatever the hour, so midday is as good as any
    hour; it only must not lie in the future when the fact is recorded the same morning.
    """
    return min(midday(case, day), now)


def midday(case: Case, day: date) -> datetime:
    """Midday of `day` in the office's zone: the moment a fact known only by its day is counted from."""
    return datetime.combine(day, time(12), tzinfo=case.office.zone)


def offence_class_of(defendant: Defendant | None) -> str | None:
    """The § 178 StPO class of a defendant's gravest charge, or None without charges.

    Life imprisonment or a maximum over 5 years → felony_over_5_years; over 3 years, or a
    charge entered as a felony → felony (§ 17 StGB); anything else → misdemeanour.
    "collusion_only" is a ground of detention, not of the charges; it is entered by hand.
    """
    if defendant is None or not defendant.charges:
        return None
    grades = [_grade(charge) for charge in defendant.charges]
    return max(grades, key=("misdemeanour", "felony", "felony_over_5_years").index)


def _grade(charge) -> str:
    months = charge.max_penalty_months or 0
    if charge.life_possible or months > FIVE_YEARS:
        return "felony_over_5_years"
    if months > THREE_YEARS or str(charge.offence_class) == "felony":
        return "felony"
    return "misdemeanour"


def events_for(jurisdiction: str) -> list[tuple[str, str]]:
    """Events that open or close a deadline in a case of this jurisdiction, with their labels."""
    rules = current_rulebook().for_jurisdiction(jurisdiction)
    names = {rule.trigger for rule in rules} | {event for rule in rules for event in rule.closes_on}
    return [(name, CLOSING_EVENTS[name]) for name in CLOSING_EVENTS if name in names]


def record_trigger(
    case: Case, event: str, when: datetime, *, actor: User | None, now: datetime, **details
) -> list[Deadline]:
    """Record that `event` happened at `when`: close, supersede and open the deadlines it affects.

    `details` are those `apply_event` takes: the defendant, the offence class, the end date.
    """
    opened = apply_event(case, event, when, actor=actor, now=now, **details)
    defendant = details.get("defendant")
    record(
        "deadline.event",
        actor=actor,
        now=now,
        object_type="case",
        object_id=case.id,
        changes={
            "event": event,
            "when": when,
            "defendant_id": defendant.id if defendant else None,
            "offence_class": details.get("offence_class"),
            "end_at": details.get("end_at"),
            "opened": [d.id for d in opened],
        },
    )
    return opened


def apply_event(
    case: Case,
    event: str,
    when: datetime,
    *,
    defendant: Defendant | None = None,
    actor: User | None,
    now: datetime,
    offence_class: str | None = None,
    end_at: datetime | date | None = None,
) -> list[Deadline]:
    """Close, supersede and open deadlines for an event another service already audited."""
    rules = _check_event(case, event, when, defendant=defendant, now=now, offence_class=offence_class, end_at=end_at)
    close_by_event(case, event, when, defendant=defendant, actor=actor, now=now)
    opened = []
    for rule in rules:
        for person in _defendants_for(case, rule, defendant):
            deadline = open_rule_deadline(
                case, rule, when, defendant=person, actor=actor, now=now, offence_class=offence_class, end_at=end_at
            )
            if deadline is not None:
                opened.append(deadline)
    return opened


def _check_event(case, event, when, *, defendant, now, offence_class, end_at) -> list[Rule]:
    if event not in CLOSING_EVENTS:
        raise DomainError(f"Unknown event {event!r}.", "event")
    if when.tzinfo is None:
        raise DomainError("The time of the event needs a time zone.", "when")
    if when > now:
        raise DomainError("The event cannot lie in the future.", "when")
    if defendant is not None and defendant.case_id != case.id:
        raise DomainError("That defendant belongs to another case.", "defendant_id")
    if event in CUSTODY_EVENTS and defendant is None:
        raise DomainError("Choose the defendant this event concerns.", "defendant_id")
    if offence_class is not None and offence_class not in OFFENCE_CLASSES:
        raise DomainError(f"Unknown offence class {offence_class!r}.", "offence_class")
    rules = current_rulebook().rules_for(str(case.jurisdiction), event) if event in TRIGGER_EVENTS else []
    if end_at is None and any(rule.offset_for(None).unit == UNTIL_END_DATE for rule in rules):
        raise DomainError("This event needs the end date the order sets.", "end_at")
    return rules


def _defendants_for(case: Case, rule: Rule, defendant: Defendant | None) -> list[Defendant | None]:
    if rule.applies_to == "case":
        return [None]
    return [defendant] if defendant is not None else list(case.defendants)


def open_rule_deadline(
    case: Case,
    rule: Rule,
    when: datetime,
    *,
    defendant: Defendant | None,
    actor: User | None,
    now: datetime,
    offence_class: str | None = None,
    end_at: datetime | date | None = None,
    skip_repeat: bool = True,
) -> Deadline | None:
    """Open the deadline `rule` computes from `when`, superseding the pending ones it replaces.

    Returns None when the same rule was already opened by the same event (a repeated event).
    """
    offence_class = offence_class or (offence_class_of(defendant) if _depends_on_class(rule) else None)
    if skip_repeat and _already_open(case, rule, when, defendant):
        return None
    try:
        computed = compute(
            when, rule, case_calendar(case), case.office.zone, offence_class=offence_class, end_at=end_at
        )
    except ValueError as error:
        raise DomainError(str(error), "end_at") from error
    deadline = Deadline(
        case=case,
        defendant=defendant,
        rule_id=rule.id,
        title=rule.title,
        kind=DeadlineKind(rule.kind),
        reference=rule.reference,
        due_at=computed.due_at,
        due_date=computed.due_date,
        act_by=computed.act_by,
        all_day=computed.all_day,
        status=DeadlineStatus.OPEN,
        explanation=computed.explanation,
        steps=list(computed.steps),
        reminder_offsets=[_reminder_text(r) for r in rule.reminders],
        trigger_event=rule.trigger,
        trigger_at=computed.trigger_at,
        offence_class=offence_class if _depends_on_class(rule) else None,
        created_by_id=actor.id if actor else None,
        created_at=now,
    )
    record(
        "deadline.open",
        actor=actor,
        now=now,
        about=deadline,
        changes={
            "case_id": case.id,
            "rule_id": rule.id,
            "due_at": deadline.due_at,
            "defendant_id": defendant.id if defendant else None,
        },
    )
    for pending in _pending(case, rule.supersedes, defendant):
        if pending is not deadline:  # a rule may replace its own earlier deadlines, never the new one
            supersede(pending, deadline, actor=actor, now=now)
    return deadline


def _depends_on_class(rule: Rule) -> bool:
    return isinstance(rule.offset, OffsetTable)


def _reminder_text(offset) -> str:
    return f"{offset.amount}{'h' if offset.hour_based else 'd'}"


def _already_open(case: Case, rule: Rule, when: datetime, defendant: Defendant | None) -> bool:
    query = sa.select(Deadline.id).where(
        Deadline.case_id == case.id,
        Deadline.rule_id == rule.id,
        Deadline.trigger_at == when.astimezone(UTC),
        Deadline.status == DeadlineStatus.OPEN,
        Deadline.defendant_id == defendant.id if defendant else Deadline.defendant_id.is_(None),
    )
    return db.session.scalar(query) is not None


def _pending(case: Case, rule_ids, defendant: Defendant | None) -> list[Deadline]:
    if not rule_ids:
        return []
    query = sa.select(Deadline).where(
        Deadline.case_id == case.id, Deadline.rule_id.in_(rule_ids), Deadline.status == DeadlineStatus.OPEN
    )
    if defendant is not None:
        query = query.where(Deadline.defendant_id == defendant.id)
    return list(db.session.scalars(query.order_by(Deadline.id)))


def supersede(deadline: Deadline, replacement: Deadline, *, actor: User | None, now: datetime) -> None:
    """Replace a pending deadline by one computed from a newer event."""
    deadline.superseded_by = replacement
    _end(
        deadline,
        DeadlineStatus.SUPERSEDED,
        "deadline.supersede",
        {"superseded_by": replacement.id},
        actor=actor,
        now=now,
    )


def close_by_event(
    case: Case, event: str, when: datetime, *, defendant: Defendant | None, actor: User | None, now: datetime
) -> list[Deadline]:
    """Mark met the open deadlines whose rule names `event` among the events that close it.

    With a defendant, only theirs and the case's own; without one, every matching deadline of the case.
    """
    rulebook = current_rulebook()
    closing = {rule.id for rule in rulebook.for_jurisdiction(str(case.jurisdiction)) if event in rule.closes_on}
    if not closing:
        return []
    query = sa.select(Deadline).where(
        Deadline.case_id == case.id, Deadline.rule_id.in_(closing), Deadline.status == DeadlineStatus.OPEN
    )
    if defendant is not None:
        query = query.where(sa.or_(Deadline.defendant_id == defendant.id, Deadline.defendant_id.is_(None)))
    met = list(db.session.scalars(query.order_by(Deadline.id)))
    met_on = case.office.today(when)
    for deadline in met:
        deadline.met_on, deadline.closing_event = met_on, event
        _end(deadline, DeadlineStatus.MET, "deadline.met", {"met_on": met_on, "event": event}, actor=actor, now=now)
    return met


def recompute_for_offence_class(defendant: Defendant, *, actor: User | None, now: datetime) -> list[Deadline]:
    """Reopen a defendant's class-dependent deadlines when a new charge changes their offence class."""
    offence_class = offence_class_of(defendant)
    rulebook = current_rulebook()
    query = sa.select(Deadline).where(
        Deadline.defendant_id == defendant.id,
        Deadline.status == DeadlineStatus.OPEN,
        Deadline.rule_id.is_not(None),
        Deadline.trigger_at.is_not(None),
    )
    reopened = []
    for deadline in db.session.scalars(query.order_by(Deadline.id)).all():
        rule = rulebook.get(deadline.rule_id)
        if not _depends_on_class(rule) or deadline.offence_class in ("collusion_only", offence_class):
            continue  # a class entered by hand (collusion only) is a ground of detention: keep it
        replacement = _reopen(deadline, rule, offence_class, actor=actor, now=now)
        reopened.append(replacement)
    return reopened


def _reopen(deadline: Deadline, rule: Rule, offence_class: str | None, *, actor, now) -> Deadline:
    replacement = open_rule_deadline(
        deadline.case,
        rule,
        deadline.trigger_at,
        defendant=deadline.defendant,
        actor=actor,
        now=now,
        offence_class=offence_class,
        skip_repeat=False,
    )
    supersede(deadline, replacement, actor=actor, now=now)
    return replacement


def add_manual_deadline(
    case: Case,
    *,
    title: str,
    kind: DeadlineKind,
    actor: User,
    now: datetime,
    due_date: date | None = None,
    due_time: time | None = None,
    reminders: list[str] | None = None,
    defendant: Defendant | None = None,
    reference: str = "",
) -> Deadline:
    """Open a deadline entered by hand: all day on `due_date`, or at `due_time` of that day."""
    if not title.strip():
        raise DomainError("Give the deadline a title.", "title")
    if due_date is None:
        raise DomainError("Enter the due date.", "due_date")
    if defendant is not None and defendant.case_id != case.id:
        raise DomainError("That defendant belongs to another case.", "defendant_id")
    try:
        offsets = parse_reminders(reminders or ["7d", "2d", "0d"])
    except ValueError as error:
        raise DomainError(str(error), "reminders") from error
    zone, kind = case.office.zone, DeadlineKind(kind)
    local_due = datetime.combine(due_date, due_time or time.max, tzinfo=zone)
    if local_due <= now:
        raise DomainError("A new deadline must lie in the future.", "due_date")
    act_by, steps = _manual_act_by(case, due_date, kind, case.office.today(now), actor, timed=due_time is not None)
    explanation = f"Entered by hand: due {day_text(due_date)}" + (
        f", act by {day_text(act_by)}" if act_by != due_date else ""
    )
    deadline = Deadline(
        case=case,
        defendant=defendant,
        rule_id=None,
        title=title.strip(),
        kind=kind,
        reference=reference.strip(),
        due_at=local_due.astimezone(UTC),
        due_date=due_date,
        act_by=act_by,
        all_day=due_time is None,
        status=DeadlineStatus.OPEN,
        explanation=explanation,
        steps=steps,
        reminder_offsets=[_reminder_text(offset) for offset in offsets],
        created_by_id=actor.id,
        created_at=now,
    )
    record(
        "deadline.create",
        actor=actor,
        now=now,
        about=deadline,
        changes={"case_id": case.id, "title": deadline.title, "kind": kind.value, "due_at": deadline.due_at},
    )
    return deadline


def _manual_act_by(case: Case, due: date, kind: DeadlineKind, today: date, actor: User, *, timed: bool):
    steps = [f"Entered by hand by {actor.name} on {day_text(today)}: due {day_text(due)}."]
    reason = case_calendar(case).non_working_reason(due)
    if timed and kind == DeadlineKind.LIMIT:
        steps.append("A limit due at a time of day is due at that moment, whatever the day: act by it.")
        return due, steps
    if kind != DeadlineKind.LIMIT or reason is None:
        return due, steps
    act_by = case_calendar(case).previous_working_day(due)
    if act_by < today:
        steps.append(f"{day_text(due)} is not a working day ({reason}); no working day lies before it: act on the day.")
        return due, steps
    steps.append(
        f"{day_text(due)} is not a working day ({reason}). A limit never moves later: "
        f"act by the last working day before it, {day_text(act_by)}."
    )
    return act_by, steps


def mark_met(deadline: Deadline, *, met_on: date, actor: User, now: datetime) -> None:
    """Record that the act was done on `met_on`."""
    _require_open(deadline)
    today = deadline.case.office.today(now)
    if met_on > today:
        raise DomainError("The day it was met cannot lie in the future.", "met_on")
    start = deadline.case.office.today(deadline.trigger_at or deadline.created_at)
    if met_on < start:
        raise DomainError(f"The day it was met cannot lie before the deadline began ({day_text(start)}).", "met_on")
    deadline.met_on = met_on
    _end(deadline, DeadlineStatus.MET, "deadline.met", {"met_on": met_on}, actor=actor, now=now)


def may_waive(user: User, deadline: Deadline) -> bool:
    """Limits protect liberty: only supervisors and admins may waive them."""
    return deadline.kind != DeadlineKind.LIMIT or can(user, Can.WAIVE_LIMITS)


def waive(deadline: Deadline, *, reason: str, actor: User, now: datetime) -> None:
    """Close a deadline that no longer needs meeting, saying why."""
    _require_open(deadline)
    if not may_waive(actor, deadline):
        raise DomainError("Only a supervisor may waive a limit.", "reason")
    if not reason.strip():
        raise DomainError("Say why the deadline is waived.", "reason")
    deadline.waive_reason = reason.strip()
    _end(deadline, DeadlineStatus.WAIVED, "deadline.waive", {"reason": deadline.waive_reason}, actor=actor, now=now)


def _require_open(deadline: Deadline) -> None:
    if deadline.status != DeadlineStatus.OPEN:
        raise DomainError(f"This deadline is already {deadline.status.value}.")


def close(deadline: Deadline, why: dict, *, move: StageMove | None, actor: User | None, now: datetime) -> None:
    """Close an open deadline that no longer applies, naming the move that ended it (if any); `why` is audited."""
    deadline.closed_by_move = move
    changes = {**why, "move_id": move.id if move else None}
    _end(deadline, DeadlineStatus.CLOSED, "deadline.close", changes, actor=actor, now=now)


def _end(
    deadline: Deadline, status: DeadlineStatus, action: str, changes: dict, *, actor: User | None, now: datetime
) -> None:
    """End an open deadline with `status`, by `actor` at `now`, and audit it as `action` with `changes`."""
    deadline.status = status
    deadline.closed_at, deadline.closed_by_id = now, actor.id if actor else None
    db.session.flush()
    record(action, actor=actor, now=now, about=deadline, changes={"status": ["open", status.value], **changes})


def close_with_case(case: Case, move: StageMove, *, actor: User | None, now: datetime) -> list[Deadline]:
    """Close every deadline still open when the case leaves the procedure, naming the move that closed it."""
    closing = list(
        db.session.scalars(
            sa.select(Deadline)
            .where(Deadline.case_id == case.id, Deadline.status == DeadlineStatus.OPEN)
            .order_by(Deadline.id)
        )
    )
    for deadline in closing:
        close(deadline, {"stage": move.to_stage.value}, move=move, actor=actor, now=now)
    if closing:
        titles = "; ".join(deadline.title for deadline in closing)
        add_entry(
            case,
            TimelineKind.DEADLINE,
            f"{_count(len(closing), 'open deadline')} closed with the case ({move.to_stage.label.lower()}): {titles}",
            actor=actor,
            now=now,
            details={"move_id": move.id, "deadline_ids": [deadline.id for deadline in closing]},
        )
    db.session.flush()
    return closing


def reopen_with_case(case: Case, move: StageMove, *, actor: User | None, now: datetime) -> list[Deadline]:
    """Open again what the case's closing closed and still applies: ahead of now, and for a custody
    rule only while its person is in custody (the closing needed their release, so normally never)."""
    closed_by = db.session.scalar(
        sa.select(StageMove.id)
        .where(StageMove.case_id == case.id, StageMove.to_stage.in_(CLOSING_STAGES), StageMove.id < move.id)
        .order_by(StageMove.id.desc())
        .limit(1)
    )
    if closed_by is None:
        return []
    candidates = db.session.scalars(
        sa.select(Deadline).where(Deadline.closed_by_move_id == closed_by).order_by(Deadline.id)
    )
    reopened = [
        _open_again(deadline, move, actor=actor, now=now)
        for deadline in candidates
        if deadline.due_at > now and not custody_ended(deadline)
    ]
    if reopened:
        add_entry(
            case,
            TimelineKind.DEADLINE,
            f"{_count(len(reopened), 'deadline')} opened again with the case: "
            + "; ".join(deadline.title for deadline in reopened),
            actor=actor,
            now=now,
            details={"move_id": move.id, "deadline_ids": [deadline.id for deadline in reopened]},
        )
    return reopened


def custody_ended(deadline: Deadline) -> bool:
    return deadline.trigger_event in CUSTODY_EVENTS and (
        deadline.defendant is None or not deadline.defendant.custody.in_custody
    )


def _open_again(closed: Deadline, move: StageMove, *, actor: User | None, now: datetime) -> Deadline:
    reopened_on = day_text(closed.case.office.today(now))
    deadline = Deadline(
        case=closed.case,
        defendant=closed.defendant,
        rule_id=closed.rule_id,
        title=closed.title,
        kind=closed.kind,
        reference=closed.reference,
        due_at=closed.due_at,
        due_date=closed.due_date,
        act_by=closed.act_by,
        all_day=closed.all_day,
        status=DeadlineStatus.OPEN,
        explanation=closed.explanation,
        steps=[*closed.steps, f"Closed with the case and opened again when it was reopened on {reopened_on}."],
        reminder_offsets=list(closed.reminder_offsets),
        trigger_event=closed.trigger_event,
        trigger_at=closed.trigger_at,
        offence_class=closed.offence_class,
        created_by_id=actor.id if actor else None,
        created_at=now,
    )
    record(
        "deadline.reopen",
        actor=actor,
        now=now,
        about=deadline,
        changes={"case_id": closed.case_id, "reopens": closed.id, "move_id": move.id, "due_at": deadline.due_at},
    )
    return deadline


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
