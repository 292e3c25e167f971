"""Moving a case through the pipeline: forward moves from the case page, and the moves that end,
reopen or reverse a case on a page of their own that shows the consequences before anything changes."""

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.auth.permissions import Can, requires
from app.cases import moves, pipeline, services
from app.cases.forms import StageFactForm, TransitionForm, move_form
from app.cases.grounds import CLOSING_STAGES, MoveKind, grounds_label, move_kind, offered_grounds
from app.cases.models import Case, Custody, Stage
from app.cases.policy import get_case_or_404
from app.cases.views.blueprint import GUARD_OPTIONS, bp
from app.core.formatting import day
from app.core.web import error_text, refused, render_form, saved
from app.database import utcnow
from app.errors import DomainError
from app.extensions import db

MOVE_WORDS = {Stage.DISCONTINUED: "Discontinue", Stage.DIVERTED: "Divert", Stage.TRANSFERRED: "Transfer"}
CONFLICT = "Someone changed the case at the same moment; nothing was saved. Please try again."


def move_title(case: Case, to: Stage) -> str:
    """How the case page and the move page name a move: "Discontinue", "Reopen", "Move back to trial"."""
    kind = move_kind(case.stage, to)
    if kind == MoveKind.CLOSING:
        return MOVE_WORDS[to]
    if kind == MoveKind.REOPENING:
        return "Reopen"
    if kind == MoveKind.BACKWARD:
        return f"Move back to {to.label.lower()}"
    return f"Move to {to.label.lower()}"


@bp.route("/<int:case_id>/transition", methods=["POST"])
@requires(Can.SEE_CASES)
def transition(case_id: int):
    """An ordinary forward move with its court facts; other moves go through their own page."""
    case = get_case_or_404(case_id, user=current_user, for_edit=True, options=GUARD_OPTIONS)
    form = TransitionForm()
    target = form.to.data if form.validate_on_submit() else None
    if target not in {stage.value for stage in Stage}:
        flash("Choose a stage to move the case to. " + error_text(form), "danger")
        return redirect(url_for("cases.detail", case_id=case.id))
    target, now = Stage(target), utcnow()
    if move_kind(case.stage, target) != MoveKind.FORWARD:
        return redirect(url_for("cases.move", case_id=case.id, to=target.value))
    facts = {fact.name: getattr(form, fact.name).data for fact in moves.move_facts(case, target)}
    try:
        court = (form.court.data or "").strip()
        if target == Stage.INDICTED and court and court != case.court:
            services.update_case(case, expected_version=case.version, court=court, actor=current_user, now=now)
        moves.move_case(
            case,
            target,
            actor=current_user,
            now=now,
            today=case.office.today(now),
            reason=form.reason.data or "",
            facts=facts,
        )
        return saved(f"Case {case.reference} moved to {target.label.lower()}.", "cases.detail", case_id=case.id)
    except DomainError as error:
        return refused(str(error), "cases.detail", case_id=case.id)
    except StaleDataError:
        return refused(CONFLICT, "cases.detail", case_id=case.id)


@bp.route("/<int:case_id>/move/<to>", methods=["GET", "POST"])
@requires(Can.SEE_CASES)
def move(case_id: int, to: str):
    """Discontinue, divert, transfer, reopen or move back: ground, reason, custody, consequences, confirm."""
    case = get_case_or_404(case_id, user=current_user, for_edit=True, options=GUARD_OPTIONS)
    if to not in {stage.value for stage in Stage} or Stage(to) not in pipeline.allowed_targets(case):
        abort(404)
    target = Stage(to)
    if move_kind(case.stage, target) == MoveKind.FORWARD:
        return redirect(url_for("cases.detail", case_id=case.id))
    held = moves.in_custody(case)
    settlements = moves.SETTLEMENTS.get(target, ())
    form = move_form(
        offered_grounds(case.jurisdiction, case.stage, target), held if target in CLOSING_STAGES else [], settlements
    )
    settle = {d.id: Custody(value) for d in held if (value := _custody_choice(form, d))}
    now, review = utcnow(), False
    if form.is_submitted():
        if form.validate():
            step = dict(
                actor=current_user,
                now=now,
                today=case.office.today(now),
                reason=form.reason.data,
                grounds=form.grounds.data or None,
                settle=settle,
            )
            if form.confirmed.data == "1":
                done = _make_move(case, target, form, step)
                if done:
                    return done
            else:
                review = _dry_run(case, target, form, step)
    # A submitted form answers 422 unless it passed the dry run and shows its review.
    return render_form(
        "cases/move.html",
        form,
        case=case,
        target=target,
        review=review,
        title=move_title(case, target),
        kind=move_kind(case.stage, target),
        held=held if target in CLOSING_STAGES else [],
        ground_label=grounds_label(case.jurisdiction, form.grounds.data),
        consequences=moves.consequences(case, target, user=current_user, now=now, settle=settle),
    )


def _custody_choice(form, defendant) -> str | None:
    field = getattr(form, f"custody_{defendant.id}", None)
    return field.data if field is not None and field.data else None


def _dry_run(case: Case, target: Stage, form, step: dict) -> bool:
    """Try the whole move in a savepoint and undo it: the review shows only a move that would succeed."""
    savepoint = db.session.begin_nested()
    try:
        moves.move_case(case, target, **step)
        return True
    except DomainError as error:
        form.form_errors.append(str(error))
        return False
    finally:
        savepoint.rollback()


def _make_move(case: Case, target: Stage, form, step: dict):
    case_id, reference = case.id, case.reference
    try:
        moves.move_case(case, target, **step)
        return saved(f"Case {reference} moved to {target.label.lower()}.", "cases.detail", case_id=case_id)
    except DomainError as error:
        db.session.rollback()
        form.form_errors.append(str(error))
    except StaleDataError:
        db.session.rollback()
        form.form_errors.append(CONFLICT)
    form.confirmed.data = ""
    return None


@bp.route("/<int:case_id>/facts/<name>", methods=["POST"])
@requires(Can.SEE_CASES)
def record_fact(case_id: int, name: str):
    """Record a court fact of the case's stage, e.g. that the indictment was served or took effect."""
    case = get_case_or_404(case_id, user=current_user, for_edit=True, options=GUARD_OPTIONS)
    fact = next((fact for fact in moves.stage_facts(case) if fact.name == name), None)
    if fact is None:
        abort(404)
    form = StageFactForm(prefix=fact.name)
    if not form.validate_on_submit():
        flash(f"{fact.label}: " + error_text(form), "danger")
        return redirect(url_for("cases.detail", case_id=case.id))
    try:
        now = utcnow()
        moves.record_stage_fact(case, fact, form.day.data, actor=current_user, now=now, today=case.office.today(now))
    except DomainError as error:
        return refused(str(error), "cases.detail", case_id=case.id)
    return saved(f"Recorded: {fact.label.lower()} {day(form.day.data)}.", "cases.detail", case_id=case.id)
