"""The registry records a quashing decision; the case and judgment pages show the quashed judgment."""

from datetime import timedelta

import pytest

from app.cases.models import Stage
from app.database import utcnow
from app.extensions import db
from app.judgments import services
from app.judgments.models import Party
from tests.judgments.entries import entry


@pytest.fixture
def appeal(make_defendant, clerk, login):
    defendant = make_defendant()
    now = utcnow()
    entered = entry(defendant, court="LG Wien", announced_on=now.date() - timedelta(days=40))
    judgment = services.enter_judgment(defendant, entered, actor=None, now=now)
    appeal = services.lodge_appeal(
        judgment, party=Party.DEFENCE, lodged_on=now.date() - timedelta(days=39), actor=None, now=now
    )
    db.session.commit()
    login(clerk)
    return appeal


def decision(**overrides) -> dict:
    data = {
        "decision": "quashed",
        "decided_on": (utcnow().date() - timedelta(days=1)).isoformat(),
        "decision_final": "y",
        "reason": "The findings on intent were not reasoned; new trial ordered.",
    }
    data.update(overrides)
    return data


def test_a_quashing_without_a_reason_is_refused_on_the_form(appeal, client):
    response = client.post(f"/judgments/appeals/{appeal.id}/decide", data=decision(reason=""))
    assert response.status_code == 422
    assert "the case returns to trial with it" in response.text and "invalid-feedback" in response.text
    assert appeal.judgment.case.stage == Stage.APPEAL and appeal.judgment.quashed_on is None


def test_the_clerk_quashes_and_the_pages_show_the_judgment_as_quashed(appeal, client):
    judgment, case = appeal.judgment, appeal.judgment.case
    response = client.post(f"/judgments/appeals/{appeal.id}/decide", data=decision())
    assert response.status_code == 302 and case.stage == Stage.TRIAL
    page = client.get(response.headers["Location"]).text
    assert "Judgment quashed; the case is at trial." in page and 'data-testid="quashed"' in page
    assert "No judgment of the new trial yet." in page and "Record appeal" not in page and "Mark final" not in page
    assert client.get(f"/judgments/{judgment.id}/edit").status_code == 302
    case_page = client.get(f"/cases/{case.id}").text
    assert "quashed" in case_page and "new trial, no judgment yet" in case_page
    queue = client.get("/judgments/").text
    assert "judgment of the new trial" in queue and f"/judgments/defendants/{judgment.defendant_id}/new" in queue


def test_a_concurrent_change_of_the_judgment_is_a_conflict(appeal, client, monkeypatch):
    from sqlalchemy.orm.exc import StaleDataError

    def stale(*args, **kwargs):
        raise StaleDataError("judgments row changed meanwhile")

    monkeypatch.setattr(services, "decide_appeal", stale)
    response = client.post(f"/judgments/appeals/{appeal.id}/decide", data=decision())
    assert response.status_code == 409 and "Someone else saved this judgment meanwhile" in response.text
