"""Login and password forms."""

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField("Keep me signed in on this device")
    submit = SubmitField("Sign in")


def password_strength(_form, field) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(field.data or "") < minimum:
        raise ValidationError(f"Use at least {minimum} characters.")
    if field.data.strip() != field.data:
        raise ValidationError("A password may not start or end with a space.")


class NewPasswordFields(FlaskForm):
    new_password = PasswordField("New password", validators=[DataRequired(), Length(max=1024), password_strength])
    confirm = PasswordField(
        "Repeat the new password", validators=[DataRequired(), EqualTo("new_password", message="The passwords differ.")]
    )


class ChangePasswordForm(NewPasswordFields):
    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=1024)])
    submit = SubmitField("Change password")
