"""The reference operation's measures and cooperation.

40 running telephone interceptions, undercover operations and surveillance, a few
measures that ended, the joint operational meeting in Vienna (30 Jul – 1 Aug 2019)
at which recorded calls were shared with the Belgrade police (each sharing recorded
as a disclosure), and requests exchanged with Serbia and Hungary. Historical dates
are moved by `shift` days, like the rest of the demo.
"""

from datetime import date, datetime, timedelta
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
BELGRADE = (
    "RS",
    "Ministry of Interior of the Republic of Serbia, Criminal Police Directorate – Belgrade Police Administration",
)
SERBIAN_JUSTICE = ("RS", "Ministry of Justice of the Republic of Serbia")
HUNGARY_NBI = ("HU", "Hungarian National Bureau of Investigation (Nemzeti Nyomozó Iroda), Budapest")
BUDAPEST_PROSECUTION = ("HU", "Budapest Metropolitan Chief Prosecutor's Office")

RUNNING_INTERCEPTIONS = 40
#: (kind, how many running, target place) besides the interceptions.
OTHER_RUNNING = (
    (MeasureKind.UNDERCOVER_OPERATION, 4, "Drug market, Praterstern"),
    (MeasureKind.SURVEILLANCE, 6, "Flat, Quellenstraße, 1100 Vienna"),
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
        case = cases[n % len(cases)]
        ordered = date(2019, 6, 3) + timedelta(days=2 * n)
        measure = _order(
            case,
            MeasureKind.TELEPHONE_INTERCEPTION,
            day(ordered),
            day(ordered + timedelta(days=91)),
            now=now,
            phone=f"+381 6{n % 5} {310 + n:03d} {4000 + 37 * n:04d}",
            reference=f"331 HR {120 + n}/19t",
        )
        interceptions.append(measure)
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
            case = cases[(offset + n) % len(cases)]
            ordered = date(2019, 7, 8) + timedelta(days=3 * n)
            _order(
                case,
                kind,
                day(ordered),
                day(ordered + timedelta(days=90)),
                now=now,
                place=place,
                reference=f"331 HR {200 + offset + n}/19t",
            )
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
    case: Case,
    kind: MeasureKind,
    ordered_on: date,
    valid_to: date,
    *,
    now: datetime,
    reference: str,
    phone: str = "",
    place: str = "",
    status: MeasureStatus = MeasureStatus.RUNNING,
) -> Measure:
    defendant = _target(case)
    return measures.record_measure(
        case,
        kind=kind,
        status=status,
        target_person=defendant.person if defendant else None,
        target_phone=phone,
        target_place=place,
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
        case = cases[n % len(cases)]
        measure = _order(
            case,
            MeasureKind.TELEPHONE_INTERCEPTION,
            day(date(2019, 4, 1)),
            day(date(2019, 6, 30)),
            now=now,
            phone=f"+381 65 200 {n:04d}",
            reference=f"331 HR {60 + n}/19t",
        )
        measures.terminate(measure, ended_on=day(date(2019, 5, 20)), reason=reason, actor=case.prosecutor, now=now)
    case = cases[2 % len(cases)]
    lapsed = _order(
        case,
        MeasureKind.SURVEILLANCE,
        day(date(2019, 3, 4)),
        day(date(2019, 5, 31)),
        now=now,
        place="Garage, Simmeringer Hauptstraße",
        reference="331 HR 45/19t",
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
    belgrade, justice, nbi, budapest = (
        cooperation.add_agency(country=c, name=n, actor=lead, now=now)
        for c, n in (BELGRADE, SERBIAN_JUSTICE, HUNGARY_NBI, BUDAPEST_PROSECUTION)
    )
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
    cooperation.add_participants(
        meeting,
        agency=None,
        names="Public prosecutors of the operation; Vienna criminal police (LKA Wien), drug unit",
        actor=lead,
        now=now,
    )
    cooperation.add_participants(
        meeting,
        agency=belgrade,
        names="Investigators of the Criminal Police Directorate, Belgrade Police Administration (drug unit)",
        actor=lead,
        now=now,
    )
    for measure in interceptions[:5]:
        cooperation.record_disclosure(
            office=office,
            agency=belgrade,
            meeting=meeting,
            measure=measure,
            disclosed_on=day(date(2019, 7, 31)),
            material=f"Recorded calls of the interception of {measure.target_phone}, played and handed over",
            legal_basis="Art. 7 PCC SEE",
            actor=measure.case.prosecutor,
            now=now,
        )
    exchange = cooperation.create_request(
        office=office,
        kind=RequestKind.PCC_SEE_EXCHANGE,
        direction=Direction.OUTGOING,
        agency=belgrade,
        subject="Identities, addresses and phone numbers of the couriers' contacts in Belgrade",
        reference="PCC-SEE/AT-RS/19/117",
        cases=cases[:3],
        sent_on=day(date(2019, 6, 14)),
        actor=lead,
        now=now,
    )
    cooperation.change_status(
        exchange,
        RequestStatus.ANSWERED,
        on=day(date(2019, 7, 5)),
        response="Seven persons identified; addresses and numbers attached.",
        actor=lead,
        now=now,
    )
    cooperation.create_request(
        office=office,
        kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        direction=Direction.OUTGOING,
        agency=justice,
        subject="Questioning of witnesses in Belgrade and bank records of two suspects",
        reference="712 St 7/19k-RH",
        cases=cases[:2],
        sent_on=day(date(2019, 8, 19)),
        actor=lead,
        now=now,
    )
    cooperation.create_request(
        office=office,
        kind=RequestKind.EUROPEAN_INVESTIGATION_ORDER,
        direction=Direction.OUTGOING,
        agency=budapest,
        subject="Border crossing records and toll data of the courier vehicles at Hegyeshalom",
        reference="712 St 12/19k-EEA",
        cases=cases[3:5],
        sent_on=day(date(2019, 7, 22)),
        actor=lead,
        now=now,
    )
    incoming = cooperation.create_request(
        office=office,
        kind=RequestKind.EUROPEAN_INVESTIGATION_ORDER,
        direction=Direction.INCOMING,
        agency=nbi,
        subject="Hearing of a detained courier in Vienna as a witness",
        reference="NNI-19/4471",
        cases=cases[5:6],
        received_on=day(date(2019, 8, 16)),
        actor=lead,
        now=now,
    )
    cooperation.change_status(incoming, RequestStatus.RECOGNISED, on=day(date(2019, 8, 28)), actor=lead, now=now)
