"""Who may open the Outbox and the notification pages."""

import sqlalchemy as sa

from app.auth.models import Role
from app.database import utcnow
from app.extensions import db
from app.notifications import services
from app.notifications.models import Notification
from tests.access import ADMIN_ONLY, ANY_USER, answers

ACCESS = {
    "notifications.outbox": ("GET", "/admin/outbox/", ADMIN_ONLY),
    "notifications.message": ("GET", "/admin/outbox/{notification}", ADMIN_ONLY),
    "notifications.message_html": ("GET", "/admin/outbox/{notification}/html", ADMIN_ONLY),
    # The sample message is pending, not dead: the admin is told so, and nothing changes.
    "notifications.retry": ("POST", "/admin/outbox/{notification}/retry", {**ADMIN_ONLY, Role.ADMIN: 422}),
    "notifications.mine": ("GET", "/notifications/", ANY_USER),
    "notifications.mark_read": ("POST", "/notifications/read", answers(302)),
    "notifications.settings": ("GET", "/notifications/settings", ANY_USER),
}


def samples(office, make_user) -> dict:
    recipient = make_user(Role.PROSECUTOR)
    services.enqueue(
        recipient=recipient,
        kind="reminder",
        key=f"access-sample:{recipient.id}",
        subject="Detention review in 2 days",
        text="Text",
        html="<p>HTML</p>",
        now=utcnow(),
    )
    return {
        "notification": db.session.scalar(
            sa.select(Notification.id).where(Notification.key == f"access-sample:{recipient.id}")
        )
    }
