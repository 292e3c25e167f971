"""Rebalancing plans: few moves, the target spread, and pinned cases left alone."""

from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.assignments.loads import build_roster
from app.assignments.models import Assignment
from app.assignments.rebalance import decode_moves, propose_rebalance
from app.assignments.services import apply_rebalance
from app.audit.models import AuditEvent
from app.auth.models import Role
from app.cases.models import Case, Stage
from app.errors import DomainError
from app.extensions import db
from tests.assignments.factories import AbsenceFactory, CaseloadCaseFactory
from tests.moments import NOW


@pytest.fixture
def office_of_16(office, make_user):
    prosecutors = [make_user(Role.PROSECUTOR) for _ in range(16)]
    for i, p in enumerate(prosecutors):
        for j in range(8 + i % 2):
            CaseloadCaseFactory(office=office, prosecutor=p, stage=Stage.CHARGING if j % 2 else Stage.INVESTIGATION)
    return prosecutors


def test_plan_for_a_prosecutor_absent_three_months_moves_their_non_custody_cases(office, make_user, office_of_16):
    away = office_of_16[3]
    held = CaseloadCaseFactory(office=office, prosecutor=away, defendants=2, in_custody=1)
    at_trial = CaseloadCaseFactory(office=office, prosecutor=away, stage=Stage.TRIAL, defendants=1)
    AbsenceFactory(user=away, days=91)
    plan = propose_rebalance(office, now=NOW, prosecutor=away)
    assert plan.clearing
    assert len(plan.moves) == 9 and all(m.from_user == away for m in plan.moves)
    assert away not in {m.to_user for m in plan.moves}
    assert {c.case_id for c, _why in plan.kept} == {held.id, at_trial.id}
    assert plan.within_target and plan.spread_after <= Decimal("1")
    # Planning changes nothing until it is applied.
    assert held.prosecutor == away and db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 0

    supervisor = make_user(Role.SUPERVISOR)
    done = apply_rebalance(
        decode_moves(plan.encoded()), office=office, actor=supervisor, now=NOW, reason="parental leave"
    )
    assert len(done) == 9 and all(a.reason == "Rebalancing: parental leave" and not a.automatic for a in done)
    roster = build_roster(office, now=NOW)
    assert roster.get(away.id).cases == 2
    present = [c.relative for c in roster.present()]
    assert max(present) - min(present) <= 1
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(AuditEvent.action == "case.assign")) == 9


def test_including_custody_and_trial_moves_those_too(office, make_user, office_of_16):
    away = office_of_16[0]
    CaseloadCaseFactory(office=office, prosecutor=away, defendants=1, in_custody=1)
    CaseloadCaseFactory(office=office, prosecutor=away, stage=Stage.TRIAL)
    AbsenceFactory(user=away)
    plan = propose_rebalance(office, now=NOW, prosecutor=away, include_custody=True, include_trial=True)
    assert len(plan.moves) == 10 and plan.kept == []


def test_overloaded_prosecutor_gives_up_as_few_cases_as_needed(office, make_user, office_of_16):
    heavy = office_of_16[0]
    for _ in range(6):
        CaseloadCaseFactory(office=office, prosecutor=heavy)
    plan = propose_rebalance(office, now=NOW, prosecutor=heavy, target=Decimal("1"))
    # 14 cases against 8 or 9 elsewhere: five moves bring heavy to 9, one above the lightest.
    assert len(plan.moves) == 5
    assert plan.after[heavy.id] == 9
    assert {m.from_user for m in plan.moves} == {heavy}
    assert plan.within_target


def test_whole_office_plan_uses_best_fitting_cases(office, make_user):
    a, b = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    for _ in range(4):
        CaseloadCaseFactory(office=office, prosecutor=a)
    heavy = CaseloadCaseFactory(office=office, prosecutor=a, defendants=5)  # weighs 2
    plan = propose_rebalance(office, now=NOW, target=Decimal("1"))
    # 6 against 0: moving the heavy case and one plain case gives 3 and 3 in two moves, not three.
    assert [m.case.case_id for m in plan.moves][0] == heavy.id
    assert len(plan.moves) == 2 and plan.after == {a.id: 3, b.id: 3}


def test_office_already_within_target_needs_no_moves(office, make_user, office_of_16):
    plan = propose_rebalance(office, now=NOW)
    assert plan.moves == [] and plan.spread_before == 1


def test_a_stale_plan_is_refused_and_changes_nothing(office, make_user, office_of_16):
    away = office_of_16[1]
    AbsenceFactory(user=away)
    plan = propose_rebalance(office, now=NOW, prosecutor=away)
    moves = decode_moves(plan.encoded())
    db.session.get(Case, moves[-1][0]).prosecutor = office_of_16[2]
    db.session.flush()
    with pytest.raises(DomainError, match="out of date"):
        apply_rebalance(moves, office=office, actor=None, now=NOW, reason="")
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 0
