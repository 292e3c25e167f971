"""Forms for the administrators' account pages."""

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from app.auth.forms import NewPasswordFields
from app.auth.models import Role


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, role.label) for role in Role]


class UserForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    name = StringField("Full name", validators=[DataRequired(), Length(max=120)])
    role = SelectField("Role", choices=role_choices(), validators=[DataRequired()])
    office_id = SelectField("Office", coerce=int, validate_choice=True)
    submit = SubmitField("Save")


class NewUserForm(UserForm, NewPasswordFields):
    submit = SubmitField("Create account")


class ResetPasswordForm(NewPasswordFields):
    submit = SubmitField("Set password")


class ConfirmForm(FlaskForm):
    """An empty form that carries the CSRF token of a button."""

    submit = SubmitField("Confirm")
