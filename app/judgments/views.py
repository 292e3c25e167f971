"""The registry's pages: the queue, the judgment entry, appeals, finality and the conflict page."""
import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.auth.access import deny, roles_required
from app.auth.models import Role
from app.cases.models import Case, Charge, Defendant, Stage
from app.cases.policy import get_case_or_404, visible_cases
from app.database import utcnow
from app.extensions import db
from app.judgments import services
from app.judgments.forms import AppealForm, DecisionForm, FinalForm, judgment_form_for
from app.judgments.models import Appeal, Judgment

bp = Blueprint("judgments", __name__, template_folder="templates")

REGISTRY = (Role.CLERK, Role.ADMIN)
READERS = (Role.CLERK, Role.ADMIN, Role.SUPERVISOR, Role.PROSECUTOR)
QUEUE_STAGES = (Stage.TRIAL, Stage.JUDGMENT, Stage.APPEAL)



@bp.app_template_global()
def judgments_of_case(case: Case) -> dict[int, list[Judgment]]:
    """Each defendant's judgments, quashed ones first, by defendant id, for the case page's panel."""
    query = (sa.select(Judgment).where(Judgment.case_id == case.id).order_by(Judgment.id)
             .options(selectinload(Judgment.sentences), selectinload(Judgment.verdicts)))
    judgments: dict[int, list[Judgment]] = {}
    for judgment in db.session.scalars(query):
        judgments.setdefault(judgment.defendant_id, []).append(judgment)
    return judgments


def _defendant_or_404(defendant_id: int) -> Defendant:
    defendant = db.session.get(Defendant, defendant_id)
    if defendant is None:
        deny(404, reason="no such defendant", object_type="defendant", object_id=defendant_id)
    get_case_or_404(defendant.case_id)
    return defendant


def _judgment_or_404(judgment_id: int) -> Judgment:
    judgment = db.session.get(Judgment, judgment_id)
    if judgment is None:
        deny(404, reason="no such judgment", object_type="judgment", object_id=judgment_id)
    get_case_or_404(judgment.case_id)
    return judgment


@bp.route("/")
@roles_required(*REGISTRY)
def queue():
    """Cases at trial, judgment or appeal, with what each defendant still needs."""
    cases = db.session.scalars(
        visible_cases(current_user).where(Case.stage.in_(QUEUE_STAGES)).order_by(Case.stage, Case.reference)
        .options(selectinload(Case.defendants).selectinload(Defendant.person),
                 selectinload(Case.defendants).selectinload(Defendant.charges))).all()
    judgments, retrials = {}, set()
    if cases:
        query = (sa.select(Judgment).where(Judgment.case_id.in_([case.id for case in cases]))
                 .options(selectinload(Judgment.appeals)))
        for judgment in db.session.scalars(query):
            if judgment.is_quashed:
                retrials.add(judgment.defendant_id)
            else:
                judgments[judgment.defendant_id] = judgment
    return render_template("judgments/queue.html", cases=cases, judgments=judgments, retrials=retrials)


@bp.route("/defendants/<int:defendant_id>/new", methods=["GET", "POST"])
@roles_required(*REGISTRY)
def enter(defendant_id: int):
    defendant = _defendant_or_404(defendant_id)
    existing = services.standing_judgment(defendant)
    if existing is not None:
        return redirect(url_for("judgments.edit", judgment_id=existing.id))
    form = judgment_form_for(defendant, data={"court": defendant.case.court} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            judgment = services.enter_judgment(
                defendant, court=form.court.data, court_file_number=form.court_file_number.data or "",
                announced_on=form.announced_on.data, served_on=form.served_on.data, final_on=form.final_on.data,
                verdicts=form.verdicts(), sentence=form.sentence_data(), actor=current_user, now=utcnow())
        except services.JudgmentInvalid as error:
            db.session.rollback()
            form.show_errors(error.errors)
        else:
            db.session.commit()
            flash(f"Judgment on {defendant.person.full_name} saved; the case is at {judgment.case.stage.value}.",
                  "success")
            return redirect(url_for("judgments.show", judgment_id=judgment.id))
    return render_template("judgments/form.html", form=form, defendant=defendant, judgment=None,
                           charges=_charges(defendant)), 200 if request.method == "GET" or not form.errors else 400


@bp.route("/<int:judgment_id>/edit", methods=["GET", "POST"])
@roles_required(*REGISTRY)
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
                judgment, expected_version=int(form.version.data or 0), court=form.court.data,
                court_file_number=form.court_file_number.data or "", announced_on=form.announced_on.data,
                served_on=form.served_on.data, final_on=form.final_on.data, verdicts=form.verdicts(),
                sentence=form.sentence_data(), amendment_reason=form.amendment_reason.data or "",
                actor=current_user, now=utcnow())
            db.session.commit()
        except services.JudgmentInvalid as error:
            db.session.rollback()
            form.show_errors(error.errors)
        except (services.JudgmentConflict, StaleDataError):
            db.session.rollback()
            return _conflict(judgment_id, form)
        else:
            flash("Judgment saved.", "success")
            return redirect(url_for("judgments.show", judgment_id=judgment.id))
    return render_template("judgments/form.html", form=form, defendant=defendant, judgment=judgment,
                           charges=_charges(defendant)), 200 if request.method == "GET" or not form.errors else 400


def _conflict(judgment_id: int, form):
    """Show what the colleague saved beside what this clerk tried to save; nothing is overwritten."""
    judgment = db.session.get(Judgment, judgment_id, populate_existing=True)
    theirs = services.snapshot(judgment)
    yours = {"court": form.court.data, "court_file_number": form.court_file_number.data,
             "announced_on": form.announced_on.data, "served_on": form.served_on.data,
             "final_on": form.final_on.data, "prison": str(form.sentence_data().prison),
             "conditional": str(form.sentence_data().conditional)}
    return render_template("judgments/conflict.html", judgment=judgment, theirs=theirs, yours=yours), 409


def _form_data(judgment: Judgment) -> dict:
    sentence = judgment.sentence
    data = {name: getattr(judgment, name) for name in ("court", "court_file_number", "announced_on", "served_on",
                                                        "final_on", "version")}
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
@roles_required(*READERS)
def show(judgment_id: int):
    judgment = _judgment_or_404(judgment_id)
    return _show(judgment, appeal_form=AppealForm(formdata=None), final_form=FinalForm(formdata=None),
                 may_enter=current_user.role in REGISTRY)


def _show(judgment: Judgment, *, appeal_form, final_form, may_enter: bool):
    retrial = services.standing_judgment(judgment.defendant) if judgment.is_quashed else None
    return render_template("judgments/show.html", judgment=judgment, appeal_form=appeal_form, final_form=final_form,
                           may_enter=may_enter and not judgment.is_quashed, summary=services.summary(judgment),
                           retrial=retrial)


@bp.route("/<int:judgment_id>/appeals", methods=["POST"])
@roles_required(*REGISTRY)
def lodge_appeal(judgment_id: int):
    judgment = _judgment_or_404(judgment_id)
    form = AppealForm()
    if form.validate_on_submit():
        try:
            services.lodge_appeal(judgment, party=form.party.data, lodged_on=form.lodged_on.data,
                                  actor=current_user, now=utcnow())
        except services.JudgmentInvalid as error:
            db.session.rollback()
            for name, messages in error.errors.items():
                getattr(form, name, form.party).errors = list(getattr(form, name, form.party).errors) + messages
        else:
            db.session.commit()
            flash("Appeal recorded.", "success")
            return redirect(url_for("judgments.show", judgment_id=judgment.id))
    return _show(judgment, appeal_form=form, final_form=FinalForm(formdata=None), may_enter=True), 400


@bp.route("/appeals/<int:appeal_id>/decide", methods=["GET", "POST"])
@roles_required(*REGISTRY)
def decide_appeal(appeal_id: int):
    appeal = db.session.get(Appeal, appeal_id)
    if appeal is None:
        deny(404, reason="no such appeal", object_type="appeal", object_id=appeal_id)
    judgment = _judgment_or_404(appeal.judgment_id)
    form = DecisionForm()
    if form.validate_on_submit():
        modified = form.decision.data == "sentence_modified"
        try:
            services.decide_appeal(appeal, decision=form.decision.data, decided_on=form.decided_on.data,
                                   decision_final=form.decision_final.data,
                                   grounds_filed_on=form.grounds_filed_on.data,
                                   sentence=form.sentence_data() if modified else None,
                                   reason=form.reason.data or "", actor=current_user, now=utcnow())
            db.session.commit()
        except services.JudgmentInvalid as error:
            db.session.rollback()
            form.show_errors(error.errors)
        except StaleDataError:
            db.session.rollback()
            form.decision.errors = ["Someone else saved this judgment meanwhile: check it, then record the decision "
                                    "again."]
            return render_template("judgments/decide.html", form=form, appeal=appeal, judgment=judgment), 409
        else:
            flash(f"Judgment quashed; the case is at {judgment.case.stage.value}." if judgment.is_quashed
                  else "Decision recorded.", "success")
            return redirect(url_for("judgments.show", judgment_id=judgment.id))
    return render_template("judgments/decide.html", form=form, appeal=appeal, judgment=judgment), \
        200 if request.method == "GET" or not form.errors else 400


@bp.route("/<int:judgment_id>/final", methods=["POST"])
@roles_required(*REGISTRY)
def mark_final(judgment_id: int):
    judgment = _judgment_or_404(judgment_id)
    form = FinalForm()
    if form.validate_on_submit():
        try:
            services.mark_final(judgment, final_on=form.final_on.data, actor=current_user, now=utcnow())
        except services.JudgmentInvalid as error:
            db.session.rollback()
            form.final_on.errors = [message for messages in error.errors.values() for message in messages]
        else:
            db.session.commit()
            flash("The judgment is final.", "success")
            return redirect(url_for("judgments.show", judgment_id=judgment.id))
    return _show(judgment, appeal_form=AppealForm(formdata=None), final_form=form, may_enter=True), 400


from app.judgments import views_stats  # noqa: E402,F401  (the statistics pages share the blueprint)
