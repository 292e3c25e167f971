"""Forms of the deadline pages."""

from datetime import datetime

from flask_wtf import FlaskForm
from wtforms import DateField, DateTimeLocalField, SelectField, StringField, SubmitField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.deadlines.models import DeadlineKind
from app.deadlines.rules import OFFENCE_CLASSES, parse_reminders


def _reminder_list(text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").replace(";", ",").split(",") if item.strip()]


class RecordEventForm(FlaskForm):
    """Record a court's or registry's event that opens or closes deadlines."""

    event = SelectField("Event", validators=[DataRequired(message="Choose the event.")])
    when = DateTimeLocalField(
        "When",
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(message="Enter the date and time of the event.")],
        description="Office time, as the order or the service record states it.",
    )
    defendant_id = SelectField(
        "Defendant", coerce=int, default=0, description="Needed for custody and detention events."
    )
    offence_class = SelectField(
        "Offence class",
        default="",
        choices=[SelectChoice("", "— from the charges —")]
        + [SelectChoice(name, label) for name, label in OFFENCE_CLASSES.items()],
        description="Only to override the class taken from the charges (§ 178 StPO).",
    )
    end_at = DateField(
        "End date set by the order",
        validators=[Optional()],
        description="For a measure ordered, or a detention extended until a date.",
    )
    submit = SubmitField("Record event")


class ManualDeadlineForm(FlaskForm):
    title = StringField(
        "Title",
        validators=[DataRequired(message="Give the deadline a title."), Length(max=200)],
        description="Appears in calendar feeds: write what must happen, not names of persons.",
    )
    kind = SelectField(
        "Kind",
        choices=[SelectChoice(k.value, k.label) for k in DeadlineKind],
        default=DeadlineKind.PERIOD.value,
        description="A limit never moves later; a period may end on the next working day.",
    )
    due_date = DateField("Due date", validators=[DataRequired(message="Enter the due date.")])
    due_time = TimeField(
        "Due time", validators=[Optional()], description="Leave empty for the whole day (due at its end)."
    )
    defendant_id = SelectField("Defendant", coerce=int, default=0)
    reference = StringField("Legal reference", validators=[Optional(), Length(max=200)])
    reminders = StringField(
        "Reminders",
        default="7d, 2d, 0d",
        description="Before the act-by day (7d) or the due time (6h), separated by commas.",
    )
    submit = SubmitField("Add deadline")

    def validate_reminders(self, field):
        try:
            parse_reminders(_reminder_list(field.data) or ["0d"])
        except ValueError as error:
            raise ValidationError(str(error)) from None

    @property
    def reminder_list(self) -> list[str]:
        return _reminder_list(self.reminders.data)


class MarkMetForm(FlaskForm):
    met_on = DateField("Met on", validators=[DataRequired(message="Enter the day the act was done.")])
    submit = SubmitField("Mark met")


class WaiveForm(FlaskForm):
    reason = TextAreaField(
        "Reason", validators=[DataRequired(message="Say why the deadline is waived."), Length(max=2000)]
    )
    submit = SubmitField("Waive")


class FeedForm(FlaskForm):
    """Confirm a change of the calendar feed (renew or revoke)."""

    submit = SubmitField("Confirm")


def local_moment(value: datetime, zone) -> datetime:
    """Attach the office's zone to a time typed into a form."""
    return value.replace(tzinfo=zone)
