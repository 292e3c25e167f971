"""`flask demo load`: the reference operation as demo data."""
import click
from flask.cli import AppGroup

from app.database import utcnow
from app.demo.accounts import DEMO_DOMAIN, demo_loaded, demo_password, load_accounts
from app.extensions import db

demo_cli = AppGroup("demo", help="Demo data for trying Docket out.")


@demo_cli.command("load")
@click.option("--password", help="Password for every demo account (default: DOCKET_DEMO_PASSWORD or one generated under instance/).")
@click.option("--if-new", is_flag=True, help="Do nothing if the demo has been loaded before (what `make run` uses).")
def load(password, if_new):
    """Load the demo office and accounts; running it again changes nothing."""
    password = demo_password(password)
    if if_new and demo_loaded():
        click.echo("The demo data is already loaded.")
    else:
        _office, created = load_accounts(password, now=utcnow())
        db.session.commit()
        click.echo(f"Demo accounts: {created} created.")
    click.echo(f"Sign in at http://127.0.0.1:5000 as admin@{DEMO_DOMAIN} (or supervisor@, clerk@, "
               f"investigator@, viewer@, prosecutor1@ … prosecutor16@{DEMO_DOMAIN}) with password: {password}")
