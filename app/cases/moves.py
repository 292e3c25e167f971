"""Stage moves as a person makes them: the court facts a move asks for, the people in custody
a closing must settle, and the consequences shown before anything changes.

`pipeline.transition` moves a case; `move_case` is the one step a user takes, which may
first record what happens to the people in custody (released, or handed over with a
transfer) and then moves the case, in one transaction.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from app.auth.models import User
from app.cases import pipeline
from app.cases.grounds import CLOSING_STAGES, MoveKind, move_kind
from app.cases.models import Case, Custody, Defendant, Stage, StageMove, TimelineEntry, TimelineKind
from app.cases.services import set_custody
from app.cases.timeline import add_entry
from app.core.formatting import day as day_text
from app.deadlines.models import Deadline, DeadlineStatus
from app.deadlines.queries import visible_deadlines
from app.deadlines.services import current_rulebook, custody_ended, day_moment, record_trigger
from app.errors import DomainError
from app.extensions import db


@dataclass(frozen=True)
class CourtFact:
    """A court's fact a forward move records, by its day: e.g. the day the indictment was filed."""

    name: str
    label: str
    required: bool
    #: The deadline event it stands for, when it can also be recorded after the move.
    event: str | None = None


FILED = CourtFact("filed_on", "Indictment filed on", True)
SERVED = CourtFact("served_on", "Indictment served on", False, "indictment_served")
EFFECTIVE = CourtFact("effective_on", "Indictment took effect on", True, "indictment_effective")
CONFIRMED = CourtFact("confirmed_on", "Indictment confirmed on", True, "indictment_confirmed_detained")

COURT_FACTS = (FILED, SERVED, EFFECTIVE, CONFIRMED)

#: What a forward move asks for, by jurisdiction and target stage. Serving opens the objection
#: period (AT § 213 StPO); taking effect ends the detention-review periods (§ 175 Abs. 5 StPO).
MOVE_FACTS: dict[tuple[str, Stage], tuple[CourtFact, ...]] = {
    ("AT", Stage.INDICTED): (FILED, SERVED),
    ("AT", Stage.TRIAL): (EFFECTIVE,),
    ("RS", Stage.INDICTED): (FILED,),
    ("RS", Stage.TRIAL): (CONFIRMED,),
}

#: Facts of the indicted stage that can be recorded while the case waits for trial. That the
#: indictment took effect is recorded with the move to trial, which asks for it.
STAGE_FACTS: dict[tuple[str, Stage], tuple[CourtFact, ...]] = {
    ("AT", Stage.INDICTED): (SERVED,),
}

#: What a closing move may do with a person still in custody.
SETTLEMENTS: dict[Stage, tuple[Custody, ...]] = {
    Stage.DISCONTINUED: (Custody.RELEASED,),
    Stage.DIVERTED: (Custody.RELEASED,),
    Stage.TRANSFERRED: (Custody.HANDED_OVER, Custody.RELEASED),
}


def move_facts(case: Case, to: Stage) -> tuple[CourtFact, ...]:
    return MOVE_FACTS.get((str(case.jurisdiction), to), ()) if move_kind(case.stage, to) == MoveKind.FORWARD else ()


def stage_facts(case: Case) -> tuple[CourtFact, ...]:
    """The facts of the case's stage still to be recorded."""
    recorded = recorded_facts(case)
    return tuple(
        fact for fact in STAGE_FACTS.get((str(case.jurisdiction), case.stage), ()) if fact.name not in recorded
    )


def recorded_facts(case: Case) -> dict[str, date]:
    """Court facts recorded so far, with moves or on their own, by name (the latest of each)."""
    facts: dict[str, date] = {}
    for move in db.session.scalars(sa.select(StageMove).where(StageMove.case_id == case.id).order_by(StageMove.id)):
        facts.update({name: date.fromisoformat(day) for name, day in move.facts.items()})
    for entry in db.session.scalars(
        sa.select(TimelineEntry)
        .where(TimelineEntry.case_id == case.id, TimelineEntry.kind == TimelineKind.COURT_FACT)
        .order_by(TimelineEntry.id)
    ):
        facts[entry.details["fact"]] = date.fromisoformat(entry.details["on"])
    return facts


def in_custody(case: Case) -> list[Defendant]:
    return [defendant for defendant in case.defendants if defendant.custody.in_custody]


def check_fact_day(case: Case, fact: CourtFact, day: date | None, today: date) -> None:
    """A court fact's day: given when required, not in the future, not before the case was opened."""
    if day is None:
        if fact.required:
            raise DomainError(f"Enter the day: {fact.label.lower()}.", fact.name)
        return
    if day > today:
        raise DomainError(f"{fact.label} cannot lie in the future.", fact.name)
    if day < case.opened_on:
        raise DomainError(
            f"{fact.label} cannot lie before the case was opened ({day_text(case.opened_on)}).", fact.name
        )


def move_case(
    case: Case,
    to: Stage,
    *,
    actor: User,
    now: datetime,
    today: date,
    reason: str = "",
    grounds: str | None = None,
    facts: dict[str, date | None] | None = None,
    settle: dict[int, Custody] | None = None,
) -> StageMove:
    """Move the case as one step: settle the custody a closing needs, then move with the court facts.

    Nothing is changed when any part is refused (the caller rolls back on DomainError).
    """
    to = Stage(to)
    facts = facts or {}
    pipeline.check_grounds(case, to, grounds, reason)
    for fact in move_facts(case, to):
        check_fact_day(case, fact, facts.get(fact.name), today)
    if to in CLOSING_STAGES:
        _settle_custody(case, to, settle or {}, reason=reason, actor=actor, now=now)
    recorded = {name: day.isoformat() for name, day in facts.items() if day is not None}
    return pipeline.transition(case, to, actor=actor, now=now, reason=reason, grounds=grounds, facts=recorded)


def _settle_custody(case: Case, to: Stage, settle: dict[int, Custody], *, reason: str, actor, now) -> None:
    allowed = SETTLEMENTS[to]
    for defendant in in_custody(case):
        custody = settle.get(defendant.id)
        if custody not in allowed:
            what = " or ".join(choice.label.lower() for choice in allowed)
            raise DomainError(
                f"{defendant.person.full_name} is {defendant.custody.label.lower()}: record that they are {what} "
                f"in the same step, or the case cannot move to {to.label.lower()}."
            )
        set_custody(
            defendant,
            custody,
            actor=actor,
            now=now,
            reason=f"the case moves to {to.label.lower()}" + (f": {reason}" if reason else ""),
        )


def record_stage_fact(case: Case, fact: CourtFact, day: date, *, actor: User, now: datetime, today: date) -> None:
    """Record a court fact of the case's stage (the indictment served, taking effect) and its deadlines."""
    check_fact_day(case, fact, day, today)
    record_trigger(case, fact.event, day_moment(case, day, now), actor=actor, now=now)
    add_entry(
        case,
        TimelineKind.COURT_FACT,
        f"{fact.label} {day_text(day)}",
        actor=actor,
        now=now,
        details={"fact": fact.name, "on": day.isoformat()},
    )


@dataclass
class Consequences:
    """What a move will do, shown before it is made."""

    #: People in custody, each with what the step records for them (None: not chosen yet).
    custody: list[tuple[Defendant, Custody | None]] = field(default_factory=list)
    #: Open deadlines the move ends, each with how: "met by the release" or "closed with the case".
    closing: list[tuple[object, str]] = field(default_factory=list)
    #: Deadlines a reopening opens again.
    reopening: list[object] = field(default_factory=list)


def consequences(
    case: Case, to: Stage, *, user: User, now: datetime, settle: dict[int, Custody] | None = None
) -> Consequences:
    """What moving `case` to `to` would change, as far as `user` may see it; changes nothing."""
    settle = settle or {}
    result = Consequences(custody=[(d, settle.get(d.id)) for d in in_custody(case)])
    kind = move_kind(case.stage, to)
    visible = visible_deadlines(user).where(Deadline.case_id == case.id)
    if kind == MoveKind.CLOSING:
        open_rows = db.session.scalars(
            visible.where(Deadline.status == DeadlineStatus.OPEN).order_by(Deadline.due_at, Deadline.id)
        ).unique()
        released = {defendant.id for defendant, _ in result.custody}
        rulebook = current_rulebook()
        for deadline in open_rows:
            rule = rulebook.get(deadline.rule_id) if deadline.rule_id else None
            ended_by_release = rule is not None and "released" in rule.closes_on and deadline.defendant_id in released
            result.closing.append((deadline, "met by the release" if ended_by_release else "closed with the case"))
    elif kind == MoveKind.REOPENING:
        closing_move = db.session.scalar(
            sa.select(StageMove.id)
            .where(StageMove.case_id == case.id, StageMove.to_stage.in_(CLOSING_STAGES))
            .order_by(StageMove.id.desc())
            .limit(1)
        )
        result.reopening = [
            deadline
            for deadline in db.session.scalars(
                visible.where(Deadline.closed_by_move_id == closing_move, Deadline.due_at > now).order_by(
                    Deadline.due_at, Deadline.id
                )
            ).unique()
            if not custody_ended(deadline)
        ]
    return result


def last_move(case: Case) -> StageMove | None:
    return db.session.scalar(
        sa.select(StageMove).where(StageMove.case_id == case.id).order_by(StageMove.id.desc()).limit(1)
    )
