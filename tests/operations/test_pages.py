"""The operations list and page: who sees what, and what it costs."""

import re

import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.cases.models import SeizureCategory, Unit
from app.extensions import db
from tests.cases.factories import (
    OpenedCaseFactory,
    OperationFactory,
    PersonFactory,
    RecordedArrestFactory,
    SeizureFactory,
)
from tests.factories import OfficeFactory


def figure(html: str, name: str) -> str:
    match = re.search(rf'id="figure-{name}">([^<]*)<', html)
    assert match, f"no figure {name} on the page"
    return match.group(1)


def switch_to(client, login, user):
    """Sign the current user out and `user` in."""
    client.post("/logout")
    login(user)


def small_operation(office, make_user, team=()):
    op = OperationFactory(
        office=office,
        team=list(team),
        countries=["AT", "RS", "HU"],
        partner_agencies=["Belgrade police"],
        legal_framework="PCC SEE",
    )
    kase = OpenedCaseFactory(office=office, operation=op)
    arrest = RecordedArrestFactory(
        case=kase, person=PersonFactory(office=office, first_name="Marko", last_name="Petrović")
    )
    SeizureFactory(case=kase, substance="heroin", quantity=1500, unit=Unit.G, arrest=arrest)
    SeizureFactory(case=kase, category=SeizureCategory.WEAPON, substance="pistol", quantity=2, unit=Unit.PIECES)
    return op


def test_the_page_shows_figures_team_and_framework(client, office, make_user, login):
    supervisor = make_user(Role.SUPERVISOR, name="Dr. Harald Brunner")
    prosecutor = make_user(name="Mag. Katharina Huber")
    op = small_operation(office, make_user, team=[prosecutor])
    login(supervisor)
    html = client.get(f"/operations/{op.id}").text
    assert figure(html, "arrests") == "1"
    assert figure(html, "heroin") == "1.5 kg"
    assert figure(html, "weapons") == "2"
    assert figure(html, "pre-trial") == "0"
    assert figure(html, "prosecutors") == "1"
    assert figure(html, "serbia-or-montenegro") == "100 %"
    assert "Mag. Katharina Huber" in html
    assert "PCC SEE" in html and "Belgrade police" in html
    assert "Austria, Serbia, Hungary" in html


def test_a_viewer_sees_aggregates_and_the_team_but_no_suspects_names(client, office, make_user, login):
    op = small_operation(office, make_user, team=[make_user(name="Mag. Stefan Wagner")])
    login(make_user(Role.VIEWER))
    html = client.get(f"/operations/{op.id}").text
    assert figure(html, "arrests") == "1"
    assert "Mag. Stefan Wagner" in html
    assert "Petrović" not in html


def test_the_team_sees_its_operation_and_others_are_told_it_does_not_exist(client, office, make_user, login):
    investigator = make_user(Role.INVESTIGATOR)
    op = small_operation(office, make_user, team=[investigator])
    login(investigator)
    assert client.get(f"/operations/{op.id}").status_code == 200
    switch_to(client, login, make_user(Role.INVESTIGATOR))
    assert client.get(f"/operations/{op.id}").status_code == 404
    denied = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "access.denied").order_by(AuditEvent.id.desc())
    )
    assert (denied.object_type, denied.object_id) == ("operation", str(op.id))


def test_another_offices_supervisor_and_viewer_get_404(client, office, make_user, login):
    op = small_operation(office, make_user)
    elsewhere = OfficeFactory()
    for role in (Role.SUPERVISOR, Role.VIEWER):
        switch_to(client, login, make_user(role, office=elsewhere))
        assert client.get(f"/operations/{op.id}").status_code == 404


def test_the_list_holds_only_visible_operations_with_their_counts(client, office, make_user, login):
    member = make_user()
    mine = small_operation(office, make_user, team=[member])
    other = small_operation(office, make_user)
    login(member)
    html = client.get("/operations/").text
    assert mine.name in html and other.name not in html
    assert 'href="/operations/"' in html  # the nav item
    switch_to(client, login, make_user(Role.SUPERVISOR))
    html = client.get("/operations/").text
    assert mine.name in html and other.name in html
    switch_to(client, login, make_user(Role.CLERK))
    assert "You are not attached to any operation." in client.get("/operations/").text


def test_the_page_costs_the_same_statements_for_5_and_50_cases(client, office, make_user, login, count_statements):
    login(make_user(Role.ADMIN))

    def statements_for(cases: int) -> int:
        op = OperationFactory(office=office, team=[make_user() for _ in range(cases // 5)])
        for n in range(cases):
            kase = OpenedCaseFactory(office=office, operation=op)
            person = PersonFactory(
                office=office, nationality="RS" if n % 3 else "ME", first_name="Person", last_name=f"Number{n}"
            )
            arrest = RecordedArrestFactory(case=kase, person=person)
            SeizureFactory(
                case=kase, substance="heroin" if n % 2 else "cocaine", quantity=100, unit=Unit.G, arrest=arrest
            )
            SeizureFactory(case=kase, category=SeizureCategory.WEAPON, substance="pistol", quantity=1, unit=Unit.PIECES)
        with count_statements() as counted:
            response = client.get(f"/operations/{op.id}")
        assert response.status_code == 200
        assert figure(response.text, "arrests") == str(cases)
        return len(counted)

    assert statements_for(5) == statements_for(50)


def test_the_list_costs_the_same_statements_for_2_and_12_operations(client, office, make_user, login, count_statements):
    login(make_user(Role.ADMIN))

    def statements_with(operations: int) -> int:
        while db.session.scalar(sa.select(sa.func.count()).select_from(sa.table("operations"))) < operations:
            small_operation(office, make_user, team=[make_user()])
        with count_statements() as counted:
            assert client.get("/operations/").status_code == 200
        return len(counted)

    assert statements_with(2) == statements_with(12)
