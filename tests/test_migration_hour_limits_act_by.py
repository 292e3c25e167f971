"""Revision 0011 gives open hour limits the local date of their due moment as act-by, in their office's zone."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from tests.test_migrations import flask

NOW = datetime(2019, 3, 1, 8, 0, tzinfo=UTC)

# office zone, kind, status, all day, due at (UTC), act by before 0011, act by after it
DEADLINES = [
    # Sun 31 Mar 2019 23:30 CEST: acted on by that moment, not by the Friday
    ("Europe/Vienna", "limit", "open", False, datetime(2019, 3, 31, 21, 30), date(2019, 3, 29), date(2019, 3, 31)),
    # 23:30 UTC on Sunday is already Monday 00:30 in Vienna
    ("Europe/Vienna", "limit", "open", False, datetime(2019, 10, 27, 23, 30), date(2019, 10, 25), date(2019, 10, 28)),
    # Belgrade: Sunday 5 May 2024 00:30, after Orthodox Good Friday and the Labour Day holidays
    ("Europe/Belgrade", "limit", "open", False, datetime(2024, 5, 4, 22, 30), date(2024, 4, 30), date(2024, 5, 5)),
    # A closed hour limit keeps what it showed; dated limits keep their working-day act-by
    ("Europe/Vienna", "limit", "met", False, datetime(2019, 3, 31, 21, 30), date(2019, 3, 29), date(2019, 3, 29)),
    ("Europe/Vienna", "limit", "open", True, datetime(2019, 3, 31, 21, 59, 59), date(2019, 3, 29), date(2019, 3, 29)),
    ("Europe/Vienna", "period", "open", False, datetime(2019, 3, 31, 21, 30), date(2019, 3, 31), date(2019, 3, 31)),
]


def act_by_dates(engine) -> list[date]:
    with engine.connect() as connection:
        query = sa.select(sa.column("act_by", sa.Date)).select_from(sa.table("deadlines")).order_by(sa.text("id"))
        return list(connection.scalars(query))


def add_case(connection, timezone: str, number: int) -> int:
    office_id = connection.scalar(
        sa.text(
            "INSERT INTO offices (name, timezone, jurisdiction, created_at) "
            "VALUES (:name, :zone, 'AT', :now) RETURNING id"
        ),
        {"name": f"Office {number}", "zone": timezone, "now": NOW},
    )
    cases = sa.table(
        "cases",
        *(
            sa.column(name)
            for name in (
                "office_id",
                "reference",
                "title",
                "jurisdiction",
                "court",
                "stage",
                "sealed",
                "opened_on",
                "stage_changed_at",
                "last_activity_at",
                "version",
                "created_at",
            )
        ),
    )
    connection.execute(
        cases.insert().values(
            office_id=office_id,
            reference=f"712 St {number}/19k",
            title="Heroin transit",
            jurisdiction="AT",
            court="",
            stage="investigation",
            sealed=False,
            opened_on=NOW.date(),
            stage_changed_at=NOW,
            last_activity_at=NOW,
            version=1,
            created_at=NOW,
        )
    )
    return connection.scalar(sa.text("SELECT max(id) FROM cases"))


@pytest.mark.own_database
def test_upgrading_moves_open_hour_limits_act_by_to_their_moments_local_date(scratch_database_url):
    assert flask(scratch_database_url, "db", "upgrade", "0010").returncode == 0
    engine = sa.create_engine(scratch_database_url)
    deadlines = sa.table(
        "deadlines",
        *(
            sa.column(name)
            for name in (
                "case_id",
                "title",
                "kind",
                "reference",
                "due_at",
                "due_date",
                "act_by",
                "all_day",
                "status",
                "explanation",
                "waive_reason",
                "created_at",
            )
        ),
        sa.column("steps", sa.JSON),
        sa.column("reminder_offsets", sa.JSON),
    )
    try:
        with engine.begin() as connection:
            case_ids = {zone: add_case(connection, zone, n) for n, zone in enumerate({row[0] for row in DEADLINES})}
            connection.execute(
                deadlines.insert(),
                [
                    {
                        "case_id": case_ids[zone],
                        "title": "Deliver the arrested person to the prison",
                        "kind": kind,
                        "reference": "§ 172 Abs. 1 StPO",
                        "due_at": due_at.replace(tzinfo=UTC),
                        "due_date": after,
                        "act_by": before,
                        "all_day": all_day,
                        "status": status,
                        "explanation": "",
                        "waive_reason": "",
                        "created_at": NOW,
                        "steps": [],
                        "reminder_offsets": [],
                    }
                    for zone, kind, status, all_day, due_at, before, after in DEADLINES
                ],
            )
        upgrade = flask(scratch_database_url, "db", "upgrade", "0011")
        assert upgrade.returncode == 0, upgrade.stderr
        assert act_by_dates(engine) == [row[-1] for row in DEADLINES]
        downgrade = flask(scratch_database_url, "db", "downgrade", "0010")
        assert downgrade.returncode == 0, downgrade.stderr
        assert act_by_dates(engine) == [row[-1] for row in DEADLINES]  # the old dates were wrong: kept corrected
    finally:
        engine.dispose()
