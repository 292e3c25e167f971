"""Forms of the case pages: one class per use case, field messages a user can act on."""

import re
from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from app.cases.models import Custody, Jurisdiction, OffenceClass, SeizureCategory, Stage, Unit

NATIONALITY = re.compile(r"^[A-Za-z]{2}$")


def enum_choices(enum_cls, blank: str | None = None) -> list[SelectChoice]:
    choices = [SelectChoice(member.value, getattr(member, "label", member.value)) for member in enum_cls]
    return [SelectChoice("", blank), *choices] if blank is not None else choices


class CaseFilterForm(FlaskForm):
    """The case list's filters, search and sort order (sent with GET, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(
        "Search",
        validators=[Optional(), Length(max=100)],
        description="Reference or a defendant's name; case and accents do not matter.",
    )
    stage = SelectField("Stage", choices=enum_choices(Stage, "Any stage"), validators=[Optional()])
    operation = SelectField("Operation", choices=[SelectChoice("", "Any operation")], validators=[Optional()])
    prosecutor = SelectField("Prosecutor", choices=[SelectChoice("", "Any prosecutor")], validators=[Optional()])
    jurisdiction = SelectField(
        "Jurisdiction", choices=enum_choices(Jurisdiction, "Any jurisdiction"), validators=[Optional()]
    )
    custody = BooleanField("Someone in custody")
    sort = SelectField(
        "Sort by",
        choices=[
            SelectChoice("activity", "Last activity"),
            SelectChoice("reference", "Reference"),
            SelectChoice("opened", "Opened"),
            SelectChoice("stage", "Stage"),
        ],
        default="activity",
    )
    order = SelectField(
        "Order", choices=[SelectChoice("desc", "Descending"), SelectChoice("asc", "Ascending")], default="desc"
    )


class CaseForm(FlaskForm):
    reference = StringField(
        "Reference",
        validators=[DataRequired("Enter the office's file number."), Length(max=60)],
        description="The office's file number, e.g. 712 St 45/19k.",
    )
    title = StringField("Title", validators=[DataRequired("Give the case a title."), Length(max=200)])
    jurisdiction = SelectField(
        "Jurisdiction",
        choices=enum_choices(Jurisdiction),
        description="Selects the deadline rules and the holiday calendar.",
    )
    operation_id = SelectField("Operation", coerce=int, choices=[SelectChoice(0, "— none —")])
    court = StringField("Court", validators=[Optional(), Length(max=200)])
    opened_on = DateField("Opened on", validators=[InputRequired("Enter the date the case was opened.")])
    sealed = BooleanField("Sealed (visible only to its prosecutor, supervisors and admins)")
    submit = SubmitField("Open case")


class EditCaseForm(CaseForm):
    #: The version the editor started from; a different saved version means someone else saved meanwhile.
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    submit = SubmitField("Save")


class PersonFields(FlaskForm):
    """Either an existing person (person_id) or a new one's details."""

    person_id = IntegerField(widget=HiddenInput(), default=None, validators=[Optional()])
    #: Set once the user has seen the likely matches and still wants a new person.
    confirm_new = HiddenField(default="")
    first_name = StringField("First name", validators=[Length(max=100)])
    last_name = StringField("Last name", validators=[Length(max=100)])
    date_of_birth = DateField("Date of birth", validators=[Optional()])
    nationality = StringField(
        "Nationality", validators=[Optional(), Length(max=2)], description="ISO 3166 code, e.g. RS, ME, AT."
    )
    aliases = StringField(
        "Aliases", validators=[Optional(), Length(max=300)], description="Other names, separated by commas."
    )

    def new_person(self) -> bool:
        return not self.person_id.data

    def validate_first_name(self, field):
        if self.new_person() and not (field.data or "").strip():
            raise ValidationError("Enter the first name.")

    def validate_last_name(self, field):
        if self.new_person() and not (field.data or "").strip():
            raise ValidationError("Enter the last name.")

    def validate_nationality(self, field):
        if field.data and not NATIONALITY.match(field.data.strip()):
            raise ValidationError("Use the two-letter ISO 3166 code, e.g. RS.")

    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in (self.aliases.data or "").split(",") if alias.strip()]


class DefendantForm(PersonFields):
    custody = SelectField("Custody", choices=enum_choices(Custody), default=Custody.AT_LIBERTY.value)
    submit = SubmitField("Add defendant")


def check_quantity(quantity: Decimal | None) -> None:
    if quantity is None:
        return
    if quantity <= 0:
        raise ValidationError("The quantity must be more than zero.")
    if quantity.as_tuple().exponent < -3:
        raise ValidationError("Use at most three decimal places.")
    if quantity >= Decimal("100000000000"):
        raise ValidationError("That quantity is too large.")


class SeizureLine(Form):
    """One optional seized item on the arrest form; a blank line is ignored."""

    category = SelectField("Category", choices=enum_choices(SeizureCategory), validate_choice=False)
    substance = StringField("Substance or type", validators=[Length(max=100)])
    quantity = DecimalField("Quantity", places=None, validators=[Optional()])
    unit = SelectField("Unit", choices=enum_choices(Unit), validate_choice=False)

    def is_blank(self) -> bool:
        typed = (self.quantity.raw_data or [""])[0].strip()
        return not (self.substance.data or "").strip() and not typed

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.is_blank():
            return valid
        checks = [
            (self.category, self.category.data not in {c.value for c in SeizureCategory}, "Choose a category."),
            (self.unit, self.unit.data not in {u.value for u in Unit}, "Choose a unit."),
            (self.substance, not (self.substance.data or "").strip(), "Say what was seized."),
            (self.quantity, self.quantity.data is None and not self.quantity.errors, "Enter the quantity."),
        ]
        for field, failed, message in checks:
            if failed:
                field.errors = [*field.errors, message]
                valid = False
        return valid

    def validate_quantity(self, field):
        check_quantity(field.data)


class ArrestForm(PersonFields):
    arrested_at = DateTimeLocalField(
        "Arrested at", format="%Y-%m-%dT%H:%M", validators=[InputRequired("Enter the date and time of the arrest.")]
    )
    place = StringField("Place", validators=[DataRequired("Enter where the arrest happened."), Length(max=200)])
    agency = StringField("Agency", validators=[DataRequired("Enter the arresting agency."), Length(max=200)])
    custody_followed = BooleanField("Custody followed")
    seizures = FieldList(FormField(SeizureLine), min_entries=2, max_entries=10)
    submit = SubmitField("Record arrest")


class SeizureForm(FlaskForm):
    category = SelectField("Category", choices=enum_choices(SeizureCategory))
    substance = StringField(
        "Substance or type",
        validators=[DataRequired("Say what was seized."), Length(max=100)],
        description="e.g. heroin, cocaine, pistol, machine pistol.",
    )
    quantity = DecimalField("Quantity", places=None, validators=[InputRequired("Enter the quantity.")])
    unit = SelectField("Unit", choices=enum_choices(Unit))
    arrest_id = SelectField("Arrest", coerce=int, choices=[SelectChoice(0, "— not linked to an arrest —")])
    seized_on = DateField("Seized on", validators=[Optional()])
    submit = SubmitField("Record seizure")

    def validate_quantity(self, field):
        check_quantity(field.data)


class ChargeForm(FlaskForm):
    defendant_id = SelectField("Defendant", coerce=int, choices=[])
    statute = StringField("Statute", validators=[DataRequired("Enter the statute, e.g. § 28a SMG."), Length(max=80)])
    offence_class = SelectField("Offence class", choices=enum_choices(OffenceClass))
    max_penalty_months = IntegerField(
        "Maximum penalty (months)", validators=[Optional(), NumberRange(1, 1200, "Between 1 and 1200 months.")]
    )
    life_possible = BooleanField("Life imprisonment possible")
    description = StringField("Description", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Add charge")


class CustodyForm(FlaskForm):
    custody = SelectField("Custody", choices=enum_choices(Custody))
    reason = StringField("Reason", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Change custody")


class NoteForm(FlaskForm):
    text = TextAreaField("Note", validators=[DataRequired("Write the note."), Length(max=500)])
    submit = SubmitField("Add note")


class TransitionForm(FlaskForm):
    """An ordinary forward move, made from the case page, with the court facts it records."""

    to = HiddenField(validators=[DataRequired()])
    reason = StringField("Reason", validators=[Optional(), Length(max=400)])
    #: Asked for when moving to `indicted`, which needs the court the indictment goes to.
    court = StringField("Court", validators=[Optional(), Length(max=200)])
    filed_on = DateField("Indictment filed on", validators=[Optional()])
    served_on = DateField(
        "Indictment served on", validators=[Optional()], description="If already served: opens the objection period."
    )
    effective_on = DateField(
        "Indictment took effect on",
        validators=[Optional()],
        description="Ends the detention-review periods (§ 175 Abs. 5 StPO).",
    )
    confirmed_on = DateField("Indictment confirmed on", validators=[Optional()])
    submit = SubmitField("Move")


class MoveForm(FlaskForm):
    """A move that ends, reopens or reverses a case: a legal ground, the reason, and a review step."""

    grounds = SelectField("Legal ground", choices=[], validators=[DataRequired("Choose the legal ground.")])
    reason = TextAreaField("Why", validators=[DataRequired("Say in a few words why."), Length(max=1000)])
    #: "1" once the consequences have been shown and the person confirms them.
    confirmed = HiddenField()
    submit = SubmitField("Review the consequences")


def move_form(grounds: list[tuple[str, str]], held: list, settlements: tuple[Custody, ...]) -> MoveForm:
    """The move form for a case: its grounds, and a choice per person in custody (`custody_<defendant id>`)."""

    class CaseMoveForm(MoveForm):
        pass

    for defendant in held:
        setattr(
            CaseMoveForm,
            f"custody_{defendant.id}",
            SelectField(
                f"{defendant.person.full_name} ({defendant.custody.label.lower()})",
                choices=[SelectChoice("", "— choose —"), *[SelectChoice(c.value, c.label) for c in settlements]],
                validators=[Optional()],
            ),
        )
    form = CaseMoveForm()
    form.grounds.choices = [
        SelectChoice("", "— choose the legal ground —"),
        *[SelectChoice(code, label) for code, label in grounds],
    ]
    return form


class StageFactForm(FlaskForm):
    """A court's fact of the case's stage, recorded by its day (the indictment served, taking effect)."""

    day = DateField("Day", validators=[InputRequired("Enter the day.")])
    submit = SubmitField("Record")
