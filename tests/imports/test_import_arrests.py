"""Importing arrests: all or nothing, errors by row and column, re-imports add nothing."""

import time
from datetime import date

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.cases.models import Arrest, Defendant, Person, Seizure, TimelineEntry, TimelineKind
from app.cases.services import create_person
from app.extensions import db
from app.imports.reading import RowError
from app.imports.services import import_arrests
from tests.cases.factories import OpenedCaseFactory, OperationFactory
from tests.factories import OfficeFactory
from tests.imports.arrests_files import arrest_rows, spreadsheet_row, to_csv
from tests.moments import NOW

BAD_INDEX = 536


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def totals() -> dict:
    return {model.__name__: count(model) for model in (Arrest, Person, Seizure, Defendant, TimelineEntry, AuditEvent)}


def run(data: bytes, office, actor, **kwargs):
    report = import_arrests(data, office=office, actor=actor, now=NOW, **kwargs)
    db.session.rollback() if report.failed else db.session.commit()
    return report


def test_a_thousand_rows_with_one_bad_row_write_nothing_and_name_the_row_and_column(office, investigator, references):
    rows = arrest_rows(1000, references)
    rows[BAD_INDEX]["date_of_birth"] = "1985-02-30"
    before = totals()
    report = run(to_csv(rows), office, investigator)
    assert report.failed
    assert report.errors == [
        RowError(
            spreadsheet_row(BAD_INDEX),
            "date_of_birth",
            "'1985-02-30' is not a date written as YYYY-MM-DD, e.g. 1985-03-14.",
        )
    ]
    assert spreadsheet_row(BAD_INDEX) == 538
    assert totals() == before


def test_the_corrected_file_imports_and_importing_it_again_adds_nothing(office, investigator, references, request):
    data = to_csv(arrest_rows(1000, references))
    started = time.perf_counter()
    report = run(data, office, investigator)
    seconds = time.perf_counter() - started
    request.node.user_properties.append(("seconds_for_1000_rows", round(seconds, 2)))
    print(f"\n1,000-row import on {db.engine.dialect.name}: {seconds:.2f} s")
    assert (report.errors, report.summary) == ([], "1,000 new, 0 already imported")
    assert (report.persons_created, report.persons_reused, report.seizures) == (500, 500, 400)
    assert count(Arrest) == 1000 and count(Person) == 500 and count(Seizure) == 400
    # Every arrest went through record_arrest: audited, on the timeline, its person a defendant.
    assert db.session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == "arrest.create")) == 1000
    assert db.session.scalar(sa.select(sa.func.count()).where(TimelineEntry.kind == TimelineKind.ARREST)) == 1000
    assert count(Defendant) == 500
    assert db.session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == "arrests.import")) == 1

    before = totals()
    again = run(data, office, investigator)
    assert (again.errors, again.summary, again.new) == ([], "0 new, 1,000 already imported", 0)
    assert totals() == before


def test_rows_keep_their_values_and_local_times_are_the_offices(office, investigator, references):
    rows = arrest_rows(4, references)[::2]  # two persons
    rows[0].update(arrested_at="2019-08-26T09:15:00+02:00", seized="heroin 1,5 kg; Weapon: machine pistol 3 pieces")
    rows[1].update(arrested_at="2019-01-10 09:15", custody="Ja", nationality="me")
    run(to_csv(rows), office, investigator)
    summer, winter = db.session.scalars(sa.select(Arrest).order_by(Arrest.external_id)).all()
    assert summer.arrested_at.isoformat() == "2019-08-26T07:15:00+00:00"
    assert winter.arrested_at.isoformat() == "2019-01-10T08:15:00+00:00"  # Vienna is UTC+1 in winter
    assert (summer.case.reference, summer.place, summer.custody_followed) == (
        references[0],
        "Wien 10., Favoriten",
        False,
    )
    assert winter.custody_followed and winter.person.nationality == "ME"
    assert [
        (s.category.value, s.substance, f"{s.quantity.normalize():f}", s.unit.value, s.seized_on.isoformat())
        for s in summer.seizures
    ] == [("drug", "heroin", "1.5", "kg", "2019-08-26"), ("weapon", "machine pistol", "3", "pieces", "2019-08-26")]
    defendant = db.session.scalar(sa.select(Defendant).where(Defendant.person_id == winter.person_id))
    assert defendant.custody.in_custody


def test_a_semicolon_file_with_byte_order_mark_imports(office, investigator, references):
    rows = arrest_rows(3, references)
    rows[0]["seized"] = "heroin 1,5 kg; cash 4500 EUR"
    data = to_csv(rows, delimiter=";", bom=True)
    assert data.startswith(b"\xef\xbb\xbfexternal_id;case_reference;")
    report = run(data, office, investigator)
    assert (report.errors, report.summary) == ([], "3 new, 0 already imported")
    assert sorted(db.session.scalars(sa.select(Arrest.external_id))) == ["SR-00000", "SR-00001", "SR-00002"]
    assert sorted((s.category.value, str(s.quantity.normalize())) for s in db.session.scalars(sa.select(Seizure))) == [
        ("cash", "4.5E+3"),
        ("drug", "1.5"),
    ]


def test_a_known_person_of_the_office_is_reused_and_others_offices_are_not(office, investigator, references):
    born = date(1985, 3, 14)
    create_person(
        office=OfficeFactory(),
        first_name="Marko",
        last_name="Petrović",
        date_of_birth=born,
        nationality="RS",
        actor=None,
        now=NOW,
    )
    known = create_person(
        office=office,
        first_name="Marko",
        last_name="Petrović",
        date_of_birth=born,
        nationality="RS",
        actor=None,
        now=NOW,
    )
    rows = arrest_rows(1, references)
    rows[0].update(first_name="MARKO", last_name="Petrovic", date_of_birth=born.isoformat())
    report = run(to_csv(rows), office, investigator)
    assert (report.persons_created, report.persons_reused) == (0, 1)
    assert db.session.scalar(sa.select(Arrest)).person_id == known.id


@pytest.mark.parametrize(
    "change, column, message",
    [
        ({"external_id": ""}, "external_id", "This value is required."),
        ({"case_reference": "999 St 1/19"}, "case_reference", "No case '999 St 1/19' in "),
        ({"nationality": "YU"}, "nationality", "'YU' is not an ISO 3166 country code"),
        ({"arrested_at": "26.08.2019 14:30"}, "arrested_at", "'26.08.2019 14:30' is not a date and time"),
        ({"arrested_at": "2030-01-01T10:00+01:00"}, "arrested_at", "cannot be in the future"),
        ({"arrested_at": "2018-10-28 02:30"}, "arrested_at", "happened twice in Europe/Vienna"),
        ({"custody": "maybe"}, "custody", "'maybe' is neither yes nor no."),
        ({"seized": "heroin lots"}, "seized", "'heroin lots' is not an item"),
        ({"seized": "cash 20 kg"}, "seized", "Cash in 'cash 20 kg' is counted in EUR."),
        ({"place": "x" * 201}, "place", "At most 200 characters, not 201."),
    ],
)
def test_each_bad_cell_is_named(office, investigator, references, change, column, message):
    rows = arrest_rows(3, references)
    rows[1].update(change)
    report = run(to_csv(rows), office, investigator)
    assert [(error.row, error.column) for error in report.errors] == [(3, column)]
    assert report.errors[0].message.startswith(message) or message in report.errors[0].message
    assert count(Arrest) == 0


def test_a_row_with_several_problems_lists_each_in_column_order(office, investigator, references):
    rows = arrest_rows(2, references)
    rows[0].update(custody="", date_of_birth="14.03.1985", external_id=rows[1]["external_id"])
    rows[1].update(case_reference="nope")
    report = run(to_csv(rows), office, investigator)
    assert [(error.row, error.column) for error in report.errors] == [
        (2, "date_of_birth"),
        (2, "custody"),
        (3, "external_id"),
        (3, "case_reference"),
    ]
    assert report.errors[2].message == "'SR-00001' is already used in row 2."


def test_cases_the_importer_may_not_record_in_are_refused(office, investigator, operation, make_user):
    other_operation = OperationFactory(office=office, team=[make_user(Role.INVESTIGATOR)])
    hidden = OpenedCaseFactory(office=office, operation=other_operation)
    sealed = OpenedCaseFactory(office=office, operation=operation, sealed=True)
    other_office = OfficeFactory()
    elsewhere = OpenedCaseFactory(
        office=other_office, operation=OperationFactory(office=other_office, team=[investigator])
    )
    rows = arrest_rows(3, [hidden.reference, sealed.reference, elsewhere.reference])
    report = run(to_csv(rows), office, investigator)
    assert [(error.row, error.column) for error in report.errors] == [
        (2, "case_reference"),
        (3, "case_reference"),
        (4, "case_reference"),
    ]
    # The office's supervisor may use both of the office's cases, sealed or not.
    supervisor = make_user(Role.SUPERVISOR)
    report = run(to_csv(rows[:2]), office, supervisor)
    assert report.summary == "2 new, 0 already imported"


def test_partial_imports_the_valid_rows_and_lists_the_others(office, investigator, references):
    rows = arrest_rows(5, references)
    rows[3]["custody"] = "perhaps"
    report = run(to_csv(rows), office, investigator, partial=True)
    assert not report.failed
    assert report.summary == "4 new, 0 already imported, 1 rows with errors left out"
    assert [(error.row, error.column) for error in report.errors] == [(5, "custody")]
    assert sorted(db.session.scalars(sa.select(Arrest.external_id))) == ["SR-00000", "SR-00001", "SR-00002", "SR-00004"]
    rows[3]["custody"] = "no"
    assert run(to_csv(rows), office, investigator).summary == "1 new, 4 already imported"
