"""Property-based checks over random caseloads: balance and determinism."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.assignments.loads import build_roster
from app.assignments.rebalance import propose_rebalance
from app.assignments.services import bulk_assign
from app.auth.models import Role
from app.cases.models import ACTIVE_STAGES
from tests.assignments.factories import CaseloadCaseFactory, ProsecutorProfileFactory
from tests.factories import OfficeFactory, UserFactory
from tests.moments import NOW

CAPACITIES = st.sampled_from(["0.50", "0.75", "1.00", "1.25"])
CASES = st.lists(st.tuples(st.sampled_from(ACTIVE_STAGES), st.integers(0, 3), st.integers(0, 3)), max_size=40)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def office_with(capacities, cases, *, assigned_to_first=False):
    office = OfficeFactory()
    prosecutors = [UserFactory(role=Role.PROSECUTOR, office=office) for _ in capacities]
    for prosecutor, capacity in zip(prosecutors, capacities):
        ProsecutorProfileFactory(user=prosecutor, capacity=capacity)
    made = [
        CaseloadCaseFactory(
            office=office,
            stage=stage,
            defendants=n,
            in_custody=min(held, n),
            prosecutor=prosecutors[0] if assigned_to_first else None,
        )
        for stage, n, held in cases
    ]
    return office, prosecutors, made


@SETTINGS
@given(capacities=st.lists(CAPACITIES, min_size=1, max_size=8), cases=CASES)
def test_bulk_assignment_keeps_relative_loads_within_one_case_of_each_other(capacities, cases):
    office, prosecutors, made = office_with(capacities, cases)
    result = bulk_assign(made, office=office, actor=None, now=NOW)
    assert len(result.assigned) == len(made)
    roster = build_roster(office, now=NOW)
    heaviest = max(
        (c.weight / p.capacity for c in _loads(roster, office) for p in roster.candidates), default=Decimal(0)
    )
    assert roster.spread() <= heaviest


@SETTINGS
@given(capacities=st.lists(CAPACITIES, min_size=1, max_size=8), cases=CASES)
def test_bulk_assignment_is_deterministic(capacities, cases):
    outcomes = []
    for _ in range(2):
        office, prosecutors, made = office_with(capacities, cases)
        bulk_assign(list(reversed(made)), office=office, actor=None, now=NOW)
        outcomes.append([prosecutors.index(c.prosecutor) for c in made])
    assert outcomes[0] == outcomes[1]


@SETTINGS
@given(n=st.integers(2, 8), cases=CASES)
def test_office_plan_reaches_a_target_of_one_heavy_case(n, cases):
    office, prosecutors, made = office_with(["1.00"] * n, cases, assigned_to_first=True)
    roster = build_roster(office, now=NOW)
    heaviest = max((c.weight for c in _loads(roster, office)), default=Decimal(0))
    plan = propose_rebalance(
        office, now=NOW, target=max(heaviest, Decimal("0.5")), include_trial=True, include_custody=True
    )
    assert plan.within_target
    assert plan.spread_after <= plan.spread_before
    assert len({m.case.case_id for m in plan.moves}) == len(plan.moves)
    again = propose_rebalance(
        office, now=NOW, target=max(heaviest, Decimal("0.5")), include_trial=True, include_custody=True
    )
    assert again.encoded() == plan.encoded()


def _loads(roster, office):
    from app.assignments.loads import case_loads

    return case_loads(office.id, roster.weights)
