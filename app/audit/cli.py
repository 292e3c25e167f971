"""`flask audit verify`: check that the audit trail is intact."""

import click
from flask.cli import AppGroup

from app.audit.services import verify_chain

audit_cli = AppGroup("audit", help="Inspect the audit trail.")


@audit_cli.command("verify")
def verify():
    """Recompute the hash chain; name the first event where it breaks."""
    broken = verify_chain()
    if broken is not None:
        raise click.ClickException(f"Audit trail broken at event {broken.event_id}: it {broken.reason}.")
    click.echo("Audit trail intact.")
