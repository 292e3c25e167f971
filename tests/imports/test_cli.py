"""`flask import arrests FILE.csv`: progress bar, row-by-row report, exit status."""

import click._termui_impl
import pytest
import sqlalchemy as sa

from app.auth.models import Role
from app.cases.models import Arrest
from app.extensions import db
from tests.factories import OfficeFactory
from tests.imports.arrests_files import arrest_rows, to_csv


@pytest.fixture
def csv_file(tmp_path, references):
    def write(rows, **kwargs):
        path = tmp_path / "arrests.csv"
        path.write_bytes(to_csv(rows, **kwargs))
        return str(path)

    return write


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["import", "arrests", *args])


def arrests() -> int:
    return db.session.scalar(sa.select(sa.func.count(Arrest.id)))


def test_import_draws_a_progress_bar_and_says_what_it_did(app, office, investigator, references, csv_file, monkeypatch):
    monkeypatch.setattr(click._termui_impl, "isatty", lambda _stream: True)  # draw the bar as in a terminal
    path = csv_file(arrest_rows(40, references))
    result = invoke(app, path, "--as", investigator.email)
    assert result.exit_code == 0, result.output
    assert "Recording arrests  [####################################]  40/40" in result.output
    assert result.output.rstrip().endswith(
        "40 new, 0 already imported; 20 persons created, 20 matched; 16 seizures recorded."
    )
    assert arrests() == 40

    again = invoke(app, path, "--as", investigator.email)
    assert again.exit_code == 0
    assert "0 new, 40 already imported" in again.output and arrests() == 40


def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_imported(
    app, office, investigator, references, csv_file
):
    rows = arrest_rows(1000, references)
    rows[536]["arrested_at"] = "yesterday"
    result = invoke(app, csv_file(rows, delimiter=";", bom=True), "--as", investigator.email)
    assert result.exit_code == 1
    assert "row 538, arrested_at: 'yesterday' is not a date and time" in result.output
    assert "Error: Nothing was imported: 1 row with errors." in result.output
    assert arrests() == 0


def test_partial_keeps_the_valid_rows(app, office, investigator, references, csv_file):
    rows = arrest_rows(3, references)
    rows[0]["nationality"] = "XY"
    result = invoke(app, csv_file(rows), "--as", investigator.email, "--partial")
    assert result.exit_code == 0
    assert "row 2, nationality:" in result.output and "2 new, 0 already imported, 1 rows with errors" in result.output
    assert arrests() == 2


def test_without_a_user_the_office_must_be_clear(app, office, references, csv_file):
    path = csv_file(arrest_rows(2, references))
    result = invoke(app, path)  # the only office of the database
    assert result.exit_code == 0, result.output
    assert "2 new, 0 already imported" in result.output
    OfficeFactory()
    assert invoke(app, path).output.strip() == "Error: Name the office with --office."
    result = invoke(app, path, "--office", office.name)
    assert result.exit_code == 0 and "0 new, 2 already imported" in result.output
    assert invoke(app, path, "--office", "Nowhere").output.strip() == "Error: No office named 'Nowhere'."


def test_only_importing_roles_and_active_accounts_may_be_named(app, office, make_user, references, csv_file):
    path = csv_file(arrest_rows(1, references))
    clerk = make_user(Role.CLERK)
    result = invoke(app, path, "--as", clerk.email)
    assert result.exit_code == 1 and "is a clerk; only admin, supervisor, investigator" in result.output
    result = invoke(app, path, "--as", "nobody@office.example")
    assert result.exit_code == 1 and "No active account for nobody@office.example." in result.output
    assert arrests() == 0


def test_garbage_gets_a_message_not_a_traceback(app, office, investigator, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = invoke(app, str(path), "--as", investigator.email)
    assert result.exit_code == 1
    assert "file, —: This is not a CSV text file (it contains binary data)." in result.output
    assert "Nothing was imported: the file cannot be read." in result.output
