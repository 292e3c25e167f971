"""The administrators' view of the audit trail, with filters."""

import sqlalchemy as sa
from flask import Blueprint, render_template, request

from app.audit.models import AuditEvent
from app.auth.permissions import Can, requires
from app.core.web import newest_page

bp = Blueprint("audit", __name__, template_folder="templates")


@bp.route("/")
@requires(Can.ADMINISTER)
def index():
    """List events newest first, filtered by action, actor, object and outcome; keyset-paged."""
    query = sa.select(AuditEvent)
    filters = {
        key: request.args.get(key, "").strip() for key in ("action", "actor", "object_type", "object_id", "outcome")
    }
    if filters["action"]:
        query = query.where(AuditEvent.action.startswith(filters["action"], autoescape=True))
    if filters["actor"]:
        query = query.where(AuditEvent.actor_label.contains(filters["actor"].lower(), autoescape=True))
    if filters["object_type"]:
        query = query.where(AuditEvent.object_type == filters["object_type"])
    if filters["object_id"]:
        query = query.where(AuditEvent.object_id == filters["object_id"])
    if filters["outcome"]:
        query = query.where(AuditEvent.outcome == filters["outcome"])
    events, next_before = newest_page(query, AuditEvent.id)
    return render_template("audit/index.html", events=events, filters=filters, next_before=next_before)
