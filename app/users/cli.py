"""`flask users ...`: manage accounts from the command line."""

import sys

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from app.auth.models import Office, Role
from app.auth.services import find_user_by_email
from app.database import utcnow
from app.errors import DomainError
from app.extensions import db
from app.users import services

users_cli = AppGroup("users", help="Manage user accounts.")


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise click.ClickException(f"The password needs at least {minimum} characters.")
    return password


def get_user(email: str):
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    return user


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--name", help="Full name (defaults to the e-mail's local part).")
@click.option("--office", "office_name", help="Name of the office; created if it does not exist.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create(email, role, name, office_name, password_stdin):
    """Create a user account."""
    password = read_password(password_stdin)
    office = None
    if office_name:
        office = db.session.scalar(sa.select(Office).where(Office.name == office_name))
        office = office or Office(name=office_name)
    try:
        user = services.create_user(
            email=email,
            name=name or email.split("@")[0],
            role=role,
            password=password,
            office=office,
            actor=None,
            now=utcnow(),
        )
    except DomainError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role}).")


@users_cli.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def set_password(email, password_stdin):
    """Set a user's password and end their sessions."""
    user = get_user(email)
    services.set_password(user, read_password(password_stdin), actor=None, now=utcnow())
    db.session.commit()
    click.echo(f"Password set for {user.email}.")


@users_cli.command("deactivate")
@click.argument("email")
def deactivate(email):
    """Deactivate a user and end their sessions."""
    user = get_user(email)
    services.deactivate_user(user, actor=None, now=utcnow())
    db.session.commit()
    click.echo(f"Deactivated {user.email}.")
