"""Importing arrests: a person written in another transliteration is the same person."""

from datetime import date

import sqlalchemy as sa

from app.cases.models import Arrest, Person, Seizure
from app.cases.services import create_person
from app.extensions import db
from app.imports.services import import_arrests
from tests.imports.arrests_files import arrest_rows, to_csv
from tests.moments import NOW

BORN = date(1985, 3, 14)


def run(rows, office, actor):
    report = import_arrests(to_csv(rows), office=office, actor=actor, now=NOW)
    db.session.rollback() if report.failed else db.session.commit()
    return report


def test_a_known_person_is_reused_whatever_the_transliteration(office, investigator, references):
    known = create_person(
        office=office,
        first_name="Đorđe",
        last_name="Đorđević",
        date_of_birth=BORN,
        nationality="RS",
        actor=None,
        now=NOW,
    )
    rows = arrest_rows(3, references)
    for row, (first, last) in zip(rows, [("Djordje", "Dordevic"), ("ЂОРЂЕ", "Ђорђевић"), ("Dzordze", "Djordjevic")]):
        row.update(first_name=first, last_name=last, date_of_birth=BORN.isoformat())
    report = run(rows, office, investigator)
    assert (report.errors, report.persons_created, report.persons_reused) == ([], 0, 3)
    assert set(db.session.scalars(sa.select(Arrest.person_id))) == {known.id}


def test_spellings_of_a_new_person_in_one_file_make_one_person_and_other_names_stay_apart(
    office, investigator, references
):
    rows = arrest_rows(3, references)
    for row, (first, last) in zip(rows, [("Sandra", "Müller"), ("Sandra", "Mueller"), ("Sandra", "Miller")]):
        row.update(first_name=first, last_name=last, date_of_birth=BORN.isoformat())
    report = run(rows, office, investigator)
    assert (report.errors, report.persons_created, report.persons_reused) == ([], 2, 1)
    assert sorted(db.session.scalars(sa.select(Person.last_name))) == ["Miller", "Müller"]


def test_seized_items_are_still_recognised_by_their_plain_words(office, investigator, references):
    rows = arrest_rows(1, references)
    rows[0]["seized"] = "Hashish 2 kg; Shotgun 1 piece; cash 300 EUR"
    assert run(rows, office, investigator).errors == []
    assert sorted(s.category.value for s in db.session.scalars(sa.select(Seizure))) == ["cash", "drug", "weapon"]
