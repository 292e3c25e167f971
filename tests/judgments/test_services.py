"""Entering judgments, appeals and finality, and the pipeline and deadlines that follow them."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.cases.models import Stage
from app.deadlines.models import Deadline, DeadlineStatus
from app.errors import Conflict, DomainError
from app.extensions import db
from app.judgments import services
from app.judgments.models import AppealDecision, FinalityBasis, Judgment, Outcome, Party
from app.judgments.stats import final_imprisonment_for_operation
from app.judgments.terms import Term
from app.judgments.validation import SentenceData
from tests.judgments.entries import NOW, entry, years


def deadlines_of(case) -> dict[str, DeadlineStatus]:
    return {d.rule_id: d.status for d in db.session.scalars(sa.select(Deadline).where(Deadline.case_id == case.id))}


def test_a_judgment_moves_the_case_to_judgment_and_opens_the_appeal_announcement_period(make_defendant):
    defendant = make_defendant()
    judgment = services.enter_judgment(defendant, entry(defendant), actor=None, now=NOW)
    assert defendant.case.stage == Stage.JUDGMENT
    assert judgment.sentence.prison_years == 8 and not judgment.is_final
    assert deadlines_of(defendant.case) == {"at_appeal_announcement": DeadlineStatus.OPEN}


def test_the_case_waits_at_trial_until_every_defendant_is_judged(make_defendant):
    first = make_defendant()
    second = make_defendant(case=first.case)
    services.enter_judgment(first, entry(first), actor=None, now=NOW)
    assert first.case.stage == Stage.TRIAL
    services.enter_judgment(second, entry(second), actor=None, now=NOW)
    assert first.case.stage == Stage.JUDGMENT


@pytest.mark.parametrize(
    "sentence, field, words",
    [
        (years(1, months=14), "prison_months", "under 12"),
        (SentenceData(prison=Term(2), conditional=Term(3), probation_years=3), "conditional_years", "cannot be longer"),
        (years(25), "prison_years", "at most 10 years"),
        (years(1, days=31), "prison_days", "under 31"),
        (SentenceData(life=True), "life", "allows life"),
    ],
)
def test_invalid_sentences_are_refused_with_a_field_message_and_nothing_saved(make_defendant, sentence, field, words):
    defendant = make_defendant(max_months=120)
    with pytest.raises(DomainError) as refused:
        services.enter_judgment(defendant, entry(defendant, sentence=sentence), actor=None, now=NOW)
    assert words in " ".join(refused.value.errors[field])
    assert db.session.scalar(sa.select(sa.func.count(Judgment.id))) == 0
    assert defendant.case.stage == Stage.TRIAL


@pytest.mark.parametrize(
    "dates, field, words",
    [
        ({"announced_on": date(2019, 11, 7)}, "announced_on", "future"),
        ({"announced_on": date(2019, 8, 25)}, "announced_on", "before the arrest"),
        ({"final_on": date(2019, 11, 1)}, "final_on", "before it was announced"),
        ({"served_on": date(2019, 11, 3)}, "served_on", "before the judgment was announced"),
    ],
)
def test_dates_outside_the_case_are_refused(make_defendant, dates, field, words):
    defendant = make_defendant()
    with pytest.raises(DomainError) as refused:
        services.enter_judgment(defendant, entry(defendant, **dates), actor=None, now=NOW)
    assert words in " ".join(refused.value.errors[field])


def test_life_where_the_offence_allows_it(make_defendant):
    defendant = make_defendant(max_months=None, life_possible=True)
    judgment = services.enter_judgment(
        defendant, entry(defendant, sentence=SentenceData(life=True)), actor=None, now=NOW
    )
    assert judgment.sentence.life


def test_an_unused_appeal_period_makes_the_judgment_and_the_case_final(make_defendant, operation):
    defendant = make_defendant()
    judgment = services.enter_judgment(defendant, entry(defendant), actor=None, now=NOW)
    # Announced Mon 4 Nov: 3 days end Thu 7 Nov; on that day nothing is final yet.
    assert services.finalize_unappealed(now=NOW + timedelta(days=1)) == []
    assert final_imprisonment_for_operation(operation.id) == Term()
    assert services.finalize_unappealed(now=NOW + timedelta(days=2)) == [judgment]
    assert judgment.final_on == date(2019, 11, 8) and judgment.finality_basis == FinalityBasis.PERIOD_EXPIRED
    assert defendant.case.stage == Stage.FINAL
    assert final_imprisonment_for_operation(operation.id) == Term(8)
    assert deadlines_of(defendant.case) == {"at_appeal_announcement": DeadlineStatus.MET}
    assert services.finalize_unappealed(now=NOW + timedelta(days=30)) == []  # running it twice changes nothing


def test_an_appeal_moves_the_case_to_appeal_and_a_final_modified_sentence_ends_it(make_defendant, operation):
    defendant = make_defendant()
    judgment = services.enter_judgment(defendant, entry(defendant, served_on=date(2019, 11, 5)), actor=None, now=NOW)
    appeal = services.lodge_appeal(judgment, party=Party.DEFENCE, lodged_on=date(2019, 11, 5), actor=None, now=NOW)
    case = defendant.case
    assert case.stage == Stage.APPEAL
    assert deadlines_of(case) == {
        "at_appeal_announcement": DeadlineStatus.MET,
        "at_appeal_grounds": DeadlineStatus.OPEN,
    }
    assert services.finalize_unappealed(now=NOW + timedelta(days=60)) == []
    later = NOW + timedelta(days=90)
    services.decide_appeal(
        appeal,
        decision=AppealDecision.SENTENCE_MODIFIED,
        decided_on=date(2020, 1, 20),
        decision_final=True,
        grounds_filed_on=date(2019, 11, 20),
        sentence=years(6),
        actor=None,
        now=later,
    )
    assert judgment.final_on == date(2020, 1, 20) and case.stage == Stage.FINAL
    assert [s.prison_years for s in judgment.sentences] == [8, 6] and judgment.sentence.prison_years == 6
    assert final_imprisonment_for_operation(operation.id) == Term(6)
    assert deadlines_of(case)["at_appeal_grounds"] == DeadlineStatus.MET


def test_a_final_judgment_is_corrected_only_as_an_amendment_keeping_the_original(make_defendant):
    defendant = make_defendant()
    judgment = services.enter_judgment(defendant, entry(defendant, final_on=date(2019, 11, 4)), actor=None, now=NOW)
    assert defendant.case.stage == Stage.FINAL
    corrected = entry(defendant, sentence=years(7), final_on=date(2019, 11, 4))
    with pytest.raises(DomainError) as refused:
        services.update_judgment(judgment, corrected, expected_version=judgment.version, actor=None, now=NOW)
    assert "amendment_reason" in refused.value.errors
    corrected.amendment_reason = "Clerical error: 7 years"
    services.update_judgment(judgment, corrected, expected_version=judgment.version, actor=None, now=NOW)
    assert judgment.sentence.prison_years == 7
    [amendment] = judgment.amendments
    assert amendment.original["prison"] == "8 years" and amendment.changes["prison"] == ["8 years", "7 years"]


def test_a_stale_version_is_a_conflict_and_changes_nothing(make_defendant):
    defendant = make_defendant()
    judgment = services.enter_judgment(defendant, entry(defendant), actor=None, now=NOW)
    stale = judgment.version
    services.update_judgment(judgment, entry(defendant, sentence=years(9)), expected_version=stale, actor=None, now=NOW)
    with pytest.raises(Conflict):
        services.update_judgment(
            judgment, entry(defendant, sentence=years(5)), expected_version=stale, actor=None, now=NOW
        )
    assert judgment.sentence.prison_years == 9


def test_an_acquittal_carries_no_prison_term(make_defendant):
    defendant = make_defendant()
    acquitted = {charge.id: (Outcome.ACQUITTED, "") for charge in defendant.charges}
    with pytest.raises(DomainError) as refused:
        services.enter_judgment(defendant, entry(defendant, verdicts=acquitted), actor=None, now=NOW)
    assert "Without a conviction" in refused.value.errors["prison_years"][0]
    judgment = services.enter_judgment(
        defendant, entry(defendant, verdicts=acquitted, sentence=SentenceData()), actor=None, now=NOW
    )
    assert services.summary(judgment) == "acquitted"
