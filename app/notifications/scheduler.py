"""The periodic jobs, declared in one table, and the scheduler that runs them under the leader lock.

Jobs keep no schedule state: each one calls a service with the current time, and the
services work out what is due from the database, so a job that runs twice does nothing
twice and a scheduler that was down catches up when it starts.
"""
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from app.database import utcnow
from app.extensions import db
from app.judgments.services import finalize_unappealed
from app.notifications import digest, reminders, services
from app.notifications.leader import leader_lock_for
from app.notifications.settings import setting

log = logging.getLogger("docket.scheduler")


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
    id: str  #: stable: APScheduler and the logs know the job by it
    run: Callable[[datetime], object]
    trigger: str
    schedule: Callable[[], dict]  #: the trigger's arguments, read from the settings at start
    run_at_start: bool = False  #: catch up at once after downtime instead of waiting a whole interval


JOBS: tuple[Job, ...] = (
    Job("reminders.scan", queue_reminders, "interval",
        lambda: {"seconds": setting("SCHEDULER_REMINDER_SECONDS")}, run_at_start=True),
    # Hourly, on the hour: 07:00 in every office's zone is a full hour of the scheduler's zone.
    Job("digest.weekly", queue_digests, "cron", lambda: {"minute": 0}, run_at_start=True),
    Job("outbox.deliver", deliver_outbox, "interval",
        lambda: {"seconds": setting("SCHEDULER_OUTBOX_SECONDS")}, run_at_start=True),
    # Daily, just after midnight: appeal periods end at the end of a day.
    Job("judgments.finalize", finalize_judgments, "cron", lambda: {"hour": 0, "minute": 30}, run_at_start=True),
)


def run_job(app: Flask, job: Job) -> None:
    """Run one job in its own app context and transaction; a failure is logged, never fatal."""
    with app.app_context():
        log.info("job %s: running", job.id)
        try:
            job.run(utcnow())
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("job %s failed", job.id)
        finally:
            db.session.remove()


def build_scheduler(app: Flask, scheduler_class: type[BaseScheduler]) -> BaseScheduler:
    """A scheduler in the configured zone holding every job of the table."""
    with app.app_context():
        scheduler = scheduler_class(
            timezone=ZoneInfo(app.config["TIMEZONE"]),
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": setting("SCHEDULER_MISFIRE_GRACE_SECONDS")},
        )
        for job in JOBS:
            extra = {"next_run_time": datetime.now(scheduler.timezone)} if job.run_at_start else {}
            scheduler.add_job(run_job, job.trigger, args=(app, job), id=job.id, name=job.id,
                              replace_existing=True, **job.schedule(), **extra)
    return scheduler


def leader_lock(app: Flask):
    with app.app_context():
        return leader_lock_for(db.engine.url.render_as_string(hide_password=False), app.instance_path)


def wait_for_leadership(lock, poll_seconds: float, stop: threading.Event | None = None) -> bool:
    """Block until the lock is ours (True) or `stop` is set (False)."""
    announced = False
    while not (stop and stop.is_set()):
        if lock.acquire():
            log.info("scheduler: holds the leader lock; running jobs %s", ", ".join(job.id for job in JOBS))
            return True
        if not announced:
            log.info("scheduler: the leader lock is taken by another scheduler; waiting to take over")
            announced = True
        if stop:
            stop.wait(poll_seconds)
        else:
            time.sleep(poll_seconds)
    return False


def run_forever(app: Flask) -> None:
    """Run the jobs in the foreground whenever this process is the leader (`flask scheduler run`)."""
    lock = leader_lock(app)
    with app.app_context():
        poll = setting("SCHEDULER_POLL_SECONDS")
    try:
        while True:
            wait_for_leadership(lock, poll)
            scheduler = build_scheduler(app, BlockingScheduler)
            scheduler.add_job(_watch_leadership, "interval", seconds=poll, args=(lock, scheduler),
                              id="scheduler.leader-watch", max_instances=1, coalesce=True)
            scheduler.start()  # returns when the watch job finds the lock lost
            log.warning("scheduler: lost the leader lock; stopped the jobs")
            lock.release()
    finally:
        lock.release()


def _watch_leadership(lock, scheduler: BaseScheduler) -> None:
    if not lock.held():
        scheduler.shutdown(wait=False)


def start_in_background(app: Flask) -> threading.Event:
    """Run the scheduler in a thread of this process, under the same leader lock (for `make run`).

    Returns an event that stops it when set.
    """
    stop = threading.Event()
    thread = threading.Thread(target=_lead_in_background, args=(app, stop), name="docket-scheduler", daemon=True)
    thread.start()
    return stop


def _lead_in_background(app: Flask, stop: threading.Event) -> None:
    lock = leader_lock(app)
    with app.app_context():
        poll = setting("SCHEDULER_POLL_SECONDS")
    try:
        while wait_for_leadership(lock, poll, stop):
            scheduler = build_scheduler(app, BackgroundScheduler)
            scheduler.start()
            while lock.held() and not stop.wait(poll):
                pass
            scheduler.shutdown(wait=False)
            lock.release()
            if not stop.is_set():
                log.warning("scheduler: lost the leader lock; stopped the jobs")
    finally:
        lock.release()
