"""The home page and the health check."""
import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify, redirect, render_template, url_for
from flask_login import current_user

from app.auth.access import login_required, public
from app.auth.models import Role
from app.extensions import csrf, db, talisman

bp = Blueprint("core", __name__, template_folder="templates")


#: Where each role starts: the page its daily work begins on.
HOME = {
    Role.PROSECUTOR: "assignments.my_cases",
    Role.SUPERVISOR: "assignments.dashboard",
    Role.CLERK: "judgments.queue",
    Role.INVESTIGATOR: "cases.index",
    Role.VIEWER: "operations.index",
    Role.ADMIN: "users.index",
}


@bp.route("/")
@login_required
def index():
    home = HOME.get(current_user.role)
    if home in current_app.view_functions:
        return redirect(url_for(home))
    return render_template("core/index.html")


@bp.route("/healthz")
@public
@csrf.exempt
@talisman(force_https=False)  # load balancers probe over plain HTTP inside the network
def healthz():
    """Answer 200 while the database answers, 503 when it does not (for load balancers)."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
