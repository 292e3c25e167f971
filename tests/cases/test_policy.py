"""Who sees and changes which case: every role against one set of cases."""

import pytest
import sqlalchemy as sa
from werkzeug.exceptions import NotFound

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.cases.policy import can_edit_case, can_record_facts, get_case_or_404, visible_cases
from app.extensions import db
from tests.cases.factories import CaseFactory, OperationFactory
from tests.factories import OfficeFactory


@pytest.fixture
def world(office, make_user):
    """Cases of one office (own, operation, sealed, others') and one of another office."""
    users = {role: make_user(role) for role in Role}
    users["outsider"] = make_user(Role.INVESTIGATOR)
    users["homeless"] = make_user(Role.SUPERVISOR, office=None)
    prosecutor, other = users[Role.PROSECUTOR], make_user(Role.PROSECUTOR)
    operation = OperationFactory(office=office, team=[users[Role.INVESTIGATOR], prosecutor])
    cases = {
        "own": CaseFactory(office=office, prosecutor=prosecutor),
        "own_sealed": CaseFactory(office=office, prosecutor=prosecutor, sealed=True),
        "operation": CaseFactory(office=office, prosecutor=other, operation=operation),
        "operation_sealed": CaseFactory(office=office, prosecutor=other, operation=operation, sealed=True),
        "office": CaseFactory(office=office, prosecutor=other),
        "sealed": CaseFactory(office=office, prosecutor=other, sealed=True),
        "elsewhere": CaseFactory(office=OfficeFactory()),
    }
    return users, cases


def visible(user, cases) -> set[str]:
    ids = {case.id for case in db.session.scalars(visible_cases(user))}
    return {name for name, case in cases.items() if case.id in ids}


ALL = {"own", "own_sealed", "operation", "operation_sealed", "office", "sealed", "elsewhere"}
OFFICE = ALL - {"elsewhere"}


@pytest.mark.parametrize(
    "who, expected",
    [
        (Role.ADMIN, ALL),
        (Role.SUPERVISOR, OFFICE),
        (Role.CLERK, {"own", "operation", "office"}),
        (Role.PROSECUTOR, {"own", "own_sealed", "operation"}),
        (Role.INVESTIGATOR, {"operation"}),
        (Role.VIEWER, set()),
        ("outsider", set()),
        ("homeless", set()),
    ],
    ids=str,
)
def test_each_role_sees_its_cases_and_no_others(world, who, expected):
    users, cases = world
    assert visible(users[who], cases) == expected


@pytest.mark.parametrize(
    "who, editable, facts",
    [
        (Role.ADMIN, ALL, ALL),
        (Role.SUPERVISOR, OFFICE, OFFICE),
        (Role.CLERK, set(), set()),
        (Role.PROSECUTOR, {"own", "own_sealed"}, {"own", "own_sealed"}),
        (Role.INVESTIGATOR, set(), {"operation"}),
        (Role.VIEWER, set(), set()),
        ("homeless", set(), set()),
    ],
    ids=str,
)
def test_who_edits_and_who_records_facts(world, who, editable, facts):
    users, cases = world
    user = users[who]
    assert {name for name, case in cases.items() if can_edit_case(user, case)} == editable
    assert {name for name, case in cases.items() if can_record_facts(user, case)} == facts


def _refusals(case_id) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.action == "access.denied", AuditEvent.object_type == "case", AuditEvent.object_id == str(case_id)
        )
    )


def test_get_case_or_404_answers_404_and_audits_the_refusal(app, world):
    users, cases = world
    prosecutor = users[Role.PROSECUTOR]
    with app.test_request_context("/cases/x"):
        assert get_case_or_404(cases["own"].id, for_edit=True, user=prosecutor) == cases["own"]
        assert get_case_or_404(cases["operation"].id, user=prosecutor) == cases["operation"]
        for case_id, kwargs in [
            (cases["office"].id, {}),
            (cases["operation"].id, {"for_edit": True}),
            (cases["operation"].id, {"for_facts": True}),
        ]:
            before = _refusals(case_id)
            with pytest.raises(NotFound):
                get_case_or_404(case_id, user=prosecutor, **kwargs)
            assert _refusals(case_id) == before + 1
        investigator = users[Role.INVESTIGATOR]
        assert get_case_or_404(cases["operation"].id, for_facts=True, user=investigator) == cases["operation"]
        with pytest.raises(NotFound):
            get_case_or_404(cases["operation"].id, for_edit=True, user=investigator)
