"""Caseload pages: my cases, the supervisor's dashboard, profiles and absences, rebalancing, weights."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.assignments import queries, services
from app.assignments.forms import (
    AbsenceForm, ApplyPlanForm, ConfirmForm, ProfileForm, RebalanceForm, weights_form_class,
)
from app.assignments.loads import fmt, weights_for
from app.assignments.models import DEFAULT_STAGE_WEIGHTS, Absence
from app.assignments.rebalance import decode_moves
from app.auth.access import deny, roles_required
from app.auth.models import Role, User
from app.database import utcnow
from app.deadlines.queries import first_due_by_case
from app.extensions import db

bp = Blueprint("assignments", __name__, template_folder="templates")
supervisors = roles_required(Role.SUPERVISOR)

bp.add_app_template_filter(fmt, "load")
bp.add_app_template_global(queries.history_of, "assignment_history")


def own_office():
    office = current_user.office
    if office is None:
        deny(404, reason="no office")
    return office


def get_prosecutor_or_404(user_id: int) -> User:
    """A prosecutor of the supervisor's own office; anyone else answers 404."""
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.PROSECUTOR or user.office_id != current_user.office_id:
        deny(404, reason="prosecutor not in your office", object_type="user", object_id=user_id)
    return user


@bp.route("/my-cases")
@roles_required(Role.PROSECUTOR, Role.SUPERVISOR)
def my_cases():
    now = utcnow()
    rows = queries.my_cases(current_user, now=now)
    next_due = first_due_by_case([row.case.id for row in rows], current_user)
    return render_template("assignments/my_cases.html", rows=rows, next_due=next_due, now=now)


@bp.route("/caseload/")
@supervisors
def dashboard():
    caseload = queries.office_caseload(own_office(), now=utcnow())
    stages = [s for s in DEFAULT_STAGE_WEIGHTS]
    return render_template("assignments/dashboard.html", caseload=caseload, stages=stages)


@bp.route("/caseload/prosecutors/<int:user_id>", methods=["GET", "POST"])
@supervisors
def profile(user_id: int):
    prosecutor = get_prosecutor_or_404(user_id)
    current = services.profile_of(prosecutor)
    form = ProfileForm(data=None if request.method == "POST" else {
        "capacity": current.capacity, "specialisations": current.specialisations, "load_cap": current.load_cap})
    if form.validate_on_submit():
        try:
            services.save_profile(prosecutor, capacity=form.capacity.data,
                                  specialisations=form.specialisations.data or [], load_cap=form.load_cap.data,
                                  actor=current_user, now=utcnow())
        except services.AssignmentError as error:
            db.session.rollback()
            getattr(form, error.field or "capacity").errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Profile of {prosecutor.name} saved.", "success")
            return redirect(url_for("assignments.profile", user_id=prosecutor.id))
    return _profile_page(prosecutor, form, _absence_form(prosecutor, formdata=None))


def _absence_form(prosecutor: User, **kwargs) -> AbsenceForm:
    form = AbsenceForm(**kwargs)
    colleagues = db.session.scalars(sa.select(User).where(
        User.office_id == prosecutor.office_id, User.id != prosecutor.id, User.active.is_(True),
        User.role.in_([Role.PROSECUTOR, Role.SUPERVISOR])).order_by(User.name)).all()
    form.deputy_id.choices = [SelectChoice(0, "— none —")] + [SelectChoice(u.id, u.name) for u in colleagues]
    return form


def _profile_page(prosecutor: User, form: ProfileForm, absence_form: AbsenceForm, status: int = 200):
    absences = db.session.scalars(sa.select(Absence).where(Absence.user_id == prosecutor.id)
                                  .options(sa.orm.joinedload(Absence.deputy))
                                  .order_by(Absence.starts_on.desc())).all()
    return render_template("assignments/profile.html", prosecutor=prosecutor, form=form,
                           absence_form=absence_form, absences=absences, confirm=ConfirmForm(),
                           today=utcnow().date()), status


@bp.route("/caseload/prosecutors/<int:user_id>/absences", methods=["POST"])
@supervisors
def add_absence(user_id: int):
    prosecutor = get_prosecutor_or_404(user_id)
    form = _absence_form(prosecutor)
    if form.validate_on_submit():
        try:
            services.add_absence(prosecutor, starts_on=form.starts_on.data, ends_on=form.ends_on.data,
                                 deputy=db.session.get(User, form.deputy_id.data) if form.deputy_id.data else None,
                                 reason=form.reason.data or "", actor=current_user, now=utcnow())
        except services.AssignmentError as error:
            db.session.rollback()
            getattr(form, error.field or "starts_on").errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Absence of {prosecutor.name} recorded. Review a rebalancing plan for their cases.", "success")
            return redirect(url_for("assignments.rebalance", prosecutor=prosecutor.id))
    current = services.profile_of(prosecutor)
    profile_form = ProfileForm(formdata=None, data={"capacity": current.capacity,
                                                    "specialisations": current.specialisations,
                                                    "load_cap": current.load_cap})
    return _profile_page(prosecutor, profile_form, form, 400)


@bp.route("/caseload/absences/<int:absence_id>/remove", methods=["POST"])
@supervisors
def remove_absence(absence_id: int):
    absence = db.session.get(Absence, absence_id)
    if absence is None or absence.user.office_id != current_user.office_id:
        deny(404, reason="absence not in your office", object_type="absence", object_id=absence_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    user_id = absence.user_id
    services.remove_absence(absence, actor=current_user, now=utcnow())
    db.session.commit()
    flash("Absence removed.", "success")
    return redirect(url_for("assignments.profile", user_id=user_id))


@bp.route("/caseload/rebalance", methods=["GET", "POST"])
@supervisors
def rebalance():
    office = own_office()
    picked = request.args.get("prosecutor", type=int) or 0
    form = RebalanceForm(data=None if request.method == "POST" else {
        "prosecutor_id": picked, "target": weights_for(office.id).spread_target})
    prosecutors = db.session.scalars(sa.select(User).where(
        User.office_id == office.id, User.role == Role.PROSECUTOR, User.active.is_(True)).order_by(User.name)).all()
    form.prosecutor_id.choices = [SelectChoice(0, "The whole office"),
                                  *(SelectChoice(p.id, p.name) for p in prosecutors)]
    plan = apply_form = None
    if form.validate_on_submit():
        prosecutor = db.session.get(User, form.prosecutor_id.data) if form.prosecutor_id.data else None
        plan = services.propose_rebalance(
            office, now=utcnow(), prosecutor=prosecutor, target=form.target.data, clear=form.clear.data,
            include_trial=form.include_trial.data, include_custody=form.include_custody.data)
        apply_form = ApplyPlanForm(formdata=None, moves=plan.encoded())
    return render_template("assignments/rebalance.html", form=form, plan=plan, apply_form=apply_form,
                           names={p.id: p.name for p in prosecutors})


@bp.route("/caseload/rebalance/apply", methods=["POST"])
@supervisors
def apply_rebalance():
    office = own_office()
    form = ApplyPlanForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "danger")
        return redirect(url_for("assignments.rebalance")), 303
    try:
        done = services.apply_rebalance(decode_moves(form.moves.data), office=office, actor=current_user,
                                        now=utcnow(), reason=form.reason.data or "")
    except services.AssignmentError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("assignments.rebalance")), 303
    db.session.commit()
    flash(f"Plan applied: {len(done)} cases moved.", "success")
    return redirect(url_for("assignments.dashboard"))


@bp.route("/caseload/weights", methods=["GET", "POST"])
@supervisors
def weights():
    office = own_office()
    current = weights_for(office.id)
    form_class = weights_form_class()
    form = form_class(data=None if request.method == "POST" else {
        **{f"stage_{s.value}": w for s, w in current.stage.items()},
        "extra_defendant_weight": current.extra_defendant, "custody_weight": current.custody,
        "spread_target": current.spread_target, "assign_new_cases": current.assign_new_cases})
    if form.validate_on_submit():
        try:
            services.save_settings(
                office, stage_weights={s: getattr(form, f"stage_{s}").data for s in DEFAULT_STAGE_WEIGHTS},
                extra_defendant_weight=form.extra_defendant_weight.data, custody_weight=form.custody_weight.data,
                spread_target=form.spread_target.data, assign_new_cases=form.assign_new_cases.data,
                actor=current_user, now=utcnow())
        except services.AssignmentError as error:
            db.session.rollback()
            form.spread_target.errors.append(str(error))
        else:
            db.session.commit()
            flash("Caseload weights saved.", "success")
            return redirect(url_for("assignments.dashboard"))
    return render_template("assignments/weights.html", form=form)


from app.assignments import views_cases  # noqa: E402,F401  (the case-level routes join this blueprint)
