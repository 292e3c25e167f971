"""Forms of the cooperation pages."""

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.cooperation.models import Direction, RequestKind


class AgencyForm(FlaskForm):
    country = StringField(
        "Country",
        validators=[DataRequired("Enter the country's ISO code."), Length(max=2)],
        description="ISO 3166 code, e.g. RS for Serbia, HU for Hungary.",
    )
    name = StringField(
        "Name",
        validators=[DataRequired("Name the agency."), Length(max=200)],
        description="e.g. Directorate of Criminal Investigations, Belgrade police",
    )
    submit = SubmitField("Add agency")


class RequestForm(FlaskForm):
    kind = SelectField("Kind", choices=[(kind.value, kind.label) for kind in RequestKind])
    direction = SelectField("Direction", choices=[(d.value, d.label) for d in Direction])
    agency_id = SelectField("Partner agency", coerce=int, choices=[])
    reference = StringField("Reference", validators=[Optional(), Length(max=80)])
    subject = StringField("Subject", validators=[DataRequired("Say what the request is about."), Length(max=300)])
    case_references = StringField(
        "Linked cases",
        validators=[Optional(), Length(max=2000)],
        description="The cases' references, separated by commas or semicolons.",
    )
    sent_on = DateField("Sent on", validators=[Optional()], description="Outgoing: leave empty for a draft.")
    received_on = DateField("Received on", validators=[Optional()], description="Incoming requests only.")
    submit = SubmitField("Record request")


class StatusForm(FlaskForm):
    status = SelectField("New status", choices=[])
    on = DateField("On", validators=[DataRequired("Enter the day.")])
    response = TextAreaField("Response", validators=[Optional(), Length(max=20000)])
    submit = SubmitField("Update")


class MeetingForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired("Give the meeting a title."), Length(max=200)])
    operation_id = SelectField("Operation", coerce=int, choices=[(0, "— none —")])
    starts_on = DateField("From", validators=[DataRequired("Enter the first day.")])
    ends_on = DateField("To", validators=[DataRequired("Enter the last day.")])
    place = StringField("Place", validators=[DataRequired("Enter where it took place."), Length(max=200)])
    agenda = TextAreaField("Agenda", validators=[Optional(), Length(max=20000)])
    outcomes = TextAreaField("Outcomes", validators=[Optional(), Length(max=20000)])
    submit = SubmitField("Save meeting")


class ParticipantsForm(FlaskForm):
    agency_id = SelectField("For", coerce=int, choices=[])
    names = TextAreaField(
        "Participants",
        validators=[DataRequired("Enter who attended."), Length(max=5000)],
        description="Names and functions, as they should appear in the record.",
    )
    submit = SubmitField("Add participants")


class DisclosureForm(FlaskForm):
    agency_id = SelectField("Shared with", coerce=int, choices=[])
    meeting_id = SelectField("At the meeting", coerce=int, choices=[(0, "— not at a meeting —")])
    measure_id = SelectField("Material of the measure", coerce=int, choices=[(0, "— none —")])
    material = StringField(
        "Material",
        validators=[DataRequired("Describe the material shared."), Length(max=500)],
        description="e.g. 12 recorded calls of 3 and 4 July 2019, played and handed over",
    )
    disclosed_on = DateField("Shared on", validators=[DataRequired("Enter the day it was shared.")])
    legal_basis = StringField(
        "Legal basis", validators=[Optional(), Length(max=200)], description="e.g. Art. 7 PCC SEE"
    )
    submit = SubmitField("Record disclosure")
