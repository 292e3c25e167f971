"""The scheduler: runs the jobs of app/jobs.py while this process holds the leader lock."""

import logging
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from app import jobs
from app.database import utcnow
from app.extensions import db
from app.notifications.leader import leader_lock_for

log = logging.getLogger("docket.scheduler")


def run_job(app: Flask, job: jobs.Job) -> None:
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
    scheduler = scheduler_class(
        timezone=ZoneInfo(app.config["TIMEZONE"]),
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": app.config["SCHEDULER_MISFIRE_GRACE_SECONDS"],
        },
    )
    for job in jobs.JOBS:
        trigger, arguments = job.trigger(app.config)
        # Every job also runs at start: after downtime it catches up instead of waiting for its time.
        scheduler.add_job(
            run_job,
            trigger,
            args=(app, job),
            id=job.id,
            name=job.id,
            replace_existing=True,
            next_run_time=datetime.now(scheduler.timezone),
            **arguments,
        )
    return scheduler


def leader_lock(app: Flask):
    with app.app_context():
        return leader_lock_for(db.engine.url.render_as_string(hide_password=False), app.instance_path)


def wait_for_leadership(lock, poll_seconds: float, stop: threading.Event | None = None) -> bool:
    """Block until the lock is ours (True) or `stop` is set (False)."""
    announced = False
    while not (stop and stop.is_set()):
        if lock.acquire():
            log.info("scheduler: holds the leader lock; running jobs %s", ", ".join(job.id for job in jobs.JOBS))
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
    poll = app.config["SCHEDULER_POLL_SECONDS"]
    try:
        while True:
            wait_for_leadership(lock, poll)
            scheduler = build_scheduler(app, BlockingScheduler)
            scheduler.add_job(
                _watch_leadership,
                "interval",
                seconds=poll,
                args=(lock, scheduler),
                id="scheduler.leader-watch",
                max_instances=1,
                coalesce=True,
            )
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
    poll = app.config["SCHEDULER_POLL_SECONDS"]
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
