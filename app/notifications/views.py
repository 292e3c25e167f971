"""The administrators' Outbox and each user's own notifications, with the unread count in the navigation."""

import sqlalchemy as sa
from flask import Blueprint, abort, has_request_context, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.permissions import Can, requires
from app.core.web import newest_page, refusals_on, render_form, require_valid, saved
from app.database import utcnow
from app.extensions import db, talisman
from app.notifications import services
from app.notifications.forms import MarkReadForm, RetryForm, email_choices_form
from app.notifications.models import KINDS, Notification, NotificationStatus

bp = Blueprint("notifications", __name__, template_folder="templates")

#: An e-mail's HTML is shown as a document of its own that may style itself but run nothing.
EMAIL_HTML_POLICY = {
    "default-src": "'none'",
    "style-src": "'unsafe-inline'",
    "img-src": "data:",
    "frame-ancestors": "'none'",
    "sandbox": "",
}


@bp.app_context_processor
def unread_notifications():
    """Give every page the signed-in user's unread count, for the navigation.

    Every page shows the navigation, so the count is made here once for the page a request
    renders, rather than by each view, and never by the template. No one signed in, no query.
    """
    signed_in = has_request_context() and current_user.is_authenticated
    return {"unread_notifications": services.unread_count(current_user) if signed_in else 0}


def get_notification_or_404(notification_id: int) -> Notification:
    return db.session.get(Notification, notification_id) or abort(404)


@bp.route("/admin/outbox/")
@requires(Can.ADMINISTER)
def outbox():
    """List messages newest first, by status; keyset-paged."""
    status = request.args.get("status", "")
    query = sa.select(Notification).options(sa.orm.joinedload(Notification.recipient))
    if status in {s.value for s in NotificationStatus}:
        query = query.where(Notification.status == NotificationStatus(status))
    else:
        status = ""
    messages, next_before = newest_page(query, Notification.id)
    counts = dict(
        db.session.execute(
            sa.select(Notification.status, sa.func.count(Notification.id)).group_by(Notification.status)
        ).all()
    )
    return render_template(
        "notifications/outbox.html",
        messages=messages,
        status=status,
        statuses=list(NotificationStatus),
        counts=counts,
        dead=counts.get(NotificationStatus.DEAD, 0),
        next_before=next_before,
    )


@bp.route("/admin/outbox/<int:notification_id>")
@requires(Can.ADMINISTER)
def message(notification_id: int):
    return render_template(
        "notifications/message.html", message=get_notification_or_404(notification_id), retry_form=RetryForm()
    )


@bp.route("/admin/outbox/<int:notification_id>/html")
@requires(Can.ADMINISTER)
@talisman(content_security_policy=EMAIL_HTML_POLICY)
def message_html(notification_id: int):
    """The message's HTML body, as the recipient's mail program would show it."""
    notification = get_notification_or_404(notification_id)
    if not notification.body_html:
        abort(404)
    return notification.body_html, 200, {"Content-Type": "text/html; charset=utf-8"}


@bp.route("/admin/outbox/<int:notification_id>/retry", methods=["POST"])
@requires(Can.ADMINISTER)
def retry(notification_id: int):
    notification = get_notification_or_404(notification_id)
    form = RetryForm()
    require_valid(form)
    with refusals_on(form):
        services.retry(notification, actor=current_user, now=utcnow())
        return saved(
            "The message will be sent again at the scheduler's next delivery.",
            "notifications.message",
            notification_id=notification.id,
        )
    return render_form("notifications/message.html", form, message=notification, retry_form=form)


@bp.route("/notifications/")
@requires(Can.SIGN_IN)
def mine():
    """The signed-in user's own notifications, newest first; keyset-paged."""
    notifications, next_before = newest_page(
        sa.select(Notification).where(Notification.recipient_id == current_user.id), Notification.id
    )
    return render_template(
        "notifications/mine.html", notifications=notifications, form=MarkReadForm(), next_before=next_before
    )


@bp.route("/notifications/read", methods=["POST"])
@requires(Can.SIGN_IN)
def mark_read():
    require_valid(MarkReadForm())
    unread = db.session.scalars(
        sa.select(Notification).where(Notification.recipient_id == current_user.id, Notification.read_at.is_(None))
    ).all()
    if services.mark_read(unread, actor=current_user, now=utcnow()):
        return saved("Your notifications are marked read.", "notifications.mine")
    return redirect(url_for("notifications.mine"))


@bp.route("/notifications/settings", methods=["GET", "POST"])
@requires(Can.SIGN_IN)
def settings():
    """Choose which kinds of message come by e-mail; everything is listed in the app regardless."""
    form = email_choices_form(services.email_choices(current_user))
    if form.validate_on_submit():
        services.set_email_choices(
            current_user, {kind: form[kind].data for kind in KINDS}, actor=current_user, now=utcnow()
        )
        return saved("Your e-mail choices are saved.", "notifications.settings")
    return render_form("notifications/settings.html", form)
