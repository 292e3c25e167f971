"""The home page and the health check."""
import sqlalchemy as sa
from flask import Blueprint, jsonify, render_template

from app.auth.access import login_required, public
from app.extensions import csrf, db, talisman

bp = Blueprint("core", __name__, template_folder="templates")


@bp.route("/")
@login_required
def index():
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
