"""The registry's pages: the queue, the judgment entry, appeals, finality and the conflict page."""

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.auth.access import deny
from app.auth.permissions import Can, can, requires
from app.cases.models import Charge, Defendant
from app.cases.policy import get_case_or_404
from app.core.web import change_by_form, error_text, refusals_on, refuse, render_form, saved
from app.database import utcnow
from app.errors import Conflict, DomainError
from app.extensions import db
from app.judgments import services
from app.judgments.forms import AppealForm, DecisionForm, FinalForm, judgment_form_for
from app.judgments.models import Appeal, Judgment
from app.judgments.queries import registry_queue

bp = Blueprint("judgments", __name__, template_folder="templates")


def _in_visible_case_or_404(model: type[Defendant] | type[Judgment], row_id: int, object_type: str):
    """Load a defendant or judgment of a case the user may see, or answer 404 and audit the refusal."""
    row = db.session.get(model, row_id)
    if row is None:
        deny(404, reason=f"no such {object_type}", object_type=object_type, object_id=row_id)
    get_case_or_404(row.case_id, user=current_user)
    return row


def _defendant_or_404(defendant_id: int) -> Defendant:
    return _in_visible_case_or_404(Defendant, defendant_id, "defendant")


def _judgment_or_404(judgment_id: int) -> Judgment:
    return _in_visible_case_or_404(Judgment, judgment_id, "judgment")


@bp.route("/")
@requires(Can.ENTER_JUDGMENTS)
def queue():
    """Cases at trial, judgment or appeal, with what each defendant still needs."""
    queue = registry_queue(current_user)
    return render_template(
        "judgments/queue.html", cases=queue.cases, judgments=queue.judgments, retrials=queue.retrials
    )


@bp.route("/defendants/<int:defendant_id>/new", methods=["GET", "POST"])
@requires(Can.ENTER_JUDGMENTS)
def enter(defendant_id: int):
    defendant = _defendant_or_404(defendant_id)
    existing = services.standing_judgment(defendant)
    if existing is not None:
        return redirect(url_for("judgments.edit", judgment_id=existing.id))
    form = judgment_form_for(defendant, data={"court": defendant.case.court} if request.method == "GET" else None)
    if form.validate_on_submit():
        with refusals_on(form):
            judgment = services.enter_judgment(defendant, form.entry(), actor=current_user, now=utcnow())
            return saved(
                f"Judgment on {defendant.person.full_name} saved; the case is at {judgment.case.stage.value}.",
                "judgments.show",
                judgment_id=judgment.id,
            )
    return render_form("judgments/form.html", form, defendant=defendant, judgment=None, charges=_charges(defendant))


@bp.route("/<int:judgment_id>/edit", methods=["GET", "POST"])
@requires(Can.ENTER_JUDGMENTS)
def edit(judgment_id: int):
    judgment = _judgment_or_404(judgment_id)
    if judgment.is_quashed and request.method == "GET":
        flash("This judgment was quashed and stays on record as it was.", "warning")
        return redirect(url_for("judgments.show", judgment_id=judgment.id))
    defendant = judgment.defendant
    form = judgment_form_for(defendant, data=_form_data(judgment) if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_judgment(
                judgment,
                form.entry(),
                expected_version=int(form.version.data or 0),
                actor=current_user,
                now=utcnow(),
            )
            # The commit is inside the try: a colleague's save it would overwrite is a conflict too.
            return saved("Judgment saved.", "judgments.show", judgment_id=judgment.id)
        except DomainError as error:
            refuse(form, error)
        except (Conflict, StaleDataError):
            return _conflict(judgment_id, form)
    return render_form("judgments/form.html", form, defendant=defendant, judgment=judgment, charges=_charges(defendant))


def _conflict(judgment_id: int, form):
    """Show what the colleague saved beside what this clerk tried to save; nothing is overwritten."""
    db.session.rollback()
    judgment = db.session.get(Judgment, judgment_id, populate_existing=True)
    theirs = services.snapshot(judgment)
    yours = {
        "court": form.court.data,
        "court_file_number": form.court_file_number.data,
        "announced_on": form.announced_on.data,
        "served_on": form.served_on.data,
        "final_on": form.final_on.data,
        "prison": str(form.sentence_data().prison),
        "conditional": str(form.sentence_data().conditional),
    }
    return render_template("judgments/conflict.html", judgment=judgment, theirs=theirs, yours=yours), 409


def _form_data(judgment: Judgment) -> dict:
    sentence = judgment.sentence
    data = {
        name: getattr(judgment, name)
        for name in ("court", "court_file_number", "announced_on", "served_on", "final_on", "version")
    }
    for verdict in judgment.verdicts:
        data[f"verdict_{verdict.charge_id}"] = verdict.outcome.value
        data[f"amended_statute_{verdict.charge_id}"] = verdict.amended_statute
    if sentence is not None:
        for column in sa.inspect(sentence).mapper.column_attrs:
            if column.key not in ("id", "judgment_id", "appeal_id", "in_force"):
                data[column.key] = getattr(sentence, column.key)
    return data


def _charges(defendant: Defendant) -> dict[int, Charge]:
    return {charge.id: charge for charge in defendant.charges}


@bp.route("/<int:judgment_id>")
@requires(Can.READ_JUDGMENTS)
def show(judgment_id: int):
    return _show(_judgment_or_404(judgment_id))


def _show(judgment: Judgment, refused: AppealForm | FinalForm | None = None):
    """The judgment's page; `refused` is the appeal or finality form a refusal sends back (422)."""
    retrial = services.standing_judgment(judgment.defendant) if judgment.is_quashed else None
    may_enter = can(current_user, Can.ENTER_JUDGMENTS) and not judgment.is_quashed
    context = dict(
        judgment=judgment,
        appeal_form=refused if isinstance(refused, AppealForm) else AppealForm(formdata=None),
        final_form=refused if isinstance(refused, FinalForm) else FinalForm(formdata=None),
        may_enter=may_enter,
        summary=services.summary(judgment),
        retrial=retrial,
    )
    if refused is None:
        return render_template("judgments/show.html", **context)
    # A stale page may send a form the judgment no longer offers (it became final, or an
    # appeal is pending): its refusal is then said above the appeals instead of beside it.
    offered = may_enter and not judgment.is_final and (isinstance(refused, AppealForm) or not judgment.pending_appeals)
    return render_form(
        "judgments/show.html", refused, unoffered_refusal=None if offered else error_text(refused), **context
    )


@bp.route("/<int:judgment_id>/appeals", methods=["POST"])
@requires(Can.ENTER_JUDGMENTS)
def lodge_appeal(judgment_id: int):
    return _change_from_page(judgment_id, AppealForm, services.lodge_appeal, "Appeal recorded.")


@bp.route("/<int:judgment_id>/final", methods=["POST"])
@requires(Can.ENTER_JUDGMENTS)
def mark_final(judgment_id: int):
    return _change_from_page(judgment_id, FinalForm, services.mark_final, "The judgment is final.")


def _change_from_page(judgment_id: int, form_class: type[AppealForm | FinalForm], change, done: str):
    """Answer a form of the judgment's page: `change` the judgment by the form, or show the page with the refusal."""
    judgment = _judgment_or_404(judgment_id)
    form = form_class()
    changed = change_by_form(form, change, judgment, done, "judgments.show", judgment_id=judgment.id)
    return changed or _show(judgment, refused=form)


@bp.route("/appeals/<int:appeal_id>/decide", methods=["GET", "POST"])
@requires(Can.ENTER_JUDGMENTS)
def decide_appeal(appeal_id: int):
    appeal = db.session.get(Appeal, appeal_id)
    if appeal is None:
        deny(404, reason="no such appeal", object_type="appeal", object_id=appeal_id)
    judgment = _judgment_or_404(appeal.judgment_id)
    form = DecisionForm()
    if form.validate_on_submit():
        modified = form.decision.data == "sentence_modified"
        try:
            services.decide_appeal(
                appeal,
                decision=form.decision.data,
                decided_on=form.decided_on.data,
                decision_final=form.decision_final.data,
                grounds_filed_on=form.grounds_filed_on.data,
                sentence=form.sentence_data() if modified else None,
                reason=form.reason.data or "",
                actor=current_user,
                now=utcnow(),
            )
            return saved(
                f"Judgment quashed; the case is at {judgment.case.stage.value}."
                if judgment.is_quashed
                else "Decision recorded.",
                "judgments.show",
                judgment_id=judgment.id,
            )
        except DomainError as error:
            refuse(form, error)
        except StaleDataError:
            db.session.rollback()
            form.decision.errors = [
                "Someone else saved this judgment meanwhile: check it, then record the decision again."
            ]
            return render_template("judgments/decide.html", form=form, appeal=appeal, judgment=judgment), 409
    return render_form("judgments/decide.html", form, appeal=appeal, judgment=judgment)


from app.judgments import views_stats  # noqa: E402,F401  (the statistics pages share the blueprint)
