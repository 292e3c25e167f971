"""Case-level assignment pages: a case's history, assigning it by hand or by the rules, bulk assignment."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from app.assignments import queries, services
from app.assignments.blueprint import bp, own_office
from app.assignments.forms import AssignForm, AutoAssignForm, BulkAssignForm, SpecialisationForm
from app.assignments.loads import NoEligibleProsecutor
from app.assignments.models import Specialisation
from app.auth.models import User
from app.auth.permissions import Can, can, requires
from app.cases.models import Case
from app.cases.policy import get_case_or_404
from app.core.web import REFUSED, refuse, render_form, saved
from app.database import utcnow
from app.errors import DomainError
from app.extensions import db


def _assign_form(case: Case, **kwargs) -> AssignForm:
    form = AssignForm(**kwargs)
    form.prosecutor_id.choices = [
        SelectChoice(p.id, p.name) for p in queries.active_prosecutors(case.office_id, besides=case.prosecutor_id)
    ]
    return form


def _page(case: Case, assign_form=None, specialisation_form=None, status: int = 200):
    balances = can(current_user, Can.BALANCE_CASELOADS)
    required = services.required_specialisation(case)
    return render_template(
        "assignments/case.html",
        case=case,
        history=queries.history_of(case),
        required=required,
        assign_form=(assign_form or _assign_form(case, formdata=None)) if balances else None,
        auto_form=AutoAssignForm(formdata=None) if balances else None,
        specialisation_form=(
            specialisation_form or SpecialisationForm(formdata=None, specialisation=required.value if required else "")
        )
        if balances
        else None,
    ), status


def _case(case_id: int) -> Case:
    return get_case_or_404(case_id, options=(joinedload(Case.prosecutor), joinedload(Case.office)), user=current_user)


@bp.route("/caseload/cases/<int:case_id>")
@requires(Can.SEE_CASES)
def case_assignments(case_id: int):
    return _page(_case(case_id))


@bp.route("/caseload/cases/<int:case_id>/assign", methods=["POST"])
@requires(Can.BALANCE_CASELOADS)
def assign(case_id: int):
    case = _case(case_id)
    form = _assign_form(case)
    if form.validate_on_submit():
        try:
            services.assign_case(
                case,
                db.session.get(User, form.prosecutor_id.data),
                actor=current_user,
                now=utcnow(),
                reason=form.reason.data,
                automatic=False,
            )
        except DomainError as error:
            refuse(form, DomainError(str(error), "prosecutor_id"))
        else:
            return saved(
                f"Case {case.reference} assigned to {case.prosecutor.name}.",
                "assignments.case_assignments",
                case_id=case.id,
            )
    return _page(case, assign_form=form, status=REFUSED)


@bp.route("/caseload/cases/<int:case_id>/auto-assign", methods=["POST"])
@requires(Can.BALANCE_CASELOADS)
def auto_assign(case_id: int):
    case = _case(case_id)
    if AutoAssignForm().validate_on_submit():
        try:
            entry = services.auto_assign(case, actor=current_user, now=utcnow())
        except NoEligibleProsecutor as refusal:
            db.session.rollback()
            flash(str(refusal), "warning")
        else:
            return saved(
                f"Assigned to {case.prosecutor.name}: {entry.reason}.", "assignments.case_assignments", case_id=case.id
            )
    return redirect(url_for("assignments.case_assignments", case_id=case.id))


@bp.route("/caseload/cases/<int:case_id>/specialisation", methods=["POST"])
@requires(Can.BALANCE_CASELOADS)
def specialisation(case_id: int):
    case = _case(case_id)
    form = SpecialisationForm()
    if form.validate_on_submit():
        services.require_specialisation(
            case,
            Specialisation(form.specialisation.data) if form.specialisation.data else None,
            actor=current_user,
            now=utcnow(),
        )
        return saved("Requirement saved.", "assignments.case_assignments", case_id=case.id)
    return _page(case, specialisation_form=form, status=REFUSED)


@bp.route("/caseload/unassigned", methods=["GET", "POST"])
@requires(Can.BALANCE_CASELOADS)
def unassigned():
    office = own_office()
    cases = queries.unassigned_cases(office)
    form = BulkAssignForm()
    form.case_ids.choices = [SelectChoice(c.id, c.reference) for c in cases]
    if form.validate_on_submit():
        chosen = [c for c in cases if c.id in set(form.case_ids.data)]
        result = services.bulk_assign(chosen, office=office, actor=current_user, now=utcnow())
        response = saved(f"{len(result.assigned)} cases assigned.", "assignments.unassigned")
        for case, why in result.skipped:
            flash(f"{case.reference} stays unassigned: {why}", "warning")
        return response
    return render_form("assignments/unassigned.html", form, cases=cases)
