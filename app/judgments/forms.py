"""Forms of the registry: the judgment entry, appeals, their decisions and finality."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput, TextInput

from app.cases.models import Defendant
from app.judgments.models import AppealDecision, Outcome, Party
from app.judgments.terms import Term
from app.judgments.validation import JudgmentEntry, SentenceData

NOT_NEGATIVE = NumberRange(min=0, message="Cannot be negative.")
#: Months under 12 and days under 31 are checked by the service (app/judgments/validation.py), for every caller.


class DayField(DateField):
    """A date typed as 04.11.2019 or 2019-11-04 in a plain text box: quicker by keyboard than a date picker."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "dd.mm.yyyy", "autocomplete": "off", "inputmode": "numeric"})
        super().__init__(label, validators, format=["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"], **kwargs)

    def _value(self):
        return self.data.strftime("%d.%m.%Y") if self.data else (self.raw_data or [""])[0]


def _money(label: str) -> DecimalField:
    return DecimalField(label, places=2, validators=[Optional(), NOT_NEGATIVE])


class SentenceFields(FlaskForm):
    prison_years = IntegerField("Years", validators=[Optional(), NOT_NEGATIVE])
    prison_months = IntegerField("Months", validators=[Optional(), NOT_NEGATIVE])
    prison_days = IntegerField("Days", validators=[Optional(), NOT_NEGATIVE])
    life = BooleanField("Life imprisonment")
    conditional_years = IntegerField("Years", validators=[Optional(), NOT_NEGATIVE])
    conditional_months = IntegerField("Months", validators=[Optional(), NOT_NEGATIVE])
    conditional_days = IntegerField("Days", validators=[Optional(), NOT_NEGATIVE])
    probation_years = IntegerField("Probation (years)", validators=[Optional()])
    fine_daily_rates = IntegerField("Daily rates", validators=[Optional(), NOT_NEGATIVE])
    fine_daily_rate = _money("EUR per rate")
    fine_amount = _money("Fixed fine, EUR")
    confiscation_amount = _money("Confiscation, EUR")
    forfeiture_amount = _money("Forfeiture, EUR")
    other_orders = TextAreaField(
        "Other orders", validators=[Length(max=2000)], description="E.g. expulsion for 10 years."
    )

    def sentence_data(self) -> SentenceData:
        return SentenceData(
            prison=self._term("prison"),
            life=self.life.data,
            conditional=self._term("conditional"),
            probation_years=self.probation_years.data,
            fine_daily_rates=self.fine_daily_rates.data,
            fine_daily_rate=self.fine_daily_rate.data,
            fine_amount=self.fine_amount.data,
            confiscation_amount=self.confiscation_amount.data,
            forfeiture_amount=self.forfeiture_amount.data,
            other_orders=self.other_orders.data or "",
        )

    def _term(self, part: str) -> Term:
        return Term(*(getattr(self, f"{part}_{unit}").data or 0 for unit in ("years", "months", "days")))


def outcome_choices() -> list[SelectChoice]:
    return [SelectChoice("", "— verdict —")] + [SelectChoice(outcome.value, outcome.label) for outcome in Outcome]


class JudgmentForm(SentenceFields):
    court = StringField("Court", validators=[DataRequired(message="Enter the court."), Length(max=200)])
    court_file_number = StringField("Court file number", validators=[Length(max=60)])
    announced_on = DayField("Announced on", validators=[DataRequired(message="Enter the day of announcement.")])
    served_on = DayField("Judgment copy served on", validators=[Optional()])
    final_on = DayField(
        "Final since",
        validators=[Optional()],
        description="Only if already final, e.g. both sides waived appeals in court.",
    )
    amendment_reason = TextAreaField("Reason for the correction", validators=[Length(max=2000)])
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    submit = SubmitField("Save judgment")

    charge_ids: list[int] = []

    def entry(self) -> JudgmentEntry:
        """The judgment as the clerk entered it, for entering or correcting it."""
        return JudgmentEntry(
            court=self.court.data,
            court_file_number=self.court_file_number.data or "",
            announced_on=self.announced_on.data,
            verdicts=self.verdicts(),
            sentence=self.sentence_data(),
            served_on=self.served_on.data,
            final_on=self.final_on.data,
            amendment_reason=self.amendment_reason.data or "",
        )

    def verdicts(self) -> dict[int, tuple[Outcome | None, str]]:
        verdicts = {}
        for charge_id, outcome, amended in self.charge_fields():
            verdicts[charge_id] = (Outcome(outcome.data) if outcome.data else None, amended.data or "")
        return verdicts

    def charge_fields(self):
        return [
            (charge_id, getattr(self, f"verdict_{charge_id}"), getattr(self, f"amended_statute_{charge_id}"))
            for charge_id in self.charge_ids
        ]


def judgment_form_for(defendant: Defendant, **kwargs) -> JudgmentForm:
    """A judgment form with a verdict field for each of the defendant's charges."""

    class DefendantJudgmentForm(JudgmentForm):
        pass

    for charge in defendant.charges:
        setattr(
            DefendantJudgmentForm,
            f"verdict_{charge.id}",
            SelectField(
                f"Verdict on {charge.statute}",
                choices=outcome_choices(),
                validators=[DataRequired(message=f"Enter the verdict on {charge.statute}.")],
            ),
        )
        setattr(
            DefendantJudgmentForm,
            f"amended_statute_{charge.id}",
            StringField("Amended to statute", validators=[Length(max=80)]),
        )
    DefendantJudgmentForm.charge_ids = [charge.id for charge in defendant.charges]
    return DefendantJudgmentForm(**kwargs)


class AppealForm(FlaskForm):
    party = SelectField("Appeal by", choices=[SelectChoice(party.value, party.label) for party in Party])
    lodged_on = DayField("Lodged on", validators=[DataRequired(message="Enter the day the appeal was lodged.")])
    submit = SubmitField("Record appeal")


class DecisionForm(SentenceFields):
    decision = SelectField("Decision", choices=[SelectChoice(d.value, d.label) for d in AppealDecision])
    decided_on = DayField("Decided on", validators=[DataRequired(message="Enter the day of the decision.")])
    grounds_filed_on = DayField("Written grounds filed on", validators=[Optional()])
    decision_final = BooleanField("The decision is final")
    reason = TextAreaField(
        "What the appeal court found and ordered",
        validators=[Length(max=2000)],
        description="Needed when the judgment is quashed: once the decision is final, "
        "the case returns to trial with this reason.",
    )
    submit = SubmitField("Record decision")


class FinalForm(FlaskForm):
    final_on = DayField("Final since", validators=[DataRequired(message="Enter the day the judgment became final.")])
    submit = SubmitField("Mark final")
