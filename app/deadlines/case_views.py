"""A case's deadlines: the list with explanations, recording events, manual deadlines, met and waived."""

import sqlalchemy as sa
from flask import render_template
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from app.auth.access import deny
from app.auth.models import Role
from app.auth.permissions import Can, requires
from app.cases.models import Case, Defendant
from app.cases.policy import can_edit_case, get_case_or_404
from app.core.formatting import day
from app.core.web import REFUSED, refusals_on, render_form, saved
from app.database import utcnow
from app.deadlines import queries, services
from app.deadlines.forms import ManualDeadlineForm, MarkMetForm, RecordEventForm, WaiveForm, local_moment
from app.deadlines.models import Deadline
from app.deadlines.views import bp
from app.extensions import db

CASE_OPTIONS = (
    selectinload(Case.defendants).selectinload(Defendant.person),
    selectinload(Case.defendants).selectinload(Defendant.charges),
)


def may_record_events(user, case: Case) -> bool:
    return can_edit_case(user, case) or user.role == Role.CLERK


def _defendant_choices(case: Case) -> list[SelectChoice]:
    return [SelectChoice(0, "— the whole case —")] + [SelectChoice(d.id, d.person.full_name) for d in case.defendants]


def _event_form(case: Case) -> RecordEventForm:
    form = RecordEventForm()
    form.event.choices = [SelectChoice("", "— choose —")] + [
        SelectChoice(name, label) for name, label in services.events_for(str(case.jurisdiction))
    ]
    form.defendant_id.choices = _defendant_choices(case)
    return form


def _case_page(case: Case, form: RecordEventForm):
    return render_form(
        "deadlines/case.html",
        form,
        case=case,
        deadlines=queries.case_deadlines(case, current_user),
        now=utcnow(),
        zone=case.office.zone,
        may_record=may_record_events(current_user, case),
        may_edit=can_edit_case(current_user, case),
    )


@bp.route("/case/<int:case_id>")
@requires(Can.SEE_CASES)
def case(case_id: int):
    case = get_case_or_404(case_id, options=CASE_OPTIONS, user=current_user)
    return _case_page(case, _event_form(case))


@bp.route("/case/<int:case_id>/events", methods=["POST"])
@requires(Can.RECORD_DEADLINE_EVENTS)
def record_event(case_id: int):
    case = get_case_or_404(case_id, options=CASE_OPTIONS, user=current_user)
    if not may_record_events(current_user, case):
        deny(404, reason="may not record events in case", object_type="case", object_id=case_id)
    form = _event_form(case)
    if form.validate_on_submit():
        defendant = next((d for d in case.defendants if d.id == form.defendant_id.data), None)
        with refusals_on(form):
            opened = services.record_trigger(
                case,
                form.event.data,
                local_moment(form.when.data, case.office.zone),
                defendant=defendant,
                actor=current_user,
                now=utcnow(),
                offence_class=form.offence_class.data or None,
                end_at=form.end_at.data,
            )
            label = services.CLOSING_EVENTS[form.event.data]
            return saved(
                f"{label} recorded; {len(opened)} deadline{'s' if len(opened) != 1 else ''} opened.",
                "deadlines.case",
                case_id=case.id,
            )
    return _case_page(case, form)


@bp.route("/case/<int:case_id>/new", methods=["GET", "POST"])
@requires(Can.EDIT_DEADLINES)
def new(case_id: int):
    case = get_case_or_404(case_id, for_edit=True, options=CASE_OPTIONS, user=current_user)
    form = ManualDeadlineForm()
    form.defendant_id.choices = _defendant_choices(case)
    if form.validate_on_submit():
        defendant = next((d for d in case.defendants if d.id == form.defendant_id.data), None)
        with refusals_on(form):
            deadline = services.add_manual_deadline(
                case,
                title=form.title.data,
                kind=form.kind.data,
                due_date=form.due_date.data,
                due_time=form.due_time.data,
                reminders=form.reminder_list,
                defendant=defendant,
                reference=form.reference.data or "",
                actor=current_user,
                now=utcnow(),
            )
            return saved(f"Deadline “{deadline.title}” added.", "deadlines.case", case_id=case.id)
    return render_form("deadlines/new.html", form, case=case)


def get_deadline_or_404(deadline_id: int, *, for_edit: bool = False) -> Deadline:
    """Load a deadline of a case the user may see (and edit), or answer 404 and audit the refusal."""
    deadline = db.session.get(Deadline, deadline_id)
    if deadline is None:
        deny(404, reason="no such deadline", object_type="deadline", object_id=deadline_id)
    get_case_or_404(deadline.case_id, for_edit=for_edit, user=current_user)
    if not db.session.scalar(
        sa.select(sa.literal(True)).where(Deadline.id == deadline_id, queries.shown_to(current_user))
    ):
        deny(
            404,
            reason="deadline hidden by a feature's filter (need to know)",
            object_type="deadline",
            object_id=deadline_id,
        )
    return deadline


def _detail(deadline: Deadline, met_form=None, waive_form=None):
    """The deadline's page; answers 422 when the form just posted was refused."""
    now = utcnow()
    refused = any(form is not None and (form.errors or form.form_errors) for form in (met_form, waive_form))
    return render_template(
        "deadlines/detail.html",
        deadline=deadline,
        case=deadline.case,
        now=now,
        zone=deadline.case.office.zone,
        may_edit=can_edit_case(current_user, deadline.case),
        may_waive=services.may_waive(current_user, deadline),
        met_form=met_form or MarkMetForm(formdata=None, met_on=deadline.case.office.today(now)),
        waive_form=waive_form or WaiveForm(formdata=None),
    ), REFUSED if refused else 200


@bp.route("/<int:deadline_id>")
@requires(Can.SEE_CASES)
def detail(deadline_id: int):
    return _detail(get_deadline_or_404(deadline_id))


@bp.route("/<int:deadline_id>/met", methods=["POST"])
@requires(Can.EDIT_DEADLINES)
def mark_met(deadline_id: int):
    deadline = get_deadline_or_404(deadline_id, for_edit=True)
    form = MarkMetForm()
    if form.validate_on_submit():
        with refusals_on(form):
            services.mark_met(deadline, met_on=form.met_on.data, actor=current_user, now=utcnow())
            return saved(
                f"“{deadline.title}” marked met on {day(form.met_on.data)}.", "deadlines.case", case_id=deadline.case_id
            )
    return _detail(deadline, met_form=form)


@bp.route("/<int:deadline_id>/waive", methods=["POST"])
@requires(Can.EDIT_DEADLINES)
def waive(deadline_id: int):
    deadline = get_deadline_or_404(deadline_id, for_edit=True)
    if not services.may_waive(current_user, deadline):
        deny(403, reason="only supervisors waive limits", object_type="deadline", object_id=deadline_id)
    form = WaiveForm()
    if form.validate_on_submit():
        with refusals_on(form):
            services.waive(deadline, reason=form.reason.data, actor=current_user, now=utcnow())
            return saved(f"“{deadline.title}” waived.", "deadlines.case", case_id=deadline.case_id)
    return _detail(deadline, waive_form=form)
