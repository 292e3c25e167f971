"""The reference operation's measures and cooperation.

40 running telephone interceptions, undercover operations and surveillance, a few
measures that ended, the joint operational meeting in Vienna (30 Jul – 1 Aug 2019)
at which recorded calls were shared with the Belgrade police (each sharing recorded
as a disclosure), and requests exchanged with Serbia and Hungary. Historical dates
are moved by `shift` days, like the rest of the demo.
"""

from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.cases.models import Case, Defendant, Stage
from app.cooperation import services as cooperation
from app.cooperation.models import Direction, RequestKind, RequestStatus
from app.extensions import db
from app.measures import services as measures
from app.measures.models import Measure, MeasureKind, MeasureStatus
from app.operations.models import Operation

COURT = "Landesgericht für Strafsachen Wien"
INTERCEPTION = MeasureKind.TELEPHONE_INTERCEPTION
RUNNING_INTERCEPTIONS = 40
#: (kind, how many running, target place) besides the interceptions.
OTHER_RUNNING = (
    (MeasureKind.UNDERCOVER_OPERATION, 4, "Drug market, Praterstern"),
    (MeasureKind.SURVEILLANCE, 6, "Flat, Quellenstraße, 1100 Vienna"),
)
BELGRADE = (
    "RS",
    "Ministry of Interior of the Republic of Serbia, Criminal Police Directorate – Belgrade Police Administration",
)
SERBIAN_JUSTICE = ("RS", "Ministry of Justice of the Republic of Serbia")
HUNGARY_NBI = ("HU", "Hungarian National Bureau of Investigation (Nemzeti Nyomozó Iroda), Budapest")
BUDAPEST_PROSECUTION = ("HU", "Budapest Metropolitan Chief Prosecutor's Office")

#: Who attended the meeting: (partner, or None for the office's own people, names).
PARTICIPANTS = (
    (None, "Public prosecutors of the operation; Vienna criminal police (LKA Wien), drug unit"),
    (BELGRADE, "Investigators of the Criminal Police Directorate, Belgrade Police Administration (drug unit)"),
)


class PlannedRequest(NamedTuple):
    """A request exchanged with a partner, in historical dates: an outgoing one is sent, an incoming one received."""

    kind: RequestKind
    partner: tuple[str, str]
    subject: str
    reference: str
    #: Which of the working cases it names.
    cases: slice
    sent_on: date | None = None
    received_on: date | None = None
    #: What became of it: (status, on, response).
    then: tuple[RequestStatus, date, str] | None = None


REQUESTS = (
    PlannedRequest(
        RequestKind.PCC_SEE_EXCHANGE,
        BELGRADE,
        "Identities, addresses and phone numbers of the couriers' contacts in Belgrade",
        "PCC-SEE/AT-RS/19/117",
        slice(0, 3),
        date(2019, 6, 14),
        None,
        (RequestStatus.ANSWERED, date(2019, 7, 5), "Seven persons identified; addresses and numbers attached."),
    ),
    PlannedRequest(
        RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        SERBIAN_JUSTICE,
        "Questioning of witnesses in Belgrade and bank records of two suspects",
        "712 St 7/19k-RH",
        slice(0, 2),
        date(2019, 8, 19),
    ),
    PlannedRequest(
        RequestKind.EUROPEAN_INVESTIGATION_ORDER,
        BUDAPEST_PROSECUTION,
        "Border crossing records and toll data of the courier vehicles at Hegyeshalom",
        "712 St 12/19k-EEA",
        slice(3, 5),
        date(2019, 7, 22),
    ),
    PlannedRequest(
        RequestKind.EUROPEAN_INVESTIGATION_ORDER,
        HUNGARY_NBI,
        "Hearing of a detained courier in Vienna as a witness",
        "NNI-19/4471",
        slice(5, 6),
        None,
        date(2019, 8, 16),
        (RequestStatus.RECOGNISED, date(2019, 8, 28), ""),
    ),
)


def load_measures_and_cooperation(operation: Operation, *, now: datetime, shift: int) -> None:
    """Add the operation's measures, meeting, disclosures and requests, unless it has measures already."""
    if db.session.scalar(sa.select(Measure.id).join(Case).where(Case.operation_id == operation.id).limit(1)):
        return
    cases = _working_cases(operation)
    if not cases:
        return
    zone = ZoneInfo(operation.office.timezone)

    def day(historical: date) -> date:
        return historical + timedelta(days=shift)

    interceptions = []
    for n in range(RUNNING_INTERCEPTIONS):
        case, ordered = cases[n % len(cases)], day(date(2019, 6, 3) + timedelta(days=2 * n))
        phone, reference = f"+381 6{n % 5} {310 + n:03d} {4000 + 37 * n:04d}", f"331 HR {120 + n}/19t"
        interceptions.append(_order(case, INTERCEPTION, phone, reference, ordered, ordered + timedelta(days=91), now))
    for measure in interceptions[:6]:  # the earliest orders were renewed once, in the last week of August
        measures.renew(
            measure,
            ordering_court=COURT,
            order_reference=f"{measure.order_reference}-2",
            ordered_on=day(date(2019, 8, 28)),
            valid_to=measure.valid_to + timedelta(days=61),
            actor=measure.case.prosecutor,
            now=now,
        )
    offset = RUNNING_INTERCEPTIONS
    for kind, count, place in OTHER_RUNNING:
        for n in range(count):
            case, ordered = cases[(offset + n) % len(cases)], day(date(2019, 7, 8) + timedelta(days=3 * n))
            _order(case, kind, place, f"331 HR {200 + offset + n}/19t", ordered, ordered + timedelta(days=90), now)
        offset += count
    _ended(cases, day, now)
    _cooperation(operation, cases, interceptions, day, now, zone)


def _working_cases(operation: Operation) -> list[Case]:
    """Cases of the operation still being investigated, with a prosecutor to order measures.

    Investigative measures serve the investigation: an indicted case has none running.
    """
    return list(
        db.session.scalars(
            sa.select(Case)
            .where(
                Case.operation_id == operation.id,
                Case.prosecutor_id.is_not(None),
                Case.stage.in_((Stage.INVESTIGATION, Stage.CHARGING)),
            )
            .order_by(Case.id)
        )
    )


def _target(case: Case):
    return db.session.scalar(sa.select(Defendant).where(Defendant.case_id == case.id).order_by(Defendant.id).limit(1))


def _order(
    case: Case, kind: MeasureKind, target: str, reference: str, ordered_on: date, valid_to: date, now: datetime
) -> Measure:
    """Record a running measure the court ordered; an interception targets a phone number, the others a place."""
    defendant = _target(case)
    by_phone = kind == INTERCEPTION
    return measures.record_measure(
        case,
        kind=kind,
        status=MeasureStatus.RUNNING,
        target_person=defendant.person if defendant else None,
        target_phone=target if by_phone else "",
        target_place="" if by_phone else target,
        requested_on=ordered_on - timedelta(days=2),
        ordering_court=COURT,
        order_reference=reference,
        ordered_on=ordered_on,
        valid_from=ordered_on + timedelta(days=1),
        valid_to=valid_to,
        actor=case.prosecutor,
        now=now,
    )


def _ended(cases: list[Case], day, now: datetime) -> None:
    """Two interceptions ended early, one lapsed, one surveillance was refused."""
    for n, reason in enumerate(("The suspect changed his number.", "The suspect was arrested.")):
        case, phone, reference = cases[n % len(cases)], f"+381 65 200 {n:04d}", f"331 HR {60 + n}/19t"
        measure = _order(case, INTERCEPTION, phone, reference, day(date(2019, 4, 1)), day(date(2019, 6, 30)), now)
        measures.terminate(measure, ended_on=day(date(2019, 5, 20)), reason=reason, actor=case.prosecutor, now=now)
    case = cases[2 % len(cases)]
    garage, reference = "Garage, Simmeringer Hauptstraße", "331 HR 45/19t"
    lapsed = _order(
        case, MeasureKind.SURVEILLANCE, garage, reference, day(date(2019, 3, 4)), day(date(2019, 5, 31)), now
    )
    measures.mark_expired(lapsed, actor=case.prosecutor, now=now)
    refused = measures.record_measure(
        case,
        kind=MeasureKind.SEARCH,
        status=MeasureStatus.REQUESTED,
        target_place="Storage unit, Laxenburger Straße",
        requested_on=day(date(2019, 8, 12)),
        actor=case.prosecutor,
        now=now,
    )
    measures.decide(
        refused,
        authorised=False,
        ordered_on=day(date(2019, 8, 14)),
        ordering_court=COURT,
        order_reference="331 HR 301/19t",
        actor=case.prosecutor,
        now=now,
    )


def _cooperation(
    operation: Operation, cases: list[Case], interceptions: list[Measure], day, now: datetime, zone: ZoneInfo
) -> None:
    office, lead = operation.office, cases[0].prosecutor
    agencies = {
        partner: cooperation.add_agency(country=partner[0], name=partner[1], actor=lead, now=now)
        for partner in (BELGRADE, SERBIAN_JUSTICE, HUNGARY_NBI, BUDAPEST_PROSECUTION)
    }
    meeting = cooperation.create_meeting(
        office=office,
        operation=operation,
        title="Joint operational meeting",
        place="Vienna",
        starts_on=day(date(2019, 7, 30)),
        ends_on=day(date(2019, 8, 1)),
        actor=lead,
        now=now,
        agenda="1. Structure of the groups and their couriers\n2. Results of the interceptions\n"
        "3. Coordinated arrests in Vienna and Belgrade",
        outcomes="Recorded calls played to and handed to the Serbian investigators; suspects identified; "
        "arrests coordinated for late August.",
    )
    for partner, names in PARTICIPANTS:
        cooperation.add_participants(meeting, agency=agencies.get(partner), names=names, actor=lead, now=now)
    for measure in interceptions[:5]:
        cooperation.record_disclosure(
            office=office,
            agency=agencies[BELGRADE],
            meeting=meeting,
            measure=measure,
            disclosed_on=day(date(2019, 7, 31)),
            material=f"Recorded calls of the interception of {measure.target_phone}, played and handed over",
            legal_basis="Art. 7 PCC SEE",
            actor=measure.case.prosecutor,
            now=now,
        )
    for planned in REQUESTS:
        request = cooperation.create_request(
            office=office,
            kind=planned.kind,
            direction=Direction.INCOMING if planned.received_on else Direction.OUTGOING,
            agency=agencies[planned.partner],
            subject=planned.subject,
            reference=planned.reference,
            cases=cases[planned.cases],
            sent_on=day(planned.sent_on) if planned.sent_on else None,
            received_on=day(planned.received_on) if planned.received_on else None,
            actor=lead,
            now=now,
        )
        if planned.then:
            status, on, response = planned.then
            cooperation.change_status(request, status, on=day(on), response=response, actor=lead, now=now)
