"""Case pages: detail, opening and editing a case."""

from dataclasses import dataclass, field

from flask import flash, render_template, request
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms.fields.choices import SelectChoice

from app.auth.models import Role
from app.auth.permissions import Can, requires
from app.cases import moves, pipeline, queries, services
from app.cases.forms import CaseForm, EditCaseForm, NoteForm, StageFactForm, TransitionForm
from app.cases.grounds import MoveKind, move_kind
from app.cases.models import Arrest, Case, Defendant, Stage, TimelineEntry
from app.cases.panels import case_panels
from app.cases.policy import can_edit_case, get_case_or_404
from app.cases.views.blueprint import bp
from app.cases.views.stage_moves import move_title
from app.core.web import refusals_on, refuse, render_form, saved
from app.database import utcnow
from app.errors import Conflict, DomainError
from app.extensions import db
from app.operations.models import Operation

#: Everything the case page shows, loaded in a fixed number of statements.
DETAIL_OPTIONS = (
    joinedload(Case.office),
    joinedload(Case.operation),
    joinedload(Case.prosecutor),
    selectinload(Case.defendants).options(joinedload(Defendant.person), selectinload(Defendant.charges)),
    selectinload(Case.arrests).joinedload(Arrest.person),
    selectinload(Case.seizures),
    selectinload(Case.timeline).joinedload(TimelineEntry.actor),
)


def operation_choices(office_id: int) -> list[SelectChoice]:
    return [SelectChoice(0, "— none —")] + [
        SelectChoice(operation.id, str(operation)) for operation in queries.operations_of(office_id)
    ]


@dataclass
class StageMoves:
    """The case page's move panel: forward moves with their forms, the others as links, the stage's facts."""

    forward: list = field(default_factory=list)
    other: list = field(default_factory=list)
    facts: list = field(default_factory=list)
    #: Court facts recorded so far, e.g. {"served_on": date(2019, 4, 5)}, with their labels.
    recorded: list = field(default_factory=list)


def stage_moves(case: Case) -> StageMoves:
    panel = StageMoves()
    for target in pipeline.allowed_targets(case):
        if move_kind(case.stage, target) != MoveKind.FORWARD:
            panel.other.append((target, move_title(case, target), move_kind(case.stage, target)))
            continue
        try:
            pipeline.check_transition(case, target)
            refusal = None
        except DomainError as refused:
            refusal = str(refused)
        form = TransitionForm(formdata=None, to=target.value, court=case.court)
        form.submit.label.text = move_title(case, target)
        panel.forward.append((target, form, refusal, moves.move_facts(case, target)))
    panel.facts = [(fact, StageFactForm(formdata=None, prefix=fact.name)) for fact in moves.stage_facts(case)]
    recorded = moves.recorded_facts(case)
    panel.recorded = [(fact.label, recorded[fact.name]) for fact in moves.COURT_FACTS if fact.name in recorded]
    return panel


@bp.route("/<int:case_id>")
@requires(Can.SEE_CASES)
def detail(case_id: int):
    case = get_case_or_404(case_id, user=current_user, options=DETAIL_OPTIONS)
    editable = can_edit_case(current_user, case)
    moves_panel = stage_moves(case) if editable else None
    now = utcnow()
    return render_template(
        "cases/detail.html",
        case=case,
        editable=editable,
        moves=moves_panel,
        top_panels=case_panels(case, current_user, now, place="top"),
        panels=case_panels(case, current_user, now),
        facts=editable or current_user.role == Role.INVESTIGATOR,
        note_form=NoteForm(formdata=None),
        arrests={a.id: a for a in case.arrests},
        Stage=Stage,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires(Can.OPEN_CASES)
def create():
    office = current_user.office
    if office is None:
        flash("Your account belongs to no office, so it cannot open cases; ask an administrator.", "warning")
        return render_template("cases/form.html", form=None, title="Open a case")
    form = CaseForm(
        data=None
        if request.method == "POST"
        else {"jurisdiction": office.jurisdiction, "opened_on": office.today(utcnow())}
    )
    form.operation_id.choices = operation_choices(office.id)
    if form.validate_on_submit():
        with refusals_on(form):
            case = services.open_case(
                office=office,
                reference=form.reference.data,
                title=form.title.data,
                jurisdiction=form.jurisdiction.data,
                opened_on=form.opened_on.data,
                operation=db.session.get(Operation, form.operation_id.data) if form.operation_id.data else None,
                prosecutor=current_user if current_user.role == Role.PROSECUTOR else None,
                court=form.court.data or "",
                sealed=form.sealed.data,
                actor=current_user,
                now=utcnow(),
            )
            return saved(f"Case {case.reference} opened.", "cases.detail", case_id=case.id)
    return render_form("cases/form.html", form, title="Open a case")


def _edited_fields(form: EditCaseForm) -> dict:
    return {
        "reference": form.reference.data,
        "title": form.title.data,
        "jurisdiction": form.jurisdiction.data,
        "court": form.court.data or "",
        "opened_on": form.opened_on.data,
        "sealed": form.sealed.data,
        "operation_id": form.operation_id.data or None,
    }


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@requires(Can.SEE_CASES)
def edit(case_id: int):
    case = get_case_or_404(case_id, user=current_user, for_edit=True, options=(joinedload(Case.office),))
    form = EditCaseForm(
        obj=case,
        data=None
        if request.method == "POST"
        else {"jurisdiction": case.jurisdiction.value, "operation_id": case.operation_id or 0},
    )
    form.operation_id.choices = operation_choices(case.office_id)
    if form.validate_on_submit():
        fields = _edited_fields(form)
        try:
            services.update_case(case, expected_version=form.version.data, actor=current_user, now=utcnow(), **fields)
            return saved("Case saved.", "cases.detail", case_id=case.id)
        except (Conflict, StaleDataError):
            # StaleDataError: another request saved between our read and our write (at the
            # commit in `saved`), which is the same as a stale form.
            db.session.rollback()
            return conflict(case, form, fields)
        except DomainError as error:
            refuse(form, error)
    return render_form("cases/form.html", form, title=f"Edit case {case.reference}", case=case)


def conflict(case: Case, form: EditCaseForm, yours: dict):
    """Show the user's version beside the saved one; nothing is overwritten."""
    db.session.refresh(case)
    saved_by = queries.last_saved_by(case)
    operations = {choice.value: choice.label for choice in form.operation_id.choices}
    labels = {
        "reference": "Reference",
        "title": "Title",
        "jurisdiction": "Jurisdiction",
        "court": "Court",
        "opened_on": "Opened on",
        "sealed": "Sealed",
        "operation_id": "Operation",
    }

    def shown(field, value):
        if field == "operation_id":
            return operations.get(value or 0, "— none —")
        if field == "sealed":
            return "yes" if value else "no"
        return str(value.value if hasattr(value, "value") else value or "—")

    rows = [(labels[field], shown(field, yours[field]), shown(field, getattr(case, field))) for field in labels]
    # Offer the user's values again, against the version now saved, for an explicit decision.
    form.version.data = case.version
    form.version.raw_data = [str(case.version)]
    return render_template("cases/conflict.html", case=case, rows=rows, saved_by=saved_by, form=form), 409
