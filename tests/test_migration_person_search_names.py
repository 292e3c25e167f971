"""Revision 0010 rewrites the stored search names of existing persons, and 0009 gets the old ones back."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tests.test_migrations import flask

PERSONS = [  # first name, last name, aliases, search name before 0010, after it
    ("Đorđe", "Đorđević", ["Đole"], "djordje djordjevic | djole", "dorde dordevic | dole"),
    ("Sandra", "Müller", [], "sandra muller", "sandra muller"),
    ("Thomas", "Strauß", ["Tom Strauss"], "thomas strauss | tom strauss", "thomas straus | tom straus"),
    ("Ђорђе", "Petrović", [], "ђорђе petrovic", "dorde petrovic"),
]


def search_names(engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.scalars(sa.text("SELECT search_name FROM persons ORDER BY id")))


@pytest.mark.own_database
def test_upgrading_refolds_every_persons_search_name_and_downgrading_restores_it(scratch_database_url):
    assert flask(scratch_database_url, "db", "upgrade", "0009").returncode == 0
    engine = sa.create_engine(scratch_database_url)
    persons = sa.table(
        "persons",
        sa.column("office_id"),
        sa.column("first_name"),
        sa.column("last_name"),
        sa.column("aliases", sa.JSON),
        sa.column("search_name"),
        sa.column("created_at"),
    )
    now = datetime(2019, 9, 2, 8, 0, tzinfo=UTC)
    with engine.begin() as connection:
        office_id = connection.scalar(
            sa.text(
                "INSERT INTO offices (name, timezone, jurisdiction, created_at) "
                "VALUES ('Vienna', 'Europe/Vienna', 'AT', :now) RETURNING id"
            ),
            {"now": now},
        )
        connection.execute(
            persons.insert(),
            [
                {
                    "office_id": office_id,
                    "first_name": first,
                    "last_name": last,
                    "aliases": aliases,
                    "search_name": before,
                    "created_at": now,
                }
                for first, last, aliases, before, _ in PERSONS
            ],
        )
    try:
        upgrade = flask(scratch_database_url, "db", "upgrade", "0010")
        assert upgrade.returncode == 0, upgrade.stderr
        assert search_names(engine) == [after for *_, after in PERSONS]
        downgrade = flask(scratch_database_url, "db", "downgrade", "0009")
        assert downgrade.returncode == 0, downgrade.stderr
        # The earlier fold left Cyrillic as it was; that is what the code before 0010 searches for.
        assert search_names(engine) == [before for *_, before, _ in PERSONS]
    finally:
        engine.dispose()
