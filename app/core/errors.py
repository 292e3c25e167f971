"""Error pages: the same layout, a clear message, and nothing half-written."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from app.extensions import db

MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "Your role does not give you access to this page."),
    404: ("Not found", "There is no such page, or it is not visible to you."),
    405: ("Not allowed", "This page cannot be used that way."),
    413: ("Too large", "The upload is larger than Docket accepts."),
    500: ("Something went wrong", "The error has been logged; nothing was saved. Please try again."),
}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return render_error(400, "The form had expired or was not sent from Docket. Please try again.")

    for status in set(MESSAGES) - {500}:
        app.register_error_handler(status, lambda error, status=status: render_error(status))

    @app.errorhandler(500)
    def internal_error(error):
        # Flask has logged the exception; make sure nothing of the failed request is kept.
        db.session.rollback()
        return render_error(500)


def render_error(status: int, detail: str | None = None):
    title, message = MESSAGES.get(status, ("Error", "The request could not be completed."))
    return render_template("errors/error.html", status=status, title=title, message=detail or message), status
