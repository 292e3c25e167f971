"""Refusing access, and loading the signed-in user of a session.

Which roles may open a page is declared with `requires(Can.…)` or `public` from
app/auth/permissions.py. Object-level checks (a case the user may not see answers 404)
live in each feature's policy functions, which call `deny` to record the refusal.
"""

from flask import abort
from flask_login import current_user

from app.audit.services import record
from app.auth.models import User
from app.database import utcnow
from app.extensions import db, login_manager


def deny(status: int, *, reason: str, object_type: str | None = None, object_id=None):
    """Record a refused access in the audit trail, commit it, and answer `status`."""
    from flask import request

    db.session.rollback()
    user = current_user if current_user.is_authenticated else None
    record(
        "access.denied",
        actor=user,
        now=utcnow(),
        object_type=object_type,
        object_id=object_id,
        outcome="denied",
        changes={"path": request.path, "method": request.method, "reason": reason},
    )
    db.session.commit()
    abort(status)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Load the user of a session cookie, refusing rotated tokens and inactive users."""
    pk, _, token = user_id.partition(":")
    if not pk.isdigit() or not token:
        return None
    user = db.session.get(User, int(pk))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to open that page."
login_manager.login_message_category = "info"
# Flask-Login's own cookie-hijack protection rotates with the session; "strong" would log
# users out when a proxy changes their address, so the rotating token above does the work.
login_manager.session_protection = "basic"
