"""Forms of the caseload pages: profiles, absences, assignment, rebalancing and weights."""

from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.assignments.models import DEFAULT_STAGE_WEIGHTS, Specialisation
from app.cases.models import Stage


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def specialisation_choices(blank: str | None = None) -> list[SelectChoice]:
    choices = [SelectChoice(s.value, s.label.capitalize()) for s in Specialisation]
    return [SelectChoice("", blank), *choices] if blank else choices


class ProfileForm(FlaskForm):
    capacity = DecimalField(
        "Capacity",
        places=2,
        description="1.0 is full time, 0.5 half time.",
        validators=[
            InputRequired("Enter the capacity, e.g. 1.0 for full time."),
            NumberRange(Decimal("0.1"), Decimal("1.5"), "Capacity must be between 0.1 and 1.5."),
        ],
    )
    specialisations = CheckboxesField("Specialisations", choices=specialisation_choices(), validators=[Optional()])
    load_cap = DecimalField(
        "Cap on relative load",
        places=2,
        validators=[Optional(), NumberRange(Decimal("0.5"), Decimal("100"), "The cap must be between 0.5 and 100.")],
        description="No automatic assignments once the load reaches this. Leave empty for no cap.",
    )
    submit = SubmitField("Save profile")


class AbsenceForm(FlaskForm):
    starts_on = DateField("From", validators=[InputRequired("Enter the first day of the absence.")])
    ends_on = DateField("To (inclusive)", validators=[InputRequired("Enter the last day of the absence.")])
    deputy_id = SelectField("Deputy", coerce=int, choices=[SelectChoice(0, "— none —")], validate_choice=True)
    reason = StringField("Reason", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Record absence")

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError("The absence cannot end before it starts.")


class AssignForm(FlaskForm):
    prosecutor_id = SelectField("Prosecutor", coerce=int, choices=[], validate_choice=True)
    reason = StringField(
        "Why", validators=[DataRequired("Say why this case goes to this prosecutor."), Length(max=400)]
    )
    submit = SubmitField("Assign")


class AutoAssignForm(FlaskForm):
    submit = SubmitField("Assign by the rules")


class SpecialisationForm(FlaskForm):
    specialisation = SelectField(
        "Requires specialisation", choices=specialisation_choices("— none —"), validators=[Optional()]
    )
    submit = SubmitField("Save requirement")


class BulkAssignForm(FlaskForm):
    case_ids = CheckboxesField("Cases", coerce=int, choices=[], validators=[DataRequired("Select at least one case.")])
    submit = SubmitField("Assign selected by the rules")


class RebalanceForm(FlaskForm):
    prosecutor_id = SelectField(
        "Rebalance", coerce=int, choices=[SelectChoice(0, "The whole office")], validate_choice=True
    )
    target = DecimalField(
        "Target spread",
        places=2,
        validators=[
            InputRequired("Enter the largest acceptable gap between relative loads."),
            NumberRange(Decimal("0.1"), Decimal("50"), "The target must be between 0.1 and 50."),
        ],
        description="Largest acceptable difference between the highest and lowest relative load.",
    )
    clear = BooleanField("Move all of this prosecutor's cases (leaving)")
    include_trial = BooleanField("Include cases at trial, judgment or appeal")
    include_custody = BooleanField("Include cases with a defendant in custody")
    submit = SubmitField("Propose a plan")


class ApplyPlanForm(FlaskForm):
    moves = HiddenField(validators=[DataRequired("The plan has no moves.")])
    reason = StringField("Reason", validators=[Optional(), Length(max=300)])
    submit = SubmitField("Apply the plan")

    def validate_moves(self, field):
        from app.assignments.rebalance import decode_moves

        try:
            decode_moves(field.data)
        except ValueError as error:
            raise ValidationError("The plan could not be read; propose it again.") from error


def weights_form_class():
    """A settings form with one weight field per active stage."""

    class WeightsForm(FlaskForm):
        extra_defendant_weight = DecimalField(
            "Per defendant after the first", places=2, validators=[InputRequired(), NumberRange(0, 20)]
        )
        custody_weight = DecimalField(
            "Per defendant in custody", places=2, validators=[InputRequired(), NumberRange(0, 20)]
        )
        spread_target = DecimalField(
            "Target spread for rebalancing", places=2, validators=[InputRequired(), NumberRange(Decimal("0.1"), 50)]
        )
        assign_new_cases = BooleanField("Assign new cases automatically when they are opened without a prosecutor")
        submit = SubmitField("Save weights")

    for stage in DEFAULT_STAGE_WEIGHTS:
        setattr(
            WeightsForm,
            f"stage_{stage}",
            DecimalField(
                f"Case at {Stage(stage).label.lower()}",
                places=2,
                validators=[InputRequired("Enter a weight (0 or more)."), NumberRange(0, 20, "Between 0 and 20.")],
            ),
        )
    return WeightsForm


class ConfirmForm(FlaskForm):
    """An empty form that carries the CSRF token of a button."""

    submit = SubmitField("Remove")
