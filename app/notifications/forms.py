"""The outbox's and the notification list's buttons, each a form for its CSRF token."""

from flask_wtf import FlaskForm
from wtforms import SubmitField


class RetryForm(FlaskForm):
    submit = SubmitField("Retry delivery")


class MarkReadForm(FlaskForm):
    submit = SubmitField("Mark all as read")


def email_choices_form(choices: dict[str, bool], formdata=None):
    """A form with one "by e-mail" checkbox per kind of message."""
    from wtforms import BooleanField

    from app.notifications.models import KINDS

    class EmailChoicesForm(FlaskForm):
        pass

    for kind, label in KINDS.items():
        setattr(EmailChoicesForm, kind, BooleanField(label, default=choices.get(kind, True)))
    EmailChoicesForm.submit = SubmitField("Save")
    return EmailChoicesForm(formdata=formdata) if formdata is not None else EmailChoicesForm()
