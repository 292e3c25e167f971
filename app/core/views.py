"""The home page and the health check."""

import sqlalchemy as sa
from flask import Blueprint, jsonify, redirect, render_template, url_for
from flask_login import current_user

from app.auth.permissions import Can, public, requires
from app.core.nav import home_page
from app.extensions import csrf, db, talisman

bp = Blueprint("core", __name__, template_folder="templates")


@bp.route("/")
@requires(Can.SIGN_IN)
def index():
    home = home_page(current_user.role)
    return redirect(url_for(home)) if home else render_template("core/index.html")


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
