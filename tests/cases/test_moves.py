"""Stage moves as a prosecutor makes them: grounds, custody settled in the same step, consequences
shown before anything changes, deadlines closed with the case and opened again when it is reopened."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.auth.models import Role
from app.cases import pipeline
from app.cases.models import Custody, Stage, StageMove, TimelineEntry, TimelineKind
from app.cases.services import record_arrest, set_custody
from app.database import utcnow
from app.deadlines.models import Deadline, DeadlineStatus
from app.errors import DomainError
from app.extensions import db
from tests.cases.factories import CaseFactory, ChargeFactory, DefendantFactory, PersonFactory
from tests.moments import VIENNA


def deadlines(case, status=None) -> dict[str, Deadline]:
    query = sa.select(Deadline).where(Deadline.case_id == case.id)
    if status is not None:
        query = query.where(Deadline.status == status)
    return {d.rule_id: d for d in db.session.scalars(query.order_by(Deadline.id))}


def fresh(case):
    db.session.expire_all()
    return db.session.get(type(case), case.id)


@pytest.fixture
def detained_case(office, prosecutor):
    """A case in investigation with Marko Petrović held in pre-trial detention since yesterday."""
    now = utcnow()
    case = CaseFactory(
        office=office,
        prosecutor=prosecutor,
        stage=Stage.INTAKE,
        opened_on=(now - timedelta(days=3)).astimezone(VIENNA).date(),
    )
    pipeline.transition(case, Stage.INVESTIGATION, actor=prosecutor, now=now - timedelta(days=3))
    person = PersonFactory(office=office, first_name="Marko", last_name="Petrović")
    record_arrest(
        case,
        person,
        arrested_at=now - timedelta(days=2),
        place="Wien 1., Schwedenplatz",
        agency="LKA Wien",
        custody_followed=True,
        actor=prosecutor,
        now=now - timedelta(days=2),
    )
    defendant = case.defendants[0]
    ChargeFactory(defendant=defendant, max_penalty_months=180)
    set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=now - timedelta(days=1))
    db.session.commit()
    return case


def test_discontinuing_refuses_until_the_release_is_recorded_then_reviews_then_closes(
    detained_case, prosecutor, client, login
):
    login(prosecutor)
    url = f"/cases/{detained_case.id}/move/discontinued"
    page = client.get(url)
    assert page.status_code == 200
    assert "Marko Petrović is" in page.text and "choose below what happens to them" in page.text
    assert "First detention review" in page.text and "closed with the case" in page.text

    no_ground = client.post(url, data={"reason": "no evidence"})
    assert no_ground.status_code == 422 and "Choose the legal ground" in no_ground.text

    held = client.post(url, data={"grounds": "at_190_2", "reason": "the witness withdrew the statement"})
    assert held.status_code == 422
    assert "Marko Petrović is detained: record that they are released in the same step" in held.text
    assert fresh(detained_case).stage == Stage.INVESTIGATION
    defendant_id = detained_case.defendants[0].id

    review = client.post(
        url,
        data={
            "grounds": "at_190_2",
            "reason": "the witness withdrew the statement",
            f"custody_{defendant_id}": "released",
        },
    )
    assert review.status_code == 200 and 'id="confirm-move"' in review.text
    assert "will be recorded as released" in review.text
    assert "met by the release" in review.text  # the review of his detention ends with his release
    assert "closed with the case" in review.text  # the investigation's own limit ends with the case
    assert fresh(detained_case).stage == Stage.INVESTIGATION  # the review changed nothing
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(StageMove).where(StageMove.to_stage == Stage.DISCONTINUED)
        )
        == 0
    )

    done = client.post(
        url,
        data={
            "grounds": "at_190_2",
            "reason": "the witness withdrew the statement",
            f"custody_{defendant_id}": "released",
            "confirmed": "1",
        },
    )
    assert done.status_code == 302
    case = fresh(detained_case)
    assert case.stage == Stage.DISCONTINUED and case.defendants[0].custody == Custody.RELEASED
    move = db.session.scalars(
        sa.select(StageMove).where(StageMove.case_id == case.id).order_by(StageMove.id.desc())
    ).first()
    assert (move.grounds, move.reason, move.actor_id) == (
        "at_190_2",
        "the witness withdrew the statement",
        prosecutor.id,
    )
    assert deadlines(case, DeadlineStatus.OPEN) == {}
    closed = deadlines(case, DeadlineStatus.CLOSED)
    assert set(closed) == {"at_investigation_limit"} and closed["at_investigation_limit"].closed_by_move_id == move.id
    assert {"at_detention_review_first", "at_detention_maximum"} <= set(deadlines(case, DeadlineStatus.MET))
    lines = [
        entry.summary for entry in db.session.scalars(sa.select(TimelineEntry).where(TimelineEntry.case_id == case.id))
    ]
    assert (
        "Stage investigation → discontinued: § 190 Z 2 StPO: no factual grounds for further prosecution; "
        "the witness withdrew the statement" in lines
    )
    assert any(
        line.startswith("1 open deadline closed with the case (discontinued): Investigation time limit")
        for line in lines
    )
    shown = client.get(f"/deadlines/{closed['at_investigation_limit'].id}")
    assert "Closed" in shown.text and "§ 190 Z 2 StPO" in shown.text


def test_a_supervisor_reopens_and_the_deadlines_that_still_apply_open_again(
    detained_case, prosecutor, make_user, client, login
):
    defendant = detained_case.defendants[0]
    pipeline_now = utcnow()
    set_custody(defendant, Custody.RELEASED, actor=prosecutor, now=pipeline_now)
    pipeline.transition(
        detained_case,
        Stage.DIVERTED,
        actor=prosecutor,
        now=pipeline_now,
        grounds="at_203",
        reason="probation period of two years",
    )
    db.session.commit()
    limit = deadlines(detained_case, DeadlineStatus.CLOSED)["at_investigation_limit"]

    login(make_user(Role.SUPERVISOR, office=detained_case.office))
    url = f"/cases/{detained_case.id}/move/investigation"
    page = client.get(url)
    assert "Investigation time limit" in page.text and "opened again" in page.text
    assert (
        client.post(
            url, data={"grounds": "at_205", "reason": "the suspect broke the probation terms", "confirmed": "1"}
        ).status_code
        == 302
    )
    case = fresh(detained_case)
    assert case.stage == Stage.INVESTIGATION
    reopened = deadlines(case, DeadlineStatus.OPEN)
    assert set(reopened) == {"at_investigation_limit"}  # nobody is in custody: no custody limit returns
    assert reopened["at_investigation_limit"].due_at == limit.due_at
    assert "opened again when it was reopened" in reopened["at_investigation_limit"].steps[-1]
    kinds = {
        entry.kind for entry in db.session.scalars(sa.select(TimelineEntry).where(TimelineEntry.case_id == case.id))
    }
    assert TimelineKind.DEADLINE in kinds


def test_a_transfer_hands_custody_over(detained_case, prosecutor, client, login):
    login(prosecutor)
    defendant_id = detained_case.defendants[0].id
    response = client.post(
        f"/cases/{detained_case.id}/move/transferred",
        data={
            "grounds": "transfer_state",
            "reason": "proceedings taken over by Belgrade",
            f"custody_{defendant_id}": "handed_over",
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    case = fresh(detained_case)
    assert case.stage == Stage.TRANSFERRED and case.defendants[0].custody == Custody.HANDED_OVER
    assert deadlines(case, DeadlineStatus.OPEN) == {}


def test_a_released_choice_is_refused_for_discontinuing_when_it_is_not_offered(
    detained_case, prosecutor, client, login
):
    login(prosecutor)
    defendant_id = detained_case.defendants[0].id
    response = client.post(
        f"/cases/{detained_case.id}/move/discontinued",
        data={"grounds": "at_190_2", "reason": "x", f"custody_{defendant_id}": "handed_over", "confirmed": "1"},
    )
    assert response.status_code == 422 and fresh(detained_case).stage == Stage.INVESTIGATION


def test_forward_moves_are_not_made_on_the_move_page_and_unknown_targets_are_404(
    detained_case, prosecutor, client, login
):
    login(prosecutor)
    assert client.get(f"/cases/{detained_case.id}/move/charging").status_code == 302
    assert client.get(f"/cases/{detained_case.id}/move/final").status_code == 404
    assert client.get(f"/cases/{detained_case.id}/move/heaven").status_code == 404


def test_the_case_page_shows_custody_and_deadlines_before_the_moves_and_closing_apart(
    detained_case, prosecutor, client, login
):
    login(prosecutor)
    text = client.get(f"/cases/{detained_case.id}").text
    assert (
        text.index('id="in-custody"')
        < text.index('id="panel-deadlines"')
        < text.index('id="moves"')
        < text.index('id="defendants"')
    )
    assert 'class="btn btn-sm btn-outline-danger move-closing"' in text and "Discontinue…" in text


def test_indictment_served_opens_the_objection_period_and_taking_effect_ends_the_reviews(
    detained_case, prosecutor, client, login
):
    login(prosecutor)
    case = detained_case
    case.court = "Landesgericht für Strafsachen Wien"
    pipeline.transition(case, Stage.CHARGING, actor=prosecutor, now=utcnow())
    db.session.commit()
    today = utcnow().astimezone(VIENNA).date()
    response = client.post(f"/cases/{case.id}/transition", data={"to": "indicted", "filed_on": today.isoformat()})
    assert response.status_code == 302 and fresh(case).stage == Stage.INDICTED
    move = db.session.scalars(
        sa.select(StageMove).where(StageMove.case_id == case.id).order_by(StageMove.id.desc())
    ).first()
    assert move.facts == {"filed_on": today.isoformat()}
    assert deadlines(case, DeadlineStatus.MET)["at_investigation_limit"].closing_event == "investigation_ended"

    page = client.get(f"/cases/{case.id}").text
    assert "Indictment served on" in page and "Indictment took effect on" in page
    client.post(f"/cases/{case.id}/facts/served_on", data={"served_on-day": today.isoformat()})
    objection = deadlines(case, DeadlineStatus.OPEN)["at_indictment_objection"]
    assert objection.kind == "period" and objection.due_date > today
    page = client.get(f"/cases/{case.id}").text
    assert "Objection to the indictment" in page
    assert f"Indictment served on {today:%a} {today.day} {today:%b %Y}" in page
    assert 'name="served_on-day"' not in page  # recorded once, shown as a fact

    future = client.post(
        f"/cases/{case.id}/transition",
        data={"to": "trial", "effective_on": (today + timedelta(days=3)).isoformat()},
        follow_redirects=True,
    )
    assert "cannot lie in the future" in future.text and fresh(case).stage == Stage.INDICTED
    assert "at_detention_review_first" in deadlines(case, DeadlineStatus.OPEN)
    client.post(f"/cases/{case.id}/transition", data={"to": "trial", "effective_on": today.isoformat()})
    assert fresh(case).stage == Stage.TRIAL
    met = deadlines(case, DeadlineStatus.MET)
    assert met["at_detention_review_first"].closing_event == "indictment_effective"
    assert met["at_indictment_objection"].closing_event == "indictment_effective"
    assert met["at_detention_maximum"].closing_event == "trial_started"  # § 178 runs until the main hearing


def test_moving_back_needs_a_ground_and_keeps_the_history(office, prosecutor):
    case = CaseFactory(office=office, prosecutor=prosecutor, stage=Stage.CHARGING)
    DefendantFactory(case=case)
    with pytest.raises(DomainError, match="legal ground"):
        pipeline.transition(case, Stage.INVESTIGATION, actor=prosecutor, now=utcnow())
    with pytest.raises(DomainError, match="why"):
        pipeline.transition(
            case, Stage.INVESTIGATION, actor=prosecutor, now=utcnow(), grounds="further_investigation", reason=" "
        )
    move = pipeline.transition(
        case,
        Stage.INVESTIGATION,
        actor=prosecutor,
        now=utcnow(),
        grounds="further_investigation",
        reason="the lab results are missing",
    )
    assert case.stage == Stage.INVESTIGATION and move.from_stage == Stage.CHARGING
    assert deadlines(case, DeadlineStatus.OPEN) == {}  # moving back opens no second investigation limit


def test_a_quashed_judgment_is_not_offered_as_a_bare_move(office, prosecutor, client, login):
    case = CaseFactory(office=office, prosecutor=prosecutor, stage=Stage.APPEAL)
    ChargeFactory(defendant=DefendantFactory(case=case))
    login(prosecutor)
    page = client.get(f"/cases/{case.id}/move/trial")
    assert page.status_code == 200 and "entered_in_error" in page.text
    assert 'value="judgment_quashed"' not in page.text and "recorded as the appeal's decision" in page.text
    refused = client.post(
        f"/cases/{case.id}/move/trial", data={"grounds": "judgment_quashed", "reason": "x", "confirmed": "1"}
    )
    assert refused.status_code == 422 and "Not a valid choice" in refused.text and fresh(case).stage == Stage.APPEAL
