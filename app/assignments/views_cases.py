"""Case-level assignment pages: a case's history, assigning it by hand or by the rules, bulk assignment."""
import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from app.assignments import queries, services
from app.assignments.forms import AssignForm, AutoAssignForm, BulkAssignForm, SpecialisationForm
from app.assignments.loads import NoEligibleProsecutor
from app.assignments.models import Specialisation
from app.assignments.views import bp, own_office, supervisors
from app.auth.access import roles_required
from app.auth.models import Role, User
from app.cases.models import Case
from app.cases.policy import CASE_ROLES, get_case_or_404
from app.database import utcnow
from app.extensions import db



def _assign_form(case: Case, **kwargs) -> AssignForm:
    form = AssignForm(**kwargs)
    prosecutors = db.session.scalars(sa.select(User).where(
        User.office_id == case.office_id, User.role == Role.PROSECUTOR, User.active.is_(True),
        User.id != (case.prosecutor_id or 0)).order_by(User.name)).all()
    form.prosecutor_id.choices = [SelectChoice(p.id, p.name) for p in prosecutors]
    return form


def _page(case: Case, assign_form=None, specialisation_form=None, status: int = 200):
    supervisor = current_user.role == Role.SUPERVISOR
    required = services.required_specialisation(case)
    return render_template(
        "assignments/case.html", case=case, history=queries.history_of(case), required=required,
        assign_form=(assign_form or _assign_form(case, formdata=None)) if supervisor else None,
        auto_form=AutoAssignForm(formdata=None) if supervisor else None,
        specialisation_form=(specialisation_form or SpecialisationForm(
            formdata=None, specialisation=required.value if required else "")) if supervisor else None), status


def _case(case_id: int) -> Case:
    return get_case_or_404(case_id, options=(joinedload(Case.prosecutor), joinedload(Case.office)))


@bp.route("/caseload/cases/<int:case_id>")
@roles_required(*CASE_ROLES)
def case_assignments(case_id: int):
    return _page(_case(case_id))


@bp.route("/caseload/cases/<int:case_id>/assign", methods=["POST"])
@supervisors
def assign(case_id: int):
    case = _case(case_id)
    form = _assign_form(case)
    if form.validate_on_submit():
        try:
            services.assign_case(case, db.session.get(User, form.prosecutor_id.data), actor=current_user,
                                 now=utcnow(), reason=form.reason.data, automatic=False)
        except services.AssignmentError as error:
            db.session.rollback()
            form.prosecutor_id.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Case {case.reference} assigned to {case.prosecutor.name}.", "success")
            return redirect(url_for("assignments.case_assignments", case_id=case.id))
    return _page(case, assign_form=form, status=400)


@bp.route("/caseload/cases/<int:case_id>/auto-assign", methods=["POST"])
@supervisors
def auto_assign(case_id: int):
    case = _case(case_id)
    if AutoAssignForm().validate_on_submit():
        try:
            entry = services.auto_assign(case, actor=current_user, now=utcnow())
        except NoEligibleProsecutor as refusal:
            db.session.rollback()
            flash(str(refusal), "warning")
        else:
            db.session.commit()
            flash(f"Assigned to {case.prosecutor.name}: {entry.reason}.", "success")
    return redirect(url_for("assignments.case_assignments", case_id=case.id))


@bp.route("/caseload/cases/<int:case_id>/specialisation", methods=["POST"])
@supervisors
def specialisation(case_id: int):
    case = _case(case_id)
    form = SpecialisationForm()
    if form.validate_on_submit():
        services.require_specialisation(case, Specialisation(form.specialisation.data)
                                        if form.specialisation.data else None, actor=current_user, now=utcnow())
        db.session.commit()
        flash("Requirement saved.", "success")
        return redirect(url_for("assignments.case_assignments", case_id=case.id))
    return _page(case, specialisation_form=form, status=400)


@bp.route("/caseload/unassigned", methods=["GET", "POST"])
@supervisors
def unassigned():
    office = own_office()
    cases = queries.unassigned_cases(office)
    form = BulkAssignForm()
    form.case_ids.choices = [SelectChoice(c.id, c.reference) for c in cases]
    if form.validate_on_submit():
        chosen = [c for c in cases if c.id in set(form.case_ids.data)]
        result = services.bulk_assign(chosen, office=office, actor=current_user, now=utcnow())
        db.session.commit()
        flash(f"{len(result.assigned)} cases assigned.", "success")
        for case, why in result.skipped:
            flash(f"{case.reference} stays unassigned: {why}", "warning")
        return redirect(url_for("assignments.unassigned"))
    return render_template("assignments/unassigned.html", form=form, cases=cases), 400 if form.errors else 200
