"""Cases, defendants and absences for caseload tests, written straight to the tables.

Cases are added without `open_case`, so no automatic assignment runs unless a test asks.
"""
from datetime import UTC, date, datetime, timedelta

from app.assignments.models import Absence, CaseSpecialisation, ProsecutorProfile
from app.cases.models import Case, Custody, Defendant, Jurisdiction, Person, Stage
from app.extensions import db

NOW = datetime(2019, 9, 2, 8, 0, tzinfo=UTC)
TODAY = date(2019, 9, 2)
_numbers = iter(range(1, 10**7))


def case(office, *, stage=Stage.INVESTIGATION, prosecutor=None, operation=None, defendants=0, in_custody=0,
         specialisation=None, activity=None):
    n = next(_numbers)
    kase = Case(office=office, reference=f"716 St {n}/19c", title=f"Case {n}", jurisdiction=Jurisdiction.AT,
                opened_on=TODAY, stage=stage, prosecutor=prosecutor, operation=operation, stage_changed_at=NOW,
                last_activity_at=activity or NOW - timedelta(minutes=n % 1000), created_at=NOW)
    db.session.add(kase)
    db.session.flush()
    for i in range(defendants):
        person = Person(office_id=office.id, first_name="Marko", last_name=f"Petrović {n}-{i}", aliases=[],
                        search_name=f"petrovic {n}-{i}")
        db.session.add(person)
        db.session.add(Defendant(case=kase, person=person,
                                 custody=Custody.DETAINED if i < in_custody else Custody.AT_LIBERTY))
    if specialisation is not None:
        db.session.add(CaseSpecialisation(case_id=kase.id, specialisation=specialisation, set_at=NOW))
    db.session.flush()
    return kase


def profile(user, *, capacity="1.00", specialisations=(), load_cap=None):
    row = ProsecutorProfile(user_id=user.id, capacity=capacity, specialisations=sorted(specialisations),
                            load_cap=load_cap)
    db.session.add(row)
    db.session.flush()
    return row


def absence(user, *, starts_on=TODAY, days=90, deputy=None):
    row = Absence(user_id=user.id, starts_on=starts_on, ends_on=starts_on + timedelta(days=days - 1),
                  deputy=deputy, reason="parental leave")
    db.session.add(row)
    db.session.flush()
    return row
