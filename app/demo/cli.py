"""`flask demo load`: the demo office, its accounts and the reference operation."""

import time

import click
from flask.cli import AppGroup

import app.demo.judgments  # noqa: F401  (registers the judgment steps of the replay)
from app.database import utcnow
from app.demo.accounts import DEMO_DOMAIN, demo_loaded, demo_password, load_accounts
from app.demo.measures import load_measures_and_cooperation
from app.demo.operation import load_operation, operation_loaded
from app.extensions import db
from app.notifications.digest import send_digests
from app.notifications.reminders import send_reminders

demo_cli = AppGroup("demo", help="Demo data for trying Docket out.")


@demo_cli.command("load")
@click.option(
    "--password",
    help="Password for every demo account (default: DOCKET_DEMO_PASSWORD or one generated under instance/).",
)
@click.option("--if-new", is_flag=True, help="Do nothing if the demo has been loaded before (what `make run` uses).")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The demo's present (default: today); 2019-09-02 keeps the operation's historical dates.",
)
def load(password, if_new, as_of):
    """Load the demo office, accounts and operation; running it again changes nothing."""
    password = demo_password(password)
    if if_new and demo_loaded() and operation_loaded():
        click.echo("The demo data is already loaded.")
    else:
        started = time.monotonic()
        office, created = load_accounts(password, now=utcnow())
        db.session.flush()
        loaded = load_operation(office, as_of=as_of.date() if as_of else None, clock=utcnow())
        if loaded.created:
            # What follows the story is recorded at the demo's present, not the clock's (see --as-of),
            # and so are the reminders, escalations and weekly digests the scheduler would queue then.
            load_measures_and_cooperation(loaded.operation, now=loaded.present, shift=loaded.shift_days)
            send_reminders(now=loaded.present)
            send_digests(now=loaded.present, wait_for_monday_morning=False)
        db.session.commit()
        click.echo(f"Demo accounts: {created} created.")
        click.echo(
            f"{loaded.operation.name}: "
            + (f"loaded in {time.monotonic() - started:.1f} s." if loaded.created else "already there, left as it is.")
        )
        for refusal in loaded.held_back:
            click.echo(f"  held back: {refusal}", err=True)
    click.echo(
        f"Sign in at http://127.0.0.1:5000 as admin@{DEMO_DOMAIN} (or supervisor@, clerk@, "
        f"investigator@, viewer@, prosecutor1@ … prosecutor16@{DEMO_DOMAIN}) with password: {password}"
    )


@demo_cli.command("scale")
@click.option("--cases", type=int, required=True, help="How many cases to add (e.g. 1000000).")
@click.option("--offices", type=int, default=10, show_default=True, help="How many new offices to add.")
@click.option(
    "--prosecutors",
    type=int,
    help="Prosecutors in all, shared out among the offices (default: one per 500 cases, at least one per office).",
)
@click.option(
    "--password",
    help="Password for every new account (default: DOCKET_DEMO_PASSWORD or the one generated under instance/).",
)
@click.option(
    "--seed", type=int, default=13, show_default=True, help="Seed of the generator: the same seed, the same data."
)
def scale(cases, offices, prosecutors, password, seed):
    """Add a national-size data set: new offices, their accounts and CASES cases in every stage.

    Each run adds offices numbered after the earlier runs' (K = 1, 2, …): supervisor-K@, clerk-K@ and
    prosecutor-K-N@docket.example, with the demo password. Written in one transaction: all or nothing.
    Other writers wait for it; on PostgreSQL a load of 20,000 cases or more rebuilds the tables'
    secondary indexes at the end, and readers wait too.
    """
    from app.demo.scale import default_prosecutors, generate, refusal

    prosecutors = default_prosecutors(cases, offices) if prosecutors is None else prosecutors
    reason = refusal(cases, offices, prosecutors)
    if reason:
        raise click.UsageError(reason)
    password = demo_password(password)

    def progress(done, total, seconds):
        click.echo(f"  {done:>11,} of {total:,} cases  {seconds:7.1f} s")

    click.echo(f"Adding {cases:,} cases in {offices} new offices with {prosecutors:,} prosecutors …")
    started = time.monotonic()
    try:
        report = generate(
            cases=cases, offices=offices, prosecutors=prosecutors, password=password, now=utcnow(), seed=seed,
            progress=progress,
        )  # fmt: skip
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    db.session.commit()
    for table, count in report.rows.items():
        if count:
            click.echo(f"  {table:<17} {count:>12,}")
    first, last = report.offices[0][0], report.offices[-1][0]
    click.echo(f"Done in {time.monotonic() - started:.1f} s ({report.computations:,} deadline computations).")
    click.echo(
        f"Sign in as supervisor-K@{DEMO_DOMAIN}, clerk-K@{DEMO_DOMAIN} or prosecutor-K-N@{DEMO_DOMAIN} "
        f"(offices K = {first}…{last}) with password: {password}"
    )
