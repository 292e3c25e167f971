"""The upload page: a report table for bad files, a summary for good ones, no 500 for garbage."""

import io

import pytest
import sqlalchemy as sa

from app.auth.models import Role
from app.cases.models import Arrest
from app.extensions import db
from tests.factories import OfficeFactory
from tests.imports.arrests_files import arrest_rows, to_csv

URL = "/imports/arrests"


def upload(client, data: bytes, filename: str = "arrests.csv", **fields):
    return client.post(URL, data={"file": (io.BytesIO(data), filename), **fields}, content_type="multipart/form-data")


def arrests() -> int:
    return db.session.scalar(sa.select(sa.func.count(Arrest.id)))


@pytest.fixture
def signed_in(client, login, investigator):
    login(investigator)
    return client


def test_investigator_sees_the_page_the_columns_and_a_nav_link(signed_in):
    page = signed_in.get(URL).text
    assert '<form method="post" enctype="multipart/form-data"' in page
    assert 'href="/imports/arrests">Import arrests</a>' in page
    for column in ("external_id", "case_reference", "arrested_at", "seized"):
        assert f"<code>{column}</code>" in page
    assert 'name="office_id"' not in page  # investigators import into their own office


def test_a_bad_row_shows_the_report_and_nothing_is_imported(signed_in, references):
    rows = arrest_rows(1000, references)
    rows[536]["custody"] = "vielleicht"
    response = upload(signed_in, to_csv(rows))
    assert response.status_code == 422
    assert "Nothing was imported." in response.text and "1 of 1000 rows have errors" in response.text
    assert (
        "<tr><td>538</td><td><code>custody</code></td><td>&#39;vielleicht&#39; is neither yes nor no.</td></tr>"
        in response.text
    )
    assert arrests() == 0


def test_a_good_file_imports_and_the_same_file_again_adds_nothing(signed_in, references):
    data = to_csv(arrest_rows(30, references), delimiter=";", bom=True)
    response = upload(signed_in, data)
    assert response.status_code == 302 and response.headers["Location"] == URL
    page = signed_in.get(URL).text
    assert "Import into Public Prosecutor" in page and "30 new, 0 already imported; 15 persons created" in page
    assert arrests() == 30
    upload(signed_in, data)
    assert "0 new, 30 already imported" in signed_in.get(URL).text
    assert arrests() == 30


def test_partial_upload_imports_valid_rows_and_lists_the_rest(signed_in, references):
    rows = arrest_rows(4, references)
    rows[2]["date_of_birth"] = "2050-01-01"
    response = upload(signed_in, to_csv(rows), partial="y")
    assert response.status_code == 200
    assert "3 new, 0 already imported, 1 rows with errors left out" in response.text
    assert "<tr><td>4</td><td><code>date_of_birth</code></td>" in response.text
    assert arrests() == 3


@pytest.mark.parametrize(
    "data, filename, message",
    [
        (b"", "arrests.csv", "The file is empty."),
        (b"external_id\n1\n", "arrests.xlsx", "Choose a .csv file"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "arrests.csv", "This is not a CSV text file"),
        ("external_id;Vorname\n1;Jože\n".encode("cp1252"), "arrests.csv", "The file is not UTF-8 text"),
        (b"external_id,case_reference\n1,x\n", "arrests.csv", "The header lacks the required column first_name"),
        (
            b'external_id,case_reference,first_name,last_name,arrested_at,place,agency,custody\n"1,x\n',
            "arrests.csv",
            "The file is not a readable CSV file",
        ),
    ],
)
def test_garbage_gets_a_clear_message_not_a_500(signed_in, office, references, data, filename, message):
    response = upload(signed_in, data, filename)
    assert response.status_code == 422
    assert message in response.text
    assert arrests() == 0


def test_no_file_is_a_field_error(signed_in):
    response = signed_in.post(URL, data={}, content_type="multipart/form-data")
    assert '<div class="invalid-feedback">Choose a CSV file.</div>' in response.text


def test_files_over_the_limits_are_refused(app, signed_in, references, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 5)
    response = upload(signed_in, to_csv(arrest_rows(6, references)))
    assert "The file has more than 5 rows; split it into smaller files." in response.text
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 1024)
    response = upload(signed_in, b"x" * 200_000)
    assert response.status_code == 413
    assert "The file is larger than 1 KiB; nothing was imported." in response.text
    assert arrests() == 0


def test_the_size_limit_holds_before_the_csrf_check_reads_the_body(app, signed_in, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 1024)
    response = upload(signed_in, b"x" * 200_000)
    assert response.status_code == 413  # a CSRF refusal (400) would mean the whole body had been read


def test_admin_chooses_the_office(client, login, make_user, office, references):
    OfficeFactory(name="Staatsanwaltschaft Graz")
    login(make_user(Role.ADMIN, office=None))
    page = client.get(URL).text
    assert 'name="office_id"' in page and "Staatsanwaltschaft Graz" in page
    response = upload(client, to_csv(arrest_rows(2, references)), office_id=str(office.id))
    assert response.status_code == 302 and arrests() == 2


def test_a_supervisor_without_office_is_told_so(client, login, make_user, references):
    login(make_user(Role.SUPERVISOR, office=None))
    response = upload(client, to_csv(arrest_rows(2, references)))
    assert "Your account belongs to no office" in response.text
    assert arrests() == 0


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.CLERK, Role.VIEWER])
def test_other_roles_may_not_upload_nor_see_the_link(client, login, make_user, references, role):
    login(make_user(role))
    assert "Import arrests" not in client.get("/account/password").text
    assert upload(client, to_csv(arrest_rows(2, references))).status_code == 403
    assert arrests() == 0
