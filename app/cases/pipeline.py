"""The pipeline's stages, the transitions between them and their guards.

    intake ─► investigation ─► charging ─► indicted ─► trial ─► judgment ─► final
                  │                │                                │
                  │                └─► discontinued / diverted      └─► appeal ─► final
                  └─► transferred (to another office or country)

A case moves one transition at a time. A refused transition raises TransitionRefused
with the reason, before anything is changed.
"""
from collections.abc import Callable
from datetime import datetime

from app.audit.services import record
from app.auth.models import User
from app.cases.models import Case, Stage, TimelineKind
from app.events import publish

S = Stage

TRANSITIONS: dict[Stage, tuple[Stage, ...]] = {
    S.INTAKE: (S.INVESTIGATION, S.DISCONTINUED, S.TRANSFERRED),
    S.INVESTIGATION: (S.CHARGING, S.DISCONTINUED, S.DIVERTED, S.TRANSFERRED),
    S.CHARGING: (S.INDICTED, S.DISCONTINUED, S.DIVERTED, S.TRANSFERRED),
    S.INDICTED: (S.TRIAL,),
    S.TRIAL: (S.JUDGMENT,),
    S.JUDGMENT: (S.APPEAL, S.FINAL),
    S.APPEAL: (S.FINAL,),
    S.FINAL: (),
    S.DISCONTINUED: (),
    S.DIVERTED: (),
    S.TRANSFERRED: (),
}


class TransitionRefused(ValueError):
    """A transition that may not happen now, with a reason a user can act on."""


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


def _needs_court(case: Case) -> str | None:
    return None if case.court.strip() else "enter the court the indictment goes to"


def _judgment_guard(case: Case) -> str | None:
    """A first-instance judgment needs a verdict for every defendant (the judgments feature adds it)."""
    return _run_guards(case, JUDGMENT_GUARDS)


def _finality_guard(case: Case) -> str | None:
    """`final` needs every defendant's judgment final (the judgments feature adds it)."""
    return _run_guards(case, FINALITY_GUARDS)


#: Extra checks other features register (judgments: verdicts and finality).
JUDGMENT_GUARDS: list[Callable[[Case], str | None]] = []
FINALITY_GUARDS: list[Callable[[Case], str | None]] = []


def _run_guards(case: Case, guards) -> str | None:
    for guard in guards:
        reason = guard(case)
        if reason:
            return reason
    return None


GUARDS: dict[Stage, tuple[Callable[[Case], str | None], ...]] = {
    S.CHARGING: (_needs_defendants,),
    S.INDICTED: (_needs_charges, _needs_court),
    S.TRIAL: (_needs_charges,),
    S.JUDGMENT: (_judgment_guard,),
    S.FINAL: (_finality_guard,),
}


def check_transition(case: Case, to: Stage) -> None:
    """Raise TransitionRefused unless `case` may move to `to` now."""
    if to == case.stage:
        raise TransitionRefused(f"The case is already at {to.label.lower()}.")
    if to not in TRANSITIONS[case.stage]:
        allowed = ", ".join(s.label.lower() for s in TRANSITIONS[case.stage]) or "nothing: this stage is final"
        raise TransitionRefused(
            f"A case at {case.stage.label.lower()} cannot move to {to.label.lower()}; it can move to {allowed}.")
    for guard in GUARDS.get(to, ()):
        reason = guard(case)
        if reason:
            raise TransitionRefused(f"Cannot move to {to.label.lower()}: {reason}.")


def transition(case: Case, to: Stage, *, actor: User | None, now: datetime, reason: str = "") -> None:
    """Move `case` to stage `to`, recording it in the timeline and the audit trail."""
    from app.cases.timeline import add_entry

    to = Stage(to)
    check_transition(case, to)
    before = case.stage
    case.stage = to
    case.stage_changed_at = now
    summary = f"Stage {before.label.lower()} → {to.label.lower()}" + (f": {reason}" if reason else "")
    add_entry(case, TimelineKind.STAGE, summary, actor=actor, now=now,
              details={"from": before.value, "to": to.value, "reason": reason})
    record("case.transition", actor=actor, now=now, object_type="case", object_id=case.id,
           changes={"stage": [before.value, to.value], "reason": reason})
    publish("case_transitioned", case=case, before=before, after=to, actor=actor, now=now)
