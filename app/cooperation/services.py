"""Recording cooperation with partner agencies: requests, their course, joint meetings and disclosures.

Every function takes the acting user and the time explicitly, adds and flushes, and
leaves the commit to the caller. Incoming European Investigation Orders open the
recognition (30 days) and execution (90 days) limits in their cases' deadline engine.
"""

from datetime import date, datetime

import pycountry
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.audit.services import diff, record
from app.auth.models import Office, User
from app.cases.models import Case, Jurisdiction
from app.cooperation.models import (
    CooperationRequest,
    Direction,
    Disclosure,
    JointMeeting,
    MeetingParticipant,
    PartnerAgency,
    RequestKind,
    RequestStatus,
)
from app.core.formatting import day as day_text
from app.deadlines.services import day_moment, record_trigger
from app.errors import DomainError
from app.extensions import db
from app.measures.models import Measure
from app.operations.models import Operation

#: The course a request may take: from each status, the statuses it may move to.
TRANSITIONS = {
    Direction.OUTGOING: {
        RequestStatus.DRAFT: (RequestStatus.SENT, RequestStatus.WITHDRAWN),
        RequestStatus.SENT: (RequestStatus.ANSWERED, RequestStatus.REFUSED, RequestStatus.WITHDRAWN),
    },
    Direction.INCOMING: {
        RequestStatus.RECEIVED: (
            RequestStatus.RECOGNISED,
            RequestStatus.EXECUTED,
            RequestStatus.ANSWERED,
            RequestStatus.REFUSED,
            RequestStatus.WITHDRAWN,
        ),
        RequestStatus.RECOGNISED: (RequestStatus.EXECUTED, RequestStatus.ANSWERED, RequestStatus.WITHDRAWN),
    },
}

#: Deadline-engine events an incoming EIO's course records in its (Austrian) cases.
EIO_EVENTS = {
    RequestStatus.RECEIVED: "eio_received",
    RequestStatus.RECOGNISED: "eio_recognised",
    RequestStatus.EXECUTED: "eio_executed",
    RequestStatus.ANSWERED: "eio_executed",
    RequestStatus.REFUSED: "eio_decided",
}


def _not_future(day: date | None, office: Office, now: datetime, field: str, what: str) -> None:
    if day is not None and day > office.today(now):
        raise DomainError(f"{what} cannot lie in the future.", field)


def add_agency(*, country: str, name: str, actor: User | None, now: datetime) -> PartnerAgency:
    """Add a partner agency abroad, or return the one of that country and name."""
    country, name = country.strip().upper(), " ".join(name.split())
    if pycountry.countries.get(alpha_2=country) is None:
        raise DomainError(f"{country or 'That'} is not an ISO 3166 country code.", "country")
    if not name:
        raise DomainError("Name the agency.", "name")
    existing = db.session.scalar(
        sa.select(PartnerAgency).where(PartnerAgency.country == country, PartnerAgency.name == name)
    )
    if existing is not None:
        return existing
    agency = PartnerAgency(country=country, name=name, created_at=now)
    record(
        "partner_agency.create",
        actor=actor,
        now=now,
        about=agency,
        changes={"country": [None, country], "name": [None, name]},
    )
    return agency


def create_request(
    *,
    office: Office,
    kind: RequestKind,
    direction: Direction,
    agency: PartnerAgency,
    subject: str,
    cases: list[Case],
    actor: User | None,
    now: datetime,
    reference: str = "",
    sent_on: date | None = None,
    received_on: date | None = None,
) -> CooperationRequest:
    """Record a request: outgoing as a draft or sent, incoming as received (opening an EIO's limits)."""
    kind, direction = RequestKind(kind), Direction(direction)
    if not subject.strip():
        raise DomainError("Say what the request is about.", "subject")
    if any(case.office_id != office.id for case in cases):
        raise DomainError("Link only cases of the office.", "cases")
    if direction == Direction.INCOMING:
        if received_on is None:
            raise DomainError("Enter the day the request was received.", "received_on")
        status = RequestStatus.RECEIVED
    else:
        status = RequestStatus.SENT if sent_on else RequestStatus.DRAFT
    _not_future(sent_on, office, now, "sent_on", "The day it was sent")
    _not_future(received_on, office, now, "received_on", "The day it was received")
    request = CooperationRequest(
        office=office,
        kind=kind,
        direction=direction,
        agency=agency,
        reference=reference.strip(),
        subject=subject.strip(),
        status=status,
        sent_on=sent_on,
        received_on=received_on,
        cases=list(cases),
        created_by_id=actor.id if actor else None,
        created_at=now,
    )
    record(
        "cooperation_request.create",
        actor=actor,
        now=now,
        about=request,
        changes={
            "kind": kind.value,
            "direction": direction.value,
            "agency_id": agency.id,
            "status": status.value,
            "case_ids": [case.id for case in cases],
        },
    )
    _deadline_event(request, status, received_on, actor=actor, now=now)
    return request


def next_statuses(request: CooperationRequest) -> tuple[RequestStatus, ...]:
    return TRANSITIONS[request.direction].get(request.status, ())


def change_status(
    request: CooperationRequest,
    status: RequestStatus,
    *,
    on: date | None,
    response: str = "",
    actor: User,
    now: datetime,
) -> None:
    """Move a request along its course, keeping the day and any response."""
    status = RequestStatus(status)
    if status not in next_statuses(request):
        raise DomainError(f"A {request.status.value} request cannot become {status.value}.", "status")
    if on is None:
        raise DomainError("Enter the day.", "on")
    _not_future(on, request.office, now, "on", "The day")
    start = request.received_on or request.sent_on
    if start is not None and on < start:
        raise DomainError(f"The day cannot lie before {day_text(start)}.", "on")
    before = {"status": request.status.value, "response": request.response}
    request.status = status
    if status == RequestStatus.SENT:
        request.sent_on = on
    elif status == RequestStatus.RECOGNISED:
        request.recognised_on = on
    else:
        request.responded_on = on
    if response.strip():
        request.response = response.strip()
    db.session.flush()
    changes = {**diff(before, {"status": status.value, "response": request.response}), "on": on}
    record("cooperation_request.status", actor=actor, now=now, about=request, changes=changes)
    _deadline_event(request, status, on, actor=actor, now=now)


def _deadline_event(request: CooperationRequest, status: RequestStatus, on: date | None, *, actor, now) -> None:
    """Record an incoming EIO's step in its Austrian cases (the EU rules serve Austrian offices only)."""
    event = EIO_EVENTS.get(status)
    if (
        request.kind != RequestKind.EUROPEAN_INVESTIGATION_ORDER
        or request.direction != Direction.INCOMING
        or event is None
        or on is None
    ):
        return
    for case in request.cases:
        if case.jurisdiction != Jurisdiction.AT:
            continue
        try:
            record_trigger(case, event, day_moment(case, on, now), actor=actor, now=now)
        except DomainError as error:
            raise DomainError(str(error), "on") from error


def create_meeting(
    *,
    office: Office,
    title: str,
    starts_on: date,
    ends_on: date,
    place: str,
    actor: User | None,
    now: datetime,
    operation: Operation | None = None,
    agenda: str = "",
    outcomes: str = "",
) -> JointMeeting:
    """Record a joint meeting with partner agencies."""
    _check_meeting(title, starts_on, ends_on, place)
    meeting = JointMeeting(
        office=office,
        operation=operation,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        agenda=agenda.strip(),
        outcomes=outcomes.strip(),
        created_by_id=actor.id if actor else None,
        created_at=now,
    )
    db.session.add(meeting)
    db.session.flush()  # before the snapshot: the insert fills in the operation's id
    record("joint_meeting.create", actor=actor, now=now, about=meeting, changes=diff({}, _meeting_snapshot(meeting)))
    return meeting


def update_meeting(
    meeting: JointMeeting,
    *,
    title: str,
    starts_on: date,
    ends_on: date,
    place: str,
    operation: Operation | None,
    agenda: str,
    outcomes: str,
    actor: User,
    now: datetime,
) -> None:
    """Change a meeting's facts, agenda or outcomes."""
    _check_meeting(title, starts_on, ends_on, place)
    before = _meeting_snapshot(meeting)
    meeting.title, meeting.starts_on, meeting.ends_on, meeting.place = title.strip(), starts_on, ends_on, place.strip()
    meeting.operation, meeting.agenda, meeting.outcomes = operation, agenda.strip(), outcomes.strip()
    db.session.flush()
    changes = diff(before, _meeting_snapshot(meeting))
    if changes:
        record("joint_meeting.update", actor=actor, now=now, about=meeting, changes=changes)


def _check_meeting(title: str, starts_on: date | None, ends_on: date | None, place: str) -> None:
    if not title.strip():
        raise DomainError("Give the meeting a title.", "title")
    if not place.strip():
        raise DomainError("Enter where the meeting took place.", "place")
    if starts_on is None:
        raise DomainError("Enter the first day of the meeting.", "starts_on")
    if ends_on is None or ends_on < starts_on:
        raise DomainError("The meeting cannot end before it starts.", "ends_on")


def _meeting_snapshot(meeting: JointMeeting) -> dict:
    return {
        "title": meeting.title,
        "starts_on": meeting.starts_on.isoformat(),
        "ends_on": meeting.ends_on.isoformat(),
        "place": meeting.place,
        "operation_id": meeting.operation_id,
        "agenda": meeting.agenda,
        "outcomes": meeting.outcomes,
    }


def add_participants(
    meeting: JointMeeting, *, agency: PartnerAgency | None, names: str, actor: User, now: datetime
) -> MeetingParticipant:
    """Record who attended for one side (the office itself when `agency` is None)."""
    if not names.strip():
        raise DomainError("Enter who attended.", "names")
    participant = MeetingParticipant(meeting=meeting, agency=agency, names=names.strip())
    db.session.add(participant)
    db.session.flush()
    changes = {"agency_id": agency.id if agency else None, "names": participant.names}
    record("joint_meeting.participants", actor=actor, now=now, about=meeting, changes=changes)
    return participant


def record_disclosure(
    *,
    office: Office,
    agency: PartnerAgency,
    material: str,
    disclosed_on: date | None,
    actor: User,
    now: datetime,
    meeting: JointMeeting | None = None,
    measure: Measure | None = None,
    case: Case | None = None,
    legal_basis: str = "",
) -> Disclosure:
    """Record that material was shared with a partner agency, at a meeting or otherwise."""
    if not material.strip():
        raise DomainError("Describe the material shared.", "material")
    if disclosed_on is None:
        raise DomainError("Enter the day it was shared.", "disclosed_on")
    _not_future(disclosed_on, office, now, "disclosed_on", "The day it was shared")
    if meeting is not None and not meeting.starts_on <= disclosed_on <= meeting.ends_on:
        raise DomainError(
            f"The meeting ran from {day_text(meeting.starts_on)} to {day_text(meeting.ends_on)}.", "disclosed_on"
        )
    if measure is not None:
        case = case or measure.case
        if measure.case_id != case.id:
            raise DomainError("The measure belongs to another case.", "measure_id")
    disclosure = Disclosure(
        office=office,
        agency=agency,
        meeting=meeting,
        measure=measure,
        case=case,
        material=material.strip(),
        disclosed_on=disclosed_on,
        legal_basis=legal_basis.strip(),
        recorded_by_id=actor.id,
        created_at=now,
    )
    record(
        "disclosure.create",
        actor=actor,
        now=now,
        about=disclosure,
        changes={
            "agency_id": agency.id,
            "meeting_id": meeting.id if meeting else None,
            "measure_id": measure.id if measure else None,
            "case_id": case.id if case else None,
            "disclosed_on": disclosed_on,
        },
    )
    return disclosure


def disclosures_of_measure(measure: Measure) -> list[Disclosure]:
    """What of the measure's material was shared, and with whom (the caller already sees the measure)."""
    return list(
        db.session.scalars(
            sa.select(Disclosure)
            .where(Disclosure.measure_id == measure.id)
            .options(joinedload(Disclosure.agency), joinedload(Disclosure.meeting))
            .order_by(Disclosure.disclosed_on)
        )
    )


def agencies() -> list[PartnerAgency]:
    return list(db.session.scalars(sa.select(PartnerAgency).order_by(PartnerAgency.country, PartnerAgency.name)))
