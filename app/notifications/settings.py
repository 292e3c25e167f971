"""Tunable settings of delivery and scheduling, from the app's config or the environment."""
import os

from flask import current_app

#: Name -> default. Each can be set in the environment or in the app's config (tests do).
DEFAULTS = {
    "OUTBOX_MAX_ATTEMPTS": 12,            # about a day of retries before a message is dead
    "OUTBOX_BACKOFF_SECONDS": 60,         # the first retry's delay; each further one doubles
    "OUTBOX_BACKOFF_MAX_SECONDS": 6 * 3600,
    "OUTBOX_BATCH": 50,                   # messages claimed per round trip
    "OUTBOX_CLAIM_SECONDS": 300,          # how long a claimed message is left to its sender
    "SMTP_TIMEOUT_SECONDS": 30,
    "SCHEDULER_OUTBOX_SECONDS": 60,
    "SCHEDULER_REMINDER_SECONDS": 600,    # how often the reminder and escalation scan runs       # how often the scheduler delivers the outbox
    "SCHEDULER_POLL_SECONDS": 5,          # how often a waiting scheduler tries the leader lock
    "SCHEDULER_MISFIRE_GRACE_SECONDS": 6 * 3600,
}


def setting(name: str) -> int:
    """Return a setting: the app's config first, then the environment, then the default."""
    value = current_app.config.get(name, os.environ.get(name, DEFAULTS[name]))
    return int(value)
