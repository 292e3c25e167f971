"""What a judgment changes beyond itself: custody once it is final, the pipeline and deadlines once it is quashed."""

from datetime import datetime

from app.cases import pipeline
from app.cases.models import Custody, Stage, StageMove
from app.cases.services import set_custody
from app.core.formatting import day as day_text
from app.errors import DomainError, Refusals
from app.extensions import db
from app.judgments import deadlines
from app.judgments.history import record_judgment_event
from app.judgments.models import Appeal, Judgment, Sentence

#: Stages a case returns to trial from when a judgment is quashed (at trial it simply stays).
RETRIAL_FROM = (Stage.JUDGMENT, Stage.APPEAL)
QUASHED_GROUNDS = "judgment_quashed"


def imprisons(sentence: Sentence | None) -> bool:
    """Whether the sentence leaves a prison term to serve: life, or a term not wholly conditional."""
    if sentence is None:
        return False
    return sentence.life or bool(sentence.unconditional)


def settle_custody(judgment: Judgment, *, actor, now: datetime) -> None:
    """Pre-trial custody ends with a final judgment: the defendant serves the sentence or is released."""
    defendant = judgment.defendant
    if not defendant.custody.in_custody:
        return
    if imprisons(judgment.sentence):
        set_custody(
            defendant,
            Custody.SERVING_SENTENCE,
            actor=actor,
            now=now,
            reason="serving the sentence of the final judgment",
        )
    else:
        set_custody(
            defendant,
            Custody.RELEASED,
            actor=actor,
            now=now,
            reason="the final judgment imposes no unconditional prison term",
        )


def check_quashing(errors: Refusals, judgment: Judgment, reason: str) -> None:
    """Refuse a quashing the case cannot follow back to trial, before anything changes."""
    if not reason.strip():
        errors.add("reason", "Say what the appeal court found and ordered: the case returns to trial with it.")
        return
    case = judgment.case
    if case.stage in RETRIAL_FROM:
        try:
            pipeline.check_transition(case, Stage.TRIAL)
            pipeline.check_grounds(case, Stage.TRIAL, QUASHED_GROUNDS, reason)
        except DomainError as refused:
            errors.add("decision", str(refused))


def quash(judgment: Judgment, appeal: Appeal, *, reason: str, actor, now: datetime) -> StageMove | None:
    """Keep the judgment on record as quashed, return the case to trial and close the judgment's periods."""
    case, name, day = judgment.case, judgment.defendant.person.full_name, appeal.decided_on
    reason = reason.strip()
    judgment.quashed_on, judgment.updated_at = day, now
    db.session.flush()
    move = None
    if case.stage in RETRIAL_FROM:
        move = pipeline.transition(
            case,
            Stage.TRIAL,
            actor=actor,
            now=now,
            grounds=QUASHED_GROUNDS,
            reason=f"judgment on {name} quashed on {day_text(day)}: {reason}",
        )
    closed = deadlines.close_periods_of(judgment, move=move, actor=actor, now=now)
    record_judgment_event(
        judgment,
        "judgment.quash",
        f"Judgment on {name} quashed on {day_text(day)}, new trial ordered: "
        f"{reason}" + "".join(f"; closed: {deadline.title}" for deadline in closed),
        actor=actor,
        now=now,
        details={"appeal_id": appeal.id},
        changes={
            "quashed_on": [None, day],
            "appeal_id": appeal.id,
            "reason": reason,
            "move_id": move.id if move else None,
            "closed_deadlines": [d.id for d in closed],
        },
    )
    return move
