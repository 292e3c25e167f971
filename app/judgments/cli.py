"""`flask judgments finalize`: make judgments final whose appeal periods passed unused."""

from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from app.database import utcnow
from app.extensions import db
from app.judgments.services import finalize_unappealed

judgments_cli = AppGroup("judgments", help="Judgments and their finality.")


@judgments_cli.command("finalize")
@click.option("--as-of", "as_of", help="Act as if it were this ISO 8601 time (default: now).")
def finalize(as_of):
    """Set finality where the appeal periods have passed without an appeal."""
    now = utcnow()
    if as_of:
        try:
            now = datetime.fromisoformat(as_of)
        except ValueError as error:
            raise click.BadParameter(f"{as_of!r} is no ISO 8601 time", param_hint="--as-of") from error
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
    finalized = finalize_unappealed(now=now)
    db.session.commit()
    click.echo(f"{len(finalized)} judgment(s) became final.")
