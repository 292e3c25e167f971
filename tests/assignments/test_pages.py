"""The caseload pages as users see them: my cases, the dashboard, profiles, assignment, rebalancing."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.assignments.models import Absence, Assignment, CaseloadSettings, CaseSpecialisation, ProsecutorProfile
from app.auth.models import Role
from app.cases.models import Stage
from app.database import utcnow
from app.extensions import db
from tests.assignments.factories import AbsenceFactory, CaseloadCaseFactory, ProsecutorProfileFactory
from tests.deadlines.factories import DeadlineFactory
from tests.factories import OfficeFactory, UserFactory


def deadline(kase, *, days):
    due = utcnow() + timedelta(days=days)
    return DeadlineFactory(
        case=kase, manual=True, title="Detention review", due_at=due, due_date=due.date(), act_by=due.date()
    )


def test_my_cases_lists_own_active_cases_next_deadline_first(client, login, office, make_user):
    me, other = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    later = CaseloadCaseFactory(office=office, prosecutor=me)
    soon = CaseloadCaseFactory(office=office, prosecutor=me, defendants=1, in_custody=1)
    quiet = CaseloadCaseFactory(office=office, prosecutor=me)
    overdue = CaseloadCaseFactory(office=office, prosecutor=me)
    CaseloadCaseFactory(office=office, prosecutor=me, stage=Stage.FINAL)
    theirs = CaseloadCaseFactory(office=office, prosecutor=other)
    deadline(later, days=20), deadline(soon, days=2), deadline(overdue, days=-1)
    login(me)
    page = client.get("/my-cases").text
    positions = [page.index(c.reference + "<") for c in (overdue, soon, later, quiet)]
    assert positions == sorted(positions)
    assert "MISSED" in page and "1 in custody" in page
    assert theirs.reference + "<" not in page and "4 active cases" in page


def test_my_cases_costs_the_same_for_3_or_12_cases(client, login, office, make_user, count_statements):
    me = make_user(Role.PROSECUTOR)
    login(me)
    costs = []
    for n in (3, 9):
        for _ in range(n):
            deadline(CaseloadCaseFactory(office=office, prosecutor=me, defendants=2, in_custody=1), days=3)
        with count_statements() as statements:
            assert client.get("/my-cases").status_code == 200
        costs.append(len(statements))
    assert costs[0] == costs[1]


def test_dashboard_shows_loads_stages_custody_overdue_and_balance(client, login, office, make_user):
    a, b = make_user(Role.PROSECUTOR, name="Mag. Anna Fuchs"), make_user(Role.PROSECUTOR, name="Dr. Boris Hofer")
    ProsecutorProfileFactory(user=b, capacity="0.50")
    for _ in range(3):
        CaseloadCaseFactory(office=office, prosecutor=a)
    CaseloadCaseFactory(office=office, prosecutor=a, stage=Stage.TRIAL, defendants=2, in_custody=1)  # 1.5 + 0.25 + 0.5
    deadline(CaseloadCaseFactory(office=office, prosecutor=b), days=-2)
    CaseloadCaseFactory(office=office)  # unassigned
    login(make_user(Role.SUPERVISOR))
    page = client.get("/caseload/").text
    assert "highest relative load <strong>5.25</strong>" in page
    assert "lowest <strong>2</strong>" in page and "spread <strong>3.25</strong>" in page
    assert "Unassigned cases (1)" in page
    row_b = page[page.index("Dr. Boris Hofer</a>") :].split("</tr>")[0]
    assert 'badge text-bg-danger">1<' in row_b and ">0.5<" in row_b
    assert "<svg" in page and "<script" not in page.split("<footer")[0]


def test_dashboard_costs_the_same_for_4_or_12_prosecutors(client, login, office, make_user, count_statements):
    login(make_user(Role.SUPERVISOR))
    costs = []
    for n in (4, 8):
        for _ in range(n):
            p = make_user(Role.PROSECUTOR)
            ProsecutorProfileFactory(user=p, capacity="0.75")
            AbsenceFactory(user=p, days=3)
            deadline(CaseloadCaseFactory(office=office, prosecutor=p, defendants=2, in_custody=1), days=-1)
        with count_statements() as statements:
            assert client.get("/caseload/").status_code == 200
        costs.append(len(statements))
    assert costs[0] == costs[1]


def test_supervisor_edits_a_profile_and_bad_input_changes_nothing(client, login, office, make_user):
    prosecutor = make_user(Role.PROSECUTOR)
    login(make_user(Role.SUPERVISOR))
    bad = client.post(f"/caseload/prosecutors/{prosecutor.id}", data={"capacity": "3", "load_cap": "x"})
    assert bad.status_code == 422 and "Capacity must be between 0.1 and 1.5." in bad.text
    assert db.session.get(ProsecutorProfile, prosecutor.id) is None
    good = client.post(
        f"/caseload/prosecutors/{prosecutor.id}",
        data={"capacity": "0.5", "specialisations": ["narcotics", "homicide"], "load_cap": ""},
    )
    assert good.status_code == 302
    saved = db.session.get(ProsecutorProfile, prosecutor.id)
    assert (float(saved.capacity), saved.specialisations) == (0.5, ["homicide", "narcotics"])


def test_absence_form_checks_dates_and_overlaps(client, login, office, make_user):
    prosecutor, deputy = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    login(make_user(Role.SUPERVISOR))
    url = f"/caseload/prosecutors/{prosecutor.id}/absences"
    backwards = client.post(url, data={"starts_on": "2019-09-10", "ends_on": "2019-09-01", "deputy_id": "0"})
    assert backwards.status_code == 422 and "cannot end before it starts" in backwards.text
    ok = client.post(
        url,
        data={"starts_on": "2019-09-01", "ends_on": "2019-11-30", "deputy_id": deputy.id, "reason": "parental leave"},
    )
    assert ok.status_code == 302 and ok.headers["Location"].endswith(f"/caseload/rebalance?prosecutor={prosecutor.id}")
    overlap = client.post(url, data={"starts_on": "2019-11-01", "ends_on": "2019-12-01", "deputy_id": "0"})
    assert overlap.status_code == 422 and "overlaps" in overlap.text
    assert db.session.scalar(sa.select(sa.func.count(Absence.id)).where(Absence.user_id == prosecutor.id)) == 1


def test_other_offices_prosecutors_answer_404(client, login, make_user):
    stranger = UserFactory(role=Role.PROSECUTOR, office=OfficeFactory())
    login(make_user(Role.SUPERVISOR))
    assert client.get(f"/caseload/prosecutors/{stranger.id}").status_code == 404
    assert client.post(f"/caseload/prosecutors/{stranger.id}/absences").status_code == 404


def test_supervisor_assigns_by_hand_and_the_case_page_shows_the_history(client, login, office, make_user):
    first, second = make_user(Role.PROSECUTOR, name="Mag. Eins"), make_user(Role.PROSECUTOR, name="Mag. Zwei")
    kase = CaseloadCaseFactory(office=office, prosecutor=first)
    login(make_user(Role.SUPERVISOR, name="Dr. Harald Brunner"))
    missing = client.post(f"/caseload/cases/{kase.id}/assign", data={"prosecutor_id": second.id})
    assert missing.status_code == 422 and "Say why" in missing.text and kase.prosecutor == first
    done = client.post(f"/caseload/cases/{kase.id}/assign", data={"prosecutor_id": second.id, "reason": "Bias"})
    assert done.status_code == 302
    assert kase.prosecutor == second
    history = client.get(f"/caseload/cases/{kase.id}").text
    assert "Mag. Eins</td>" in history and "Dr. Harald Brunner</td>" in history and "Bias</td>" in history
    detail = client.get(f"/cases/{kase.id}").text
    assert "Assignment history" in detail and "Bias</td>" in detail


def test_prosecutor_sees_the_history_of_own_case_only(client, login, office, make_user):
    me, other = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    mine = CaseloadCaseFactory(office=office, prosecutor=me)
    theirs = CaseloadCaseFactory(office=office, prosecutor=other)
    login(me)
    page = client.get(f"/caseload/cases/{mine.id}")
    assert page.status_code == 200 and "Assign by hand" not in page.text
    assert client.get(f"/caseload/cases/{theirs.id}").status_code == 404
    assert client.post(f"/caseload/cases/{mine.id}/assign", data={"prosecutor_id": other.id}).status_code == 403


def test_supervisor_sets_a_specialisation_and_assigns_by_the_rules(client, login, office, make_user):
    make_user(Role.PROSECUTOR)  # idle, but without the specialisation
    narcotics = make_user(Role.PROSECUTOR)
    ProsecutorProfileFactory(user=narcotics, specialisations=["narcotics"])
    CaseloadCaseFactory(office=office, prosecutor=narcotics)
    kase = CaseloadCaseFactory(office=office)
    login(make_user(Role.SUPERVISOR))
    client.post(f"/caseload/cases/{kase.id}/specialisation", data={"specialisation": "narcotics"})
    assert db.session.get(CaseSpecialisation, kase.id).specialisation.value == "narcotics"
    client.post(f"/caseload/cases/{kase.id}/auto-assign")
    assert kase.prosecutor == narcotics
    entry = db.session.scalars(sa.select(Assignment).where(Assignment.case_id == kase.id)).one()
    assert entry.reason == "lowest load 1 of 1 eligible, narcotics"


def test_bulk_assignment_page(client, login, office, make_user):
    make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    cases = [CaseloadCaseFactory(office=office) for _ in range(5)]
    login(make_user(Role.SUPERVISOR))
    assert all(c.reference in client.get("/caseload/unassigned").text for c in cases)
    assert client.post("/caseload/unassigned", data={}).status_code == 422
    response = client.post("/caseload/unassigned", data={"case_ids": [c.id for c in cases[:3]]}, follow_redirects=True)
    assert "3 cases assigned." in response.text
    assert [c.prosecutor is not None for c in cases] == [True, True, True, False, False]


def test_rebalance_page_proposes_then_applies(client, login, office, make_user):
    away, *others = [make_user(Role.PROSECUTOR) for _ in range(3)]
    moving = [CaseloadCaseFactory(office=office, prosecutor=away) for _ in range(4)]
    held = CaseloadCaseFactory(office=office, prosecutor=away, defendants=1, in_custody=1)
    AbsenceFactory(user=away, starts_on=utcnow().date(), days=90)
    login(make_user(Role.SUPERVISOR))
    plan = client.post("/caseload/rebalance", data={"prosecutor_id": away.id, "target": "1"})
    assert plan.status_code == 200 and "4 moves" in plan.text and "defendant in custody" in plan.text
    assert all(c.prosecutor == away for c in moving)  # proposing changes nothing
    moves = plan.text.split('name="moves" type="hidden" value="')[1].split('"')[0]
    response = client.post("/caseload/rebalance/apply", data={"moves": moves, "reason": "leave"})
    assert response.status_code == 302
    assert {c.prosecutor for c in moving} == set(others) and held.prosecutor == away
    stale = client.post("/caseload/rebalance/apply", data={"moves": moves}, follow_redirects=True)
    assert "out of date" in stale.text


@pytest.mark.parametrize("moves", ["garbage", "1:2", ""])
def test_unreadable_plans_are_refused(client, login, make_user, moves):
    login(make_user(Role.SUPERVISOR))
    response = client.post("/caseload/rebalance/apply", data={"moves": moves}, follow_redirects=True)
    assert response.status_code == 200 and "alert-danger" in response.text


def test_weights_form_saves_and_changes_loads(client, login, office, make_user):
    prosecutor = make_user(Role.PROSECUTOR)
    CaseloadCaseFactory(office=office, prosecutor=prosecutor, stage=Stage.TRIAL)
    login(make_user(Role.SUPERVISOR))
    form = {f"stage_{s}": "1" for s in ("intake", "investigation", "charging", "indicted", "judgment", "appeal")}
    bad = client.post(
        "/caseload/weights",
        data={**form, "stage_trial": "-1", "extra_defendant_weight": "0", "custody_weight": "0", "spread_target": "1"},
    )
    assert bad.status_code == 422 and "Between 0 and 20." in bad.text
    assert db.session.get(CaseloadSettings, office.id) is None
    client.post(
        "/caseload/weights",
        data={**form, "stage_trial": "4", "extra_defendant_weight": "0", "custody_weight": "0", "spread_target": "2"},
    )
    assert "highest relative load <strong>4</strong>" in client.get("/caseload/").text
