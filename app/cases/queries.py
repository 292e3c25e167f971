"""What the case pages read: the case list's filters, sorting and keyset pages, and lookups.

Pages are addressed by the sort key of the row they start after (or before), never by an
OFFSET, so the hundredth page costs what the first one does.
"""

import base64
import json
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.auth.models import Role, User
from app.cases.forms import CaseFilterForm
from app.cases.models import Case, Custody, Defendant, Jurisdiction, Person, Stage, TimelineEntry, TimelineKind
from app.cases.names import fold
from app.extensions import db
from app.operations.models import Operation, operation_members

#: Timeline entries that change the case's own row, and so its version.
SAVING_KINDS = (TimelineKind.CREATED, TimelineKind.EDITED, TimelineKind.STAGE)
#: How many persons the defendant search offers at most.
PERSON_SEARCH_LIMIT = 20

PAGE_SIZE = 50
#: Stages in pipeline order, so sorting by stage follows the road a case travels.
STAGE_RANK = sa.case(
    {stage.value: rank for rank, stage in enumerate(Stage)}, value=sa.cast(Case.stage, sa.String), else_=len(Stage)
)
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


def filter_options(user: User) -> tuple[list[Operation], list[User]]:
    """The operations and prosecutors the case list's filters offer `user`."""
    operations = sa.select(Operation).order_by(Operation.name)
    prosecutors = sa.select(User).where(User.role == Role.PROSECUTOR).order_by(User.name)
    if user.role != Role.ADMIN:
        attached = sa.select(operation_members.c.operation_id).where(operation_members.c.user_id == user.id)
        operations = operations.where(sa.or_(Operation.office_id == user.office_id, Operation.id.in_(attached)))
        prosecutors = prosecutors.where(User.office_id == user.office_id)
    return db.session.scalars(operations).all(), db.session.scalars(prosecutors).all()


def name_matches(text: str) -> sa.ColumnElement[bool]:
    """Cases with a defendant whose folded names contain every word of `text`."""
    words = fold(text).split()
    persons = (
        sa.select(Defendant.case_id)
        .join(Person, Person.id == Defendant.person_id)
        .where(*[Person.search_name.contains(word, autoescape=True) for word in words])
    )
    return Case.id.in_(persons)


def filtered(query: sa.Select, form: CaseFilterForm) -> sa.Select:
    def valid(field):
        return field.data if field.data and not field.errors else None

    if text := (valid(form.q) or "").strip():
        query = query.where(
            sa.or_(sa.func.lower(Case.reference).contains(text.lower(), autoescape=True), name_matches(text))
        )
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
    query = (
        query.add_columns(key.label("sort_value"))
        .limit(PAGE_SIZE + 1)
        .options(
            joinedload(Case.prosecutor),
            joinedload(Case.operation),
            selectinload(Case.defendants).joinedload(Defendant.person),
        )
    )
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


def operations_of(office_id: int) -> list[Operation]:
    """The office's operations by name, for choosing a case's operation."""
    return db.session.scalars(
        sa.select(Operation).where(Operation.office_id == office_id).order_by(Operation.name)
    ).all()


def last_saved_by(case: Case) -> TimelineEntry | None:
    """The timeline entry of the latest change to the case's own row, with its actor."""
    return db.session.scalars(
        sa.select(TimelineEntry)
        .options(joinedload(TimelineEntry.actor))
        .where(TimelineEntry.case_id == case.id, TimelineEntry.kind.in_(SAVING_KINDS))
        .order_by(TimelineEntry.id.desc())
        .limit(1)
    ).first()


def persons_named(office_id: int, text: str) -> list[Person]:
    """The office's persons whose folded names contain every word of `text`, by name."""
    return db.session.scalars(
        sa.select(Person)
        .where(
            Person.office_id == office_id,
            *[Person.search_name.contains(word, autoescape=True) for word in fold(text).split()],
        )
        .order_by(Person.last_name, Person.first_name, Person.id)
        .limit(PERSON_SEARCH_LIMIT)
    ).all()


def person_of_office(office_id: int, person_id: int) -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.id == person_id, Person.office_id == office_id))
