"""The measure pages: need to know, every view of a measure's details audited.

Every route answers 404 to users who may not see the measure (or any measure), never
403, so that a measure's existence does not leak through its address.
"""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from app.auth.access import login_required
from app.cases.models import Case, Defendant, Person
from app.cooperation.services import disclosures_of_measure
from app.core.formatting import day
from app.database import utcnow
from app.extensions import db
from app.measures import services
from app.measures.forms import ConfirmForm, DecisionForm, MeasureForm, RenewalForm, ResultsForm, TerminationForm
from app.measures.models import ENDED_STATUSES, Measure, MeasureStatus
from app.measures.policy import (
    MEASURE_ROLES, get_case_for_measures_or_404, get_measure_or_404, may_see_measures, may_see_running_counts,
    require_measure_role,
    visible_measures,
)

bp = Blueprint("measures", __name__, template_folder="templates")



@bp.app_template_global()
def measures_panel(case: Case) -> list[Measure] | None:
    """The case's measures for the case page, or None when the user may not know of them."""
    if not may_see_measures(current_user, case):
        return None
    return services.case_measures(case)


@bp.app_template_global()
def running_measures(operation) -> dict | None:
    """Running measures by kind for the operation page: for its team, the office's supervisors and admins."""
    if not may_see_running_counts(current_user, operation):
        return None
    return services.running_measures_by_kind(operation, now=utcnow())


@bp.route("/measures/")
@login_required
def index():
    require_measure_role()
    measures = db.session.scalars(
        visible_measures(current_user)
        .options(joinedload(Measure.case).joinedload(Case.office), joinedload(Measure.target_person))
        .order_by(Measure.valid_to.is_(None), Measure.valid_to, Measure.id)).all()
    # Each order runs out by its own office's calendar.
    return render_template("measures/index.html", measures=measures, now=utcnow())


@bp.route("/cases/<int:case_id>/measures/new", methods=["GET", "POST"])
@login_required
def new(case_id: int):
    case = get_case_for_measures_or_404(case_id)
    form = MeasureForm()
    form.target_person_id.choices = [(0, "— none —")] + [(p.id, p.full_name) for p in _case_persons(case)]
    if form.validate_on_submit():
        try:
            measure = services.record_measure(
                case, kind=form.kind.data, status=form.status.data,
                target_person=db.session.get(Person, form.target_person_id.data) if form.target_person_id.data
                else None,
                target_phone=form.target_phone.data or "", target_place=form.target_place.data or "",
                requested_on=form.requested_on.data, ordering_court=form.ordering_court.data or "",
                order_reference=form.order_reference.data or "", ordered_on=form.ordered_on.data,
                valid_from=form.valid_from.data, valid_to=form.valid_to.data, actor=current_user, now=utcnow())
        except services.MeasureError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash(f"{measure.kind.label} recorded.", "success")
            return redirect(url_for("measures.detail", measure_id=measure.id))
    return render_template("measures/new.html", form=form, case=case)


@bp.route("/measures/<int:measure_id>")
@login_required
def detail(measure_id: int):
    measure = get_measure_or_404(measure_id)
    now = utcnow()
    services.record_view(measure, actor=current_user, now=now)
    db.session.commit()
    return render_template("measures/detail.html", measure=measure, today=measure.case.office.today(now),
                           results=ResultsForm(obj=measure), confirm=ConfirmForm(),
                           disclosures=disclosures_of_measure(measure), ended=ENDED_STATUSES,
                           statuses=MeasureStatus)


@bp.route("/measures/<int:measure_id>/decision", methods=["GET", "POST"])
@login_required
def decide(measure_id: int):
    measure = get_measure_or_404(measure_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            services.decide(measure, authorised=form.decision.data == "authorised",
                            ordering_court=form.ordering_court.data or "",
                            order_reference=form.order_reference.data or "", ordered_on=form.ordered_on.data,
                            valid_from=form.valid_from.data, valid_to=form.valid_to.data,
                            actor=current_user, now=utcnow())
        except services.MeasureError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Decision recorded.", "success")
            return redirect(url_for("measures.detail", measure_id=measure.id))
    return render_template("measures/action.html", form=form, measure=measure, title="Record the court's decision")


@bp.route("/measures/<int:measure_id>/renew", methods=["GET", "POST"])
@login_required
def renew(measure_id: int):
    measure = get_measure_or_404(measure_id)
    form = RenewalForm(data={"ordering_court": measure.ordering_court} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.renew(measure, ordering_court=form.ordering_court.data,
                           order_reference=form.order_reference.data, ordered_on=form.ordered_on.data,
                           valid_to=form.valid_to.data, actor=current_user, now=utcnow())
        except services.MeasureError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash(f"Renewal recorded: the measure now runs until {day(measure.valid_to)}.", "success")
            return redirect(url_for("measures.detail", measure_id=measure.id))
    return render_template("measures/action.html", form=form, measure=measure, title="Record a renewal")


@bp.route("/measures/<int:measure_id>/terminate", methods=["GET", "POST"])
@login_required
def terminate(measure_id: int):
    measure = get_measure_or_404(measure_id)
    form = TerminationForm()
    if form.validate_on_submit():
        try:
            services.terminate(measure, ended_on=form.ended_on.data, reason=form.reason.data,
                               actor=current_user, now=utcnow())
        except services.MeasureError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Measure terminated.", "success")
            return redirect(url_for("measures.detail", measure_id=measure.id))
    return render_template("measures/action.html", form=form, measure=measure, title="Terminate the measure")


@bp.route("/measures/<int:measure_id>/start", methods=["POST"])
@login_required
def start(measure_id: int):
    return _button(measure_id, services.start, "The measure is running.")


@bp.route("/measures/<int:measure_id>/expire", methods=["POST"])
@login_required
def expire(measure_id: int):
    return _button(measure_id, services.mark_expired, "The measure is recorded as expired.")


@bp.route("/measures/<int:measure_id>/results", methods=["POST"])
@login_required
def results(measure_id: int):
    measure = get_measure_or_404(measure_id)
    form = ResultsForm()
    if not form.validate_on_submit():
        flash(" ".join(form.results_summary.errors) or "The form has expired; try again.", "danger")
        return redirect(url_for("measures.detail", measure_id=measure.id))
    services.save_results(measure, form.results_summary.data or "", actor=current_user, now=utcnow())
    db.session.commit()
    flash("Results saved.", "success")
    return redirect(url_for("measures.detail", measure_id=measure.id))


def _button(measure_id: int, change, done: str):
    measure = get_measure_or_404(measure_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        change(measure, actor=current_user, now=utcnow())
    except services.MeasureError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("measures.detail", measure_id=measure_id))


def _case_persons(case: Case) -> list[Person]:
    return list(db.session.scalars(
        sa.select(Person).join(Defendant, Defendant.person_id == Person.id).where(Defendant.case_id == case.id)
        .order_by(Person.last_name, Person.first_name)))


def _field_error(form, error: services.MeasureError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is None:
        flash(str(error), "danger")
    else:
        field.errors = [*field.errors, str(error)]

