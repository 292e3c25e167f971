"""`flask import arrests FILE.csv`: bulk import with a progress bar and a row-by-row report."""

from contextlib import ExitStack

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from app.auth.models import Office, Role
from app.auth.permissions import PERMISSIONS, Can, can
from app.auth.services import find_user_by_email
from app.database import utcnow
from app.extensions import db
from app.imports.services import import_arrests, max_bytes, max_rows

import_cli = AppGroup("import", help="Import data from files.")


@import_cli.command("arrests")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True), metavar="FILE.csv")
@click.option(
    "--office", "office_name", help="Office whose cases the rows name (default: the user's office, or the only office)."
)
@click.option(
    "--as",
    "email",
    help="Import as this user: their access decides which cases may be used, and the audit trail names them.",
)
@click.option("--partial", is_flag=True, help="Import the valid rows even when others have errors.")
def arrests(path, office_name, email, partial):
    """Import arrests from a CSV file (columns: see README, "Importing arrests")."""
    actor = _actor(email)
    office = _office(office_name, actor)
    with open(path, "rb") as file:
        data = file.read(max_bytes() + 1)
    with ExitStack() as stack:
        bar = {}

        def start(count: int) -> None:
            bar["bar"] = stack.enter_context(click.progressbar(length=count, label="Recording arrests", show_pos=True))

        report = import_arrests(
            data,
            office=office,
            actor=actor,
            now=utcnow(),
            partial=partial,
            max_bytes=max_bytes(),
            max_rows=max_rows(),
            on_start=start,
            progress=lambda done: bar["bar"].update(done),
        )
    for error in report.errors:
        where = f"row {error.row}" if error.row else "file"
        click.echo(f"{where}, {error.column or '—'}: {error.message}", err=True)
    if report.failed:
        db.session.rollback()
        raise click.ClickException(f"Nothing was imported: {_problems(report)}.")
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise click.ClickException(
            "Another import recorded some of these rows at the same time; nothing was imported. Run the command again."
        ) from None
    click.echo(
        f"{report.summary}; {report.persons_created:,} persons created, {report.persons_reused:,} "
        f"matched; {report.seizures:,} seizures recorded."
    )


def _problems(report) -> str:
    rows = report.rejected_rows
    return f"{rows:,} row{'s' if rows != 1 else ''} with errors" if rows else "the file cannot be read"


def _actor(email: str | None):
    if email is None:
        return None
    user = find_user_by_email(email)
    if user is None or not user.active:
        raise click.ClickException(f"No active account for {email}.")
    if not can(user, Can.IMPORT_ARRESTS):
        importers = [role.value for role in Role if role in PERMISSIONS[Can.IMPORT_ARRESTS]]
        raise click.ClickException(
            f"{user.email} is a {user.role.value}; only {', '.join(importers)} accounts import arrests."
        )
    return user


def _office(name: str | None, actor) -> Office:
    if name:
        office = db.session.scalar(sa.select(Office).where(Office.name == name))
        if office is None:
            raise click.ClickException(f"No office named {name!r}.")
        return office
    if actor is not None and actor.office is not None:
        return actor.office
    offices = db.session.scalars(sa.select(Office).limit(2)).all()
    if len(offices) != 1:
        raise click.ClickException("Name the office with --office.")
    return offices[0]
