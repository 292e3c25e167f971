"""Shared vocabulary of the route × role access tables (see tests/core/test_access_table.py)."""

from app.auth.models import Role

LOGIN = "login"  # redirected to the sign-in page
OK, FORBIDDEN, NOT_FOUND = 200, 403, 404
ADMIN_ONLY = {None: LOGIN, **{role: FORBIDDEN for role in Role}, Role.ADMIN: OK}
ANY_USER = {None: LOGIN, **{role: OK for role in Role}}
EVERYONE = {None: OK, **{role: OK for role in Role}}


def answers(default, **per_role) -> dict:
    """Expected answers: `default` for every role, anonymous sent to login, with exceptions by role name."""
    table = {None: LOGIN, **{role: default for role in Role}}
    table.update({Role(name): value for name, value in per_role.items()})
    return table
