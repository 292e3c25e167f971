"""Caseload pages: my cases, the supervisor's dashboard, profiles and absences, rebalancing, weights.

The case-level pages are in views_cases.py. Both register their routes on the blueprint
of blueprint.py; importing this module imports both, so `from app.assignments.views import
bp` hands out a blueprint with every route on it.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.assignments import queries, services, views_cases  # noqa: F401  (its routes join bp)
from app.assignments.blueprint import bp, own_office
from app.assignments.forms import (
    AbsenceForm,
    ApplyPlanForm,
    ConfirmForm,
    ProfileForm,
    RebalanceForm,
    weights_form_class,
)
from app.assignments.loads import weights_for
from app.assignments.models import DEFAULT_STAGE_WEIGHTS, Absence
from app.assignments.rebalance import decode_moves
from app.auth.access import deny
from app.auth.models import Role, User
from app.auth.permissions import Can, requires
from app.core.web import REFUSED, error_text, refusals_on, refused, render_form, require_valid, saved
from app.database import utcnow
from app.deadlines.queries import first_due_by_case
from app.errors import DomainError
from app.extensions import db


def get_prosecutor_or_404(user_id: int) -> User:
    """A prosecutor of the supervisor's own office; anyone else answers 404."""
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.PROSECUTOR or user.office_id != current_user.office_id:
        deny(404, reason="prosecutor not in your office", object_type="user", object_id=user_id)
    return user


@bp.route("/my-cases")
@requires(Can.KEEP_A_CASELOAD)
def my_cases():
    now = utcnow()
    rows = queries.my_cases(current_user, now=now)
    next_due = first_due_by_case([row.case.id for row in rows], current_user)
    return render_template("assignments/my_cases.html", rows=rows, next_due=next_due, now=now)


@bp.route("/caseload/")
@requires(Can.BALANCE_CASELOADS)
def dashboard():
    caseload = queries.office_caseload(own_office(), now=utcnow())
    stages = [s for s in DEFAULT_STAGE_WEIGHTS]
    return render_template("assignments/dashboard.html", caseload=caseload, stages=stages)


@bp.route("/caseload/prosecutors/<int:user_id>", methods=["GET", "POST"])
@requires(Can.BALANCE_CASELOADS)
def profile(user_id: int):
    prosecutor = get_prosecutor_or_404(user_id)
    form = ProfileForm(data=None if request.method == "POST" else _profile_data(prosecutor))
    if form.validate_on_submit():
        with refusals_on(form):
            services.save_profile(
                prosecutor,
                capacity=form.capacity.data,
                specialisations=form.specialisations.data or [],
                load_cap=form.load_cap.data,
                actor=current_user,
                now=utcnow(),
            )
            return saved(f"Profile of {prosecutor.name} saved.", "assignments.profile", user_id=prosecutor.id)
    return _profile_page(
        prosecutor, form, _absence_form(prosecutor, formdata=None), REFUSED if form.is_submitted() else 200
    )


def _profile_data(prosecutor: User) -> dict:
    current = services.profile_of(prosecutor)
    return {"capacity": current.capacity, "specialisations": current.specialisations, "load_cap": current.load_cap}


def _absence_form(prosecutor: User, **kwargs) -> AbsenceForm:
    form = AbsenceForm(**kwargs)
    form.deputy_id.choices = [SelectChoice(0, "— none —")] + [
        SelectChoice(u.id, u.name) for u in queries.deputies_for(prosecutor)
    ]
    return form


def _profile_page(prosecutor: User, form: ProfileForm, absence_form: AbsenceForm, status: int = 200):
    return render_template(
        "assignments/profile.html",
        prosecutor=prosecutor,
        form=form,
        absence_form=absence_form,
        absences=queries.absences_of(prosecutor),
        confirm=ConfirmForm(),
        today=utcnow().date(),
    ), status


@bp.route("/caseload/prosecutors/<int:user_id>/absences", methods=["POST"])
@requires(Can.BALANCE_CASELOADS)
def add_absence(user_id: int):
    prosecutor = get_prosecutor_or_404(user_id)
    form = _absence_form(prosecutor)
    if form.validate_on_submit():
        with refusals_on(form):
            services.add_absence(
                prosecutor,
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                deputy=db.session.get(User, form.deputy_id.data) if form.deputy_id.data else None,
                reason=form.reason.data or "",
                actor=current_user,
                now=utcnow(),
            )
            return saved(
                f"Absence of {prosecutor.name} recorded. Review a rebalancing plan for their cases.",
                "assignments.rebalance",
                prosecutor=prosecutor.id,
            )
    return _profile_page(prosecutor, ProfileForm(formdata=None, data=_profile_data(prosecutor)), form, REFUSED)


@bp.route("/caseload/absences/<int:absence_id>/remove", methods=["POST"])
@requires(Can.BALANCE_CASELOADS)
def remove_absence(absence_id: int):
    absence = db.session.get(Absence, absence_id)
    if absence is None or absence.user.office_id != current_user.office_id:
        deny(404, reason="absence not in your office", object_type="absence", object_id=absence_id)
    require_valid(ConfirmForm())
    user_id = absence.user_id
    services.remove_absence(absence, actor=current_user, now=utcnow())
    return saved("Absence removed.", "assignments.profile", user_id=user_id)


@bp.route("/caseload/rebalance", methods=["GET", "POST"])
@requires(Can.BALANCE_CASELOADS)
def rebalance():
    office = own_office()
    picked = request.args.get("prosecutor", type=int) or 0
    form = RebalanceForm(
        data=None
        if request.method == "POST"
        else {"prosecutor_id": picked, "target": weights_for(office.id).spread_target}
    )
    prosecutors = queries.active_prosecutors(office.id)
    form.prosecutor_id.choices = [
        SelectChoice(0, "The whole office"),
        *(SelectChoice(p.id, p.name) for p in prosecutors),
    ]
    plan = apply_form = None
    if form.validate_on_submit():
        prosecutor = db.session.get(User, form.prosecutor_id.data) if form.prosecutor_id.data else None
        plan = services.propose_rebalance(
            office,
            now=utcnow(),
            prosecutor=prosecutor,
            target=form.target.data,
            clear=form.clear.data,
            include_trial=form.include_trial.data,
            include_custody=form.include_custody.data,
        )
        apply_form = ApplyPlanForm(formdata=None, moves=plan.encoded())
    return render_template(
        "assignments/rebalance.html",
        form=form,
        plan=plan,
        apply_form=apply_form,
        names={p.id: p.name for p in prosecutors},
    )


@bp.route("/caseload/rebalance/apply", methods=["POST"])
@requires(Can.BALANCE_CASELOADS)
def apply_rebalance():
    office = own_office()
    form = ApplyPlanForm()
    if not form.validate_on_submit():
        flash(error_text(form), "danger")
        return redirect(url_for("assignments.rebalance")), 303
    try:
        done = services.apply_rebalance(
            decode_moves(form.moves.data),
            office=office,
            actor=current_user,
            now=utcnow(),
            reason=form.reason.data or "",
        )
    except DomainError as error:
        return refused(str(error), "assignments.rebalance"), 303
    return saved(f"Plan applied: {len(done)} cases moved.", "assignments.dashboard")


@bp.route("/caseload/weights", methods=["GET", "POST"])
@requires(Can.BALANCE_CASELOADS)
def weights():
    office = own_office()
    current = weights_for(office.id)
    form_class = weights_form_class()
    form = form_class(
        data=None
        if request.method == "POST"
        else {
            **{f"stage_{s.value}": w for s, w in current.stage.items()},
            "extra_defendant_weight": current.extra_defendant,
            "custody_weight": current.custody,
            "spread_target": current.spread_target,
            "assign_new_cases": current.assign_new_cases,
        }
    )
    if form.validate_on_submit():
        # The weights are checked together; their message stands beside the target spread.
        with refusals_on(form, field="spread_target"):
            services.save_settings(
                office,
                stage_weights={s: getattr(form, f"stage_{s}").data for s in DEFAULT_STAGE_WEIGHTS},
                extra_defendant_weight=form.extra_defendant_weight.data,
                custody_weight=form.custody_weight.data,
                spread_target=form.spread_target.data,
                assign_new_cases=form.assign_new_cases.data,
                actor=current_user,
                now=utcnow(),
            )
            return saved("Caseload weights saved.", "assignments.dashboard")
    return render_form("assignments/weights.html", form)
