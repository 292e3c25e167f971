"""The pipeline's stages, the transitions between them and their guards.

    intake ─► investigation ─► charging ─► indicted ─► trial ─► judgment ─► final
                  │                │                                │
                  │                └─► discontinued / diverted      └─► appeal ─► final
                  └─► transferred (to another office or country)

A case moves one transition at a time; each move is kept as a StageMove row (who, when,
why, and the court facts recorded with it). Moves that end a case (discontinued,
diverted, transferred), take it up again (reopening) or go back a stage need a legal
ground from app/cases/grounds.py. A refused transition raises DomainError with the
reason, before anything is changed.
"""

from collections.abc import Callable
from datetime import datetime

from flask import current_app

from app.auth.models import User
from app.cases.grounds import grounds_for, move_kind, move_why
from app.cases.history import record_case_event
from app.cases.models import Case, Stage, StageMove, TimelineKind
from app.errors import DomainError
from app.events import CaseTransitioned, publish
from app.extensions import db

S = Stage

TRANSITIONS: dict[Stage, tuple[Stage, ...]] = {
    S.INTAKE: (S.INVESTIGATION, S.DISCONTINUED, S.TRANSFERRED),
    S.INVESTIGATION: (S.CHARGING, S.DISCONTINUED, S.DIVERTED, S.TRANSFERRED),
    S.CHARGING: (S.INDICTED, S.INVESTIGATION, S.DISCONTINUED, S.DIVERTED, S.TRANSFERRED),
    S.INDICTED: (S.TRIAL, S.CHARGING, S.DISCONTINUED),
    S.TRIAL: (S.JUDGMENT, S.INDICTED),
    S.JUDGMENT: (S.APPEAL, S.FINAL, S.TRIAL),
    S.APPEAL: (S.FINAL, S.TRIAL),
    S.FINAL: (),
    S.DISCONTINUED: (S.INVESTIGATION,),
    S.DIVERTED: (S.INVESTIGATION,),
    S.TRANSFERRED: (),
}


def allowed_targets(case: Case) -> tuple[Stage, ...]:
    return TRANSITIONS[case.stage]


def _needs_defendants(case: Case) -> str | None:
    if not case.defendants:
        return "add at least one defendant first"
    return None


def _needs_charges(case: Case) -> str | None:
    missing = [d.person.full_name for d in case.defendants if not d.charges]
    if not case.defendants:
        return "add at least one defendant first"
    if missing:
        return "every defendant needs a charge; none yet for " + ", ".join(missing)
    return None


def _nobody_in_custody(case: Case) -> str | None:
    held = [d.person.full_name for d in case.defendants if d.custody.in_custody]
    if held:
        return (
            "record first what happens to "
            + ", ".join(held)
            + ", who "
            + ("is" if len(held) == 1 else "are")
            + " still in custody"
        )
    return None


def _needs_court(case: Case) -> str | None:
    return None if case.court.strip() else "enter the court the indictment goes to"


GUARDS: dict[Stage, tuple[Callable[[Case], str | None], ...]] = {
    S.CHARGING: (_needs_defendants,),
    S.INDICTED: (_needs_charges, _needs_court),
    S.TRIAL: (_needs_charges,),
    S.DISCONTINUED: (_nobody_in_custody,),
    S.DIVERTED: (_nobody_in_custody,),
    S.TRANSFERRED: (_nobody_in_custody,),
}


#: Where the app keeps the guards other features add (register_domain), e.g. the judgments
#: feature's "a verdict for every defendant" before `judgment`: {Stage: (guard, …)}.
FEATURE_GUARDS = "docket.stage_guards"


def guards_for(stage: Stage) -> tuple[Callable[[Case], str | None], ...]:
    """The pipeline's own guards of a stage, then those the features add."""
    return GUARDS.get(stage, ()) + tuple(current_app.extensions.get(FEATURE_GUARDS, {}).get(stage, ()))


def check_transition(case: Case, to: Stage) -> None:
    """Raise DomainError unless `case` may move to `to` now."""
    if to == case.stage:
        raise DomainError(f"The case is already at {to.label.lower()}.")
    if to not in TRANSITIONS[case.stage]:
        allowed = ", ".join(s.label.lower() for s in TRANSITIONS[case.stage]) or "nothing: this stage is final"
        raise DomainError(
            f"A case at {case.stage.label.lower()} cannot move to {to.label.lower()}; it can move to {allowed}."
        )
    for guard in guards_for(to):
        reason = guard(case)
        if reason:
            raise DomainError(f"Cannot move to {to.label.lower()}: {reason}.")


def check_grounds(case: Case, to: Stage, grounds: str | None, reason: str) -> None:
    """A move that ends or reverses a case names a ground from its jurisdiction's list and says why."""
    choices = dict(grounds_for(case.jurisdiction, case.stage, to))
    if not choices:
        return
    if grounds not in choices:
        raise DomainError(f"Choose the legal ground for moving to {to.label.lower()}.")
    if not reason.strip():
        raise DomainError(f"Say in a few words why the case moves to {to.label.lower()}.")


def transition(
    case: Case,
    to: Stage,
    *,
    actor: User | None,
    now: datetime,
    reason: str = "",
    grounds: str | None = None,
    facts: dict | None = None,
) -> StageMove:
    """Move `case` to stage `to`, keeping the move and recording it in the timeline and the audit trail.

    `facts` are the court facts recorded in the same step (ISO dates by name, e.g. "filed_on");
    the deadline engine reads them from the move it receives with `case_transitioned`.
    """
    to = Stage(to)
    reason = reason.strip()
    check_transition(case, to)
    check_grounds(case, to, grounds, reason)
    before = case.stage
    kind = move_kind(before, to)
    move = StageMove(
        case=case,
        from_stage=before,
        to_stage=to,
        grounds=grounds if kind.needs_grounds else None,
        reason=reason,
        facts=dict(facts or {}),
        actor=actor,
        moved_at=now,
    )
    db.session.add(move)
    case.stage = to
    case.stage_changed_at = now
    why = move_why(move)
    summary = f"Stage {before.label.lower()} → {to.label.lower()}" + (f": {why}" if why else "")
    db.session.flush()
    record_case_event(
        case,
        TimelineKind.STAGE,
        summary,
        "case.transition",
        actor=actor,
        now=now,
        details={
            "from": before.value,
            "to": to.value,
            "reason": reason,
            "grounds": move.grounds,
            "move_id": move.id,
            "kind": kind.value,
            "facts": move.facts,
        },
        changes={"stage": [before.value, to.value], "reason": reason, "grounds": move.grounds, "facts": move.facts},
    )
    publish(CaseTransitioned(case=case, before=before, after=to, move=move, actor=actor, now=now))
    return move
