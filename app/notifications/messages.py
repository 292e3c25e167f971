"""Render a message from its templates (subject, text, HTML) and queue it, honouring e-mail choices."""

from datetime import datetime
from urllib.parse import urlsplit

from flask import current_app

from app.auth.models import User
from app.notifications import services


def app_link(endpoint: str, **values) -> str:
    """An absolute link into Docket at `BASE_URL`, built without a request (jobs have none)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "http")
    return adapter.build(endpoint, values, force_external=True)


def render(name: str, **context) -> tuple[str, str, str]:
    """Return (subject, text, html) of notifications/email/NAME.txt and .html; the subject is a block of the .txt."""
    env = current_app.jinja_env
    formats = env.get_template("notifications/email/_format.txt").module  # remaining, line
    context = {
        "base_url": current_app.config["BASE_URL"].rstrip("/"),
        "link": app_link,
        **{name: getattr(formats, name) for name in ("remaining", "line")},
        **context,
    }
    text_template = env.get_template(f"notifications/email/{name}.txt")
    subject = "".join(text_template.blocks["subject"](text_template.new_context(context))).strip()
    text = text_template.render(context)
    html = env.get_template(f"notifications/email/{name}.html").render(subject=subject, **context)
    return " ".join(subject.split()), text, html


def notify(
    recipient: User, *, kind: str, key: str, template: str, now: datetime, compulsory: bool = False, **context
) -> bool:
    """Queue one message for a user, unless its key was queued before; True if queued.

    `compulsory` messages (escalations of limits) are e-mailed whatever the user chose.
    """
    subject, text, html = render(template, recipient=recipient, now=now, **context)
    email = compulsory or services.wants_email(recipient, kind)
    return services.enqueue(
        recipient=recipient, kind=kind, key=key, subject=subject, text=text, html=html, now=now, email=email
    )
