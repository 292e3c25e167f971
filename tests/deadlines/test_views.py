"""The deadline pages: the case's deadlines, recording events, the agenda, CSV, the calendar, the rules."""

import csv
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.auth.models import Role
from app.cases.models import Custody
from app.cases.services import set_custody
from app.database import utcnow
from app.deadlines import services
from app.deadlines.models import Deadline, DeadlineStatus
from app.deadlines.views import csv_cell
from app.extensions import db
from tests.cases.factories import OperationFactory
from tests.moments import VIENNA, vienna


def today() -> date:
    return utcnow().astimezone(VIENNA).date()


def manual(case, user, title, due: date, kind="period"):
    return services.add_manual_deadline(
        case, title=title, kind=kind, due_date=due, actor=user, now=utcnow() - timedelta(days=40)
    )


def test_the_case_page_shows_both_steps_of_a_period_ending_on_good_friday(
    client, login, make_case, make_defendant, prosecutor
):
    case = make_case()
    defendant = make_defendant(case)
    services.record_trigger(
        case,
        "indictment_served",
        vienna(2026, 3, 20, 10),
        defendant=defendant,
        actor=prosecutor,
        now=vienna(2026, 3, 20, 12),
    )
    db.session.commit()
    login(prosecutor)
    page = client.get(f"/deadlines/case/{case.id}").text
    assert "Objection to the indictment" in page and "§ 213 StPO" in page
    assert "Fri 3 Apr 2026 is not a working day: Good Friday (§ 84 StPO)" in page
    assert "The period ends on Tue 7 Apr 2026." in page
    assert "Tue 7 Apr 2026" in page


def test_the_case_page_shows_a_sunday_limit_with_its_friday_act_by(
    client, login, make_case, make_defendant, prosecutor
):
    case = make_case()
    defendant = make_defendant(case)
    set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 1, 10))
    db.session.commit()
    login(prosecutor)
    page = client.get(f"/deadlines/case/{case.id}").text
    assert "Sun 15 Mar 2026 is not a working day: Sunday. A limit never moves later" in page
    assert "Act by the last working day before it: Fri 13 Mar 2026." in page


def test_recording_detention_continued_on_the_page_supersedes_the_review(
    client, login, make_case, make_defendant, prosecutor
):
    case = make_case()
    defendant = make_defendant(case)
    set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 2, 10))
    db.session.commit()
    login(prosecutor)
    response = client.post(
        f"/deadlines/case/{case.id}/events",
        data={"event": "detention_continued_first", "when": "2026-03-13T11:00", "defendant_id": defendant.id},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Second detention review (Haftfrist ends)" in page and "Mon 13 Apr 2026" in page
    assert "Superseded" in page and "Replaced by" in page


def test_a_bad_event_shows_the_message_and_writes_nothing(client, login, make_case, make_defendant, prosecutor):
    case = make_case()
    make_defendant(case)
    login(prosecutor)
    response = client.post(
        f"/deadlines/case/{case.id}/events",
        data={"event": "detention_continued", "when": "2026-03-13T11:00", "defendant_id": 0},
    )
    assert response.status_code == 422
    assert "Choose the defendant this event concerns." in response.text
    response = client.post(f"/deadlines/case/{case.id}/events", data={"event": "detention_continued", "when": "soon"})
    assert response.status_code == 422 and "Enter the date and time of the event." in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deadline)) == 0


def test_a_manual_deadline_is_added_and_marked_met(client, login, make_case, prosecutor):
    case = make_case()
    login(prosecutor)
    due = today() + timedelta(days=10)
    response = client.post(
        f"/deadlines/case/{case.id}/new",
        data={
            "title": "Ask Belgrade for the call records",
            "kind": "period",
            "due_date": due.isoformat(),
            "reminders": "3d, 0d",
            "defendant_id": 0,
        },
    )
    assert response.status_code == 302
    deadline = db.session.scalar(sa.select(Deadline).where(Deadline.case_id == case.id))
    assert deadline.title == "Ask Belgrade for the call records" and deadline.reminder_offsets == ["3d", "0d"]
    response = client.post(f"/deadlines/{deadline.id}/met", data={"met_on": today().isoformat()})
    assert response.status_code == 302
    db.session.refresh(deadline)
    assert deadline.status == DeadlineStatus.MET and deadline.met_on == today()


def test_a_bad_manual_deadline_shows_field_messages(client, login, make_case, prosecutor):
    case = make_case()
    login(prosecutor)
    response = client.post(
        f"/deadlines/case/{case.id}/new", data={"title": "", "kind": "period", "due_date": "", "reminders": "soon"}
    )
    assert response.status_code == 422
    for message in ("Give the deadline a title.", "Enter the due date.", "bad reminder"):
        assert message in response.text


def test_a_prosecutor_cannot_waive_a_limit_but_a_supervisor_can(client, login, make_case, prosecutor, supervisor):
    case = make_case()
    limit = manual(case, prosecutor, "Limit", today() + timedelta(days=5), kind="limit")
    db.session.commit()
    login(prosecutor)
    assert "only a supervisor may waive it" in client.get(f"/deadlines/{limit.id}").text
    assert client.post(f"/deadlines/{limit.id}/waive", data={"reason": "Moot"}).status_code == 403
    client.post("/logout")
    login(supervisor)
    assert client.post(f"/deadlines/{limit.id}/waive", data={"reason": ""}).status_code == 422
    assert client.post(f"/deadlines/{limit.id}/waive", data={"reason": "Moot"}).status_code == 302
    db.session.refresh(limit)
    assert limit.status == DeadlineStatus.WAIVED


def test_the_agenda_sorts_open_deadlines_into_sections(client, login, make_case, prosecutor, make_user):
    case = make_case()
    overdue = manual(case, prosecutor, "Overdue report", today() - timedelta(days=2))
    soon = manual(case, prosecutor, "Due in three weeks", today() + timedelta(days=21))
    manual(case, prosecutor, "Far away", today() + timedelta(days=60))
    met = manual(case, prosecutor, "Already met", today() + timedelta(days=3))
    met.status = DeadlineStatus.MET
    other = make_case(prosecutor=make_user(Role.PROSECUTOR))
    manual(other, prosecutor, "Someone else's case", today() + timedelta(days=3))
    db.session.commit()
    login(prosecutor)
    page = client.get("/deadlines/").text
    overdue_section = page.split('id="section-overdue"')[1].split('id="section-today"')[0]
    month_section = page.split('id="section-month"')[1]
    assert overdue.title in overdue_section and "MISSED" in overdue_section and "missed 2 days ago" in overdue_section
    assert soon.title in month_section
    for hidden in ("Far away", "Already met", "Someone else's case"):
        assert hidden not in page


def test_the_agenda_filters_by_prosecutor_operation_kind_and_jurisdiction(
    client, login, make_case, office, supervisor, make_user
):
    other = make_user(Role.PROSECUTOR, name="Mag. Other")
    operation = OperationFactory(office=office)
    due = today() + timedelta(days=5)
    manual(make_case("AT", operation=operation), supervisor, "AT period in the operation", due)
    manual(make_case("RS", prosecutor=other), supervisor, "RS limit of the other", due, kind="limit")
    db.session.commit()
    login(supervisor)
    titles = ("AT period in the operation", "RS limit of the other")

    def shown(query):
        page = client.get("/deadlines/?" + query).text
        return {title for title in titles if title in page}

    assert shown("") == set(titles)
    assert shown(f"prosecutor={other.id}") == {"RS limit of the other"}
    assert shown(f"operation={operation.id}") == {"AT period in the operation"}
    assert shown("kind=limit") == {"RS limit of the other"}
    assert shown("jurisdiction=AT") == {"AT period in the operation"}
    assert shown("kind=nonsense&prosecutor=x") == set(titles)


def test_the_csv_export_has_the_agenda_and_defuses_formulas(client, login, make_case, prosecutor):
    case = make_case(title='=HYPERLINK("http://evil.example")')
    manual(case, prosecutor, "@SUM(A1:A2) report", today() + timedelta(days=4))
    db.session.commit()
    login(prosecutor)
    response = client.get("/deadlines/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:4] == ["Section", "Case", "Case title", "Deadline"]
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example")' and rows[1][3] == "'@SUM(A1:A2) report"
    assert rows[1][0] == "This week" or rows[1][0] == "Next 30 days"


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1+1", "'=1+1"),
        ("+43 1", "'+43 1"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("plain", "plain"),
        (None, ""),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_starting_a_formula_are_quoted(value, cell):
    assert csv_cell(value) == cell


def test_the_month_calendar_shows_deadlines_on_their_day(client, login, make_case, prosecutor):
    case = make_case()
    manual(case, prosecutor, "December report", date(today().year + 1, 12, 14))
    db.session.commit()
    login(prosecutor)
    page = client.get(f"/deadlines/calendar?month={today().year + 1}-12").text
    assert f"Deadlines in December {today().year + 1}" in page and "December report" in page
    assert "December report" not in client.get(f"/deadlines/calendar?month={today().year + 1}-11").text
    response = client.get("/deadlines/calendar?month=13-2026")
    assert response.status_code == 200 and "is not a month" in response.text


def test_the_rules_page_lists_every_rule_with_its_reference(client, login, make_user):
    login(make_user(Role.VIEWER))
    page = client.get("/deadlines/rules").text
    for rule in services.current_rulebook().rules:
        assert f'id="{rule.id}"' in page
    assert "§ 178 Abs. 1 StPO" in page and "Dir. 2014/41/EU art. 12(3)" in page and "felony_over_5_years" in page


def test_the_case_page_shows_the_deadline_panel(client, login, make_case, prosecutor):
    case = make_case()
    manual(case, prosecutor, "Panel deadline", today() + timedelta(days=4))
    db.session.commit()
    login(prosecutor)
    page = client.get(f"/cases/{case.id}").text
    assert 'id="panel-deadlines"' in page and "Panel deadline" in page


@pytest.mark.parametrize("path", ["/deadlines/", "/deadlines/calendar", "/deadlines/case/{case}"])
def test_list_pages_cost_the_same_statements_for_10_or_30_deadlines(
    client, login, make_case, make_defendant, prosecutor, count_statements, path
):
    case = make_case(operation=OperationFactory(office=prosecutor.office))
    defendants = [make_defendant(case) for _ in range(3)]
    login(prosecutor)
    counts = []
    for total in (10, 30):
        while db.session.scalar(sa.select(sa.func.count()).select_from(Deadline)) < total:
            n = db.session.scalar(sa.select(sa.func.count()).select_from(Deadline))
            deadline = manual(case, prosecutor, f"Deadline {n}", today() + timedelta(days=1 + n % 25))
            deadline.defendant = defendants[n % 3]
        db.session.commit()
        with count_statements() as statements:
            response = client.get(path.format(case=case.id))
        assert response.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]
