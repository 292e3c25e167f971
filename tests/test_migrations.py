"""Migrations are reviewed code: one head, and an empty database upgraded to it matches the models."""

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

ROOT = Path(__file__).resolve().parent.parent


def test_there_is_a_single_head():
    config = Config(str(ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    script = ScriptDirectory.from_config(config)
    assert len(script.get_heads()) == 1


def flask(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "migration-test",
        "DOCKET_CONFIG": "production",
        "FORCE_HTTPS": "0",
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.own_database
def test_upgrade_to_head_matches_the_models_and_downgrades_cleanly(scratch_database_url):
    upgrade = flask(scratch_database_url, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    check = flask(scratch_database_url, "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected." in check.stdout + check.stderr
    downgrade = flask(scratch_database_url, "db", "downgrade", "base")
    assert downgrade.returncode == 0, downgrade.stderr
    again = flask(scratch_database_url, "db", "upgrade")
    assert again.returncode == 0, again.stderr
