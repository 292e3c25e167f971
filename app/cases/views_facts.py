"""Recording what happens in a case: defendants, charges, custody, arrests, seizures, notes."""
import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.auth.access import deny, roles_required
from app.cases import pipeline, services
from app.cases.forms import (
    ArrestForm, ChargeForm, CustodyForm, DefendantForm, NoteForm, PersonFields, SeizureForm,
)
from app.cases.models import Arrest, Case, Custody, Defendant, Person, Stage
from app.cases.names import fold
from app.cases.policy import CASE_ROLES, get_case_or_404
from app.cases.views import GUARD_OPTIONS, bp
from app.core.formatting import moment
from app.database import utcnow
from app.extensions import db

PERSON_SEARCH_LIMIT = 20


def back_to(case: Case, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("cases.detail", case_id=case.id))


def resolve_person(form: PersonFields, case: Case, now) -> tuple[Person | None, list[Person]]:
    """The person the form names or describes, or the likely matches to offer before creating one."""
    if form.person_id.data:
        person = db.session.scalar(sa.select(Person).where(Person.id == form.person_id.data,
                                                           Person.office_id == case.office_id))
        if person is None:
            form.person_id.errors.append("That person is not known to this office.")
        return person, []
    if form.confirm_new.data and form.person_id.data is None:
        form.person_id.errors.append("Choose one of the likely matches, or a new person.")
        return None, likely(form, case)
    if not form.confirm_new.data and (matches := likely(form, case)):
        return None, matches
    person = services.create_person(office=case.office, first_name=form.first_name.data,
                                    last_name=form.last_name.data, date_of_birth=form.date_of_birth.data,
                                    nationality=(form.nationality.data or "").strip() or None,
                                    aliases=form.alias_list(), actor=current_user, now=now)
    return person, []


def likely(form: PersonFields, case: Case) -> list[Person]:
    return services.likely_matches(case.office_id, form.first_name.data, form.last_name.data,
                                   form.date_of_birth.data)


@bp.route("/<int:case_id>/defendants/new", methods=["GET", "POST"])
@roles_required(*CASE_ROLES)
def add_defendant(case_id: int):
    case = get_case_or_404(case_id, for_facts=True, options=GUARD_OPTIONS)
    form = DefendantForm()
    matches: list[Person] = []
    if form.validate_on_submit():
        now = utcnow()
        person, matches = resolve_person(form, case, now)
        if person is not None and any(d.person_id == person.id for d in case.defendants):
            form.person_id.errors.append(f"{person.full_name} is already a defendant in this case.")
        elif person is not None and not form.person_id.errors:
            services.add_defendant(case, person, actor=current_user, now=now, custody=Custody(form.custody.data))
            return back_to(case, f"{person.full_name} added as a defendant.")
        db.session.rollback()
    query = (request.args.get("q") or "").strip()[:100]
    found = []
    if query:
        found = db.session.scalars(
            sa.select(Person).where(Person.office_id == case.office_id,
                                    *[Person.search_name.contains(word, autoescape=True)
                                      for word in fold(query).split()])
            .order_by(Person.last_name, Person.first_name, Person.id).limit(PERSON_SEARCH_LIMIT)).all()
    return render_template("cases/defendant_form.html", case=case, form=form, matches=matches, query=query,
                           found=found, link_form=DefendantForm(formdata=None))


@bp.route("/<int:case_id>/charges/new", methods=["GET", "POST"])
@roles_required(*CASE_ROLES)
def add_charge(case_id: int):
    case = get_case_or_404(case_id, for_edit=True, options=GUARD_OPTIONS)
    form = ChargeForm(data=None if request.method == "POST" else {"defendant_id": request.args.get("defendant",
                                                                                                   type=int)})
    form.defendant_id.choices = [SelectChoice(d.id, d.person.full_name) for d in case.defendants]
    if not case.defendants:
        flash("Add a defendant before charging anyone.", "warning")
    elif form.validate_on_submit():
        defendant = next(d for d in case.defendants if d.id == form.defendant_id.data)
        services.add_charge(defendant, statute=form.statute.data, offence_class=form.offence_class.data,
                            description=form.description.data or "", max_penalty_months=form.max_penalty_months.data,
                            life_possible=form.life_possible.data, actor=current_user, now=utcnow())
        return back_to(case, f"Charge {form.statute.data.strip()} added against {defendant.person.full_name}.")
    return render_template("cases/fact_form.html", case=case, form=form, title="Add a charge")


def defendant_of(case: Case, defendant_id: int) -> Defendant:
    defendant = next((d for d in case.defendants if d.id == defendant_id), None)
    if defendant is None:
        deny(404, reason="defendant not in case", object_type="defendant", object_id=defendant_id)
    return defendant


@bp.route("/<int:case_id>/defendants/<int:defendant_id>/custody", methods=["GET", "POST"])
@roles_required(*CASE_ROLES)
def change_custody(case_id: int, defendant_id: int):
    case = get_case_or_404(case_id, for_edit=True, options=GUARD_OPTIONS)
    defendant = defendant_of(case, defendant_id)
    form = CustodyForm(data=None if request.method == "POST" else {"custody": defendant.custody.value})
    if form.validate_on_submit():
        if Custody(form.custody.data) == defendant.custody:
            form.custody.errors.append(f"{defendant.person.full_name} is already {defendant.custody.label.lower()}.")
        else:
            services.set_custody(defendant, Custody(form.custody.data), actor=current_user, now=utcnow(),
                                 reason=(form.reason.data or "").strip())
            return back_to(case, f"Custody of {defendant.person.full_name} changed.")
    return render_template("cases/fact_form.html", case=case, form=form,
                           title=f"Custody of {defendant.person.full_name}")


@bp.route("/<int:case_id>/arrests/new", methods=["GET", "POST"])
@roles_required(*CASE_ROLES)
def record_arrest(case_id: int):
    case = get_case_or_404(case_id, for_facts=True, options=GUARD_OPTIONS)
    form = ArrestForm()
    matches: list[Person] = []
    if form.validate_on_submit():
        now = utcnow()
        person, matches = resolve_person(form, case, now)
        if person is not None and not form.person_id.errors:
            try:
                arrest = services.record_arrest(
                    case, person, arrested_at=form.arrested_at.data.replace(tzinfo=case.office.zone),
                    place=form.place.data, agency=form.agency.data, custody_followed=form.custody_followed.data,
                    actor=current_user, now=now)
                lines = [line.form for line in form.seizures if not line.form.is_blank()]
                for line in lines:
                    services.record_seizure(case, category=line.category.data, substance=line.substance.data,
                                            quantity=line.quantity.data, unit=line.unit.data, arrest=arrest,
                                            seized_on=form.arrested_at.data.date(), actor=current_user, now=now)
            except services.CaseError as error:
                db.session.rollback()
                getattr(form, error.field or "arrested_at").errors.append(str(error))
            else:
                seized = f" with {len(lines)} seized item{'s' if len(lines) != 1 else ''}" if lines else ""
                return back_to(case, f"Arrest of {person.full_name} recorded{seized}.")
        else:
            db.session.rollback()
    people = [(d.person.id, d.person.full_name) for d in case.defendants]
    return render_template("cases/arrest_form.html", case=case, form=form, matches=matches, people=people)


@bp.route("/<int:case_id>/seizures/new", methods=["GET", "POST"])
@roles_required(*CASE_ROLES)
def record_seizure(case_id: int):
    case = get_case_or_404(case_id, for_facts=True, options=(
        joinedload(Case.office), selectinload(Case.arrests).joinedload(Arrest.person)))
    form = SeizureForm()
    form.arrest_id.choices = [SelectChoice(0, "— not linked to an arrest —")] + [
        SelectChoice(a.id, f"{a.person.full_name}, {moment(a.arrested_at, case.office)}, {a.place}")
        for a in case.arrests]
    if form.validate_on_submit():
        arrest = next((a for a in case.arrests if a.id == form.arrest_id.data), None)
        services.record_seizure(case, category=form.category.data, substance=form.substance.data,
                                quantity=form.quantity.data, unit=form.unit.data, arrest=arrest,
                                seized_on=form.seized_on.data, actor=current_user, now=utcnow())
        return back_to(case, "Seizure recorded.")
    return render_template("cases/fact_form.html", case=case, form=form, title="Record a seizure")


@bp.route("/<int:case_id>/notes/new", methods=["GET", "POST"])
@roles_required(*CASE_ROLES)
def add_note(case_id: int):
    case = get_case_or_404(case_id, for_facts=True, options=(joinedload(Case.office),))
    form = NoteForm()
    if form.validate_on_submit():
        services.add_note(case, form.text.data, actor=current_user, now=utcnow())
        return back_to(case, "Note added.")
    return render_template("cases/fact_form.html", case=case, form=form, title="Add a note")
