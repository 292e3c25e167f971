"""Opening and editing cases, and recording what happens in them.

Every function takes the acting user and the time explicitly, adds and flushes, and
leaves the commit to the caller (view, command or job).
"""

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from app.audit.services import diff, record
from app.auth.models import Office, User
from app.cases.history import record_case_event
from app.cases.models import (
    Arrest,
    Case,
    Charge,
    Custody,
    Defendant,
    Jurisdiction,
    OffenceClass,
    Person,
    Seizure,
    SeizureCategory,
    Stage,
    TimelineKind,
    Unit,
)
from app.cases.names import search_key, similarity
from app.errors import Conflict, DomainError
from app.events import ArrestRecorded, CaseOpened, ChargeAdded, CustodyChanged, publish
from app.extensions import db
from app.operations.models import Operation

#: How alike two names must be (0–1) for persons with the same date of birth to be offered as a match.
MATCH_THRESHOLD = 0.75


EDITABLE_FIELDS = ("reference", "title", "jurisdiction", "court", "sealed", "opened_on", "operation_id")


def snapshot(case: Case) -> dict:
    return {field: _plain(getattr(case, field)) for field in EDITABLE_FIELDS}


def _plain(value):
    return value.value if hasattr(value, "value") else value.isoformat() if isinstance(value, date) else value


def _check_reference(office_id: int, reference: str, case_id: int | None = None) -> str:
    reference = reference.strip()
    query = sa.select(Case.id).where(Case.office_id == office_id, Case.reference == reference)
    if case_id is not None:
        query = query.where(Case.id != case_id)
    if db.session.scalar(query) is not None:
        raise DomainError(f"The office already has a case {reference}.", "reference")
    return reference


def open_case(
    *,
    office: Office,
    reference: str,
    title: str,
    jurisdiction: Jurisdiction,
    opened_on: date,
    actor: User | None,
    now: datetime,
    operation: Operation | None = None,
    prosecutor: User | None = None,
    court: str = "",
    sealed: bool = False,
) -> Case:
    """Open a case at intake."""
    case = Case(
        office=office,
        reference=_check_reference(office.id, reference),
        title=title.strip(),
        jurisdiction=Jurisdiction(jurisdiction),
        opened_on=opened_on,
        operation=operation,
        prosecutor=prosecutor,
        court=court.strip(),
        sealed=sealed,
        stage=Stage.INTAKE,
        stage_changed_at=now,
        last_activity_at=now,
        created_at=now,
    )
    db.session.add(case)
    db.session.flush()
    record_case_event(
        case,
        TimelineKind.CREATED,
        f"Case opened: {case.title}",
        "case.create",
        actor=actor,
        now=now,
        changes=diff({}, snapshot(case)),
    )
    publish(CaseOpened(case=case, actor=actor, now=now))
    return case


def update_case(case: Case, *, expected_version: int, actor: User, now: datetime, **fields) -> None:
    """Change a case's own fields, refusing if it changed since `expected_version` was read."""
    if expected_version != case.version:
        raise Conflict(case)
    before = snapshot(case)
    if "reference" in fields:
        fields["reference"] = _check_reference(case.office_id, fields["reference"], case.id)
    for field, value in fields.items():
        if field not in EDITABLE_FIELDS:
            raise DomainError(f"{field} cannot be edited here.")
        setattr(case, field, value.strip() if isinstance(value, str) else value)
    changes = diff(before, snapshot(case))
    if not changes:
        return
    db.session.flush()
    record_case_event(
        case,
        TimelineKind.EDITED,
        "Edited " + ", ".join(sorted(changes)),
        "case.update",
        actor=actor,
        now=now,
        details={"changes": changes},
        changes=changes,
    )


def add_note(case: Case, text: str, *, actor: User, now: datetime) -> None:
    record_case_event(case, TimelineKind.NOTE, text.strip(), "case.note", actor=actor, now=now)


def likely_matches(office_id: int, first_name: str, last_name: str, date_of_birth: date | None) -> list[Person]:
    """Persons of the office with the same date of birth and a similar name, best first."""
    if date_of_birth is None:
        return []
    candidates = db.session.scalars(
        sa.select(Person).where(Person.office_id == office_id, Person.date_of_birth == date_of_birth)
    ).all()
    wanted = f"{first_name} {last_name}"
    scored = [(max(similarity(wanted, name) for name in [p.full_name, *p.aliases]), p) for p in candidates]
    return [person for score, person in sorted(scored, key=lambda s: (-s[0], s[1].id)) if score >= MATCH_THRESHOLD]


def create_person(
    *,
    office: Office,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    nationality: str | None,
    aliases: list[str] | None = None,
    actor: User | None,
    now: datetime,
) -> Person:
    aliases = [alias.strip() for alias in aliases or [] if alias.strip()]
    person = Person(
        office_id=office.id,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        aliases=aliases,
        date_of_birth=date_of_birth,
        nationality=(nationality or "").upper() or None,
        search_name=search_key(first_name, last_name, aliases),
        created_at=now,
    )
    record("person.create", actor=actor, now=now, about=person)
    return person


def add_defendant(
    case: Case, person: Person, *, actor: User | None, now: datetime, custody: Custody = Custody.AT_LIBERTY
) -> Defendant:
    """Make `person` a defendant in `case` (or return them if they already are)."""
    for defendant in case.defendants:
        if defendant.person_id == person.id:
            return defendant
    defendant = Defendant(
        case=case, person=person, custody=custody, custody_since=now if custody.in_custody else None, created_at=now
    )
    db.session.add(defendant)
    db.session.flush()
    record_case_event(
        case,
        TimelineKind.DEFENDANT,
        f"Defendant added: {person.full_name}",
        "defendant.create",
        actor=actor,
        now=now,
        details={"defendant_id": defendant.id},
        changes={"person_id": [None, person.id]},
    )
    return defendant


def add_charge(
    defendant: Defendant,
    *,
    statute: str,
    offence_class: OffenceClass,
    description: str,
    max_penalty_months: int | None,
    life_possible: bool,
    actor: User,
    now: datetime,
) -> Charge:
    charge = Charge(
        defendant=defendant,
        statute=statute.strip(),
        offence_class=OffenceClass(offence_class),
        description=description.strip(),
        max_penalty_months=max_penalty_months,
        life_possible=life_possible,
        created_at=now,
    )
    db.session.add(charge)
    db.session.flush()
    record_case_event(
        defendant.case,
        TimelineKind.CHARGE,
        f"Charge against {defendant.person.full_name}: {charge}",
        "charge.create",
        actor=actor,
        now=now,
        details={"charge_id": charge.id},
        changes={"statute": [None, charge.statute], "defendant_id": defendant.id},
    )
    publish(ChargeAdded(charge=charge, actor=actor, now=now))
    return charge


def set_custody(
    defendant: Defendant,
    custody: Custody,
    *,
    actor: User | None,
    now: datetime,
    reason: str = "",
    since: datetime | None = None,
) -> None:
    """Change a defendant's custody status; the deadline engine listens for `custody_changed`."""
    custody = Custody(custody)
    before = defendant.custody
    if custody == before:
        return
    defendant.custody = custody
    defendant.custody_since = (since or now) if custody.in_custody else None
    record_case_event(
        defendant.case,
        TimelineKind.CUSTODY,
        f"{defendant.person.full_name}: {before.label.lower()} → {custody.label.lower()}"
        + (f" ({reason})" if reason else ""),
        "defendant.custody",
        actor=actor,
        now=now,
        details={"defendant_id": defendant.id, "from": before.value, "to": custody.value},
        changes={"custody": [before.value, custody.value], "defendant_id": defendant.id},
    )
    publish(CustodyChanged(defendant=defendant, before=before, after=custody, actor=actor, now=now))


def record_arrest(
    case: Case,
    person: Person,
    *,
    arrested_at: datetime,
    place: str,
    agency: str,
    custody_followed: bool,
    actor: User | None,
    now: datetime,
    external_id: str | None = None,
) -> Arrest:
    """Record an arrest; the person becomes a defendant, in custody if custody followed."""
    if arrested_at.tzinfo is None:
        raise DomainError("The time of arrest needs a time zone.", "arrested_at")
    if arrested_at > now:
        raise DomainError("The time of arrest cannot be in the future.", "arrested_at")
    arrest = Arrest(
        case=case,
        person=person,
        arrested_at=arrested_at,
        place=place.strip(),
        agency=agency.strip(),
        custody_followed=custody_followed,
        external_id=external_id,
        recorded_by_id=actor.id if actor else None,
        created_at=now,
    )
    db.session.add(arrest)
    defendant = add_defendant(case, person, actor=actor, now=now)
    db.session.flush()
    record_case_event(
        case,
        TimelineKind.ARREST,
        f"Arrest of {person.full_name} in {arrest.place} by {arrest.agency}"
        + (", custody followed" if custody_followed else ""),
        "arrest.create",
        actor=actor,
        now=now,
        details={"arrest_id": arrest.id},
        changes={"arrest_id": arrest.id, "person_id": person.id},
    )
    if custody_followed and not defendant.custody.in_custody:
        # Custody began with the arrest, not when it was typed in (imports record old arrests).
        set_custody(defendant, Custody.ARRESTED, actor=actor, now=now, reason="arrest", since=arrested_at)
    publish(ArrestRecorded(arrest=arrest, defendant=defendant, actor=actor, now=now))
    return arrest


def record_seizure(
    case: Case,
    *,
    category: SeizureCategory,
    substance: str,
    quantity: Decimal,
    unit: Unit,
    actor: User | None,
    now: datetime,
    arrest: Arrest | None = None,
    seized_on: date | None = None,
) -> Seizure:
    if quantity is None or Decimal(quantity) <= 0:
        raise DomainError("The quantity must be more than zero.", "quantity")
    if arrest is not None and arrest.case_id != case.id:
        raise DomainError("That arrest belongs to another case.", "arrest_id")
    seizure = Seizure(
        case=case,
        arrest=arrest,
        category=SeizureCategory(category),
        substance=substance.strip(),
        quantity=Decimal(quantity),
        unit=Unit(unit),
        seized_on=seized_on,
        recorded_by_id=actor.id if actor else None,
        created_at=now,
    )
    db.session.add(seizure)
    db.session.flush()
    record_case_event(
        case,
        TimelineKind.SEIZURE,
        f"Seized {seizure.quantity.normalize():f} {seizure.unit.value} {seizure.substance} ({seizure.category.value})",
        "seizure.create",
        actor=actor,
        now=now,
        details={"seizure_id": seizure.id},
        changes={"seizure_id": seizure.id, "category": seizure.category.value},
    )
    return seizure
