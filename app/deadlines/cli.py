"""`flask deadlines explain`: what an event would open, for a jurist reviewing the rule files."""

from datetime import date, datetime

import click
from flask.cli import AppGroup

from app.core.formatting import stamp, zone_of
from app.deadlines.calendars import OFFICE_TIMEZONES
from app.deadlines.engine import explain_event
from app.deadlines.rules import OFFENCE_CLASSES, TRIGGER_EVENTS
from app.deadlines.services import current_rulebook

deadlines_cli = AppGroup("deadlines", help="Statutory deadlines: explain the rules.")


@deadlines_cli.command("explain")
@click.argument(
    "jurisdiction", metavar="JURISDICTION", type=click.Choice(sorted(OFFICE_TIMEZONES), case_sensitive=False)
)
@click.argument("event", metavar="EVENT", type=click.Choice(sorted(TRIGGER_EVENTS)))
@click.argument("when")
@click.option(
    "--offence-class",
    type=click.Choice(sorted(OFFENCE_CLASSES)),
    help="The class deciding offsets that depend on it (§ 178 StPO).",
)
@click.option("--end", "end", help="The end date an order sets (YYYY-MM-DD), for rules that run until it.")
def explain(jurisdiction, event, when, offence_class, end):
    """Print every deadline EVENT would open at WHEN in a JURISDICTION case, touching nothing.

    JURISDICTION is AT or RS; EVENT a rule trigger such as detention_imposed (the rules page
    lists them all). WHEN is ISO 8601, e.g. "2026-12-18 10:00" (office time) or "2026-12-18T09:00+00:00".
    """
    moment = _parse(when, "WHEN", datetime.fromisoformat)
    end_at = _parse(end, "--end", date.fromisoformat) if end else None
    try:
        results = explain_event(
            current_rulebook(), jurisdiction.upper(), event, moment, offence_class=offence_class, end_at=end_at
        )
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if not results:
        click.echo(f"{TRIGGER_EVENTS[event]} opens no deadline in a {jurisdiction.upper()} case.")
        return
    for rule, deadline in results:
        zone = OFFICE_TIMEZONES[jurisdiction.upper()]
        click.echo(f"{rule.title}  [{rule.id}, {rule.kind}]")
        local = deadline.due_at.astimezone(zone_of(zone))
        due = stamp(deadline.due_date) if deadline.all_day else f"{stamp(local)} {local.tzname()}"
        # A deadline counted in hours is acted on by its moment, not on a day.
        act_by = stamp(deadline.act_by) if deadline.all_day else stamp(local)
        click.echo(f"  due:       {due}  ({zone})")
        click.echo(f"  act by:    {act_by}")
        click.echo(f"  reference: {rule.reference}")
        click.echo(f"  {deadline.explanation}")
        for number, step in enumerate(deadline.steps, 1):
            click.echo(f"    {number}. {step}")
        click.echo("")


def _parse(text: str, name: str, parse):
    try:
        return parse(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date{' and time' if name == 'WHEN' else ''} in ISO 8601 (e.g. 2026-12-18 10:00)",
            param_hint=name,
        ) from None


@deadlines_cli.command("check")
def check():
    """List every open deadline that contradicts its case or defendant; exit 1 if there is any.

    E.g. a detention limit open for someone released, a detention review of a case already
    at trial, any open deadline of a final or closed case, an appeal period of a final judgment.
    """
    from app.deadlines.check import find_contradictions

    found = find_contradictions()
    for contradiction in found:
        click.echo(str(contradiction))
    click.echo(f"{len(found)} contradiction{'' if len(found) == 1 else 's'}")
    if found:
        raise SystemExit(1)
