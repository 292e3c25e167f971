"""Importing arrests from a CSV file: check every row first, then write them all or nothing.

The caller commits when `report.failed` is false and rolls back otherwise, so a file with
one bad row leaves the database as it was (unless `partial` asks for the valid rows).
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from app.audit.services import record
from app.auth.models import Office, User
from app.cases import policy
from app.cases.models import Arrest, Case, Person
from app.cases.names import fold
from app.cases.services import create_person, record_arrest, record_seizure
from app.errors import DomainError
from app.extensions import db
from app.imports.reading import (
    COLUMNS,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    HEADER_ROW,
    Record,
    RowError,
    read_records,
)
from app.imports.rows import ArrestRow, parse_row

#: How many values one IN (...) carries; SQLite and PostgreSQL both take this many comfortably.
CHUNK = 500


def max_bytes() -> int:
    """The largest file accepted, from IMPORT_MAX_BYTES (5 MiB unless set)."""
    return int(current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    """The most rows one file may have, from IMPORT_MAX_ROWS (5,000 unless set)."""
    return int(current_app.config.get("IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


@dataclass
class ImportReport:
    """What an import found and did; `errors` name row and column."""

    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    new: int = 0
    already_imported: int = 0
    persons_created: int = 0
    persons_reused: int = 0
    seizures: int = 0
    partial: bool = False

    @property
    def failed(self) -> bool:
        """True when nothing may be kept: some row is bad and only all-or-nothing was asked for."""
        return bool(self.errors) and not self.partial

    @property
    def rejected_rows(self) -> int:
        return len({error.row for error in self.errors if error.row})

    @property
    def totals(self) -> dict[str, int]:
        """The counts the audit trail keeps of an import."""
        return {
            "new": self.new,
            "already_imported": self.already_imported,
            "rows_with_errors": self.rejected_rows,
            "persons_created": self.persons_created,
        }

    @property
    def summary(self) -> str:
        text = f"{self.new:,} new, {self.already_imported:,} already imported"
        if self.partial and self.errors:
            text += f", {self.rejected_rows:,} rows with errors left out"
        return text


def import_arrests(
    data: bytes,
    *,
    office: Office,
    actor: User | None,
    now: datetime,
    partial: bool = False,
    progress: Callable[[int], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    on_start: Callable[[int], None] | None = None,
) -> ImportReport:
    """Check every row of an arrests CSV and record the new arrests through the case services.

    `on_start(n)` is told how many arrests are about to be written, `progress(1)` after each.
    """
    report = ImportReport(partial=partial)
    try:
        records = read_records(data, max_bytes=max_bytes, max_rows=max_rows)
    except DomainError as refused:
        # A message naming a column is about the header; the others are about the whole file.
        report.errors.append(RowError(HEADER_ROW if refused.field else 0, refused.field or "", str(refused)))
        return report
    report.rows = len(records)
    rows = _checked_rows(records, office, actor, now, report.errors)
    if report.failed:
        return report
    imported = _imported_ids([row.external_id for row in rows])
    new_rows = [row for row in rows if row.external_id not in imported]
    report.already_imported = len(rows) - len(new_rows)
    if on_start:
        on_start(len(new_rows))
    _write(new_rows, office, actor, now, report, progress)
    if report.new:
        record("arrests.import", actor=actor, now=now, object_type="office", object_id=office.id, changes=report.totals)
    return report


def _checked_rows(
    records: list[Record], office: Office, actor: User | None, now: datetime, errors: list[RowError]
) -> list[ArrestRow]:
    """The rows whose cells are valid, whose case may be used and whose id is new in the file."""
    zone = office.zone
    cases = recordable_cases(office, actor, {item.cells["case_reference"] for item in records} - {""})
    rows, first_seen = [], {}
    for item in records:
        row, row_errors = parse_row(item, zone=zone, now=now)
        external_id, reference = item.cells["external_id"], item.cells["case_reference"]
        if external_id in first_seen:
            row_errors.append(
                RowError(item.row, "external_id", f"{external_id!r} is already used in row {first_seen[external_id]}.")
            )
        elif external_id:
            first_seen[external_id] = item.row
        if reference and reference not in cases:
            row_errors.append(
                RowError(
                    item.row,
                    "case_reference",
                    f"No case {reference!r} in {office.name} that you may record arrests in.",
                )
            )
        if row_errors:
            errors.extend(row_errors)
        else:
            row.case = cases[reference]
            rows.append(row)
    errors.sort(key=lambda error: (error.row, COLUMNS.index(error.column) if error.column in COLUMNS else -1))
    return rows


def recordable_cases(office: Office, actor: User | None, references: set[str]) -> dict[str, Case]:
    """The office's cases with these references in which `actor` may record arrests (all, for the system)."""
    query = policy.visible_cases(actor) if actor is not None else sa.select(Case)
    found = {}
    for chunk in _chunks(sorted(references)):
        for case in db.session.scalars(query.where(Case.office_id == office.id, Case.reference.in_(chunk))):
            if actor is None or policy.can_record_facts(actor, case):
                found[case.reference] = case
    return found


def _imported_ids(external_ids: list[str]) -> set[str]:
    return {
        external_id
        for chunk in _chunks(external_ids)
        for external_id in db.session.scalars(sa.select(Arrest.external_id).where(Arrest.external_id.in_(chunk)))
    }


def _write(
    rows: list[ArrestRow],
    office: Office,
    actor: User | None,
    now: datetime,
    report: ImportReport,
    progress: Callable[[int], None] | None,
) -> None:
    persons = _persons_by_key(office, {row.person.date_of_birth for row in rows if row.person.date_of_birth})
    for row in rows:
        # A savepoint per row lets a partial import drop one failing row and keep the others.
        savepoint = db.session.begin_nested() if report.partial else None
        try:
            _write_row(row, office, actor, now, persons, report)
        except DomainError as error:
            if savepoint is not None:
                savepoint.rollback()
            report.errors.append(RowError(row.row, error.field or "—", str(error)))
            if not report.partial:
                return
        else:
            if savepoint is not None:
                savepoint.commit()
            report.new += 1
        if progress:
            progress(1)


def _write_row(
    row: ArrestRow, office: Office, actor: User | None, now: datetime, persons: dict, report: ImportReport
) -> None:
    person = persons.get(row.person_key) if row.person.date_of_birth else None
    if person is None:
        person = persons[row.person_key] = create_person(office=office, **asdict(row.person), actor=actor, now=now)
        report.persons_created += 1
    else:
        report.persons_reused += 1
    arrest = record_arrest(row.case, person, **row.arrest, actor=actor, now=now, external_id=row.external_id)
    seized_on = office.today(row.arrested_at)
    for item in row.seized:
        record_seizure(row.case, **asdict(item), arrest=arrest, seized_on=seized_on, actor=actor, now=now)
        report.seizures += 1


def _persons_by_key(office: Office, dates_of_birth: set) -> dict:
    """The office's persons born on these dates, by (date of birth, folded name)."""
    persons = {}
    for chunk in _chunks(sorted(dates_of_birth)):
        query = (
            sa.select(Person).where(Person.office_id == office.id, Person.date_of_birth.in_(chunk)).order_by(Person.id)
        )
        for person in db.session.scalars(query):
            persons.setdefault((person.date_of_birth, fold(person.full_name)), person)
    return persons


def _chunks(values: list) -> list[list]:
    return [values[start : start + CHUNK] for start in range(0, len(values), CHUNK)]
