"""factory_boy factories for measures and cooperation records."""

from datetime import date

import factory

from app.cooperation.models import (
    CooperationRequest,
    Direction,
    JointMeeting,
    PartnerAgency,
    RequestKind,
    RequestStatus,
)
from app.measures.models import Measure, MeasureKind, MeasureStatus
from tests.cases.factories import CaseFactory
from tests.factories import BaseFactory, OfficeFactory


class MeasureFactory(BaseFactory):
    class Meta:
        model = Measure

    case = factory.SubFactory(CaseFactory)
    kind = MeasureKind.TELEPHONE_INTERCEPTION
    status = MeasureStatus.RUNNING
    target_phone = factory.Sequence(lambda n: f"+381 64 {1000000 + n}")
    ordering_court = "Landesgericht für Strafsachen Wien"
    order_reference = factory.Sequence(lambda n: f"331 HR {n}/19t")
    requested_on = date(2019, 6, 27)
    ordered_on = date(2019, 7, 1)
    valid_from = date(2019, 7, 1)
    valid_to = date(2019, 9, 30)


class PartnerAgencyFactory(BaseFactory):
    class Meta:
        model = PartnerAgency

    country = "RS"
    name = factory.Sequence(lambda n: f"Directorate of Criminal Investigations {n}, Belgrade police")


class CooperationRequestFactory(BaseFactory):
    class Meta:
        model = CooperationRequest

    office = factory.SubFactory(OfficeFactory)
    kind = RequestKind.PCC_SEE_EXCHANGE
    direction = Direction.OUTGOING
    agency = factory.SubFactory(PartnerAgencyFactory)
    subject = "Identity and phone numbers of suspects"
    status = RequestStatus.SENT
    sent_on = date(2019, 7, 10)


class JointMeetingFactory(BaseFactory):
    class Meta:
        model = JointMeeting

    office = factory.SubFactory(OfficeFactory)
    title = "Joint operational meeting"
    starts_on = date(2019, 7, 30)
    ends_on = date(2019, 8, 1)
    place = "Vienna"
