"""The judgment page's two short forms: lodging an appeal and marking the judgment final."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.cases.models import Stage
from app.database import utcnow
from app.extensions import db
from app.judgments import services
from app.judgments.models import Appeal, Judgment, Party
from tests.judgments.entries import entry


@pytest.fixture
def judgment(make_defendant, clerk, login) -> Judgment:
    defendant = make_defendant()
    announced_on = utcnow().date() - timedelta(days=2)
    judgment = services.enter_judgment(
        defendant, entry(defendant, announced_on=announced_on), actor=clerk, now=utcnow()
    )
    db.session.commit()
    login(clerk)
    return judgment


def appeals_of(judgment) -> list[Appeal]:
    return db.session.scalars(sa.select(Appeal).where(Appeal.judgment_id == judgment.id)).all()


def test_an_appeal_lodged_on_the_page_is_recorded_and_moves_the_case(judgment, client):
    lodged_on = utcnow().date() - timedelta(days=1)
    response = client.post(
        f"/judgments/{judgment.id}/appeals", data={"party": Party.DEFENCE.value, "lodged_on": lodged_on.isoformat()}
    )
    assert response.status_code == 302
    assert "Appeal recorded." in client.get(response.headers["Location"]).text
    [appeal] = appeals_of(judgment)
    assert (appeal.party, appeal.lodged_on, judgment.case.stage) == (Party.DEFENCE, lodged_on, Stage.APPEAL)


def test_a_refused_appeal_answers_422_beside_the_finality_form_and_records_nothing(judgment, client):
    response = client.post(f"/judgments/{judgment.id}/appeals", data={"party": Party.DEFENCE.value, "lodged_on": ""})
    assert response.status_code == 422
    assert "Enter the day the appeal was lodged." in response.text and "Mark final" in response.text
    assert appeals_of(judgment) == []


def test_a_judgment_marked_final_on_the_page_is_final_since_that_day(judgment, client):
    final_on = utcnow().date() - timedelta(days=1)
    response = client.post(f"/judgments/{judgment.id}/final", data={"final_on": final_on.isoformat()})
    assert response.status_code == 302
    assert "The judgment is final." in client.get(response.headers["Location"]).text
    db.session.refresh(judgment)
    assert judgment.is_final and judgment.final_on == final_on


def test_a_judgment_cannot_be_marked_final_twice(judgment, client):
    final_on = utcnow().date() - timedelta(days=1)
    client.post(f"/judgments/{judgment.id}/final", data={"final_on": final_on.isoformat()})
    response = client.post(f"/judgments/{judgment.id}/final", data={"final_on": final_on.isoformat()})
    assert response.status_code == 422 and "already final since" in response.text
