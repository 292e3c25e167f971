"""The upload form of the arrests import."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, SelectField, SubmitField


class ArrestsImportForm(FlaskForm):
    office_id = SelectField("Office", coerce=int, description="Whose case references the file names.")
    file = FileField(
        "CSV file",
        validators=[
            FileRequired("Choose a CSV file."),
            FileAllowed(["csv", "txt"], "Choose a .csv file (in a spreadsheet: “Save as” → “CSV UTF-8”)."),
        ],
        description="UTF-8, separated by commas or semicolons; the columns are listed below.",
    )
    partial = BooleanField("Import the valid rows even if other rows have errors")
    submit = SubmitField("Import arrests")
