"""`flask scheduler …` and `flask outbox …`."""
import logging
import signal
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from app.database import utcnow
from app.notifications import scheduler, services

scheduler_cli = AppGroup("scheduler", help="Run the periodic jobs (reminders, digests, e-mail delivery).")
outbox_cli = AppGroup("outbox", help="The outbox of e-mail messages.")


def log_to_stderr() -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s")


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


def notification_clis(app) -> None:
    """Register `flask scheduler` and `flask outbox`."""
    app.cli.add_command(scheduler_cli)
    app.cli.add_command(outbox_cli)
