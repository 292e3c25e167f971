"""Recording what happens in a case: defendants, charges, custody, arrests, seizures, notes."""

from flask import flash, request
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload
from wtforms.fields.choices import SelectChoice

from app.auth.access import deny
from app.auth.permissions import Can, requires
from app.cases import queries, services
from app.cases.forms import (
    ArrestForm,
    ChargeForm,
    CustodyForm,
    DefendantForm,
    NoteForm,
    PersonFields,
    SeizureForm,
)
from app.cases.models import Arrest, Case, Custody, Defendant, Person
from app.cases.policy import get_case_or_404
from app.cases.views.blueprint import GUARD_OPTIONS, bp
from app.core.formatting import moment
from app.core.web import refusals_on, render_form, saved
from app.database import utcnow
from app.extensions import db


def resolve_person(form: PersonFields, case: Case, now) -> tuple[Person | None, list[Person]]:
    """The person the form names or describes, or the likely matches to offer before creating one."""
    if form.person_id.data:
        person = queries.person_of_office(case.office_id, form.person_id.data)
        if person is None:
            form.person_id.errors.append("That person is not known to this office.")
        return person, []
    if form.confirm_new.data and form.person_id.data is None:
        form.person_id.errors.append("Choose one of the likely matches, or a new person.")
        return None, likely(form, case)
    if not form.confirm_new.data and (matches := likely(form, case)):
        return None, matches
    person = services.create_person(
        office=case.office,
        first_name=form.first_name.data,
        last_name=form.last_name.data,
        date_of_birth=form.date_of_birth.data,
        nationality=(form.nationality.data or "").strip() or None,
        aliases=form.alias_list(),
        actor=current_user,
        now=now,
    )
    return person, []


def submitted_person(form: PersonFields, case: Case, now) -> tuple[Person | None, list[Person]]:
    """The person a validly submitted form settles on, or None with the likely matches to offer."""
    if not form.validate_on_submit():
        return None, []
    person, matches = resolve_person(form, case, now)
    if person is None or form.person_id.errors:
        db.session.rollback()
        return None, matches
    return person, matches


def likely(form: PersonFields, case: Case) -> list[Person]:
    return services.likely_matches(case.office_id, form.first_name.data, form.last_name.data, form.date_of_birth.data)


@bp.route("/<int:case_id>/defendants/new", methods=["GET", "POST"])
@requires(Can.SEE_CASES)
def add_defendant(case_id: int):
    case = get_case_or_404(case_id, user=current_user, for_facts=True, options=GUARD_OPTIONS)
    form = DefendantForm()
    now = utcnow()
    person, matches = submitted_person(form, case, now)
    if person is not None and any(d.person_id == person.id for d in case.defendants):
        form.person_id.errors.append(f"{person.full_name} is already a defendant in this case.")
        db.session.rollback()
    elif person is not None:
        services.add_defendant(case, person, actor=current_user, now=now, custody=Custody(form.custody.data))
        return saved(f"{person.full_name} added as a defendant.", "cases.detail", case_id=case.id)
    query = (request.args.get("q") or "").strip()[:100]
    found = queries.persons_named(case.office_id, query) if query else []
    return render_form(
        "cases/defendant_form.html",
        form,
        case=case,
        matches=matches,
        query=query,
        found=found,
        link_form=DefendantForm(formdata=None),
    )


@bp.route("/<int:case_id>/charges/new", methods=["GET", "POST"])
@requires(Can.SEE_CASES)
def add_charge(case_id: int):
    case = get_case_or_404(case_id, user=current_user, for_edit=True, options=GUARD_OPTIONS)
    form = ChargeForm(
        data=None if request.method == "POST" else {"defendant_id": request.args.get("defendant", type=int)}
    )
    form.defendant_id.choices = [SelectChoice(d.id, d.person.full_name) for d in case.defendants]
    if not case.defendants:
        flash("Add a defendant before charging anyone.", "warning")
    elif form.validate_on_submit():
        defendant = next(d for d in case.defendants if d.id == form.defendant_id.data)
        charge = services.add_charge(
            defendant,
            statute=form.statute.data,
            offence_class=form.offence_class.data,
            description=form.description.data or "",
            max_penalty_months=form.max_penalty_months.data,
            life_possible=form.life_possible.data,
            actor=current_user,
            now=utcnow(),
        )
        return saved(
            f"Charge {charge.statute} added against {defendant.person.full_name}.", "cases.detail", case_id=case.id
        )
    return render_form("cases/fact_form.html", form, case=case, title="Add a charge")


def defendant_of(case: Case, defendant_id: int) -> Defendant:
    defendant = next((d for d in case.defendants if d.id == defendant_id), None)
    if defendant is None:
        deny(404, reason="defendant not in case", object_type="defendant", object_id=defendant_id)
    return defendant


@bp.route("/<int:case_id>/defendants/<int:defendant_id>/custody", methods=["GET", "POST"])
@requires(Can.SEE_CASES)
def change_custody(case_id: int, defendant_id: int):
    case = get_case_or_404(case_id, user=current_user, for_edit=True, options=GUARD_OPTIONS)
    defendant = defendant_of(case, defendant_id)
    form = CustodyForm(data=None if request.method == "POST" else {"custody": defendant.custody.value})
    if form.validate_on_submit():
        if Custody(form.custody.data) == defendant.custody:
            form.custody.errors.append(f"{defendant.person.full_name} is already {defendant.custody.label.lower()}.")
        else:
            services.set_custody(
                defendant,
                Custody(form.custody.data),
                actor=current_user,
                now=utcnow(),
                reason=(form.reason.data or "").strip(),
            )
            return saved(f"Custody of {defendant.person.full_name} changed.", "cases.detail", case_id=case.id)
    return render_form("cases/fact_form.html", form, case=case, title=f"Custody of {defendant.person.full_name}")


@bp.route("/<int:case_id>/arrests/new", methods=["GET", "POST"])
@requires(Can.SEE_CASES)
def record_arrest(case_id: int):
    case = get_case_or_404(case_id, user=current_user, for_facts=True, options=GUARD_OPTIONS)
    form = ArrestForm()
    now = utcnow()
    person, matches = submitted_person(form, case, now)
    if person is not None:
        with refusals_on(form, field="arrested_at"):
            arrest = services.record_arrest(
                case,
                person,
                arrested_at=form.arrested_at.data.replace(tzinfo=case.office.zone),
                place=form.place.data,
                agency=form.agency.data,
                custody_followed=form.custody_followed.data,
                actor=current_user,
                now=now,
            )
            lines = [line.form for line in form.seizures if not line.form.is_blank()]
            for line in lines:
                services.record_seizure(
                    case,
                    **_seized(line),
                    arrest=arrest,
                    seized_on=form.arrested_at.data.date(),
                    actor=current_user,
                    now=now,
                )
            seized = f" with {len(lines)} seized item{'s' if len(lines) != 1 else ''}" if lines else ""
            return saved(f"Arrest of {person.full_name} recorded{seized}.", "cases.detail", case_id=case.id)
    people = [(d.person.id, d.person.full_name) for d in case.defendants]
    return render_form("cases/arrest_form.html", form, case=case, matches=matches, people=people)


@bp.route("/<int:case_id>/seizures/new", methods=["GET", "POST"])
@requires(Can.SEE_CASES)
def record_seizure(case_id: int):
    case = get_case_or_404(
        case_id,
        user=current_user,
        for_facts=True,
        options=(joinedload(Case.office), selectinload(Case.arrests).joinedload(Arrest.person)),
    )
    form = SeizureForm()
    form.arrest_id.choices = [SelectChoice(0, "— not linked to an arrest —")] + [
        SelectChoice(a.id, f"{a.person.full_name}, {moment(a.arrested_at, case.office)}, {a.place}")
        for a in case.arrests
    ]
    if form.validate_on_submit():
        arrest = next((a for a in case.arrests if a.id == form.arrest_id.data), None)
        services.record_seizure(
            case, **_seized(form), arrest=arrest, seized_on=form.seized_on.data, actor=current_user, now=utcnow()
        )
        return saved("Seizure recorded.", "cases.detail", case_id=case.id)
    return render_form("cases/fact_form.html", form, case=case, title="Record a seizure")


def _seized(fields) -> dict:
    """What was seized, as the seizure form or a seizure line of the arrest form gives it."""
    return {
        "category": fields.category.data,
        "substance": fields.substance.data,
        "quantity": fields.quantity.data,
        "unit": fields.unit.data,
    }


@bp.route("/<int:case_id>/notes/new", methods=["GET", "POST"])
@requires(Can.SEE_CASES)
def add_note(case_id: int):
    case = get_case_or_404(case_id, user=current_user, for_facts=True, options=(joinedload(Case.office),))
    form = NoteForm()
    if form.validate_on_submit():
        services.add_note(case, form.text.data, actor=current_user, now=utcnow())
        return saved("Note added.", "cases.detail", case_id=case.id)
    return render_form("cases/fact_form.html", form, case=case, title="Add a note")
