"""Requests, EIO limits, meetings and disclosures: who sees what, and what the deadline engine opens."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.auth.models import Role
from app.cooperation import services
from app.cooperation.models import Direction, RequestKind, RequestStatus
from app.deadlines.models import Deadline, DeadlineStatus
from app.errors import DomainError
from app.extensions import db
from app.operations.models import operation_members
from tests.cases.factories import CaseFactory, OperationFactory
from tests.measures.factories import (
    CooperationRequestFactory,
    JointMeetingFactory,
    MeasureFactory,
    PartnerAgencyFactory,
)
from tests.moments import vienna

NOW = vienna(2019, 9, 2, 10, 0)


@pytest.fixture
def case(office, prosecutor):
    return CaseFactory(office=office, prosecutor=prosecutor, reference="712 St 5/19k")


def eio_deadlines(case) -> list[Deadline]:
    return list(
        db.session.scalars(
            sa.select(Deadline)
            .where(Deadline.case_id == case.id, Deadline.rule_id.like("eu_eio%"))
            .order_by(Deadline.id)
        )
    )


def test_an_incoming_eio_opens_the_30_day_recognition_limit_and_recognition_the_90_day_execution(
    office, case, prosecutor
):
    request = services.create_request(
        office=office,
        kind=RequestKind.EUROPEAN_INVESTIGATION_ORDER,
        direction=Direction.INCOMING,
        agency=PartnerAgencyFactory(country="HU"),
        subject="Hearing of a witness",
        cases=[case],
        received_on=date(2019, 8, 16),
        actor=prosecutor,
        now=NOW,
    )
    [recognition] = eio_deadlines(case)
    assert recognition.rule_id == "eu_eio_recognition" and recognition.due_date == date(2019, 9, 15)
    assert recognition.act_by == date(2019, 9, 13)  # 15 Sep 2019 is a Sunday: act by Friday
    services.change_status(request, RequestStatus.RECOGNISED, on=date(2019, 8, 28), actor=prosecutor, now=NOW)
    recognition, execution = eio_deadlines(case)
    assert recognition.status == DeadlineStatus.MET
    assert execution.rule_id == "eu_eio_execution" and execution.due_date == date(2019, 11, 26)
    assert request.recognised_on == date(2019, 8, 28)


def test_a_request_cannot_skip_its_course_or_lie_in_the_future(office, case, prosecutor):
    request = services.create_request(
        office=office,
        kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        direction=Direction.OUTGOING,
        agency=PartnerAgencyFactory(),
        subject="Bank records",
        cases=[case],
        actor=prosecutor,
        now=NOW,
    )
    assert request.status == RequestStatus.DRAFT
    with pytest.raises(DomainError, match="cannot become answered"):
        services.change_status(request, RequestStatus.ANSWERED, on=date(2019, 8, 30), actor=prosecutor, now=NOW)
    with pytest.raises(DomainError, match="future"):
        services.change_status(request, RequestStatus.SENT, on=date(2019, 9, 3), actor=prosecutor, now=NOW)
    services.change_status(request, RequestStatus.SENT, on=date(2019, 8, 30), actor=prosecutor, now=NOW)
    assert (request.status, request.sent_on) == (RequestStatus.SENT, date(2019, 8, 30))


def test_a_request_is_seen_by_whoever_sees_one_of_its_cases(client, make_user, login, office, case, prosecutor):
    request = CooperationRequestFactory(office=office, cases=[case], subject="Phone numbers of couriers")
    login(prosecutor)
    assert "Phone numbers of couriers" in client.get(f"/cooperation/requests/{request.id}").text
    assert "Phone numbers of couriers" in client.get("/cooperation/").text
    client.post("/logout")
    login(make_user(Role.PROSECUTOR))
    assert client.get(f"/cooperation/requests/{request.id}").status_code == 404
    assert "Phone numbers of couriers" not in client.get("/cooperation/").text


def test_recording_a_request_through_the_form_links_cases_by_reference(client, login, office, case, prosecutor):
    agency = PartnerAgencyFactory()
    login(prosecutor)
    response = client.post(
        "/cooperation/requests/new",
        data={
            "kind": "pcc_see_exchange",
            "direction": "outgoing",
            "agency_id": agency.id,
            "subject": "Addresses",
            "case_references": "712 St 5/19k; 999 St 1/19",
        },
    )
    assert response.status_code == 422 and "No case 999 St 1/19 that you can see." in response.text
    response = client.post(
        "/cooperation/requests/new",
        data={
            "kind": "pcc_see_exchange",
            "direction": "outgoing",
            "agency_id": agency.id,
            "subject": "Addresses",
            "case_references": "712 St 5/19k",
            "sent_on": "2019-08-01",
        },
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert "712 St 5/19k" in page.text and "Sent" in page.text


def test_a_disclosure_of_a_measure_is_hidden_from_those_who_may_not_see_the_measure(
    client, make_user, login, office, case, prosecutor
):
    operation = OperationFactory(office=office)
    case.operation = operation
    measure = MeasureFactory(case=case, target_phone="+381 64 777 1234")
    meeting = JointMeetingFactory(office=office, operation=operation)
    services.record_disclosure(
        office=office,
        agency=PartnerAgencyFactory(),
        meeting=meeting,
        measure=measure,
        material="Recorded calls of +381 64 777 1234",
        disclosed_on=date(2019, 7, 31),
        actor=prosecutor,
        now=NOW,
    )
    services.record_disclosure(
        office=office,
        agency=PartnerAgencyFactory(),
        meeting=meeting,
        material="Organisation chart of the group",
        disclosed_on=date(2019, 7, 31),
        actor=prosecutor,
        now=NOW,
    )
    investigator = make_user(Role.INVESTIGATOR)
    db.session.execute(operation_members.insert().values(operation_id=operation.id, user_id=investigator.id))
    db.session.commit()
    login(investigator)
    page = client.get(f"/cooperation/meetings/{meeting.id}").text
    assert "Organisation chart of the group" in page and "+381 64 777 1234" not in page
    client.post("/logout")
    login(prosecutor)
    page = client.get(f"/cooperation/meetings/{meeting.id}").text
    assert "Organisation chart of the group" in page and "Recorded calls of +381 64 777 1234" in page


def test_a_disclosure_outside_the_meeting_days_is_refused(office, prosecutor):
    meeting = JointMeetingFactory(office=office)
    with pytest.raises(DomainError, match="meeting ran from"):
        services.record_disclosure(
            office=office,
            agency=PartnerAgencyFactory(),
            meeting=meeting,
            material="Calls",
            disclosed_on=date(2019, 8, 5),
            actor=prosecutor,
            now=NOW,
        )


def test_an_agency_needs_a_real_country_code(client, login, prosecutor):
    login(prosecutor)
    response = client.post("/cooperation/agencies", data={"country": "XX", "name": "Nowhere police"})
    assert response.status_code == 422 and "XX is not an ISO 3166 country code." in response.text
    response = client.post("/cooperation/agencies", data={"country": "rs", "name": "Belgrade police"})
    assert response.status_code == 302
    assert "Belgrade police" in client.get("/cooperation/agencies").text


def test_the_overview_costs_the_same_statements_for_10_or_30_requests(
    client, login, office, case, prosecutor, count_statements
):
    login(prosecutor)
    agency = PartnerAgencyFactory()

    def measured(total: int) -> int:
        existing = db.session.scalar(sa.text("select count(*) from cooperation_requests"))
        for _ in range(total - existing):
            CooperationRequestFactory(office=office, agency=agency, cases=[case])
        with count_statements() as statements:
            page = client.get("/cooperation/")
        assert page.text.count("Information exchange (PCC SEE)") == total
        return len(statements)

    assert measured(10) == measured(30)
