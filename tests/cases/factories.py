"""factory_boy factories for operations, cases and the people in them."""
import uuid
from datetime import date

import factory

from app.cases.models import Case, Charge, Defendant, Jurisdiction, OffenceClass, Operation, Person, Stage
from app.cases.names import search_key
from app.database import utcnow
from tests.factories import BaseFactory, OfficeFactory


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
