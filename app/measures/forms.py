"""Forms of the measure pages."""

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.measures.models import MeasureKind, MeasureStatus

NEW_STATUSES = (MeasureStatus.REQUESTED, MeasureStatus.AUTHORISED, MeasureStatus.RUNNING)


class OrderFields(FlaskForm):
    ordering_court = StringField(
        "Ordering court",
        validators=[Optional(), Length(max=200)],
        description="e.g. Landesgericht für Strafsachen Wien",
    )
    order_reference = StringField(
        "Order reference", validators=[Optional(), Length(max=80)], description="The court's file number of the order."
    )
    ordered_on = DateField("Ordered on", validators=[Optional()])
    valid_from = DateField("Valid from", validators=[Optional()])
    valid_to = DateField(
        "Valid to", validators=[Optional()], description="The end the order sets; the renewal limit falls on it."
    )


class MeasureForm(OrderFields):
    kind = SelectField("Kind", choices=[(kind.value, kind.label) for kind in MeasureKind])
    status = SelectField(
        "Status",
        choices=[
            (status.value, label)
            for status, label in (
                (MeasureStatus.REQUESTED, "Requested (no order yet)"),
                (MeasureStatus.AUTHORISED, "Authorised by the court"),
                (MeasureStatus.RUNNING, "Running"),
            )
        ],
        default=MeasureStatus.RUNNING.value,
    )
    target_person_id = SelectField("Target person", coerce=int, choices=[(0, "— none —")])
    target_phone = StringField("Target phone number", validators=[Optional(), Length(max=40)])
    target_place = StringField(
        "Target place", validators=[Optional(), Length(max=200)], description="An address, premises or a vehicle."
    )
    requested_on = DateField("Requested on", validators=[Optional()])
    submit = SubmitField("Record measure")

    #: The order the page lays the fields out in.
    FIELD_ORDER = (
        "kind",
        "status",
        "target_person_id",
        "target_phone",
        "target_place",
        "requested_on",
        "ordering_court",
        "order_reference",
        "ordered_on",
        "valid_from",
        "valid_to",
    )


class DecisionForm(OrderFields):
    decision = RadioField(
        "Decision",
        choices=[("authorised", "Authorised"), ("refused", "Refused")],
        validators=[DataRequired("Choose the court's decision.")],
    )
    submit = SubmitField("Record decision")


class RenewalForm(FlaskForm):
    ordering_court = StringField("Ordering court", validators=[DataRequired("Name the court."), Length(max=200)])
    order_reference = StringField(
        "Order reference", validators=[DataRequired("Enter the renewal order's reference."), Length(max=80)]
    )
    ordered_on = DateField("Ordered on", validators=[DataRequired("Enter the day of the renewal order.")])
    valid_to = DateField("New end date", validators=[DataRequired("Enter the end the renewal sets.")])
    submit = SubmitField("Record renewal")


class TerminationForm(FlaskForm):
    ended_on = DateField("Ended on", validators=[DataRequired("Enter the day the measure ended.")])
    reason = TextAreaField("Reason", validators=[DataRequired("Say why the measure ended."), Length(max=500)])
    submit = SubmitField("Terminate measure")


class ResultsForm(FlaskForm):
    results_summary = TextAreaField("Results summary", validators=[Length(max=20000)])
    submit = SubmitField("Save results")


class ConfirmForm(FlaskForm):
    """An empty form that carries the CSRF token of a button."""

    submit = SubmitField("Confirm")
