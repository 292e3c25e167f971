"""Docket: a case-pipeline tracker for public prosecution offices."""
import os
from datetime import timedelta
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import CONFIGS, load_or_create_secret


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the Docket application for a configuration name (see config.py)."""
    app = Flask(__name__, instance_relative_config=True)
    configure(app, config_name or os.environ.get("DOCKET_CONFIG", "production"), overrides or {})
    register_extensions(app)
    register_blueprints(app)
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
    from app.core.security import content_security_policy
    from app import models  # noqa: F401  (every table known to Alembic and create_all)
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
    from app.assignments.views import bp as assignments_bp
    from app.audit.views import bp as audit_bp
    from app.auth.views import bp as auth_bp
    from app.cases.views import bp as cases_bp
    from app.cooperation.views import bp as cooperation_bp
    from app.core.views import bp as core_bp
    from app.imports.views import bp as imports_bp
    from app.judgments.views import bp as judgments_bp
    from app.deadlines.views import bp as deadlines_bp  # loads and validates the rule files
    from app.notifications.views import bp as notifications_bp
    from app.measures.views import bp as measures_bp
    from app.operations.views import bp as operations_bp
    from app.users.views import bp as users_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(users_bp, url_prefix="/admin/users")
    app.register_blueprint(audit_bp, url_prefix="/admin/audit")
    app.register_blueprint(imports_bp, url_prefix="/imports")
    app.register_blueprint(deadlines_bp, url_prefix="/deadlines")
    app.register_blueprint(notifications_bp)
    app.register_blueprint(cases_bp, url_prefix="/cases")
    app.register_blueprint(operations_bp, url_prefix="/operations")
    app.register_blueprint(judgments_bp, url_prefix="/judgments")
    app.register_blueprint(measures_bp)
    app.register_blueprint(cooperation_bp, url_prefix="/cooperation")
    app.register_blueprint(assignments_bp)


def register_cli(app: Flask) -> None:
    from app.audit.cli import audit_cli
    from app.deadlines.cli import deadlines_cli
    from app.demo.cli import demo_cli
    from app.imports.cli import import_cli
    from app.judgments.cli import judgments_cli
    from app.notifications.cli import notification_clis
    from app.users.cli import users_cli

    for group in (users_cli, audit_cli, demo_cli, import_cli, deadlines_cli, judgments_cli):
        app.cli.add_command(group)
    notification_clis(app)


def register_errorhandlers(app: Flask) -> None:
    from app.core.errors import register

    register(app)


def register_request_hooks(app: Flask) -> None:
    from app.core.requests import register

    register(app)

