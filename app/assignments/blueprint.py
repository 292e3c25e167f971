"""The caseload blueprint, which views.py and views_cases.py both register their routes on.

It lives in a module of its own so that both view modules import it and neither imports
the other; app/__init__.py imports the view modules before registering it.
"""

from flask import Blueprint
from flask_login import current_user

from app.assignments.loads import fmt
from app.auth.access import deny

bp = Blueprint("assignments", __name__, template_folder="templates")
bp.add_app_template_filter(fmt, "load")


def own_office():
    """The signed-in supervisor's office; an account without one answers 404."""
    office = current_user.office
    if office is None:
        deny(404, reason="no office")
    return office
