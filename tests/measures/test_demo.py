"""The demo operation runs 40 telephone interceptions; terminating one leaves 39."""

import re

import sqlalchemy as sa

from app.cooperation.models import Disclosure, JointMeeting
from app.database import utcnow
from app.demo.accounts import load_accounts
from app.demo.measures import load_measures_and_cooperation
from app.demo.operation import load_operation
from app.demo.story import STARTED_ON
from app.extensions import db
from app.measures.models import Measure, MeasureKind, MeasureStatus
from app.measures.services import running_measures_by_kind

PASSWORD = "demo password for tests"


def running_interceptions(client, operation) -> int:
    page = client.get(f"/operations/{operation.id}")
    assert page.status_code == 200
    return int(re.search(r'id="running-telephone-interception">(\d+)<', page.text).group(1))


def test_the_demo_operation_shows_40_interceptions_running_and_39_after_terminating_one(client):
    now = utcnow()
    office, _created = load_accounts(PASSWORD, now=now)
    db.session.flush()
    loaded = load_operation(office, as_of=None, clock=now)
    operation = loaded.operation
    load_measures_and_cooperation(operation, now=now, shift=loaded.shift_days)
    assert loaded.shift_days == (operation.started_on - STARTED_ON).days
    db.session.commit()

    counts = running_measures_by_kind(operation, now=now)
    assert counts[MeasureKind.TELEPHONE_INTERCEPTION] == 40
    assert counts[MeasureKind.UNDERCOVER_OPERATION] > 0 and counts[MeasureKind.SURVEILLANCE] > 0
    ended = db.session.scalar(
        sa.select(sa.func.count(Measure.id)).where(
            Measure.status.in_([MeasureStatus.TERMINATED, MeasureStatus.EXPIRED, MeasureStatus.REFUSED])
        )
    )
    assert ended >= 3
    meeting = db.session.scalar(sa.select(JointMeeting).where(JointMeeting.operation_id == operation.id))
    assert (meeting.place, (meeting.ends_on - meeting.starts_on).days) == ("Vienna", 2)
    shared = db.session.scalars(sa.select(Disclosure).where(Disclosure.meeting_id == meeting.id)).all()
    assert shared and all(d.measure.kind == MeasureKind.TELEPHONE_INTERCEPTION for d in shared)
    assert {d.agency.country for d in shared} == {"RS"}

    client.post("/login", data={"email": "supervisor@docket.example", "password": PASSWORD})
    assert running_interceptions(client, operation) == 40
    measure = db.session.scalar(
        sa.select(Measure)
        .where(Measure.kind == MeasureKind.TELEPHONE_INTERCEPTION, Measure.status == MeasureStatus.RUNNING)
        .limit(1)
    )
    today = max([measure.valid_from, *(renewal.ordered_on for renewal in measure.renewals)]).isoformat()
    response = client.post(f"/measures/{measure.id}/terminate", data={"ended_on": today, "reason": "Line abandoned"})
    assert response.status_code == 302
    assert running_interceptions(client, operation) == 39

    load_measures_and_cooperation(operation, now=utcnow(), shift=0)  # a second load adds nothing
    assert running_measures_by_kind(operation, now=utcnow())[MeasureKind.TELEPHONE_INTERCEPTION] == 39
