"""CSRF, security headers, error pages and the health check."""

import pytest
import sqlalchemy as sa

from app import create_app
from app.audit.models import AuditEvent
from app.auth.models import Role
from app.extensions import db
from tests.factories import TEST_PASSWORD


@pytest.fixture
def csrf_enabled(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_post_without_csrf_token_is_refused_and_changes_nothing(client, make_user, csrf_enabled):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "The form had expired" in response.text
    assert client.get("/account/password").status_code == 302


def test_login_form_carries_a_token_that_works(client, make_user, csrf_enabled):
    user = make_user()
    page = client.get("/login").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_security_headers(client):
    headers = client.get("/login").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "HttpOnly" in client.get("/login").headers.get("Set-Cookie", "HttpOnly")


def test_pages_load_no_inline_script(client, make_user, login):
    login(make_user(Role.ADMIN))
    for path in ("/", "/admin/users/", "/admin/audit/", "/account/password"):
        page = client.get(path).text
        assert "<script>" not in page and "onclick" not in page


@pytest.mark.own_database
def test_production_refuses_to_start_without_secret_key():
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app("production", {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.mark.own_database
def test_production_sets_hsts_and_secure_cookies(tmp_path):
    app = create_app("production", {"SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})
    response = app.test_client().get("/healthz", base_url="https://docket.example")
    assert "max-age" in response.headers["Strict-Transport-Security"]
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.own_database
def test_development_keeps_its_generated_secret_under_instance(tmp_path):
    first = create_app("development", {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app("development", {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] and len(first.config["SECRET_KEY"]) > 40


def test_healthz_answers_ok_with_a_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["database"] == "ok"


@pytest.mark.own_database
def test_healthz_answers_503_without_a_database(tmp_path):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "unreachable"


def test_forbidden_access_is_audited(client, make_user, login):
    viewer = make_user(Role.VIEWER)
    login(viewer)
    assert client.get("/admin/users/").status_code == 403
    event = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.outcome, event.actor_id) == ("access.denied", "denied", viewer.id)
    assert event.changes["path"] == "/admin/users/"


def test_unknown_page_is_a_friendly_404(client, make_user, login):
    login(make_user())
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "Not found" in response.text


def test_every_response_carries_a_request_id(client):
    assert len(client.get("/login").headers["X-Request-Id"]) == 32


@pytest.mark.own_database
def test_healthz_is_not_redirected_to_https_in_production(tmp_path):
    app = create_app("production", {"SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/login").status_code == 302  # everything else goes to HTTPS


@pytest.mark.own_database
def test_an_unexpected_error_shows_the_error_page_and_keeps_nothing(tmp_path):
    from app.auth.models import Office

    app = create_app(
        "production",
        {"SECRET_KEY": "x" * 32, "FORCE_HTTPS": False, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/e.db"},
    )

    @app.route("/explode")
    def explode():
        db.session.add(Office(name="Half-written office"))
        db.session.flush()
        raise RuntimeError("boom")

    with app.app_context():
        db.create_all()
    response = app.test_client().get("/explode")
    assert response.status_code == 500 and "nothing was saved" in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Office.id))) == 0


def test_home_sends_each_role_to_where_its_work_begins(client, make_user, login):
    from app.auth.models import Role

    expected = {
        Role.PROSECUTOR: "/my-cases",
        Role.CLERK: "/judgments/",
        Role.VIEWER: "/operations/",
        Role.ADMIN: "/admin/users/",
    }
    for role, path in expected.items():
        login(make_user(role))
        response = client.get("/")
        assert response.status_code == 302 and response.headers["Location"].startswith(path), (role, response.headers)
        client.post("/logout")
