"""factory_boy factories for operations, cases and the people in them.

Most write the rows as they are. The few named after a service (`OpenedCaseFactory`,
`RecordedArrestFactory`) call it, for tests that count what follows from it: the timeline,
the audit trail, automatic assignment, a new defendant in custody, the deadlines.
"""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import factory

from app.cases.models import (
    Arrest,
    Case,
    Charge,
    Defendant,
    Jurisdiction,
    OffenceClass,
    Person,
    Seizure,
    SeizureCategory,
    Stage,
    Unit,
)
from app.cases.names import search_key
from app.cases.services import open_case, record_arrest
from app.database import utcnow
from app.extensions import db
from app.operations.models import Operation
from tests.factories import BaseFactory, OfficeFactory
from tests.moments import NOW, vienna


class OperationFactory(BaseFactory):
    class Meta:
        model = Operation

    office = factory.SubFactory(OfficeFactory)
    code = factory.Sequence(lambda n: f"OP-{n:04d}")
    name = factory.Sequence(lambda n: f"Operation {n}")
    countries = ["AT", "RS"]
    started_on = date(2017, 9, 1)


class CaseFactory(BaseFactory):
    class Meta:
        model = Case

    office = factory.SubFactory(OfficeFactory)
    # A random tail keeps references unique even beside cases that other tests create by hand.
    reference = factory.Sequence(lambda n: f"712 St {n}/19k-{uuid.uuid4().hex[:6]}")
    title = factory.Sequence(lambda n: f"Heroin trafficking {n}")
    jurisdiction = Jurisdiction.AT
    stage = Stage.INTAKE
    opened_on = date(2019, 8, 26)
    last_activity_at = factory.LazyFunction(utcnow)


class PersonFactory(BaseFactory):
    class Meta:
        model = Person

    office_id = factory.LazyAttribute(lambda o: o.office.id)
    first_name = "Marko"
    last_name = factory.Sequence(lambda n: f"Jovanović{n}")
    date_of_birth = date(1990, 3, 14)
    nationality = "RS"
    aliases = []
    search_name = factory.LazyAttribute(lambda o: search_key(o.first_name, o.last_name, o.aliases))

    class Params:
        office = factory.SubFactory(OfficeFactory)


class DefendantFactory(BaseFactory):
    class Meta:
        model = Defendant

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory(PersonFactory, office=factory.SelfAttribute("..case.office"))


class ChargeFactory(BaseFactory):
    class Meta:
        model = Charge

    defendant = factory.SubFactory(DefendantFactory)
    statute = "§ 28a SMG"
    offence_class = OffenceClass.FELONY
    max_penalty_months = 180
    description = "Drug trafficking"


class ArrestFactory(BaseFactory):
    """An arrest row alone: the person does not become a defendant by it."""

    class Meta:
        model = Arrest

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory(PersonFactory, office=factory.SelfAttribute("..case.office"))
    arrested_at = vienna(2019, 8, 26, 10, 0)
    place = "Wien"
    agency = "LPD Wien"


class SeizureFactory(BaseFactory):
    class Meta:
        model = Seizure

    case = factory.SubFactory(CaseFactory)
    category = SeizureCategory.DRUG
    substance = "heroin"
    quantity = Decimal("1")
    unit = Unit.KG


class OpenedCaseFactory(BaseFactory):
    """A case opened through `open_case` at `now`, with its timeline entry, audit record and automatic assignment."""

    class Meta:
        model = Case

    office = factory.SubFactory(OfficeFactory)
    reference = factory.Sequence(lambda n: f"712 St {n}/19k")
    title = factory.Sequence(lambda n: f"Case {n}")
    jurisdiction = Jurisdiction.AT
    opened_on = factory.LazyAttribute(lambda o: o.now.date())
    actor = None
    now = NOW

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        case = open_case(**kwargs)
        db.session.commit()  # like every factory: ends a savepoint only (see tests/conftest.py)
        return case


class RecordedArrestFactory(BaseFactory):
    """An arrest recorded through `record_arrest` at `now`: its person becomes a defendant, arrested."""

    class Meta:
        model = Arrest

    case = factory.SubFactory(OpenedCaseFactory)
    person = factory.SubFactory(PersonFactory, office=factory.SelfAttribute("..case.office"))
    arrested_at = factory.LazyAttribute(lambda o: o.now - timedelta(days=1))
    place = "Wien 1., Schwedenplatz"
    agency = "LPD Wien"
    custody_followed = True
    actor = None
    now = NOW

    @classmethod
    def _create(cls, model_class, *args, case, person, **kwargs):
        arrest = record_arrest(case, person, **kwargs)
        db.session.commit()
        return arrest
