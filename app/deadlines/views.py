"""Deadline pages across cases: the agenda, its CSV export, the month calendar, the rules and the feed.

The case's own deadline pages are in case_views.py, on the same blueprint.
"""

import calendar as month_calendar
from datetime import date
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import deny
from app.auth.permissions import Can, public, requires
from app.cases.models import Jurisdiction
from app.core.formatting import stamp, viewer_zone
from app.core.web import commit, csv_cell, csv_download, require_valid, saved
from app.database import utcnow
from app.deadlines import ical, queries, services
from app.deadlines.forms import FeedForm
from app.deadlines.models import DeadlineKind
from app.deadlines.rules import CLOSING_EVENTS, OFFENCE_CLASSES, TRIGGER_EVENTS

bp = Blueprint("deadlines", __name__, template_folder="templates")


@bp.app_template_global()
def closing_label(event: str) -> str:
    return CLOSING_EVENTS.get(event, event)


def _filters() -> queries.DeadlineFilters:
    args = request.args
    kind = args.get("kind")
    jurisdiction = args.get("jurisdiction")
    return queries.DeadlineFilters(
        prosecutor_id=args.get("prosecutor", type=int) or None,
        operation_id=args.get("operation", type=int) or None,
        kind=DeadlineKind(kind) if kind in {k.value for k in DeadlineKind} else None,
        jurisdiction=jurisdiction if jurisdiction in {j.value for j in Jurisdiction} else None,
    )


def _filter_context() -> dict:
    prosecutors, operations = queries.filter_choices(current_user)
    return {
        "prosecutors": prosecutors,
        "operations": operations,
        "kinds": list(DeadlineKind),
        "jurisdictions": list(Jurisdiction),
        "args": request.args,
    }


@bp.route("/")
@requires(Can.SEE_CASES)
def index():
    now = utcnow()
    agenda = queries.agenda(current_user, _filters(), now=now)
    return render_template(
        "deadlines/index.html",
        agenda=agenda,
        sections=queries.SECTIONS,
        now=now,
        zone=viewer_zone(current_user),
        **_filter_context(),
    )


#: The columns of the agenda as CSV.
EXPORT_COLUMNS = [
    "Section",
    "Case",
    "Case title",
    "Deadline",
    "Kind",
    "Due",
    "Act by",
    "Status",
    "Prosecutor",
    "Jurisdiction",
    "Operation",
    "Legal reference",
    "Defendant",
]


@bp.route("/export.csv")
@requires(Can.SEE_CASES)
def export():
    now = utcnow()
    zone = viewer_zone(current_user)
    agenda = queries.agenda(current_user, _filters(), now=now)
    rows = []
    for section, d in agenda.rows():
        due = stamp(d.due_date) if d.all_day else stamp(d.due_at, zone)
        act_by = stamp(d.act_by) if d.all_day else due  # an hour deadline is acted on by its moment
        rows.append(
            [
                csv_cell(v)
                for v in (
                    section,
                    d.case.reference,
                    d.case.title,
                    d.title,
                    d.kind.label,
                    due,
                    act_by,
                    d.shown_status(now).label,
                    d.case.prosecutor.name if d.case.prosecutor else "",
                    d.case.jurisdiction.value,
                    d.case.operation.code if d.case.operation else "",
                    d.reference,
                    d.defendant.person.full_name if d.defendant else "",
                )
            ]
        )
    return csv_download(f"deadlines-{agenda.today.isoformat()}.csv", EXPORT_COLUMNS, rows)


@bp.route("/calendar")
@requires(Can.SEE_CASES)
def month():
    now = utcnow()
    zone = viewer_zone(current_user)
    today = now.astimezone(zone).date()
    first = _month_arg(request.args.get("month"), today)
    return render_template(
        "deadlines/month.html",
        by_day=queries.month_deadlines(current_user, first, _filters()),
        today=today,
        now=now,
        zone=zone,
        **_month_grid(first),
        **_filter_context(),
    )


def _month_grid(first: date) -> dict:
    """The month that starts on `first` as weeks of days, Monday first, and the months before and after it."""
    return {
        "first": first,
        "weeks": month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month),
        "previous": (first - date.resolution).replace(day=1),
        "following": (first.replace(day=28) + date.resolution * 4).replace(day=1),
    }


def _month_arg(value: str | None, today: date) -> date:
    if not value:
        return today.replace(day=1)
    try:
        year, number = (int(part) for part in value.split("-"))
        return date(year, number, 1)
    except ValueError:
        flash(f"“{value[:20]}” is not a month; write it like 2026-12. Showing this month.", "warning")
        return today.replace(day=1)


@bp.route("/rules")
@requires(Can.SIGN_IN)
def rules():
    rulebook = services.current_rulebook()
    return render_template(
        "deadlines/rules.html", rules=rulebook.rules, triggers=TRIGGER_EVENTS, offence_classes=OFFENCE_CLASSES
    )


@bp.route("/feed")
@requires(Can.FOLLOW_DEADLINES)
def feed():
    return _feed_page(address=None)


@bp.route("/feed/renew", methods=["POST"])
@requires(Can.FOLLOW_DEADLINES)
def renew_feed():
    require_valid(FeedForm())
    token = ical.renew_feed(current_user, actor=current_user, now=utcnow())
    # Kept without `saved`: the new address is shown once, in this answer only (the
    # database keeps nothing but the token's hash), so it cannot go through a redirect.
    commit()
    address = current_app.config["BASE_URL"].rstrip("/") + url_for("deadlines.ical_feed", token=token)
    return _feed_page(address=address), 200, {"Cache-Control": "no-store"}


def _feed_page(address: str | None) -> str:
    return render_template("deadlines/feed.html", feed=ical.feed_of(current_user), form=FeedForm(), address=address)


@bp.route("/feed/revoke", methods=["POST"])
@requires(Can.FOLLOW_DEADLINES)
def revoke_feed():
    require_valid(FeedForm())
    if ical.revoke_feed(current_user, actor=current_user, now=utcnow()):
        return saved("Your calendar address no longer works. Remove it from your calendar app.", "deadlines.feed")
    return redirect(url_for("deadlines.feed"))


@bp.route("/ical/<token>.ics")
@public
def ical_feed(token: str):
    """The secret calendar address: answers 404 for anything but a live token."""
    user = ical.user_for_token(token)
    if user is None:
        deny(404, reason="unknown or revoked calendar feed", object_type="calendar_feed")
    domain = urlsplit(current_app.config["BASE_URL"]).hostname or "docket"
    body = ical.feed_calendar(user, now=utcnow(), base_url=current_app.config["BASE_URL"], domain=domain)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "private, no-store", "Content-Disposition": "inline; filename=docket.ics"},
    )


from app.deadlines import case_views  # noqa: E402,F401  (the case's deadline pages, on this blueprint)
