"""Assigning one case: by hand, automatically when opened, and what follows the case."""

import pytest
import sqlalchemy as sa

from app.assignments.models import Assignment, CaseloadSettings
from app.assignments.services import assign_case, auto_assign
from app.audit.models import AuditEvent
from app.auth.models import Role
from app.cases.models import Jurisdiction, TimelineKind
from app.cases.services import open_case
from app.errors import DomainError
from app.extensions import db
from tests.assignments.factories import CaseloadCaseFactory
from tests.moments import NOW


def test_manual_reassignment_keeps_history_timeline_and_audit(office, make_user):
    first, second = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    supervisor = make_user(Role.SUPERVISOR)
    kase = CaseloadCaseFactory(office=office, prosecutor=first)
    assign_case(kase, second, actor=supervisor, now=NOW, reason="Conflict of interest")
    entry = db.session.scalars(sa.select(Assignment).where(Assignment.case_id == kase.id)).one()
    assert (entry.from_id, entry.to_id, entry.by_id, entry.automatic, entry.reason) == (
        first.id,
        second.id,
        supervisor.id,
        False,
        "Conflict of interest",
    )
    line = [t for t in kase.timeline if t.kind == TimelineKind.ASSIGNMENT][0]
    assert line.summary == f"Assigned by hand to {second.name} (was {first.name}): Conflict of interest"
    audit = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "case.assign")).all()
    assert [(event.object_id, event.actor_id) for event in audit] == [(str(kase.id), supervisor.id)]


def test_refuses_the_same_prosecutor_and_outsiders(office, make_user):
    from tests.factories import OfficeFactory, UserFactory

    mine = make_user(Role.PROSECUTOR)
    kase = CaseloadCaseFactory(office=office, prosecutor=mine)
    with pytest.raises(DomainError, match="already assigned"):
        assign_case(kase, mine, actor=None, now=NOW, reason="")
    with pytest.raises(DomainError, match="not an active prosecutor"):
        assign_case(kase, UserFactory(role=Role.PROSECUTOR, office=OfficeFactory()), actor=None, now=NOW, reason="")
    with pytest.raises(DomainError, match="not an active prosecutor"):
        assign_case(kase, make_user(Role.CLERK), actor=None, now=NOW, reason="")
    assert kase.prosecutor == mine


def test_auto_assign_moves_an_assigned_case_to_someone_else(office, make_user):
    busy, idle = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    kase = CaseloadCaseFactory(office=office, prosecutor=busy)
    auto_assign(kase, actor=None, now=NOW)
    assert kase.prosecutor == idle


def open_new(office, **kw):
    return open_case(
        office=office,
        reference=f"712 St {id(kw)}/19",
        title="Suchtgifthandel",
        opened_on=NOW.date(),
        jurisdiction=Jurisdiction.AT,
        actor=None,
        now=NOW,
        **kw,
    )


def test_a_newly_opened_case_is_assigned_by_the_rules(office, make_user):
    busy, idle = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    CaseloadCaseFactory(office=office, prosecutor=busy)
    kase = open_new(office)
    assert kase.prosecutor == idle
    assert kase.timeline[0].summary.startswith(f"Assigned automatically to {idle.name}: lowest load 0 of 2")


def test_a_case_opened_with_a_prosecutor_keeps_them(office, make_user):
    chosen, _other = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    kase = open_new(office, prosecutor=chosen)
    assert kase.prosecutor == chosen
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id)).where(Assignment.case_id == kase.id)) == 0


def test_an_office_can_turn_assignment_of_new_cases_off(office, make_user):
    make_user(Role.PROSECUTOR)
    db.session.add(CaseloadSettings(office_id=office.id, assign_new_cases=False))
    db.session.flush()
    assert open_new(office).prosecutor is None


def test_a_new_case_nobody_may_take_stays_unassigned(office):
    assert open_new(office).prosecutor is None
