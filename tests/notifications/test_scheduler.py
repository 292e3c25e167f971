"""The scheduler's jobs, and two `flask scheduler run` processes on one database: one runs the jobs, the other
takes over when it dies."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import create_app, jobs
from app.auth.models import Role, User
from app.cases.models import Stage
from app.extensions import db
from app.judgments.models import Outcome
from app.judgments.services import enter_judgment
from app.judgments.validation import JudgmentEntry, SentenceData
from app.notifications import scheduler, services
from app.notifications.leader import FileLeaderLock, leader_lock_for
from tests.cases.factories import CaseFactory, ChargeFactory, DefendantFactory
from tests.moments import vienna
from tests.notifications.outbox import NOW

ROOT = Path(__file__).resolve().parents[2]
LEADER = "holds the leader lock"
WAITING = "waiting to take over"
JOB_RAN = "job outbox.deliver: running"


@pytest.fixture
def scratch_app(scratch_database_url, tmp_path):
    app = create_app(
        "testing", {"SQLALCHEMY_DATABASE_URI": scratch_database_url, "MAIL_URL": f"file://{tmp_path}/outbox"}
    )
    with app.app_context():
        db.create_all()
        db.session.add(User(email="koller@office.example", name="Lena Koller", role=Role.PROSECUTOR, password_hash="x"))
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def queue(app, key: str) -> None:
    with app.app_context():
        user = db.session.scalars(sa.select(User)).first()
        services.enqueue(recipient=user, kind="reminder", key=key, subject=key, text="Due.", now=NOW)
        db.session.commit()


class SchedulerProcess:
    """`flask scheduler run` in a subprocess, its log in a file."""

    def __init__(self, database_url: str, tmp_path: Path, name: str):
        self.log = tmp_path / f"{name}.log"
        env = {
            "PATH": "/usr/bin:/bin",
            "DOCKET_CONFIG": "production",
            "SECRET_KEY": "scheduler-test",
            "FORCE_HTTPS": "0",
            "DATABASE_URL": database_url,
            "MAIL_URL": f"file://{tmp_path}/outbox",
            "SCHEDULER_POLL_SECONDS": "1",
            "SCHEDULER_OUTBOX_SECONDS": "1",
        }
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "wsgi", "scheduler", "run"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def text(self) -> str:
        return self.log.read_text()

    def wait_for(self, needle: str, timeout: float = 90, count: int = 1) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.text().count(needle) >= count:
                return time.monotonic() - started
            assert self.process.poll() is None, f"scheduler exited:\n{self.text()}"
            time.sleep(0.1)
        raise AssertionError(f"no {needle!r} within {timeout}s:\n{self.text()}")

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=15)


@pytest.mark.own_database
def test_one_scheduler_runs_the_jobs_and_another_takes_over_when_it_dies(scratch_app, scratch_database_url, tmp_path):
    queue(scratch_app, "before-the-first")
    first = SchedulerProcess(scratch_database_url, tmp_path, "first")
    second = None
    try:
        first.wait_for(LEADER)
        first.wait_for(JOB_RAN)
        second = SchedulerProcess(scratch_database_url, tmp_path, "second")
        second.wait_for(WAITING)
        first.wait_for(JOB_RAN, count=first.text().count(JOB_RAN) + 3)  # a few more rounds of jobs
        assert LEADER not in second.text() and JOB_RAN not in second.text()
        assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1  # the leader's jobs deliver the outbox

        first.stop(signal.SIGKILL)  # no clean exit: the lock must go with the process
        took_over_after = second.wait_for(LEADER, timeout=60)
        assert took_over_after < 60
        queue(scratch_app, "after-the-takeover")
        second.wait_for(JOB_RAN, count=2)
        deadline = time.monotonic() + 60
        while len(list((tmp_path / "outbox").glob("*.eml"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2
        second.stop()
        assert second.process.returncode == 0, second.text()
    finally:
        first.stop(signal.SIGKILL)
        if second is not None:
            second.stop(signal.SIGKILL)


@pytest.mark.own_database
def test_the_development_server_scheduler_waits_for_the_same_lock(scratch_app, monkeypatch):
    scratch_app.config.update(SCHEDULER_POLL_SECONDS=0.2, SCHEDULER_OUTBOX_SECONDS=1)
    with scratch_app.app_context():
        other = leader_lock_for(db.engine.url.render_as_string(hide_password=False), scratch_app.instance_path)
    assert other.acquire()  # a `flask scheduler run` elsewhere holds the lock
    ran = threading.Event()
    monkeypatch.setattr(jobs, "JOBS", (jobs.Job("test.ran", lambda now: ran.set(), every="SCHEDULER_OUTBOX_SECONDS"),))
    stop = scheduler.start_in_background(scratch_app)
    try:
        assert not ran.wait(1.5), "ran jobs while another scheduler held the lock"
        other.release()
        assert ran.wait(10), "did not take over after the lock was released"
    finally:
        stop.set()
        time.sleep(0.5)


def test_the_sqlite_lock_file_lies_beside_the_database(tmp_path):
    lock = leader_lock_for(f"sqlite:///{tmp_path}/docket.sqlite3", "/unused")
    assert isinstance(lock, FileLeaderLock) and lock.path == tmp_path / "docket.sqlite3.scheduler.lock"
    assert lock.acquire() and lock.held()
    rival = leader_lock_for(f"sqlite:///{tmp_path}/docket.sqlite3", "/unused")
    assert not rival.acquire()
    os.remove(lock.path)  # a lock file removed under us is no lock: step down
    assert not lock.held()
    lock.release()


def test_every_periodic_job_is_in_the_table_of_app_jobs():
    assert [job.id for job in jobs.JOBS] == ["outbox.deliver", "reminders.scan", "digest.weekly", "judgments.finalize"]


def test_jobs_are_scheduled_once_with_their_triggers_coalescing_and_the_configured_zone(app, monkeypatch):
    monkeypatch.setitem(app.config, "SCHEDULER_REMINDER_SECONDS", 900)
    built = scheduler.build_scheduler(app, scheduler.BackgroundScheduler)
    built.start(paused=True)  # job defaults apply when the scheduler starts
    try:
        scheduled = {job.id: job for job in built.get_jobs()}
        assert list(scheduled) == [job.id for job in jobs.JOBS]
        for job in scheduled.values():
            assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 6 * 3600)
            assert job.next_run_time is not None  # every job runs at start, to catch up after downtime
        assert scheduled["outbox.deliver"].trigger.interval.total_seconds() == 60
        assert scheduled["reminders.scan"].trigger.interval.total_seconds() == 900
        assert str(scheduled["digest.weekly"].trigger) == "cron[minute='0']"
        assert str(scheduled["judgments.finalize"].trigger) == "cron[hour='0', minute='30']"
        assert str(built.timezone) == "Europe/Vienna"
    finally:
        built.shutdown(wait=False)


def test_the_daily_finality_job_makes_judgments_final_whose_appeal_period_passed(office):
    def judged(announced_on: date):
        defendant = DefendantFactory(case=CaseFactory(office=office, stage=Stage.TRIAL, court="LG Wien"))
        charge = ChargeFactory(defendant=defendant, max_penalty_months=120)
        entered = JudgmentEntry(
            court="LG Wien",
            court_file_number="1",
            announced_on=announced_on,
            verdicts={charge.id: (Outcome.CONVICTED, "")},
            sentence=SentenceData(),
        )
        return enter_judgment(defendant, entered, actor=None, now=vienna(2019, 11, 6, 15, 0))

    job = {job.id: job for job in jobs.JOBS}["judgments.finalize"]
    # Three days to announce an appeal: from Mon 4 Nov they ended on Thu 7 Nov; from Wed 6 Nov they run to Mon 11 Nov.
    passed, running = judged(date(2019, 11, 4)), judged(date(2019, 11, 6))
    job.run(vienna(2019, 11, 8, 0, 30))
    assert passed.final_on == date(2019, 11, 8) and passed.case.stage == Stage.FINAL
    assert running.final_on is None and running.case.stage == Stage.JUDGMENT
