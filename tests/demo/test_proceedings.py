"""The demo's proceedings, as planned: every case's road is one a real office and court could have taken."""

from datetime import date, datetime, timedelta

import pytest

from app.cases.models import Stage
from app.demo.operation import HISTORICAL_PRESENT
from app.demo.proceedings import (
    APPEAL_DAYS,
    CUSTODY_DECISION,
    FIRST_REVIEW,
    MAXIMUM_MONTHS,
    OBJECTION_DAYS,
    PRESENT,
    STORY_ENDS,
    legal_holiday,
    office_closed,
)
from app.demo.story import STAGES, plan

#: The historical present, and a present on another weekday (a Sunday) with its own holidays.
SHIFTS = [0, (date(2026, 11, 29) - HISTORICAL_PRESENT).days]


@pytest.fixture(scope="module", params=SHIFTS, ids=["2019-09-02", "2026-11-29"])
def story(request):
    return request.param, plan(request.param)


def period_end(day: date, days: int, shift: int) -> date:
    end = day + timedelta(days=days)
    while legal_holiday(end + timedelta(days=shift)):
        end += timedelta(days=1)
    return end


def moments(case):
    return [moment for _stage, moment in case.transitions] + [moment for _kind, moment in case.court_events]


def test_the_stages_keep_their_counts(story):
    _shift, planned = story
    counts = {stage: sum(1 for case in planned.cases if case.stage == stage) for stage, _ in STAGES}
    assert counts == dict(STAGES)
    assert sum(counts[stage] for stage in (Stage.INVESTIGATION, Stage.CHARGING, Stage.INDICTED)) == 135


def test_office_work_happens_on_working_days_before_the_story_ends(story):
    shift, planned = story
    for case in planned.cases:
        for moment in moments(case):
            assert moment <= STORY_ENDS, case.reference
            assert not office_closed(moment.date() + timedelta(days=shift)), (case.reference, moment)
        assert [moment for _stage, moment in case.transitions] == sorted(moment for _s, moment in case.transitions)


def test_a_case_comes_to_trial_only_after_its_indictment_was_served_and_took_effect(story):
    shift, planned = story
    for case in planned.cases:
        road = dict(case.transitions)
        if Stage.INDICTED not in road:
            continue
        indicted = case.facts[Stage.INDICTED]
        if "served_on" in indicted:  # recorded once served, with the day it was filed
            assert indicted["filed_on"] < indicted["served_on"] == road[Stage.INDICTED].date()
        else:  # filed in the last days, not served yet
            assert indicted["filed_on"] == road[Stage.INDICTED].date() and case.stage == Stage.INDICTED
        if Stage.TRIAL in road:
            effective_on = case.facts[Stage.TRIAL]["effective_on"]
            assert effective_on == period_end(indicted["served_on"], OBJECTION_DAYS, shift) + timedelta(days=1)
            assert effective_on <= road[Stage.TRIAL].date()


def test_only_one_objection_period_has_ended_without_word_from_the_court(story):
    shift, planned = story
    waiting = []
    for case in planned.cases:
        served_on = case.facts.get(Stage.INDICTED, {}).get("served_on")
        if case.stage == Stage.INDICTED and served_on and "indictment_effective" not in dict(case.court_events):
            if period_end(served_on, OBJECTION_DAYS, shift) < PRESENT.date():
                waiting.append(case)
    assert [case.late_objection for case in waiting] == [True]
    served_on = waiting[0].facts[Stage.INDICTED]["served_on"]
    # It ended on the last day before the present a period can end on.
    assert (PRESENT.date() - period_end(served_on, OBJECTION_DAYS, shift)).days <= 3


def test_judgments_wait_at_judgment_only_while_their_appeal_period_runs(story):
    shift, planned = story
    for case in planned.cases:
        road = dict(case.transitions)
        if case.stage == Stage.JUDGMENT:
            assert period_end(road[Stage.JUDGMENT].date(), APPEAL_DAYS, shift) >= PRESENT.date()
        if case.stage == Stage.APPEAL:
            assert road[Stage.APPEAL].date() <= period_end(road[Stage.JUDGMENT].date(), APPEAL_DAYS, shift)
        if case.stage == Stage.FINAL:
            assert road[Stage.FINAL].date() > period_end(road[Stage.JUDGMENT].date(), APPEAL_DAYS, shift)


def test_nobody_is_held_past_the_maximum_before_the_main_hearing(story):
    _shift, planned = story
    for case in planned.cases:
        trafficking = any(planned.seizures[i].category == "drug" for i in case.seizures)
        trial = dict(case.transitions).get(Stage.TRIAL)
        for number in case.arrests:
            arrest = planned.arrests[number]
            if not arrest.detained:
                continue
            detained = arrest.at + CUSTODY_DECISION
            held_until = arrest.released_at or trial or PRESENT
            limit = add_months(detained, MAXIMUM_MONTHS[trafficking])
            assert held_until < limit, (case.reference, detained, held_until)
            if arrest.released_at:
                assert arrest.release_reason and detained < arrest.released_at < (trial or STORY_ENDS)


def test_one_person_stays_detained_for_the_review_whose_decision_is_awaited(story):
    _shift, planned = story
    late = [arrest for arrest in planned.arrests if arrest.late_review]
    assert len(late) == 1 and late[0].released_at is None
    first_review = (late[0].at + CUSTODY_DECISION).date() + FIRST_REVIEW
    assert PRESENT.date() - timedelta(days=4) <= first_review < PRESENT.date()


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    return moment.replace(year=moment.year + month // 12, month=month % 12 + 1, day=min(moment.day, 28))
