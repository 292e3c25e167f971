"""Configuration classes. Every setting is read from the environment.

`DOCKET_CONFIG` picks the class: `production` (the default, so a forgotten setting
fails safe), `development` (what `make run` uses) or `testing`.
"""

import os
import secrets
from pathlib import Path


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def normalize_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given in the common short forms."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    #: None means "the embedded SQLite file under instance/", resolved in create_app.
    SQLALCHEMY_DATABASE_URI = (
        normalize_database_url(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL") else None
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MAIL_URL = os.environ.get("MAIL_URL", "file://")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Docket <docket@localhost>")
    TIMEZONE = os.environ.get("TIMEZONE", "Europe/Vienna")
    SCHEDULER_ENABLED = env_bool("SCHEDULER_ENABLED", False)
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")

    # Sessions: idle sessions expire, cookies are not readable by scripts.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_ME_ENABLED = env_bool("REMEMBER_ME_ENABLED", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"

    # Login throttling, counted in the database so it holds across workers and hosts.
    LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
    LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "10"))
    PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "10"))
    # argon2id parameters (argon2-cffi defaults, RFC 9106 low-memory profile).
    ARGON2_TIME_COST = int(os.environ.get("ARGON2_TIME_COST", "3"))
    ARGON2_MEMORY_COST = int(os.environ.get("ARGON2_MEMORY_COST", "65536"))
    ARGON2_PARALLELISM = int(os.environ.get("ARGON2_PARALLELISM", "4"))

    BOOTSTRAP_SERVE_LOCAL = True  # offices run offline: no CDN
    FORCE_HTTPS = env_bool("FORCE_HTTPS", False)
    #: Number of reverse proxies in front of the app whose X-Forwarded-* headers to trust.
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session, which expires when idle

    # The outbox (app/notifications/services.py): retries with exponential backoff, then dead.
    OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "12"))  # about a day of retries
    OUTBOX_BACKOFF_SECONDS = int(os.environ.get("OUTBOX_BACKOFF_SECONDS", "60"))  # the first retry; each doubles
    OUTBOX_BACKOFF_MAX_SECONDS = int(os.environ.get("OUTBOX_BACKOFF_MAX_SECONDS", "21600"))  # at most 6 h apart
    OUTBOX_BATCH = int(os.environ.get("OUTBOX_BATCH", "50"))  # messages claimed per round trip
    OUTBOX_CLAIM_SECONDS = int(os.environ.get("OUTBOX_CLAIM_SECONDS", "300"))  # a claim's hold on a message
    SMTP_TIMEOUT_SECONDS = int(os.environ.get("SMTP_TIMEOUT_SECONDS", "30"))  # per connection to the mail server

    # The scheduler; its jobs are listed in app/jobs.py.
    SCHEDULER_OUTBOX_SECONDS = int(os.environ.get("SCHEDULER_OUTBOX_SECONDS", "60"))  # outbox delivery interval
    SCHEDULER_REMINDER_SECONDS = int(os.environ.get("SCHEDULER_REMINDER_SECONDS", "600"))  # reminder scan interval
    SCHEDULER_POLL_SECONDS = int(os.environ.get("SCHEDULER_POLL_SECONDS", "5"))  # a waiting scheduler tries the lock
    #: How late a missed run still runs (e.g. after a pause of the host); later ones are skipped.
    SCHEDULER_MISFIRE_GRACE_SECONDS = int(os.environ.get("SCHEDULER_MISFIRE_GRACE_SECONDS", "21600"))


class DevelopmentConfig(Config):
    DEBUG = False  # the debugger would execute code from the browser; opt in with --debug
    SCHEDULER_ENABLED = env_bool("SCHEDULER_ENABLED", True)


class TestingConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False  # tests/test_security.py turns it back on to prove it works
    SECRET_KEY = "testing-secret-key"
    MAIL_URL = "file://"
    # Cheap hashes keep the suite fast; the algorithm stays argon2id.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = True
    FORCE_HTTPS = env_bool("FORCE_HTTPS", True)


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_or_create_secret(instance_path: str) -> str:
    """Return the development secret key kept under instance/, creating it once."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
