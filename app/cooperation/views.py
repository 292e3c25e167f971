"""The cooperation pages: partner agencies, requests, joint meetings and disclosures."""

import re

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from app.auth.permissions import Can, can, requires
from app.cases.models import Case
from app.cases.policy import visible_cases
from app.cooperation import services
from app.cooperation.forms import (
    AgencyForm,
    DisclosureForm,
    MeetingForm,
    ParticipantsForm,
    RequestForm,
    StatusForm,
)
from app.cooperation.models import CooperationRequest, Disclosure, JointMeeting, MeetingParticipant, PartnerAgency
from app.cooperation.policy import (
    disclosure_visibility,
    get_meeting_or_404,
    get_request_or_404,
    visible_meetings,
    visible_requests,
)
from app.core.formatting import day
from app.core.web import error_text, refusals_on, render_form, saved
from app.database import utcnow
from app.errors import DomainError
from app.extensions import db
from app.measures.models import Measure
from app.measures.policy import get_measure_or_404, visible_measures
from app.operations.models import Operation
from app.operations.policy import visible_operations

bp = Blueprint("cooperation", __name__, template_folder="templates")
cooperating = requires(Can.COOPERATE)


@bp.route("/")
@cooperating
def index():
    requests = db.session.scalars(
        visible_requests(current_user)
        .options(joinedload(CooperationRequest.agency), selectinload(CooperationRequest.cases))
        .order_by(CooperationRequest.id.desc())
    ).all()
    meetings = db.session.scalars(
        visible_meetings(current_user)
        .options(joinedload(JointMeeting.operation))
        .order_by(JointMeeting.starts_on.desc())
    ).all()
    return render_template("cooperation/index.html", requests=requests, meetings=meetings)


@bp.route("/agencies", methods=["GET", "POST"])
@cooperating
def agencies():
    form = AgencyForm()
    if form.validate_on_submit():
        with refusals_on(form):
            agency = services.add_agency(
                country=form.country.data, name=form.name.data, actor=current_user, now=utcnow()
            )
            return saved(f"{agency} is on the list.", "cooperation.agencies")
    return render_form("cooperation/agencies.html", form, agencies=services.agencies())


@bp.route("/requests/new", methods=["GET", "POST"])
@cooperating
def new_request():
    form = RequestForm()
    form.agency_id.choices = _agency_choices()
    if form.validate_on_submit():
        with refusals_on(form):
            cases = _cases_by_reference(form.case_references.data or "")
            cooperation_request = services.create_request(
                office=_office(),
                kind=form.kind.data,
                direction=form.direction.data,
                agency=db.session.get(PartnerAgency, form.agency_id.data),
                subject=form.subject.data,
                reference=form.reference.data or "",
                cases=cases,
                sent_on=form.sent_on.data,
                received_on=form.received_on.data,
                actor=current_user,
                now=utcnow(),
            )
            return saved("Request recorded.", "cooperation.request_detail", request_id=cooperation_request.id)
    return render_form("cooperation/form.html", form, title="New cooperation request")


@bp.route("/requests/<int:request_id>", methods=["GET", "POST"])
@cooperating
def request_detail(request_id: int):
    found = get_request_or_404(
        request_id,
        current_user,
        options=(joinedload(CooperationRequest.agency), selectinload(CooperationRequest.cases)),
    )
    form = StatusForm()
    form.status.choices = [(status.value, status.label) for status in services.next_statuses(found)]
    if form.validate_on_submit():
        with refusals_on(form):
            services.change_status(
                found,
                form.status.data,
                on=form.on.data,
                response=form.response.data or "",
                actor=current_user,
                now=utcnow(),
            )
            return saved(f"The request is {found.status.value}.", "cooperation.request_detail", request_id=found.id)
    visible = set(
        db.session.scalars(
            visible_cases(current_user).with_only_columns(Case.id).where(Case.id.in_([case.id for case in found.cases]))
        )
    )
    return render_form("cooperation/request.html", form, item=found, visible_case_ids=visible)


def _meeting_fields(form: MeetingForm) -> dict:
    """The meeting's own fields from the form, as the create and update services take them."""
    operation = db.session.get(Operation, form.operation_id.data) if form.operation_id.data else None
    return {
        "title": form.title.data,
        "starts_on": form.starts_on.data,
        "ends_on": form.ends_on.data,
        "place": form.place.data,
        "operation": operation,
        "agenda": form.agenda.data or "",
        "outcomes": form.outcomes.data or "",
    }


@bp.route("/meetings/new", methods=["GET", "POST"])
@cooperating
def new_meeting():
    form = _meeting_form()
    if form.validate_on_submit():
        with refusals_on(form):
            meeting = services.create_meeting(
                office=_office(), **_meeting_fields(form), actor=current_user, now=utcnow()
            )
            return saved("Meeting recorded.", "cooperation.meeting_detail", meeting_id=meeting.id)
    return render_form("cooperation/form.html", form, title="New joint meeting")


@bp.route("/meetings/<int:meeting_id>")
@cooperating
def meeting_detail(meeting_id: int):
    meeting = get_meeting_or_404(
        meeting_id,
        current_user,
        options=(
            joinedload(JointMeeting.operation),
            selectinload(JointMeeting.participants).joinedload(MeetingParticipant.agency),
        ),
    )
    disclosures = db.session.scalars(
        sa.select(Disclosure)
        .where(Disclosure.meeting_id == meeting.id, disclosure_visibility(current_user))
        .options(joinedload(Disclosure.agency), joinedload(Disclosure.measure))
        .order_by(Disclosure.id)
    ).all()
    participants = _participants_form(formdata=None)
    return render_template(
        "cooperation/meeting.html", meeting=meeting, disclosures=disclosures, participants=participants
    )


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@cooperating
def edit_meeting(meeting_id: int):
    meeting = get_meeting_or_404(meeting_id, current_user)
    form = _meeting_form(
        obj=meeting, data={"operation_id": meeting.operation_id or 0} if request.method == "GET" else None
    )
    if form.validate_on_submit():
        with refusals_on(form):
            services.update_meeting(meeting, **_meeting_fields(form), actor=current_user, now=utcnow())
            return saved("Meeting saved.", "cooperation.meeting_detail", meeting_id=meeting.id)
    return render_form("cooperation/form.html", form, title=f"Edit {meeting.title}")


@bp.route("/meetings/<int:meeting_id>/participants", methods=["POST"])
@cooperating
def add_participants(meeting_id: int):
    meeting = get_meeting_or_404(meeting_id, current_user)
    form = _participants_form()
    if form.validate_on_submit():
        services.add_participants(
            meeting,
            agency=db.session.get(PartnerAgency, form.agency_id.data) if form.agency_id.data else None,
            names=form.names.data,
            actor=current_user,
            now=utcnow(),
        )
        return saved("Participants added.", "cooperation.meeting_detail", meeting_id=meeting.id)
    flash(error_text(form), "danger")
    return redirect(url_for("cooperation.meeting_detail", meeting_id=meeting.id))


@bp.route("/disclosures/new", methods=["GET", "POST"])
@cooperating
def new_disclosure():
    form = DisclosureForm(
        data={
            "meeting_id": request.args.get("meeting_id", 0, type=int),
            "measure_id": request.args.get("measure_id", 0, type=int),
        }
        if request.method == "GET"
        else None
    )
    form.agency_id.choices = _agency_choices()
    form.meeting_id.choices += [
        (m.id, f"{m.title}, {m.place} ({day(m.starts_on)})")
        for m in db.session.scalars(visible_meetings(current_user).order_by(JointMeeting.starts_on.desc()))
    ]
    if can(current_user, Can.HANDLE_MEASURES):
        form.measure_id.choices += [
            (m.id, f"{m} — {m.case.reference}")
            for m in db.session.scalars(
                visible_measures(current_user).options(joinedload(Measure.case)).order_by(Measure.id.desc())
            )
        ]
    if form.validate_on_submit():
        meeting = get_meeting_or_404(form.meeting_id.data, current_user) if form.meeting_id.data else None
        measure = get_measure_or_404(form.measure_id.data, current_user) if form.measure_id.data else None
        with refusals_on(form):
            disclosure = services.record_disclosure(
                office=_office(),
                agency=db.session.get(PartnerAgency, form.agency_id.data),
                material=form.material.data,
                disclosed_on=form.disclosed_on.data,
                legal_basis=form.legal_basis.data or "",
                meeting=meeting,
                measure=measure,
                actor=current_user,
                now=utcnow(),
            )
            done = f"Disclosure to {disclosure.agency.name} recorded."
            if meeting is not None:
                return saved(done, "cooperation.meeting_detail", meeting_id=meeting.id)
            if measure is not None:
                return saved(done, "measures.detail", measure_id=measure.id)
            return saved(done, "cooperation.index")
    return render_form("cooperation/form.html", form, title="Record a disclosure")


def _office():
    office = current_user.office
    if office is None:
        raise DomainError("Your account belongs to no office; ask an administrator.")
    return office


def _agency_choices() -> list[tuple[int, str]]:
    return [(agency.id, str(agency)) for agency in services.agencies()]


def _meeting_form(**kwargs) -> MeetingForm:
    """The meeting form, offering the operations the user may see."""
    form = MeetingForm(**kwargs)
    form.operation_id.choices = [(0, "— none —")] + [
        (op.id, str(op)) for op in db.session.scalars(visible_operations(current_user).order_by(Operation.name))
    ]
    return form


def _participants_form(**kwargs) -> ParticipantsForm:
    """The participants form, offering the user's own office and the partner agencies."""
    form = ParticipantsForm(**kwargs)
    own = current_user.office.name if current_user.office else "Our office"
    form.agency_id.choices = [(0, own)] + _agency_choices()
    return form


def _cases_by_reference(text: str) -> list[Case]:
    """Resolve references the user typed to cases they may see; name any that are unknown."""
    references = [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]
    if not references:
        return []
    found = {
        case.reference: case
        for case in db.session.scalars(visible_cases(current_user).where(Case.reference.in_(references)))
    }
    missing = [reference for reference in references if reference not in found]
    if missing:
        raise DomainError(f"No case {', '.join(missing)} that you can see.", "case_references")
    return [found[reference] for reference in dict.fromkeys(references)]
