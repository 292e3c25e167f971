"""The outbox's and the notification list's buttons, each a form for its CSRF token."""
from flask_wtf import FlaskForm
from wtforms import SubmitField


class RetryForm(FlaskForm):
    submit = SubmitField("Retry delivery")


class MarkReadForm(FlaskForm):
    submit = SubmitField("Mark all as read")
