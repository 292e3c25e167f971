"""The administrators' view of the audit trail, with filters."""

import sqlalchemy as sa
from flask import Blueprint, render_template, request

from app.audit.models import AuditEvent
from app.auth.permissions import Can, requires
from app.extensions import db

bp = Blueprint("audit", __name__, template_folder="templates")

PAGE_SIZE = 50


@bp.route("/")
@requires(Can.ADMINISTER)
def index():
    """List events newest first, filtered by action, actor, object and outcome; keyset-paged."""
    query = sa.select(AuditEvent).order_by(AuditEvent.id.desc()).limit(PAGE_SIZE + 1)
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
    before = request.args.get("before", type=int)
    if before:
        query = query.where(AuditEvent.id < before)
    events = db.session.scalars(query).all()
    more = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    return render_template(
        "audit/index.html", events=events, filters=filters, next_before=events[-1].id if more else None
    )
