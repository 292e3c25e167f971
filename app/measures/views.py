"""The measure pages: need to know, every view of a measure's details audited.

Roles without `Can.HANDLE_MEASURES` are refused every page (403) before any measure is
looked up; a user who may not see a particular measure or case is told it does not
exist (404), so that a measure's existence does not leak through its address.
"""

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from app.auth.permissions import Can, requires
from app.cases.models import Case, Defendant, Person
from app.cooperation.services import disclosures_of_measure
from app.core.formatting import day
from app.core.web import change_by_button, change_by_form, commit, fields_of, refusals_on, render_form, saved
from app.database import utcnow
from app.extensions import db
from app.measures import services
from app.measures.forms import ConfirmForm, DecisionForm, MeasureForm, RenewalForm, ResultsForm, TerminationForm
from app.measures.models import ENDED_STATUSES, Measure, MeasureStatus
from app.measures.policy import get_case_for_measures_or_404, get_measure_or_404, visible_measures

bp = Blueprint("measures", __name__, template_folder="templates")
handles_measures = requires(Can.HANDLE_MEASURES)


@bp.route("/measures/")
@handles_measures
def index():
    measures = db.session.scalars(
        visible_measures(current_user)
        .options(joinedload(Measure.case).joinedload(Case.office), joinedload(Measure.target_person))
        .order_by(Measure.valid_to.is_(None), Measure.valid_to, Measure.id)
    ).all()
    # Each order runs out by its own office's calendar.
    return render_template("measures/index.html", measures=measures, now=utcnow())


@bp.route("/cases/<int:case_id>/measures/new", methods=["GET", "POST"])
@handles_measures
def new(case_id: int):
    case = get_case_for_measures_or_404(case_id, current_user)
    form = MeasureForm()
    form.target_person_id.choices = [(0, "— none —")] + [(p.id, p.full_name) for p in _case_persons(case)]
    if form.validate_on_submit():
        with refusals_on(form):
            measure = services.record_measure(
                case,
                kind=form.kind.data,
                status=form.status.data,
                target_person=db.session.get(Person, form.target_person_id.data)
                if form.target_person_id.data
                else None,
                target_phone=form.target_phone.data or "",
                target_place=form.target_place.data or "",
                requested_on=form.requested_on.data,
                **_court_order(form),
                actor=current_user,
                now=utcnow(),
            )
            return saved(f"{measure.kind.label} recorded.", "measures.detail", measure_id=measure.id)
    return render_form("measures/new.html", form, case=case)


def _court_order(form: MeasureForm | DecisionForm) -> dict:
    """The court's order as the form gives it, for recording a measure or the court's decision on it."""
    return {
        "ordering_court": form.ordering_court.data or "",
        "order_reference": form.order_reference.data or "",
        "ordered_on": form.ordered_on.data,
        "valid_from": form.valid_from.data,
        "valid_to": form.valid_to.data,
    }


@bp.route("/measures/<int:measure_id>")
@handles_measures
def detail(measure_id: int):
    measure = get_measure_or_404(measure_id, current_user)
    now = utcnow()
    services.record_view(measure, actor=current_user, now=now)
    # A page that changes nothing but the trail: the record of who read the measure is
    # this request's one change, kept although nothing is submitted.
    commit()
    return render_template(
        "measures/detail.html",
        measure=measure,
        today=measure.case.office.today(now),
        results=ResultsForm(obj=measure),
        confirm=ConfirmForm(),
        disclosures=disclosures_of_measure(measure),
        ended=ENDED_STATUSES,
        statuses=MeasureStatus,
    )


@bp.route("/measures/<int:measure_id>/decision", methods=["GET", "POST"])
@handles_measures
def decide(measure_id: int):
    measure = get_measure_or_404(measure_id, current_user)
    form = DecisionForm()
    if form.validate_on_submit():
        with refusals_on(form):
            services.decide(
                measure,
                authorised=form.decision.data == "authorised",
                **_court_order(form),
                actor=current_user,
                now=utcnow(),
            )
            return saved("Decision recorded.", "measures.detail", measure_id=measure.id)
    return render_form("measures/action.html", form, measure=measure, title="Record the court's decision")


@bp.route("/measures/<int:measure_id>/renew", methods=["GET", "POST"])
@handles_measures
def renew(measure_id: int):
    measure = get_measure_or_404(measure_id, current_user)
    form = RenewalForm(data={"ordering_court": measure.ordering_court} if request.method == "GET" else None)
    if form.validate_on_submit():
        with refusals_on(form):
            services.renew(measure, **fields_of(form), actor=current_user, now=utcnow())
            return saved(
                f"Renewal recorded: the measure now runs until {day(measure.valid_to)}.",
                "measures.detail",
                measure_id=measure.id,
            )
    return render_form("measures/action.html", form, measure=measure, title="Record a renewal")


@bp.route("/measures/<int:measure_id>/terminate", methods=["GET", "POST"])
@handles_measures
def terminate(measure_id: int):
    measure = get_measure_or_404(measure_id, current_user)
    form = TerminationForm()
    terminated = change_by_form(
        form, services.terminate, measure, "Measure terminated.", "measures.detail", measure_id=measure.id
    )
    return terminated or render_form("measures/action.html", form, measure=measure, title="Terminate the measure")


@bp.route("/measures/<int:measure_id>/start", methods=["POST"])
@handles_measures
def start(measure_id: int):
    return _button(measure_id, services.start, "The measure is running.")


@bp.route("/measures/<int:measure_id>/expire", methods=["POST"])
@handles_measures
def expire(measure_id: int):
    return _button(measure_id, services.mark_expired, "The measure is recorded as expired.")


@bp.route("/measures/<int:measure_id>/results", methods=["POST"])
@handles_measures
def results(measure_id: int):
    measure = get_measure_or_404(measure_id, current_user)
    form = ResultsForm()
    if not form.validate_on_submit():
        flash(" ".join(form.results_summary.errors) or "The form has expired; try again.", "danger")
        return redirect(url_for("measures.detail", measure_id=measure.id))
    services.save_results(measure, form.results_summary.data or "", actor=current_user, now=utcnow())
    return saved("Results saved.", "measures.detail", measure_id=measure.id)


def _button(measure_id: int, change, done: str):
    measure = get_measure_or_404(measure_id, current_user)
    return change_by_button(ConfirmForm(), change, measure, done, "measures.detail", measure_id=measure_id)


def _case_persons(case: Case) -> list[Person]:
    return list(
        db.session.scalars(
            sa.select(Person)
            .join(Defendant, Defendant.person_id == Person.id)
            .where(Defendant.case_id == case.id)
            .order_by(Person.last_name, Person.first_name)
        )
    )
