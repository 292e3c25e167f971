"""factory_boy factories for caseloads: cases as the caseload weighs them, profiles and absences."""

from datetime import timedelta
from decimal import Decimal

import factory

from app.assignments.models import Absence, CaseSpecialisation, ProsecutorProfile
from app.cases.models import Custody, Stage
from tests.cases.factories import CaseFactory, DefendantFactory
from tests.factories import BaseFactory, UserFactory
from tests.moments import NOW


class CaseSpecialisationFactory(BaseFactory):
    class Meta:
        model = CaseSpecialisation

    case_id = factory.LazyAttribute(lambda o: o.case.id)
    set_at = NOW

    class Params:
        case = factory.SubFactory(CaseFactory)


class CaseloadCaseFactory(CaseFactory):
    """A case in the investigation, opened and last touched around NOW, with no automatic assignment.

    `defendants=3, in_custody=1` gives it three defendants, the first detained;
    `specialisation=Specialisation.NARCOTICS` marks what it needs of its prosecutor.
    """

    reference = factory.Sequence(lambda n: f"716 St {n}/19c")
    title = factory.Sequence(lambda n: f"Case {n}")
    stage = Stage.INVESTIGATION
    opened_on = NOW.date()
    created_at = NOW
    stage_changed_at = NOW
    # Minutes apart, so the cases' order by last activity is fixed.
    last_activity_at = factory.Sequence(lambda n: NOW - timedelta(minutes=n % 1000))

    @factory.post_generation
    def defendants(case, create, count, **kwargs):
        for _ in range(count or 0):
            DefendantFactory(case=case, custody=Custody.AT_LIBERTY)

    @factory.post_generation
    def in_custody(case, create, count, **kwargs):
        for defendant in case.defendants[: count or 0]:
            defendant.custody = Custody.DETAINED

    @factory.post_generation
    def specialisation(case, create, specialisation, **kwargs):
        if specialisation is not None:
            CaseSpecialisationFactory(case=case, specialisation=specialisation)


class ProsecutorProfileFactory(BaseFactory):
    class Meta:
        model = ProsecutorProfile

    user = factory.SubFactory(UserFactory)
    capacity = Decimal("1.00")
    specialisations = factory.LazyFunction(list)
    load_cap = None


class AbsenceFactory(BaseFactory):
    """Parental leave of `days` days from `starts_on`."""

    class Meta:
        model = Absence

    user = factory.SubFactory(UserFactory)
    starts_on = NOW.date()
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=o.days - 1))
    deputy = None
    reason = "parental leave"

    class Params:
        days = 90
