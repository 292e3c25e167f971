"""An appeal decision that quashes a judgment: the case returns to trial, the old judgment stays on record."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.audit.models import AuditEvent
from app.cases.models import Stage, StageMove, TimelineEntry
from app.deadlines.models import Deadline, DeadlineStatus
from app.errors import DomainError
from app.extensions import db
from app.judgments import services
from app.judgments.models import AppealDecision, Judgment, Party
from app.judgments.stats import final_imprisonment_for_operation, outcome_statistics
from app.judgments.terms import Term
from tests.judgments.entries import NOW, entry, years

#: The appeal court decides in January; the new trial ends in March.
DECIDED = NOW + timedelta(days=80)
RETRIED = NOW + timedelta(days=120)


def appealed(defendant, **overrides):
    judgment = services.enter_judgment(
        defendant, entry(defendant, served_on=date(2019, 11, 5), **overrides), actor=None, now=NOW
    )
    appeal = services.lodge_appeal(judgment, party=Party.DEFENCE, lodged_on=date(2019, 11, 5), actor=None, now=NOW)
    return judgment, appeal


def quash(appeal, reason="§ 281 Abs. 1 Z 5 StPO: the findings were not reasoned; new trial ordered", **overrides):
    values = dict(
        decision=AppealDecision.QUASHED,
        decided_on=date(2020, 1, 20),
        decision_final=True,
        reason=reason,
        actor=None,
        now=DECIDED,
    )
    values.update(overrides)
    services.decide_appeal(appeal, **values)


def deadline(case, rule_id: str) -> Deadline:
    return db.session.scalars(
        sa.select(Deadline).where(Deadline.case_id == case.id, Deadline.rule_id == rule_id).order_by(Deadline.id)
    ).first()


def test_a_quashed_judgment_returns_the_case_to_trial_and_stays_on_record(make_defendant, operation):
    defendant = make_defendant()
    case = defendant.case
    judgment, appeal = appealed(defendant)
    assert case.stage == Stage.APPEAL and deadline(case, "at_appeal_grounds").status == DeadlineStatus.OPEN

    quash(appeal)

    assert case.stage == Stage.TRIAL
    assert judgment.quashed_on == date(2020, 1, 20) and not judgment.is_final
    assert db.session.get(Judgment, judgment.id) is judgment  # kept, not deleted
    move = db.session.scalars(
        sa.select(StageMove).where(StageMove.case_id == case.id).order_by(StageMove.id.desc())
    ).first()
    assert (move.from_stage, move.to_stage, move.grounds) == (Stage.APPEAL, Stage.TRIAL, "judgment_quashed")
    assert "quashed on Mon 20 Jan 2020" in move.reason and "findings were not reasoned" in move.reason
    grounds = deadline(case, "at_appeal_grounds")
    assert grounds.status == DeadlineStatus.CLOSED and grounds.closed_by_move == move
    timeline = [
        entry.summary
        for entry in db.session.scalars(
            sa.select(TimelineEntry).where(TimelineEntry.case_id == case.id).order_by(TimelineEntry.id)
        )
    ]
    assert any(line.startswith("Stage appeal → trial: The judgment was quashed") for line in timeline)
    assert any(
        line.startswith(f"Judgment on {defendant.person.full_name} quashed on Mon 20 Jan 2020")
        and "File the written appeal grounds" in line
        for line in timeline
    )
    actions = set(
        db.session.scalars(
            sa.select(AuditEvent.action).where(
                AuditEvent.object_id == str(judgment.id), AuditEvent.object_type == "judgment"
            )
        )
    )
    assert {"judgment.create", "appeal.create", "appeal.decide", "judgment.quash"} <= actions


def test_after_the_new_trial_a_new_judgment_is_entered_and_becomes_final(make_defendant, operation):
    defendant = make_defendant()
    case = defendant.case
    quashed, appeal = appealed(defendant)
    quash(appeal)
    assert services.finalize_unappealed(now=RETRIED + timedelta(days=60)) == []  # the quashed one never becomes final

    retried = services.enter_judgment(
        defendant, entry(defendant, announced_on=date(2020, 3, 2), sentence=years(6)), actor=None, now=RETRIED
    )
    assert case.stage == Stage.JUDGMENT and retried.id != quashed.id
    with pytest.raises(DomainError) as refused:
        services.enter_judgment(defendant, entry(defendant, announced_on=date(2020, 3, 2)), actor=None, now=RETRIED)
    assert "already entered" in refused.value.errors["court"][0]
    assert services.standing_judgment(defendant) is retried

    assert services.finalize_unappealed(now=RETRIED + timedelta(days=10)) == [retried]
    assert case.stage == Stage.FINAL and retried.is_final and not quashed.is_final
    assert final_imprisonment_for_operation(operation.id) == Term(6)  # the quashed 8 years do not count
    [_, total] = outcome_statistics("operation", office_id=case.office_id)
    assert (total.final, total.pending, total.imprisonment) == (1, 0, Term(6))


def test_a_quashed_judgment_is_no_longer_appealed_changed_or_made_final(make_defendant):
    defendant = make_defendant()
    judgment, appeal = appealed(defendant)
    quash(appeal)
    refusals = [
        lambda: services.lodge_appeal(
            judgment, party=Party.PROSECUTION, lodged_on=date(2020, 1, 21), actor=None, now=DECIDED
        ),
        lambda: services.mark_final(judgment, final_on=date(2020, 1, 21), actor=None, now=DECIDED),
        lambda: services.update_judgment(
            judgment, entry(defendant, sentence=years(5)), expected_version=judgment.version, actor=None, now=DECIDED
        ),
        lambda: quash(appeal),
    ]
    for attempt in refusals:
        with pytest.raises(DomainError) as refused:
            attempt()
        assert any(
            "was quashed on Mon 20 Jan 2020" in message
            for messages in refused.value.errors.values()
            for message in messages
        )
    assert judgment.sentence.prison_years == 8


def test_quashing_needs_a_reason_and_changes_nothing_without_one(make_defendant):
    defendant = make_defendant()
    judgment, appeal = appealed(defendant)
    with pytest.raises(DomainError) as refused:
        quash(appeal, reason="  ")
    assert "returns to trial" in refused.value.errors["reason"][0]
    assert defendant.case.stage == Stage.APPEAL and judgment.quashed_on is None and appeal.decision is None


def test_a_quashing_not_yet_final_changes_nothing_until_it_is(make_defendant):
    defendant = make_defendant()
    judgment, appeal = appealed(defendant)
    quash(appeal, decision_final=False)
    assert appeal.decision == AppealDecision.QUASHED and judgment.pending_appeals == [appeal]
    assert judgment.quashed_on is None and defendant.case.stage == Stage.APPEAL
    quash(appeal)
    assert judgment.quashed_on == date(2020, 1, 20) and defendant.case.stage == Stage.TRIAL


def test_quashed_for_one_of_two_defendants_the_case_returns_to_trial_for_that_one(make_defendant, operation):
    first = make_defendant()
    case = first.case
    second = make_defendant(case=case)
    quashed, first_appeal = appealed(first)
    standing, second_appeal = appealed(second, sentence=years(5))
    grounds = deadline(case, "at_appeal_grounds")  # one for the case: both copies were served the same day
    assert case.stage == Stage.APPEAL

    quash(first_appeal)

    assert case.stage == Stage.TRIAL and quashed.is_quashed and not standing.is_quashed
    assert grounds.status == DeadlineStatus.OPEN  # the second defendant's appeal still needs its grounds
    services.decide_appeal(
        second_appeal,
        decision=AppealDecision.DISMISSED,
        decided_on=date(2020, 1, 27),
        decision_final=True,
        grounds_filed_on=date(2019, 11, 29),
        actor=None,
        now=DECIDED + timedelta(days=7),
    )
    assert standing.final_on == date(2020, 1, 27) and case.stage == Stage.TRIAL
    assert grounds.status == DeadlineStatus.MET

    retried = services.enter_judgment(
        first, entry(first, announced_on=date(2020, 3, 2), sentence=years(7)), actor=None, now=RETRIED
    )
    assert case.stage == Stage.JUDGMENT
    services.mark_final(retried, final_on=date(2020, 3, 2), actor=None, now=RETRIED)
    assert case.stage == Stage.FINAL
    assert final_imprisonment_for_operation(operation.id) == Term(12)  # 7 of the new trial and 5 that stood


def test_a_case_still_at_trial_stays_there_when_a_judgment_is_quashed(make_defendant):
    first = make_defendant()
    case = first.case
    make_defendant(case=case)  # not yet judged: the case waits at trial
    judgment, appeal = appealed(first)
    assert case.stage == Stage.TRIAL
    moves = db.session.scalar(sa.select(sa.func.count(StageMove.id)).where(StageMove.case_id == case.id))
    quash(appeal)
    assert judgment.is_quashed and case.stage == Stage.TRIAL
    assert db.session.scalar(sa.select(sa.func.count(StageMove.id)).where(StageMove.case_id == case.id)) == moves
    assert deadline(case, "at_appeal_grounds").status == DeadlineStatus.CLOSED


def test_the_database_keeps_one_standing_judgment_per_defendant(make_defendant):
    defendant = make_defendant()
    first = services.enter_judgment(defendant, entry(defendant), actor=None, now=NOW)

    def another() -> Judgment:
        judgment = Judgment(defendant=defendant, case=defendant.case, court="LG Wien", announced_on=date(2019, 11, 5))
        with db.session.begin_nested():
            db.session.add(judgment)
        return judgment

    with pytest.raises(IntegrityError):
        another()
    first.quashed_on = date(2019, 11, 5)
    assert another().id != first.id
