"""Only the case's prosecutor, the office's supervisors and admins learn of a measure; the rest get 404.

Roles without measures are refused every measure page before any measure is looked up,
with the same 404 a prosecutor of another case gets for a measure that exists.
"""

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.extensions import db
from app.operations.models import operation_members
from tests.measures.factories import MeasureFactory


def events(action: str, object_id, object_type: str = "measure") -> list[AuditEvent]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.action == action,
                AuditEvent.object_type == object_type,
                AuditEvent.object_id == str(object_id),
            )
        )
    )


def main(response) -> str:
    """The page's own content, without the navigation bar (which links to the measures list for prosecutors)."""
    return response.text.split("<main", 1)[1].split("</main>", 1)[0].lower()


def attach(user, operation):
    db.session.execute(operation_members.insert().values(operation_id=operation.id, user_id=user.id))
    db.session.commit()


def measure_paths(measure, case) -> tuple[str, ...]:
    return (
        f"/measures/{measure.id}",
        f"/measures/{measure.id}/renew",
        f"/measures/{measure.id}/terminate",
        f"/cases/{case.id}/measures/new",
    )


def test_another_prosecutor_asking_for_a_measure_is_told_it_does_not_exist(client, make_user, login, case):
    measure = MeasureFactory(case=case)
    login(make_user(Role.PROSECUTOR))
    for path in measure_paths(measure, case):
        response = client.get(path)
        assert response.status_code == 404, path
        assert measure.target_phone not in response.text
    assert [event.outcome for event in events("access.denied", measure.id)] == ["denied"] * 3
    assert events("measure.view", measure.id) == []


@pytest.mark.parametrize("role", [Role.CLERK, Role.VIEWER, Role.INVESTIGATOR])
def test_roles_without_measures_are_refused_alike_whether_the_measure_exists_or_not(
    client, make_user, login, case, role
):
    measure = MeasureFactory(case=case)
    login(make_user(role))
    for path in (*measure_paths(measure, case), f"/measures/{measure.id + 1000}"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert measure.target_phone not in response.text
    refused = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "access.denied")).all()
    assert sorted(event.changes["path"] for event in refused) == sorted(
        (*measure_paths(measure, case), f"/measures/{measure.id + 1000}")
    )
    assert events("measure.view", measure.id) == []


@pytest.mark.parametrize("role", [Role.INVESTIGATOR, Role.PROSECUTOR])
def test_the_operation_team_sees_the_case_but_not_its_measures(client, make_user, login, case, operation, role):
    measure = MeasureFactory(case=case)
    member = make_user(role)
    attach(member, operation)
    login(member)
    assert client.get(f"/measures/{measure.id}").status_code == 404
    page = client.get(f"/cases/{case.id}")
    assert page.status_code == 200
    assert "measure" not in main(page)
    assert client.get("/measures/").status_code == (200 if role == Role.PROSECUTOR else 404)
    assert measure.target_phone not in client.get("/measures/").text


def test_the_clerk_sees_the_case_page_without_measures(client, make_user, login, case):
    MeasureFactory(case=case)
    login(make_user(Role.CLERK))
    page = client.get(f"/cases/{case.id}")
    assert page.status_code == 200
    assert "measure" not in main(page)


def test_the_cases_prosecutor_sees_the_measure_and_the_view_is_audited(client, login, case, prosecutor):
    measure = MeasureFactory(case=case, target_phone="+381 64 555 0101")
    login(prosecutor)
    response = client.get(f"/measures/{measure.id}")
    assert response.status_code == 200
    assert "+381 64 555 0101" in response.text
    assert "this view is recorded in the audit trail" in response.text
    [view] = events("measure.view", measure.id)
    assert view.actor_id == prosecutor.id and view.changes == {"case_id": case.id}
    case_page = client.get(f"/cases/{case.id}")
    assert "Investigative measures" in case_page.text and "+381 64 555 0101" in case_page.text
    assert "+381 64 555 0101" in client.get("/measures/").text


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMIN])
def test_supervisors_and_admins_see_measures_and_each_view_is_audited(client, make_user, login, case, role):
    measure = MeasureFactory(case=case)
    user = make_user(role)
    login(user)
    assert client.get(f"/measures/{measure.id}").status_code == 200
    assert client.get(f"/measures/{measure.id}").status_code == 200
    assert [event.actor_id for event in events("measure.view", measure.id)] == [user.id, user.id]


def test_a_supervisor_of_another_office_gets_404(client, make_user, login, case):
    from tests.factories import OfficeFactory

    measure = MeasureFactory(case=case)
    login(make_user(Role.SUPERVISOR, office=OfficeFactory()))
    assert client.get(f"/measures/{measure.id}").status_code == 404


def test_the_measure_list_costs_the_same_statements_for_10_or_30_rows(
    client, login, case, prosecutor, count_statements
):
    login(prosecutor)

    def measured(rows: int) -> int:
        MeasureFactory.create_batch(rows - len(case_measures()), case=case)
        with count_statements() as statements:
            response = client.get("/measures/")
        assert response.text.count("Telephone interception") == rows
        return len(statements)

    def case_measures():
        from app.measures.models import Measure

        return db.session.scalars(sa.select(Measure).where(Measure.case_id == case.id)).all()

    assert measured(10) == measured(30)


@pytest.mark.parametrize("role", [Role.CLERK, Role.INVESTIGATOR])
def test_an_ordered_measure_leaves_no_trace_on_the_case_page_for_others(
    client, make_user, login, case, operation, prosecutor, role
):
    from datetime import date

    from app.database import utcnow
    from app.measures import services
    from app.measures.models import MeasureKind, MeasureStatus

    services.record_measure(
        case,
        kind=MeasureKind.TELEPHONE_INTERCEPTION,
        status=MeasureStatus.RUNNING,
        target_phone="+381 64 000 1111",
        ordering_court="LG Wien",
        order_reference="331 HR 7/19t",
        ordered_on=date(2019, 7, 1),
        valid_from=date(2019, 7, 1),
        valid_to=date(2099, 9, 30),
        actor=prosecutor,
        now=utcnow(),
    )
    db.session.commit()
    user = make_user(role)
    attach(user, operation)
    login(user)
    page = client.get(f"/cases/{case.id}")
    assert page.status_code == 200
    assert "measure" not in main(page) and "331 HR 7/19t" not in page.text


def test_the_deadline_condition_hides_expiry_limits_from_those_without_need_to_know(make_user, case, prosecutor):
    from datetime import date

    from app.database import utcnow
    from app.deadlines.models import Deadline
    from app.measures import services
    from app.measures.models import MeasureKind, MeasureStatus
    from app.measures.policy import deadline_visibility

    services.record_measure(
        case,
        kind=MeasureKind.TELEPHONE_INTERCEPTION,
        status=MeasureStatus.RUNNING,
        target_phone="+381 64 000 1111",
        ordering_court="LG Wien",
        order_reference="331 HR 7/19t",
        ordered_on=date(2019, 7, 1),
        valid_from=date(2019, 7, 1),
        valid_to=date(2099, 9, 30),
        actor=prosecutor,
        now=utcnow(),
    )

    def seen_by(user) -> list[str]:
        return list(
            db.session.scalars(
                sa.select(Deadline.rule_id).where(Deadline.case_id == case.id, deadline_visibility(user))
            )
        )

    assert seen_by(prosecutor) == ["at_measure_expiry"]
    assert seen_by(make_user(Role.SUPERVISOR)) == ["at_measure_expiry"]
    assert seen_by(make_user(Role.CLERK)) == []
    assert seen_by(make_user(Role.PROSECUTOR)) == []
