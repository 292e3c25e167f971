"""Per-request context: a request id for the audit trail and the idle-session clock."""

import uuid

from flask import Flask, g, request, session

from app.core.nav import nav_for


def register(app: Flask) -> None:
    app.jinja_env.globals["nav_for"] = nav_for

    @app.before_request
    def assign_request_id():
        incoming = request.headers.get("X-Request-Id", "")
        g.request_id = incoming if _looks_like_id(incoming) else uuid.uuid4().hex
        # A permanent session carries a server-checked expiry that every request renews:
        # an idle session ends after SESSION_IDLE_MINUTES.
        session.permanent = True

    @app.after_request
    def echo_request_id(response):
        response.headers["X-Request-Id"] = g.get("request_id", "")
        response.headers.setdefault("Cache-Control", "no-store")
        return response


def _looks_like_id(value: str) -> bool:
    return 8 <= len(value) <= 64 and value.replace("-", "").isalnum()
