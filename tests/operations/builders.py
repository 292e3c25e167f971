"""Small hand-made operations, built through the same services the app uses."""
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from app.cases.models import Jurisdiction, SeizureCategory, Unit
from app.cases.services import create_person, open_case, record_arrest, record_seizure
from app.operations.services import attach, create_operation

NOW = datetime(2019, 9, 2, 8, 0, tzinfo=UTC)
_numbers = iter(range(1, 10**6))


def operation(office, *, team=(), code=None):
    n = next(_numbers)
    op = create_operation(office=office, code=code or f"OP-{n}", name=f"Operation {n}", started_on=date(2017, 9, 1),
                          countries=["AT", "RS", "HU"], partner_agencies=["Belgrade police"],
                          legal_framework="PCC SEE", actor=None, now=NOW)
    attach(op, list(team), actor=None, now=NOW)
    return op


def case(office, op, *, prosecutor=None):
    n = next(_numbers)
    return open_case(office=office, reference=f"712 St {n}/19k", title=f"Case {n}", jurisdiction=Jurisdiction.AT,
                     opened_on=NOW.date(), operation=op, prosecutor=prosecutor, actor=None, now=NOW)


def person(office, nationality, name="Marko Petrović"):
    first, last = name.split(" ", 1)
    return create_person(office=office, first_name=first, last_name=last, date_of_birth=date(1990, 1, 1),
                         nationality=nationality, actor=None, now=NOW)


def arrest(kase, who, *, days_ago=1):
    return record_arrest(kase, who, arrested_at=NOW - timedelta(days=days_ago), place="Wien 1., Schwedenplatz",
                         agency="LPD Wien", custody_followed=True, actor=None, now=NOW)


def seizure(kase, category, substance, quantity, unit, arrest=None):
    return record_seizure(kase, category=SeizureCategory(category), substance=substance,
                          quantity=Decimal(quantity), unit=Unit(unit), arrest=arrest, actor=None, now=NOW)
