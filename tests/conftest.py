"""Fixtures shared by the whole suite.

Every test runs inside a transaction that is rolled back afterwards, on SQLite by
default or on the database given with `--database-url` (PostgreSQL in CI). Views
commit as usual: with `join_transaction_mode="create_savepoint"` their commits end a
savepoint and the outer transaction still discards everything.
"""

import uuid
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask import g
from sqlalchemy.orm import scoped_session, sessionmaker

from app import create_app
from app.auth.models import Role
from app.extensions import db
from tests.cases.factories import OperationFactory
from tests.factories import TEST_PASSWORD, OfficeFactory, UserFactory


def pytest_configure(config):
    config.addinivalue_line("markers", "own_database: the test brings its own database; no rolled-back transaction")


def pytest_addoption(parser):
    parser.addoption(
        "--database-url",
        default=None,
        help="Run against this database (e.g. PostgreSQL) instead of a temporary SQLite file.",
    )


@contextmanager
def fresh_database(server_url: str):
    """Create an empty PostgreSQL database next to `server_url`'s, yield its URL, and drop it afterwards.

    Each run gets its own database, so two test runs against one server never meet.
    """
    url = sa.make_url(server_url)
    name = f"docket_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def server_url(request) -> str | None:
    """The database server given with --database-url, or None for SQLite files."""
    return request.config.getoption("--database-url")


@pytest.fixture(scope="session")
def database_url(server_url, tmp_path_factory):
    if server_url is None:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    with fresh_database(server_url) as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url})

    @app.before_request
    def fresh_login_cache():
        # Tests share one app context, so g outlives a request; in production every
        # request has its own. Forgetting the cached user restores that.
        g.pop("_login_user", None)

    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _rollback(request, app):
    """Run each test in a transaction that is rolled back.

    Tests marked `own_database` (browser tests, migration tests, apps built with other
    settings) keep the real session and bring their own database.
    """
    if request.node.get_closest_marker("own_database"):
        yield
        return
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = scoped_session(sessionmaker(bind=connection, join_transaction_mode="create_savepoint"))
        try:
            yield
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def office():
    return OfficeFactory()


@pytest.fixture
def make_user(office):
    """Create a user of a role in the test office, with TEST_PASSWORD."""

    def make(role: Role = Role.PROSECUTOR, **kwargs):
        kwargs.setdefault("office", office)
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def prosecutor(make_user):
    return make_user(Role.PROSECUTOR, name="Mag. Anna Berger")


@pytest.fixture
def supervisor(make_user):
    return make_user(Role.SUPERVISOR, name="Dr. Karl Weiss")


@pytest.fixture
def operation(office):
    return OperationFactory(office=office)


@pytest.fixture
def login(client):
    """Sign a user in through the real login form."""

    def sign_in(user, password: str = TEST_PASSWORD):
        response = client.post("/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.text
        return response

    return sign_in


@pytest.fixture
def count_statements(app):
    """Count the SQL statements run inside a `with count_statements() as counted:` block."""

    @contextmanager
    def counting():
        statements: list[str] = []

        def before_cursor_execute(_conn, _cursor, statement, *_args):
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", before_cursor_execute)
        try:
            yield statements
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", before_cursor_execute)

    return counting


@pytest.fixture
def scratch_database_url(server_url, tmp_path):
    """An empty database of the same kind as the suite's, dropped afterwards."""
    if server_url is None:
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    with fresh_database(server_url) as url:
        yield url
