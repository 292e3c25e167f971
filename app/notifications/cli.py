"""`flask scheduler …` and `flask outbox …`."""

import logging
import signal
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from app.database import utcnow
from app.extensions import db
from app.notifications import scheduler, services
from app.notifications.digest import send_digests
from app.notifications.reminders import send_reminders

scheduler_cli = AppGroup("scheduler", help="Run the periodic jobs (reminders, digests, e-mail delivery).")
outbox_cli = AppGroup("outbox", help="The outbox of e-mail messages.")
reminders_cli = AppGroup("reminders", help="Deadline reminders and escalations.")
digest_cli = AppGroup("digest", help="The weekly digest.")


class IsoMoment(click.ParamType):
    name = "ISO8601"

    def convert(self, value, param, ctx):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not an ISO 8601 moment such as 2019-08-26T07:00+02:00", param, ctx)


def as_of_option(command):
    return click.option(
        "--as-of",
        "as_of",
        type=IsoMoment(),
        help="Run as if it were this moment (ISO 8601; without an offset, in TIMEZONE).",
    )(command)


def moment(as_of: datetime | None) -> datetime:
    """The --as-of moment, timezone-aware (a naive one is read in the configured zone), or now."""
    if as_of is None:
        return utcnow()
    if as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=ZoneInfo(current_app.config["TIMEZONE"]))
    return as_of.astimezone(UTC)


def log_to_stderr() -> None:
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # Docket logs each job run itself


@scheduler_cli.command("run")
def run():
    """Run the scheduler in the foreground; a second one waits and takes over if the first dies."""
    log_to_stderr()
    # systemd stops services with SIGTERM: leave through the normal path so the lock is released.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        scheduler.run_forever(current_app._get_current_object())
    except KeyboardInterrupt:
        pass


@scheduler_cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
def serve(host, port):
    """Serve the app on the development server, with the scheduler inside it when SCHEDULER_ENABLED.

    This is what `make run` uses. Web workers (gunicorn loads wsgi:app) never start a
    scheduler: only this command does, so production runs exactly one `flask scheduler run`.
    """
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    if app.config["SCHEDULER_ENABLED"]:
        log_to_stderr()
        scheduler.start_in_background(app)
        click.echo("The scheduler runs inside this server (SCHEDULER_ENABLED).")
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@outbox_cli.command("deliver")
def deliver():
    """Deliver every pending message now, ignoring the retry backoff."""
    report = services.deliver_due(now=utcnow(), ignore_backoff=True)
    click.echo(f"Outbox: {report}.")
    if report.failed or report.dead:
        sys.exit(1)


@reminders_cli.command("run")
@as_of_option
def reminders_run(as_of):
    """Queue the reminders and escalations due now (or at --as-of); deliver them with `flask outbox deliver`."""
    report = send_reminders(now=moment(as_of))
    db.session.commit()
    click.echo(f"Reminders: {report}.")


@digest_cli.command("send")
@as_of_option
def digest_send(as_of):
    """Queue the weekly digests of the week containing now (or --as-of), once per person and week."""
    queued = send_digests(now=moment(as_of), wait_for_monday_morning=False)
    db.session.commit()
    click.echo(f"Digest: {queued} queued.")
