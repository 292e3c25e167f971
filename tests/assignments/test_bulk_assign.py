"""Automatic assignment spreads unassigned cases fairly, the same way every time."""

from collections import Counter

import sqlalchemy as sa

from app.assignments.loads import build_roster
from app.assignments.models import Assignment, Specialisation
from app.assignments.services import bulk_assign
from app.audit.models import AuditEvent
from app.auth.models import Role
from app.cases.models import PRE_TRIAL_STAGES, Stage
from app.extensions import db
from tests.assignments.factories import AbsenceFactory, CaseloadCaseFactory, ProsecutorProfileFactory
from tests.moments import NOW


def pre_trial_cases(office, n=135):
    return [CaseloadCaseFactory(office=office, stage=PRE_TRIAL_STAGES[i % 3]) for i in range(n)]


def counts(cases) -> Counter:
    return Counter(c.prosecutor_id for c in cases)


def test_135_cases_to_16_prosecutors_gives_each_8_or_9(office, make_user):
    prosecutors = [make_user(Role.PROSECUTOR) for _ in range(16)]
    supervisor = make_user(Role.SUPERVISOR)
    cases = pre_trial_cases(office)
    result = bulk_assign(cases, office=office, actor=supervisor, now=NOW)
    assert len(result.assigned) == 135 and result.skipped == []
    per = counts(cases)
    assert set(per) == {p.id for p in prosecutors}
    assert sorted(per.values()) == [8] * 9 + [9] * 7
    # Ties go to the lowest user id, so the first seven prosecutors get the ninth case.
    assert [per[p.id] for p in prosecutors] == [9] * 7 + [8] * 9


def test_bulk_assignment_is_the_same_every_time(office, make_user):
    prosecutors = [make_user(Role.PROSECUTOR) for _ in range(16)]
    supervisor = make_user(Role.SUPERVISOR)
    outcomes = []
    for _ in range(2):
        cases = pre_trial_cases(office, 40)
        bulk_assign(cases, office=office, actor=supervisor, now=NOW)
        outcomes.append([prosecutors.index(c.prosecutor) for c in cases])
        for c in cases:  # take them off again so the second run starts from the same loads
            c.prosecutor = None
            c.stage = Stage.FINAL
        db.session.flush()
    assert outcomes[0] == outcomes[1]


def test_half_capacity_gets_about_half(office, make_user):
    prosecutors = [make_user(Role.PROSECUTOR) for _ in range(16)]
    ProsecutorProfileFactory(user=prosecutors[5], capacity="0.50")
    cases = pre_trial_cases(office)
    bulk_assign(cases, office=office, actor=make_user(Role.SUPERVISOR), now=NOW)
    per = counts(cases)
    full = [per[p.id] for p in prosecutors if p is not prosecutors[5]]
    assert per[prosecutors[5].id] in (4, 5)
    assert set(full) <= {8, 9}
    roster = build_roster(office, now=NOW)
    assert max(c.relative for c in roster.candidates) - min(c.relative for c in roster.candidates) <= 2


def test_an_absent_prosecutor_gets_no_new_cases(office, make_user):
    away, *others = [make_user(Role.PROSECUTOR) for _ in range(4)]
    AbsenceFactory(user=away, days=90)
    cases = pre_trial_cases(office, 20)
    bulk_assign(cases, office=office, actor=make_user(Role.SUPERVISOR), now=NOW)
    assert away.id not in counts(cases)
    assert sorted(counts(cases).values()) == [6, 7, 7]


def test_absence_that_has_ended_no_longer_counts(office, make_user):
    back, other = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    AbsenceFactory(user=back, starts_on=NOW.date().replace(month=6), days=30)
    cases = pre_trial_cases(office, 4)
    bulk_assign(cases, office=office, actor=None, now=NOW)
    assert counts(cases) == {back.id: 2, other.id: 2}


def test_specialisation_operation_and_cap_narrow_the_choice(office, make_user):
    from tests.cases.factories import OperationFactory

    plain, narcotics, capped = (make_user(Role.PROSECUTOR) for _ in range(3))
    ProsecutorProfileFactory(user=narcotics, specialisations=[Specialisation.NARCOTICS.value])
    ProsecutorProfileFactory(user=capped, load_cap="1.00")
    op = OperationFactory(office=office, team=[plain, capped])
    drugs = CaseloadCaseFactory(office=office, specialisation=Specialisation.NARCOTICS)
    team_cases = [CaseloadCaseFactory(office=office, operation=op) for _ in range(3)]
    result = bulk_assign([drugs, *team_cases], office=office, actor=None, now=NOW)
    assert drugs.prosecutor == narcotics
    assert "narcotics" in result.assigned[0].reason
    # capped reaches the cap of 1.0 after one case; the other two go to plain.
    assert counts(team_cases) == {plain.id: 2, capped.id: 1}


def test_no_eligible_prosecutor_leaves_the_case_unassigned_with_the_reason(office, make_user):
    only = make_user(Role.PROSECUTOR)
    AbsenceFactory(user=only)
    kase = CaseloadCaseFactory(office=office, specialisation=Specialisation.HOMICIDE)
    result = bulk_assign([kase], office=office, actor=None, now=NOW)
    assert kase.prosecutor is None
    assert result.skipped == [(kase, "No eligible prosecutor: 1 absent")]


def test_explanation_history_and_audit_for_every_assignment(office, make_user):
    prosecutors = [make_user(Role.PROSECUTOR) for _ in range(16)]
    for p in prosecutors:
        for _ in range(7):
            CaseloadCaseFactory(office=office, prosecutor=p)
    CaseloadCaseFactory(office=office, prosecutor=prosecutors[0], stage=PRE_TRIAL_STAGES[0])
    new = CaseloadCaseFactory(office=office, defendants=0)
    for p in prosecutors[1:]:  # everyone but the first has 7.5 (an extra case at intake)
        CaseloadCaseFactory(office=office, prosecutor=p, stage=Stage.INTAKE)
    supervisor = make_user(Role.SUPERVISOR)
    [entry] = bulk_assign([new], office=office, actor=supervisor, now=NOW).assigned
    assert new.prosecutor == prosecutors[1]
    assert entry.reason == "lowest load 7.5 of 16 eligible"
    assert (entry.from_id, entry.to_id, entry.by_id, entry.automatic) == (None, prosecutors[1].id, supervisor.id, True)
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id)).where(Assignment.case_id == new.id)) == 1
    audit = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "case.assign", AuditEvent.object_id == str(new.id))
    ).one()
    assert audit.changes["prosecutor_id"] == [None, prosecutors[1].id]
    assert audit.changes["reason"] == "lowest load 7.5 of 16 eligible"
