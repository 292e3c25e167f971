"""Serbian judgments: the appeal period of ZKP art. 432 comes from rs.yaml and decides finality."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.cases.models import Jurisdiction, Stage
from app.deadlines.models import Deadline, DeadlineStatus
from app.extensions import db
from app.judgments import services
from app.judgments.deadlines import appeal_period_end
from app.judgments.models import FinalityBasis, Party
from tests.cases.factories import CaseFactory, ChargeFactory, DefendantFactory
from tests.factories import OfficeFactory
from tests.judgments.entries import NOW, entry

BELGRADE = ZoneInfo("Europe/Belgrade")


@pytest.fixture
def serbian_defendant(operation):
    office = OfficeFactory(
        name="Više javno tužilaštvo u Beogradu", jurisdiction="RS", timezone="Europe/Belgrade", subdivision=None
    )
    case = CaseFactory(office=office, jurisdiction=Jurisdiction.RS, stage=Stage.TRIAL, court="Viši sud u Beogradu")
    defendant = DefendantFactory(case=case)
    ChargeFactory(defendant=defendant, max_penalty_months=120)
    return defendant


def periods(case) -> list[Deadline]:
    return list(
        db.session.scalars(
            sa.select(Deadline).where(Deadline.case_id == case.id, Deadline.rule_id == "rs_appeal_judgment")
        )
    )


def end_of(day: date) -> datetime:
    return datetime.combine(day, datetime.max.time(), tzinfo=BELGRADE)


@pytest.mark.parametrize(
    "served_on, last_day",
    [
        (date(2019, 10, 21), date(2019, 11, 5)),  # Mon + 15 days: Tue 5 Nov, a working day
        (date(2019, 10, 24), date(2019, 11, 8)),  # Thu + 15 days: Fri 8 Nov
        (date(2019, 10, 25), date(2019, 11, 12)),  # Sat 9 Nov → Mon 11 Nov is Armistice Day → Tue 12 Nov
        (date(2019, 10, 26), date(2019, 11, 12)),  # Sun 10 Nov → Mon 11 Nov, a holiday → Tue 12 Nov
    ],
)
def test_the_appeal_period_runs_15_days_from_service_to_the_next_working_day(serbian_defendant, served_on, last_day):
    defendant = serbian_defendant
    judgment = services.enter_judgment(
        defendant, entry(defendant, announced_on=date(2019, 10, 21), served_on=served_on), actor=None, now=NOW
    )
    assert appeal_period_end(judgment) == end_of(last_day)
    [period] = periods(defendant.case)
    assert (period.status, period.due_date, period.defendant_id) == (DeadlineStatus.OPEN, last_day, defendant.id)
    assert period.reference == "ZKP čl. 432 st. 1"


def test_an_unappealed_judgment_becomes_final_the_day_after_the_period(serbian_defendant):
    defendant = serbian_defendant
    judgment = services.enter_judgment(
        defendant, entry(defendant, announced_on=date(2019, 10, 25), served_on=date(2019, 10, 26)), actor=None, now=NOW
    )
    assert services.finalize_unappealed(now=end_of(date(2019, 11, 12)) - timedelta(minutes=1)) == []
    assert services.finalize_unappealed(now=datetime(2019, 11, 13, 0, 30, tzinfo=BELGRADE)) == [judgment]
    assert judgment.final_on == date(2019, 11, 13) and judgment.finality_basis == FinalityBasis.PERIOD_EXPIRED
    assert defendant.case.stage == Stage.FINAL
    [period] = periods(defendant.case)
    assert (period.status, period.closing_event) == (DeadlineStatus.MET, "appeal_waived")


def test_without_service_the_period_has_not_begun_and_nothing_becomes_final(serbian_defendant):
    defendant = serbian_defendant
    judgment = services.enter_judgment(
        defendant, entry(defendant, announced_on=date(2019, 10, 25)), actor=None, now=NOW
    )
    assert appeal_period_end(judgment) is None and periods(defendant.case) == []
    assert services.finalize_unappealed(now=NOW + timedelta(days=365)) == []
    corrected = entry(defendant, announced_on=date(2019, 10, 25), served_on=date(2019, 10, 28))
    services.update_judgment(judgment, corrected, expected_version=judgment.version, actor=None, now=NOW)
    [period] = periods(defendant.case)
    assert period.due_date == date(2019, 11, 12)


def test_an_appeal_ends_the_period_and_opens_no_new_one(serbian_defendant):
    defendant = serbian_defendant
    judgment = services.enter_judgment(
        defendant, entry(defendant, announced_on=date(2019, 10, 25), served_on=date(2019, 10, 28)), actor=None, now=NOW
    )
    services.lodge_appeal(judgment, party=Party.PROSECUTION, lodged_on=date(2019, 11, 4), actor=None, now=NOW)
    services.lodge_appeal(judgment, party=Party.DEFENCE, lodged_on=date(2019, 11, 5), actor=None, now=NOW)
    [period] = periods(defendant.case)
    assert (period.status, period.closing_event, period.met_on) == (
        DeadlineStatus.MET,
        "appeal_announced",
        date(2019, 11, 4),
    )
    assert defendant.case.stage == Stage.APPEAL


def test_a_judgment_entered_as_final_leaves_no_appeal_period_open(serbian_defendant):
    defendant = serbian_defendant
    services.enter_judgment(
        defendant,
        entry(defendant, announced_on=date(2019, 10, 25), served_on=date(2019, 10, 28), final_on=date(2019, 10, 28)),
        actor=None,
        now=NOW,
    )
    [period] = periods(defendant.case)
    assert (period.status, period.closing_event) == (DeadlineStatus.MET, "appeal_waived")
    assert defendant.case.stage == Stage.FINAL
