"""Entering judgments, appeals and finality, and moving the case's pipeline with them.

Every function takes the acting user and the time explicitly, adds and flushes, and
leaves the commit to the caller. Bad input raises DomainError (app/errors.py) before
anything is changed; a stale edit raises Conflict.
"""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm.attributes import flag_modified

from app.audit.services import diff
from app.auth.models import User
from app.cases import pipeline
from app.cases.models import Case, Defendant, Stage
from app.core.formatting import day as day_text
from app.errors import Conflict, DomainError, Refusals
from app.extensions import db
from app.judgments import consequences, deadlines
from app.judgments.history import record_judgment_event
from app.judgments.models import (
    Amendment,
    Appeal,
    AppealDecision,
    FinalityBasis,
    Judgment,
    Outcome,
    Party,
    Sentence,
    Verdict,
)
from app.judgments.terms import Term
from app.judgments.validation import JudgmentEntry, SentenceData, Verdicts, check_dates, check_entry, check_sentence

__all__ = [
    "JudgmentEntry",
    "SentenceData",
    "enter_judgment",
    "update_judgment",
    "lodge_appeal",
    "decide_appeal",
    "mark_final",
    "finalize_unappealed",
    "standing_judgment",
    "snapshot",
]

#: Stages at which the registry enters judgments (final only for amendments).
ENTRY_STAGES = (Stage.TRIAL, Stage.JUDGMENT, Stage.APPEAL, Stage.FINAL)
SENTENCE_FIELDS = (
    "life",
    "probation_years",
    "fine_daily_rates",
    "fine_daily_rate",
    "fine_amount",
    "confiscation_amount",
    "forfeiture_amount",
    "other_orders",
)


def enter_judgment(defendant: Defendant, entry: JudgmentEntry, *, actor: User | None, now: datetime) -> Judgment:
    """Record the first-instance judgment on a defendant (after a quashed one: the judgment of the new trial)."""
    case = defendant.case
    errors = Refusals()
    if standing_judgment(defendant) is not None:
        errors.add("court", "A judgment on this defendant is already entered; open it to change it.")
    if case.stage not in ENTRY_STAGES[:-1]:
        errors.add("court", f"The case is at {case.stage.label.lower()}; judgments are entered from trial on.")
    check_entry(errors, defendant, now, entry)
    errors.raise_any()
    judgment = Judgment(defendant=defendant, case=case, entered_by=actor, created_at=now, updated_at=now)
    db.session.add(judgment)
    _write_entry(judgment, entry)
    db.session.flush()
    record_judgment_event(
        judgment,
        "judgment.create",
        f"Judgment on {defendant.person.full_name}: {summary(judgment)}",
        actor=actor,
        now=now,
        changes=diff({}, snapshot(judgment)),
    )
    deadlines.record_event(case, "judgment_announced", entry.announced_on, defendant=defendant, actor=actor, now=now)
    deadlines.record_service(judgment, actor=actor, now=now)
    if entry.final_on is not None:
        _make_final(judgment, entry.final_on, FinalityBasis.ENTERED, actor=actor, now=now)
        deadlines.record_event(case, "appeal_waived", entry.final_on, defendant=defendant, actor=actor, now=now)
    advance_case(case, actor=actor, now=now)
    return judgment


def update_judgment(
    judgment: Judgment, entry: JudgmentEntry, *, expected_version: int, actor: User | None, now: datetime
) -> None:
    """Change a judgment; after finality only as an amendment with a reason, keeping the original."""
    if expected_version != judgment.version:
        raise Conflict(judgment)
    errors = Refusals()
    _refuse_quashed(errors, judgment, "court")
    was_final = judgment.is_final
    if was_final and not entry.amendment_reason.strip():
        errors.add("amendment_reason", "The judgment is final: say why it is corrected (the original is kept).")
    if was_final and entry.final_on is None:
        errors.add("final_on", "A final judgment stays final; correct the date if it is wrong.")
    if not was_final and entry.final_on is not None and judgment.pending_appeals:
        errors.add("final_on", "An appeal is pending: enter its final decision instead.")
    check_entry(errors, judgment.defendant, now, entry)
    errors.raise_any()
    before = snapshot(judgment)
    served_before = judgment.served_on
    _write_entry(judgment, entry)
    if was_final:
        judgment.final_on = entry.final_on
    changes = diff(before, snapshot(judgment))
    if not changes and (was_final or entry.final_on is None):
        return
    judgment.updated_at = now
    flag_modified(judgment, "updated_at")  # a change of verdicts or sentence alone must bump the version too
    db.session.flush()
    if was_final:
        db.session.add(
            Amendment(
                judgment=judgment,
                reason=entry.amendment_reason.strip(),
                actor=actor,
                made_at=now,
                original=before,
                changes=changes,
            )
        )
        record_judgment_event(
            judgment,
            "judgment.amend",
            f"Final judgment on {judgment.defendant.person.full_name} amended: {entry.amendment_reason.strip()}",
            actor=actor,
            now=now,
            changes={**changes, "reason": entry.amendment_reason},
        )
        return
    record_judgment_event(
        judgment,
        "judgment.update",
        f"Judgment on {judgment.defendant.person.full_name} changed: " + ", ".join(sorted(changes)),
        actor=actor,
        now=now,
        changes=changes,
    )
    if entry.served_on is not None and served_before != entry.served_on:
        deadlines.record_service(judgment, actor=actor, now=now)
    if entry.final_on is not None:
        mark_final(judgment, final_on=entry.final_on, actor=actor, now=now)


def lodge_appeal(judgment: Judgment, *, party: Party, lodged_on: date, actor: User | None, now: datetime) -> Appeal:
    """Record an appeal; the case moves to `appeal` and the grounds period opens once the copy is served."""
    errors = Refusals()
    _refuse_quashed(errors, judgment, "party")
    if judgment.is_final:
        errors.add("party", "The judgment is final; an appeal can no longer be lodged.")
    if lodged_on is None:
        errors.add("lodged_on", "Enter the day the appeal was lodged.")
    elif lodged_on < judgment.announced_on:
        errors.add("lodged_on", "An appeal cannot be lodged before the judgment was announced.")
    elif lodged_on > judgment.case.office.today(now):
        errors.add("lodged_on", "The day the appeal was lodged cannot lie in the future.")
    errors.raise_any()
    appeal = Appeal(judgment=judgment, party=Party(party), lodged_on=lodged_on, created_at=now)
    db.session.add(appeal)
    db.session.flush()
    record_judgment_event(
        judgment,
        "appeal.create",
        f"Appeal by the {appeal.party.value} against the judgment on {judgment.defendant.person.full_name}",
        actor=actor,
        now=now,
        changes={"appeal_id": appeal.id, "party": appeal.party.value, "lodged_on": lodged_on},
    )
    case, defendant = judgment.case, judgment.defendant
    deadlines.record_event(case, "appeal_announced", lodged_on, defendant=defendant, actor=actor, now=now)
    deadlines.record_service(judgment, actor=actor, now=now)
    advance_case(case, actor=actor, now=now)
    return appeal


def decide_appeal(
    appeal: Appeal,
    *,
    decision: AppealDecision,
    decided_on: date,
    decision_final: bool,
    actor: User | None,
    now: datetime,
    grounds_filed_on: date | None = None,
    sentence: SentenceData | None = None,
    reason: str = "",
) -> None:
    """Record the appeal court's decision; a final one makes the judgment final when no other appeal is pending.

    A final decision quashing the judgment returns the case to trial instead (`reason` says why).
    """
    judgment, decision = appeal.judgment, AppealDecision(decision)
    today = judgment.case.office.today(now)
    errors = Refusals()
    _refuse_quashed(errors, judgment, "decision")
    if appeal.decision_final:
        errors.add("decision", "This appeal is already finally decided.")
    for name, day in (("decided_on", decided_on), ("grounds_filed_on", grounds_filed_on)):
        if day is not None and day < appeal.lodged_on:
            errors.add(name, "This day cannot lie before the appeal was lodged.")
        elif day is not None and day > today:
            errors.add(name, "This day cannot lie in the future.")
    if decided_on is None:
        errors.add("decided_on", "Enter the day of the decision.")
    if decision == AppealDecision.SENTENCE_MODIFIED:
        if sentence is None:
            errors.add("prison_years", "Enter the sentence as the appeal court modified it.")
        else:
            verdicts = {v.charge_id: (v.outcome, v.amended_statute) for v in judgment.verdicts}
            check_sentence(errors, [v.charge for v in judgment.verdicts], verdicts, sentence)
    quashing = decision == AppealDecision.QUASHED and decision_final
    if decision == AppealDecision.QUASHED:
        consequences.check_quashing(errors, judgment, reason)
    errors.raise_any()
    before = {
        "decision": appeal.decision and appeal.decision.value,
        "decided_on": appeal.decided_on,
        "decision_final": appeal.decision_final,
        "grounds_filed_on": appeal.grounds_filed_on,
    }
    appeal.decision, appeal.decided_on, appeal.decision_final = decision, decided_on, decision_final
    appeal.grounds_filed_on = grounds_filed_on or appeal.grounds_filed_on
    if decision == AppealDecision.SENTENCE_MODIFIED:
        for earlier in judgment.sentences:
            earlier.in_force = False
        judgment.sentences.append(_sentence(sentence, appeal=appeal))
    db.session.flush()
    after = {
        "decision": decision.value,
        "decided_on": decided_on,
        "decision_final": decision_final,
        "grounds_filed_on": appeal.grounds_filed_on,
    }
    record_judgment_event(
        judgment,
        "appeal.decide",
        f"Appeal by the {appeal.party.value} ({judgment.defendant.person.full_name}): "
        f"{decision.label.lower()}" + (", final" if decision_final else ""),
        actor=actor,
        now=now,
        changes={"appeal_id": appeal.id, **diff(before, after)},
    )
    case, defendant = judgment.case, judgment.defendant
    if grounds_filed_on is not None:
        deadlines.record_event(
            case, "appeal_grounds_filed", grounds_filed_on, defendant=defendant, actor=actor, now=now
        )
    if decision == AppealDecision.WITHDRAWN:
        deadlines.record_event(case, "appeal_withdrawn", decided_on, defendant=defendant, actor=actor, now=now)
    if quashing:
        consequences.quash(judgment, appeal, reason=reason, actor=actor, now=now)
    elif decision_final and not judgment.pending_appeals and not judgment.is_final:
        _make_final(judgment, decided_on, FinalityBasis.APPEAL_DECIDED, actor=actor, now=now)
    advance_case(case, actor=actor, now=now)


def mark_final(
    judgment: Judgment,
    *,
    final_on: date,
    actor: User | None,
    now: datetime,
    basis: FinalityBasis = FinalityBasis.ENTERED,
) -> None:
    """Record that a judgment became final on `final_on` (e.g. appeals waived in court)."""
    errors = Refusals()
    _refuse_quashed(errors, judgment, "final_on")
    if judgment.is_final:
        errors.add("final_on", f"The judgment is already final since {day_text(judgment.final_on)}.")
    if judgment.pending_appeals:
        errors.add("final_on", "An appeal is pending: enter its final decision instead.")
    check_dates(errors, judgment.case, judgment.defendant, now, announced_on=judgment.announced_on, final_on=final_on)
    errors.raise_any()
    _make_final(judgment, final_on, basis, actor=actor, now=now)
    deadlines.record_event(judgment.case, "appeal_waived", final_on, defendant=judgment.defendant, actor=actor, now=now)
    advance_case(judgment.case, actor=actor, now=now)


def finalize_unappealed(*, now: datetime, actor: User | None = None) -> list[Judgment]:
    """Make final every judgment whose appeal periods have passed by `now` without an appeal."""
    unappealed = (
        sa.select(Judgment)
        .where(Judgment.final_on.is_(None), Judgment.quashed_on.is_(None), ~Judgment.appeals.any())
        .options(sa.orm.joinedload(Judgment.case).joinedload(Case.office))
        .order_by(Judgment.id)
    )
    finalized = []
    for judgment in db.session.scalars(unappealed).unique().all():
        period_end = deadlines.appeal_period_end(judgment)
        if period_end is None or period_end >= now:
            continue
        local_end = judgment.case.office.today(period_end)
        _make_final(judgment, local_end + timedelta(days=1), FinalityBasis.PERIOD_EXPIRED, actor=actor, now=now)
        deadlines.record_event_at(
            judgment.case, "appeal_waived", period_end, defendant=judgment.defendant, actor=actor, now=now
        )
        finalized.append(judgment)
    for case in {judgment.case for judgment in finalized}:
        advance_case(case, actor=actor, now=now)
    return finalized


def advance_case(case: Case, *, actor: User | None, now: datetime) -> None:
    """Move the case as far as its standing judgments allow: trial → judgment → appeal → final."""
    judgments = db.session.scalars(
        sa.select(Judgment).where(Judgment.case_id == case.id, Judgment.quashed_on.is_(None))
    ).all()
    wanted = [Stage.JUDGMENT]
    if any(judgment.pending_appeals for judgment in judgments):
        wanted.append(Stage.APPEAL)
    wanted.append(Stage.FINAL)
    for stage in wanted:
        if stage in pipeline.allowed_targets(case):
            try:
                pipeline.check_transition(case, stage)
            except DomainError:
                continue
            pipeline.transition(case, stage, actor=actor, now=now, reason=_why(stage))


def _why(stage: Stage) -> str:
    return {
        Stage.JUDGMENT: "judgments entered for every defendant",
        Stage.APPEAL: "appeal lodged",
        Stage.FINAL: "every judgment is final",
    }[stage]


def standing_judgment(defendant: Defendant) -> Judgment | None:
    """The defendant's judgment that is not quashed, if one is entered."""
    return db.session.scalar(
        sa.select(Judgment).where(Judgment.defendant_id == defendant.id, Judgment.quashed_on.is_(None))
    )


def snapshot(judgment: Judgment) -> dict:
    """The judgment, its verdicts and the sentence in force as plain values (for diffs and amendments)."""
    sentence = judgment.sentence
    values = {
        "court": judgment.court,
        "court_file_number": judgment.court_file_number,
        "announced_on": _iso(judgment.announced_on),
        "served_on": _iso(judgment.served_on),
        "final_on": _iso(judgment.final_on),
        "verdicts": {str(v.charge_id): [v.outcome.value, v.amended_statute] for v in judgment.verdicts},
    }
    if sentence is not None:
        values["prison"] = str(sentence.prison)
        values["conditional"] = str(sentence.conditional)
        values.update({name: _plain(getattr(sentence, name)) for name in SENTENCE_FIELDS})
    return values


def summary(judgment: Judgment) -> str:
    """One line: the outcome and the sentence in force."""
    if not judgment.is_conviction:
        outcomes = {v.outcome for v in judgment.verdicts}
        return "acquitted" if outcomes == {Outcome.ACQUITTED} else "not convicted"
    sentence = judgment.sentence
    parts = ["convicted"]
    if sentence is not None:
        if sentence.life:
            parts.append("life imprisonment")
        elif sentence.prison:
            conditional = sentence.conditional
            parts.append(
                f"{sentence.prison} imprisonment" + (f", {conditional} of it conditional" if conditional else "")
            )
        if sentence.fine_total:
            parts.append(f"fine EUR {sentence.fine_total:,.2f}")
    return ", ".join(parts)


def _write_entry(judgment: Judgment, entry: JudgmentEntry) -> None:
    """Put what the registry entered on the judgment; a correction changes the sentence in force in place."""
    judgment.court, judgment.court_file_number = entry.court.strip(), entry.court_file_number.strip()
    judgment.announced_on, judgment.served_on = entry.announced_on, entry.served_on
    _set_verdicts(judgment, entry.verdicts)
    _replace_sentence(judgment, entry.sentence)


def _set_verdicts(judgment: Judgment, verdicts: Verdicts) -> None:
    existing = {verdict.charge_id: verdict for verdict in judgment.verdicts}
    for charge_id, (outcome, amended) in verdicts.items():
        verdict = existing.get(charge_id) or Verdict(charge_id=charge_id)
        verdict.outcome = Outcome(outcome)
        verdict.amended_statute = amended.strip() if verdict.outcome == Outcome.CONVICTED_AMENDED else ""
        if charge_id not in existing:
            judgment.verdicts.append(verdict)


def _sentence(data: SentenceData, appeal: Appeal | None = None) -> Sentence:
    sentence = Sentence(appeal=appeal, in_force=True)
    _fill_sentence(sentence, data)
    return sentence


def _fill_sentence(sentence: Sentence, data: SentenceData) -> None:
    for part in ("prison", "conditional"):
        term: Term = getattr(data, part)
        setattr(sentence, f"{part}_years", term.years)
        setattr(sentence, f"{part}_months", term.months)
        setattr(sentence, f"{part}_days", term.days)
    for name in SENTENCE_FIELDS:
        value = getattr(data, name)
        setattr(sentence, name, value.strip() if isinstance(value, str) else value)


def _replace_sentence(judgment: Judgment, data: SentenceData) -> None:
    """Correct the sentence in force in place (a correction, not a new decision)."""
    sentence = judgment.sentence
    if sentence is None:
        judgment.sentences.append(_sentence(data))
    else:
        _fill_sentence(sentence, data)


def _make_final(judgment: Judgment, final_on: date, basis: FinalityBasis, *, actor, now) -> None:
    judgment.final_on, judgment.finality_basis, judgment.updated_at = final_on, basis, now
    db.session.flush()
    record_judgment_event(
        judgment,
        "judgment.final",
        f"Judgment on {judgment.defendant.person.full_name} final since {day_text(final_on)} ({basis.label})",
        actor=actor,
        now=now,
        changes={"final_on": [None, final_on], "basis": basis.value},
    )
    consequences.settle_custody(judgment, actor=actor, now=now)


def _refuse_quashed(errors: Refusals, judgment: Judgment, name: str) -> None:
    if judgment.is_quashed:
        errors.add(
            name,
            f"This judgment was quashed on {day_text(judgment.quashed_on)} and stays on record as it "
            "was; enter the judgment of the new trial instead.",
        )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _plain(value):
    return str(value) if value is not None and not isinstance(value, (bool, int, str)) else value
