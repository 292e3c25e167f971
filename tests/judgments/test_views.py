"""The registry's pages: entry, refusals with field messages, the conflict page, statistics and CSV."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.auth.models import Role
from app.cases.models import Stage
from app.core.web import csv_cell
from app.database import utcnow
from app.extensions import db
from app.judgments import services
from app.judgments.models import Judgment
from tests.judgments.entries import entry, years


def form_data(defendant, **overrides) -> dict:
    today = utcnow().date()
    data = {
        "announced_on": (today - timedelta(days=1)).isoformat(),
        "court": "Landesgericht Wien",
        "court_file_number": "063 Hv 12/19d",
        "prison_years": "8",
    }
    data.update({f"verdict_{charge.id}": "convicted" for charge in defendant.charges})
    data.update(overrides)
    return data


@pytest.fixture
def signed_in_clerk(clerk, login):
    login(clerk)
    return clerk


def test_a_clerk_enters_a_judgment_and_the_case_moves_to_judgment(make_defendant, signed_in_clerk, client):
    defendant = make_defendant()
    page = client.get(f"/judgments/defendants/{defendant.id}/new")
    assert "autofocus" in page.text and "Verdict on § 28a SMG" in page.text
    response = client.post(f"/judgments/defendants/{defendant.id}/new", data=form_data(defendant))
    assert response.status_code == 302
    judgment = db.session.scalar(sa.select(Judgment).where(Judgment.defendant_id == defendant.id))
    assert judgment.sentence.prison_years == 8 and defendant.case.stage == Stage.JUDGMENT
    assert "8 years imprisonment" in client.get(response.headers["Location"]).text


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"prison_months": "14"}, "Months must be under 12"),
        ({"conditional_years": "9", "probation_years": "3"}, "cannot be longer than the whole term"),
        ({"prison_years": "25"}, "is more than § 28a SMG allows"),
    ],
)
def test_invalid_entries_show_field_messages_and_save_nothing(
    make_defendant, signed_in_clerk, client, overrides, message
):
    defendant = make_defendant(max_months=120)
    response = client.post(f"/judgments/defendants/{defendant.id}/new", data=form_data(defendant, **overrides))
    assert response.status_code == 422
    assert message in response.text and "invalid-feedback" in response.text
    assert db.session.scalar(sa.select(sa.func.count(Judgment.id))) == 0


def test_the_second_of_two_clerks_gets_a_conflict_page_and_nothing_is_overwritten(
    make_defendant, signed_in_clerk, client
):
    defendant = make_defendant()
    entered = entry(defendant, court="LG Wien", court_file_number="1", announced_on=utcnow().date() - timedelta(days=1))
    judgment = services.enter_judgment(defendant, entered, actor=None, now=utcnow())
    db.session.commit()
    read_version = judgment.version
    first = client.post(
        f"/judgments/{judgment.id}/edit", data=form_data(defendant, version=read_version, prison_years="9")
    )
    assert first.status_code == 302
    second = client.post(
        f"/judgments/{judgment.id}/edit", data=form_data(defendant, version=read_version, prison_years="5")
    )
    assert second.status_code == 409
    assert "Someone else saved this judgment first" in second.text
    assert "9 years" in second.text and "5 years" in second.text
    db.session.refresh(judgment)
    assert judgment.sentence.prison_years == 9


def test_another_office_s_defendant_answers_404(make_defendant, make_user, login, client):
    from tests.factories import OfficeFactory

    defendant = make_defendant()
    login(make_user(Role.CLERK, office=OfficeFactory()))
    assert client.get(f"/judgments/defendants/{defendant.id}/new").status_code == 404


def test_the_queue_costs_the_same_statements_for_few_or_many_cases(
    make_defendant, signed_in_clerk, client, count_statements
):
    def cost() -> int:
        with count_statements() as statements:
            assert client.get("/judgments/").status_code == 200
        return len(statements)

    for _ in range(3):
        make_defendant()
    few = cost()
    for _ in range(9):
        make_defendant()
    assert cost() == few


def test_statistics_show_aggregates_without_names_and_the_csv_defuses_formulas(
    make_defendant, make_user, login, client, operation
):
    defendant = make_defendant()
    operation.name = '=HYPERLINK("http://evil")'
    now = utcnow()
    entered = entry(
        defendant,
        court="LG Wien",
        court_file_number="1",
        announced_on=now.date() - timedelta(days=20),
        sentence=years(8, months=6),
        final_on=now.date() - timedelta(days=10),
    )
    services.enter_judgment(defendant, entered, actor=None, now=now)
    db.session.commit()
    login(make_user(Role.VIEWER))
    page = client.get("/judgments/statistics?by=operation")
    assert "8 years 6 months" in page.text and defendant.person.last_name not in page.text
    csv_text = client.get("/judgments/statistics.csv?by=operation").text
    assert "'=HYPERLINK" in csv_text and ",8,6,0," in csv_text
    assert csv_cell("-1+1") == "'-1+1" and csv_cell("Wien") == "Wien"
