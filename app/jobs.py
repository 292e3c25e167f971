"""Every periodic job of Docket, in one table; app/notifications/scheduler.py runs them.

A job is a short wrapper around a service that takes the current time. It keeps no
schedule state: the service works out from the database what is due, so a job that runs
twice does nothing twice, and every job also runs when the scheduler starts, so a
scheduler that was down catches up at once. Intervals are settings in config.py; cron
times are read in the app's TIMEZONE.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from app.judgments.services import finalize_unappealed
from app.notifications import digest, reminders, services

log = logging.getLogger("docket.jobs")


def deliver_outbox(now: datetime) -> None:
    """Send the messages that are due."""
    report = services.deliver_due(now=now)
    if report.sent or report.failed or report.dead:
        log.info("outbox: %s", report)


def queue_reminders(now: datetime) -> None:
    """Queue the reminders and escalations that are due."""
    report = reminders.send_reminders(now=now)
    if report.reminders or report.escalations:
        log.info("reminders: %s", report)


def queue_digests(now: datetime) -> None:
    """Queue the weekly digests of every office where Monday 07:00 has passed this week."""
    queued = digest.send_digests(now=now)
    if queued:
        log.info("digest: %d queued", queued)


def finalize_judgments(now: datetime) -> None:
    """Make final the judgments whose appeal periods passed unused."""
    finalized = finalize_unappealed(now=now)
    if finalized:
        log.info("finality: %d judgment(s) became final", len(finalized))


@dataclass(frozen=True)
class Job:
    """A periodic job: either every `every` seconds (a config key) or at the `cron` fields in TIMEZONE."""

    id: str  #: stable: APScheduler and the logs know the job by it
    run: Callable[[datetime], object]
    every: str | None = None  #: the config key holding the interval in seconds
    cron: dict | None = None  #: APScheduler cron fields (day_of_week, hour, minute, …)

    def trigger(self, config) -> tuple[str, dict]:
        """The APScheduler trigger and its arguments under this app's config."""
        if self.every:
            return "interval", {"seconds": config[self.every]}
        return "cron", dict(self.cron)


JOBS: tuple[Job, ...] = (
    Job("outbox.deliver", deliver_outbox, every="SCHEDULER_OUTBOX_SECONDS"),
    Job("reminders.scan", queue_reminders, every="SCHEDULER_REMINDER_SECONDS"),
    # Hourly, on the hour: Monday 07:00 in every office's zone is a full hour of TIMEZONE.
    Job("digest.weekly", queue_digests, cron={"minute": 0}),
    # Daily, just after midnight: appeal periods end at the end of a day.
    Job("judgments.finalize", finalize_judgments, cron={"hour": 0, "minute": 30}),
)
