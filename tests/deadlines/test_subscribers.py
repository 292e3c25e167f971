"""The case services' domain events open and close deadlines without anyone entering them."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.auth.models import Role
from app.cases.models import Custody, Stage
from app.cases.pipeline import transition
from app.cases.services import record_arrest, set_custody
from app.deadlines.models import Deadline, DeadlineStatus
from app.deadlines.queries import own_open_deadlines
from app.extensions import db
from tests.cases.factories import PersonFactory
from tests.moments import vienna


def by_rule(case, status=DeadlineStatus.OPEN) -> dict[str, Deadline]:
    query = sa.select(Deadline).where(Deadline.case_id == case.id, Deadline.status == status)
    return {d.rule_id: d for d in db.session.scalars(query)}


def test_an_arrest_with_custody_opens_the_48_hour_limit(make_case, prosecutor, office):
    case = make_case()
    arrest = record_arrest(
        case,
        PersonFactory(office=office),
        arrested_at=vienna(2026, 3, 28, 22, 30),
        place="Wien 1., Kärntner Straße",
        agency="LKA Wien",
        custody_followed=True,
        actor=prosecutor,
        now=vienna(2026, 3, 29, 8),
    )
    limit = by_rule(case)["at_custody_delivery"]
    # The clocks go forward on 29 March: 48 real hours end at 23:30 local time, not 22:30.
    assert limit.due_at == vienna(2026, 3, 30, 23, 30) and not limit.all_day
    assert limit.defendant.person_id == arrest.person_id
    assert limit.reminder_offsets == ["24h", "6h", "1h"]


def test_an_arrest_without_custody_opens_nothing(make_case, prosecutor, office):
    case = make_case()
    record_arrest(
        case,
        PersonFactory(office=office),
        arrested_at=vienna(2026, 3, 2, 10),
        place="Wien",
        agency="LKA Wien",
        custody_followed=False,
        actor=prosecutor,
        now=vienna(2026, 3, 2, 11),
    )
    assert by_rule(case) == {}


def test_a_serbian_arrest_opens_the_zkp_limit(make_case, prosecutor, office):
    case = make_case("RS")
    record_arrest(
        case,
        PersonFactory(office=office),
        arrested_at=vienna(2026, 3, 2, 10),
        place="Beograd",
        agency="UKP Beograd",
        custody_followed=True,
        actor=prosecutor,
        now=vienna(2026, 3, 2, 11),
    )
    assert set(by_rule(case)) == {"rs_custody_48h"}


def test_detention_meets_the_arrest_limit_and_opens_review_and_maximum(make_case, prosecutor, office):
    case = make_case()
    person = PersonFactory(office=office)
    record_arrest(
        case,
        person,
        arrested_at=vienna(2026, 3, 2, 6),
        place="Wien",
        agency="LKA Wien",
        custody_followed=True,
        actor=prosecutor,
        now=vienna(2026, 3, 2, 7),
    )
    defendant = case.defendants[0]
    set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 3, 15))
    assert set(by_rule(case, DeadlineStatus.MET)) == {"at_custody_delivery"}
    assert set(by_rule(case)) == {"at_detention_review_first", "at_detention_maximum"}
    assert by_rule(case)["at_detention_review_first"].due_date == date(2026, 3, 17)


def test_serbian_detention_opens_the_month_and_the_maximum(make_case, make_defendant, prosecutor):
    case = make_case("RS")
    set_custody(make_defendant(case, months=120), Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 2, 15))
    opened = by_rule(case)
    assert set(opened) == {"rs_detention_first_month", "rs_detention_maximum"}
    assert opened["rs_detention_maximum"].due_date == date(2026, 9, 2)  # over 5 years: 6 months


def test_the_investigation_limit_opens_with_the_investigation_and_ends_with_the_indictment(
    make_case, make_defendant, prosecutor
):
    case = make_case(court="Landesgericht für Strafsachen Wien")
    make_defendant(case)
    transition(case, Stage.INVESTIGATION, actor=prosecutor, now=vienna(2026, 3, 2, 10))
    limit = by_rule(case)["at_investigation_limit"]
    assert limit.defendant_id is None and limit.due_date == date(2029, 3, 2)
    transition(case, Stage.CHARGING, actor=prosecutor, now=vienna(2026, 6, 1, 10))
    transition(case, Stage.INDICTED, actor=prosecutor, now=vienna(2026, 6, 15, 10))
    assert limit.status == DeadlineStatus.MET and limit.closing_event == "investigation_ended"


def test_the_main_hearing_meets_the_maximum_detention(make_case, make_defendant, prosecutor):
    case = make_case(court="Landesgericht für Strafsachen Wien", stage=Stage.INDICTED)
    defendant = make_defendant(case)
    set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 2, 15))
    transition(case, Stage.TRIAL, actor=prosecutor, now=vienna(2026, 5, 4, 9))
    assert by_rule(case, DeadlineStatus.MET)["at_detention_maximum"].met_on == date(2026, 5, 4)


def test_a_serbian_indictment_replaces_detention_limits_by_the_30_day_review(make_case, make_defendant, prosecutor):
    case = make_case("RS", court="Viši sud u Beogradu", stage=Stage.CHARGING)
    detained, free = make_defendant(case), make_defendant(case)
    set_custody(detained, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 2, 15))
    transition(case, Stage.INDICTED, actor=prosecutor, now=vienna(2026, 3, 20, 10))
    review = by_rule(case)["rs_review_unconfirmed"]
    assert review.defendant == detained and review.due_date == date(2026, 4, 19)
    assert set(by_rule(case, DeadlineStatus.SUPERSEDED)) == {"rs_detention_first_month", "rs_detention_maximum"}
    assert all(d.defendant_id != free.id for d in by_rule(case).values())


def test_the_responsible_prosecutor_follows_the_case(make_case, make_defendant, prosecutor, make_user):
    case = make_case()
    set_custody(make_defendant(case), Custody.DETAINED, actor=prosecutor, now=datetime.now(UTC) - timedelta(hours=1))
    deadline = by_rule(case)["at_detention_review_first"]
    assert deadline.responsible == prosecutor and len(own_open_deadlines(prosecutor)) == 2
    successor = make_user(Role.PROSECUTOR)
    case.prosecutor = successor
    db.session.flush()
    assert deadline.responsible == successor
    assert own_open_deadlines(prosecutor) == [] and len(own_open_deadlines(successor)) == 2
