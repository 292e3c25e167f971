"""`flask demo load`: the reference operation as demo data."""
import click
from flask.cli import AppGroup

from app.database import utcnow
from app.demo.accounts import DEMO_DOMAIN, demo_password, load_accounts
from app.extensions import db

demo_cli = AppGroup("demo", help="Demo data for trying Docket out.")


@demo_cli.command("load")
@click.option("--password", help="Password for every demo account (default: DOCKET_DEMO_PASSWORD or one generated under instance/).")
def load(password):
    """Load the demo office and accounts; running it again changes nothing."""
    password = demo_password(password)
    _office, created = load_accounts(password, now=utcnow())
    db.session.commit()
    click.echo(f"Demo accounts: {created} created.")
    click.echo(f"Sign in at http://127.0.0.1:5000 as admin@{DEMO_DOMAIN} (or supervisor@, clerk@, "
               f"investigator@, viewer@, prosecutor1@ … prosecutor16@{DEMO_DOMAIN}) with password: {password}")
