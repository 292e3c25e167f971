"""My cases shows each case's next deadline as users read it: an hour limit with its time, a dated deadline as a
day, a missed one marked MISSED with how long ago."""

from datetime import timedelta

from app.auth.models import Role
from app.database import utcnow
from app.deadlines.models import Deadline
from tests.assignments.factories import CaseloadCaseFactory
from tests.deadlines.factories import DeadlineFactory
from tests.moments import VIENNA


def hour_limit(kase, *, hours: float) -> Deadline:
    due = (utcnow() + timedelta(hours=hours)).replace(second=0, microsecond=0)
    if due.astimezone(VIENNA).strftime("%H:%M") == "23:59":
        due -= timedelta(minutes=1)
    return DeadlineFactory(
        case=kase, manual=True, title="Deliver the arrested person to the prison", hour_limit=True, due_at=due
    )


def dated(kase, *, days: int) -> Deadline:
    day = utcnow().astimezone(VIENNA).date() + timedelta(days=days)
    return DeadlineFactory(case=kase, manual=True, title="Objection to the indictment", act_by=day)


def row_of(page: str, kase) -> str:
    return page.split(f">{kase.reference}<")[1].split("</tr>")[0]


def test_my_cases_shows_an_hour_limit_with_its_time_and_a_dated_deadline_without_23_59(
    client, login, office, make_user
):
    me = make_user(Role.PROSECUTOR)
    custody, report = CaseloadCaseFactory.create_batch(2, office=office, prosecutor=me)
    limit = hour_limit(custody, hours=30.5)
    objection = dated(report, days=3)
    login(me)
    page = client.get("/my-cases").text
    local = limit.due_at.astimezone(VIENNA)
    assert f"{local:%a} {local.day} {local:%b %Y %H:%M}" in row_of(page, custody)
    assert "in 30 hours" in row_of(page, custody)
    day = objection.due_date
    assert f"{day:%a} {day.day} {day:%b %Y}" in row_of(page, report) and "in 3 days" in row_of(page, report)
    assert "23:59" not in page


def test_my_cases_marks_a_missed_deadline_missed_and_a_future_one_not(client, login, office, make_user):
    me = make_user(Role.PROSECUTOR)
    late, on_time, later = CaseloadCaseFactory.create_batch(3, office=office, prosecutor=me)
    hour_limit(late, hours=-5.2)
    dated(on_time, days=3)
    hour_limit(later, hours=5.2)
    login(me)
    page = client.get("/my-cases").text
    missed = page.split(f">{late.reference}<")[0].rsplit("<tr", 1)[1] + row_of(page, late)
    assert 'class="table-danger deadline-missed"' in missed and "MISSED" in missed
    assert "missed 5 hours ago" in missed
    for kase, distance in ((on_time, "in 3 days"), (later, "in 5 hours")):
        row = page.split(f">{kase.reference}<")[0].rsplit("<tr", 1)[1] + row_of(page, kase)
        assert "MISSED" not in row and "deadline-missed" not in row and distance in row
