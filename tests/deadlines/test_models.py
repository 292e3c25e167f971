"""Deadline rows: missed is derived from the clock; the rule files are checked at start-up."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app import create_app
from app.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from app.deadlines.rules import RULES_DIR, RuleFileError


def deadline(status=DeadlineStatus.OPEN) -> Deadline:
    return Deadline(
        title="Report",
        kind=DeadlineKind.PERIOD,
        status=status,
        due_date=date(2026, 3, 20),
        act_by=date(2026, 3, 20),
        due_at=datetime(2026, 3, 20, 22, 59, 59, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    "status, now, shown",
    [
        (DeadlineStatus.OPEN, datetime(2026, 3, 20, 22, 59, tzinfo=UTC), DeadlineStatus.OPEN),
        (DeadlineStatus.OPEN, datetime(2026, 3, 20, 23, 0, tzinfo=UTC), DeadlineStatus.MISSED),
        (DeadlineStatus.MET, datetime(2026, 4, 1, tzinfo=UTC), DeadlineStatus.MET),
        (DeadlineStatus.WAIVED, datetime(2026, 4, 1, tzinfo=UTC), DeadlineStatus.WAIVED),
        (DeadlineStatus.SUPERSEDED, datetime(2026, 4, 1, tzinfo=UTC), DeadlineStatus.SUPERSEDED),
    ],
)
def test_an_open_deadline_past_due_shows_as_missed(status, now, shown):
    assert deadline(status).shown_status(now) == shown


def test_the_app_loads_the_rule_files_at_start(app):
    from app.deadlines.services import current_rulebook

    with app.app_context():
        assert current_rulebook().get("at_detention_review_first").reference == "§ 175 Abs. 2 StPO"


@pytest.mark.own_database
def test_a_broken_rule_file_stops_start_up_naming_file_and_rule(tmp_path: Path):
    for source in RULES_DIR.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    broken = tmp_path / "at.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("offset: 14 days", "offset: a fortnight", 1), encoding="utf-8"
    )
    with pytest.raises(RuleFileError) as raised:
        create_app(
            "testing",
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEADLINE_RULES_DIR": str(tmp_path)},
        )
    message = str(raised.value)
    assert str(broken) in message and "rule at_detention_review_first" in message
    assert "bad offset 'a fortnight'" in message
