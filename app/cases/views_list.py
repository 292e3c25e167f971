"""The case list: filters, search ignoring case and accents, sorting and keyset pagination.

Pages are addressed by the sort key of the row they start after (or before), never by an
OFFSET, so the hundredth page costs what the first one does.
"""
import base64
import json
from datetime import date, datetime

import sqlalchemy as sa
from flask import render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice
from sqlalchemy.orm import joinedload, selectinload

from app.auth.access import roles_required
from app.auth.models import Role, User
from app.cases.forms import CaseFilterForm
from app.cases.models import Case, Custody, Defendant, Jurisdiction, Operation, Person, Stage, operation_members
from app.cases.names import fold
from app.cases.policy import CASE_ROLES, OPENING_ROLES, visible_cases
from app.cases.views import bp
from app.extensions import db

PAGE_SIZE = 50
#: Stages in pipeline order, so sorting by stage follows the road a case travels.
STAGE_RANK = sa.case({stage.value: rank for rank, stage in enumerate(Stage)}, value=sa.cast(Case.stage, sa.String),
                     else_=len(Stage))
SORT_KEYS = {
    "activity": (Case.last_activity_at, datetime.fromisoformat),
    "reference": (Case.reference, str),
    "opened": (Case.opened_on, date.fromisoformat),
    "stage": (STAGE_RANK, int),
}
IN_CUSTODY = [custody for custody in Custody if custody.in_custody]


def encode_cursor(value, case_id: int) -> str:
    plain = value.isoformat() if isinstance(value, date | datetime) else value
    return base64.urlsafe_b64encode(json.dumps([plain, case_id]).encode()).decode().rstrip("=")


def decode_cursor(token: str | None, parse) -> tuple | None:
    """The (sort value, case id) a page starts from; None for a missing or garbled token."""
    if not token:
        return None
    try:
        value, case_id = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        return parse(value), int(case_id)
    except (ValueError, TypeError):
        return None


def filter_choices(form: CaseFilterForm, user: User) -> None:
    operations = sa.select(Operation).order_by(Operation.name)
    prosecutors = sa.select(User).where(User.role == Role.PROSECUTOR).order_by(User.name)
    if user.role != Role.ADMIN:
        attached = sa.select(operation_members.c.operation_id).where(operation_members.c.user_id == user.id)
        operations = operations.where(sa.or_(Operation.office_id == user.office_id, Operation.id.in_(attached)))
        prosecutors = prosecutors.where(User.office_id == user.office_id)
    form.operation.choices = [SelectChoice("", "Any operation")] + [
        SelectChoice(str(operation.id), str(operation)) for operation in db.session.scalars(operations)]
    form.prosecutor.choices = [SelectChoice("", "Any prosecutor")] + [
        SelectChoice(str(prosecutor.id), prosecutor.name) for prosecutor in db.session.scalars(prosecutors)]


def name_matches(text: str) -> sa.ColumnElement[bool]:
    """Cases with a defendant whose folded names contain every word of `text`."""
    words = fold(text).split()
    persons = sa.select(Defendant.case_id).join(Person, Person.id == Defendant.person_id).where(
        *[Person.search_name.contains(word, autoescape=True) for word in words])
    return Case.id.in_(persons)


def filtered(query: sa.Select, form: CaseFilterForm) -> sa.Select:
    def valid(field):
        return field.data if field.data and not field.errors else None

    if text := (valid(form.q) or "").strip():
        query = query.where(sa.or_(sa.func.lower(Case.reference).contains(text.lower(), autoescape=True),
                                   name_matches(text)))
    if stage := valid(form.stage):
        query = query.where(Case.stage == Stage(stage))
    if (operation := valid(form.operation)) and operation.isdigit():
        query = query.where(Case.operation_id == int(operation))
    if (prosecutor := valid(form.prosecutor)) and prosecutor.isdigit():
        query = query.where(Case.prosecutor_id == int(prosecutor))
    if jurisdiction := valid(form.jurisdiction):
        query = query.where(Case.jurisdiction == Jurisdiction(jurisdiction))
    if form.custody.data:
        query = query.where(sa.exists().where(Defendant.case_id == Case.id, Defendant.custody.in_(IN_CUSTODY)))
    return query


def page_of(query: sa.Select, sort: str, ascending: bool, after: str | None, before: str | None):
    """One page of cases and the cursors of the pages around it."""
    key, parse = SORT_KEYS[sort]
    row_key = sa.tuple_(key, Case.id)
    forward = decode_cursor(after, parse)
    backward = None if forward else decode_cursor(before, parse)
    if forward:
        query = query.where(row_key > forward if ascending else row_key < forward)
    elif backward:
        query = query.where(row_key < backward if ascending else row_key > backward)
    reverse = backward is not None
    up = ascending != reverse
    query = query.order_by(key.asc() if up else key.desc(), Case.id.asc() if up else Case.id.desc())
    query = query.add_columns(key.label("sort_value")).limit(PAGE_SIZE + 1).options(
        joinedload(Case.prosecutor), joinedload(Case.operation),
        selectinload(Case.defendants).joinedload(Defendant.person))
    rows = db.session.execute(query).unique().all()
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if reverse:
        rows.reverse()
    cases = [row[0] for row in rows]
    first = encode_cursor(rows[0].sort_value, cases[0].id) if rows else None
    last = encode_cursor(rows[-1].sort_value, cases[-1].id) if rows else None
    has_next = more if not reverse else True
    has_previous = (forward is not None) if not reverse else more
    return cases, (last if has_next and rows else None), (first if has_previous and rows else None)


@bp.route("/")
@roles_required(*CASE_ROLES)
def index():
    form = CaseFilterForm(request.args)
    filter_choices(form, current_user)
    form.validate()
    sort = form.sort.data if form.sort.data in SORT_KEYS and not form.sort.errors else "activity"
    ascending = form.order.data == "asc" and not form.order.errors
    cases, next_cursor, previous_cursor = page_of(filtered(visible_cases(current_user), form), sort, ascending,
                                                  request.args.get("after"), request.args.get("before"))
    params = {key: value for key, value in request.args.items() if key not in ("after", "before") and value}
    return render_template(
        "cases/index.html", form=form, cases=cases, can_open=current_user.role in OPENING_ROLES,
        next_url=url_for("cases.index", **params, after=next_cursor) if next_cursor else None,
        previous_url=url_for("cases.index", **params, before=previous_cursor) if previous_cursor else None,
        first_url=url_for("cases.index", **params) if previous_cursor else None)
