"""Docket: a case-pipeline tracker for public prosecution offices."""

import os
from datetime import timedelta
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.domain import register_domain
from config import CONFIGS, load_or_create_secret


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the Docket application for a configuration name (see config.py)."""
    app = Flask(__name__, instance_relative_config=True)
    configure(app, config_name or os.environ.get("DOCKET_CONFIG", "production"), overrides or {})
    register_extensions(app)
    register_blueprints(app)
    register_domain(app)
    register_cli(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    return app


def configure(app: Flask, config_name: str, overrides: dict) -> None:
    if config_name not in CONFIGS:
        raise RuntimeError(f"DOCKET_CONFIG must be one of {', '.join(CONFIGS)}, not {config_name!r}")
    app.config.from_object(CONFIGS[config_name])
    app.config.update(overrides)
    app.config["DOCKET_CONFIG"] = config_name
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        if config_name == "production":
            raise RuntimeError("SECRET_KEY must be set in production (see README, Configuration).")
        app.config["SECRET_KEY"] = load_or_create_secret(app.instance_path)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'docket.sqlite3'}"
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])
    if app.config["PROXY_COUNT"]:
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (every table known to Alembic and create_all)
    from app.core.security import content_security_policy
    from app.extensions import bootstrap, csrf, db, login_manager, migrate, talisman

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    bootstrap.init_app(app)
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy=content_security_policy(),
        frame_options="DENY",
        referrer_policy="same-origin",
    )
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            from app.core.sqlite import configure_sqlite

            configure_sqlite(db.engine)


def register_blueprints(app: Flask) -> None:
    from app.assignments.views import bp as assignments
    from app.audit.views import bp as audit
    from app.auth.views import bp as auth
    from app.cases.views import bp as cases
    from app.cooperation.views import bp as cooperation
    from app.core.views import bp as core
    from app.deadlines.views import bp as deadlines
    from app.imports.views import bp as imports
    from app.judgments.views import bp as judgments
    from app.measures.views import bp as measures
    from app.notifications.views import bp as notifications
    from app.operations.views import bp as operations
    from app.users.views import bp as users

    for blueprint, prefix in [
        (core, None),
        (auth, None),
        (users, "/admin/users"),
        (audit, "/admin/audit"),
        (cases, "/cases"),
        (operations, "/operations"),
        (imports, "/imports"),
        (assignments, None),
        (deadlines, "/deadlines"),
        (notifications, None),
        (judgments, "/judgments"),
        (measures, None),
        (cooperation, "/cooperation"),
    ]:
        app.register_blueprint(blueprint, url_prefix=prefix)


def register_cli(app: Flask) -> None:
    from app.audit.cli import audit_cli
    from app.deadlines.cli import deadlines_cli
    from app.demo.cli import demo_cli
    from app.imports.cli import import_cli
    from app.judgments.cli import judgments_cli
    from app.notifications.cli import digest_cli, outbox_cli, reminders_cli, scheduler_cli
    from app.users.cli import users_cli

    for group in (
        users_cli,
        audit_cli,
        demo_cli,
        import_cli,
        deadlines_cli,
        judgments_cli,
        scheduler_cli,
        outbox_cli,
        reminders_cli,
        digest_cli,
    ):
        app.cli.add_command(group)


def register_errorhandlers(app: Flask) -> None:
    from app.core.errors import register

    register(app)


def register_request_hooks(app: Flask) -> None:
    from app.core import formatting
    from app.core.requests import register

    register(app)
    formatting.register(app)  # the date and time filters every template shares
