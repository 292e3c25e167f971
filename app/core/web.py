"""The one way a view ends a request that changes something, and what list pages share.

    form = NoteForm()
    if form.validate_on_submit():
        with refusals_on(form):
            services.add_note(case, form.text.data, actor=current_user, now=utcnow())
            return saved("Note added.", "cases.detail", case_id=case.id)
    return render_form("cases/fact_form.html", form, case=case)

`saved` is the request's one commit; a `DomainError` raised inside `refusals_on` is refused
(`refuse` rolls back and puts the refusal's messages on the form) and the view goes on to
show the form again; `render_form` answers 422 Unprocessable Content for a submitted form
that was refused (by its own validators or by the service) and 200 otherwise, so scripts,
tests and the API can tell a refusal from a page.

Where a form's fields are named as its service takes them and the message is known beforehand,
`change_by_form` is that layout in one call (it answers None when the form is to be shown again).
A button (a form of nothing but its CSRF token) has no field to show a refusal beside:
`change_by_button` makes its change and says a refusal above the page it goes back to
(`refused`). The few pages that keep a change without redirecting (the record of a read or
of a sign-in attempt, a secret shown once) call `commit` before they render.

Lists page newest first with `newest_page`, and export CSV with `csv_download`.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.database import utcnow
from app.errors import DomainError
from app.extensions import db

#: The status of a submitted form that was refused: nothing was saved.
REFUSED = 422

#: Rows on a page of a list paged by `newest_page`.
PAGE_SIZE = 50

#: The fields of a form that hold nothing to hand to a service.
NOT_DATA = ("CSRFTokenField", "SubmitField")

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def commit() -> None:
    """Keep the request's changes: the one commit of a request, here or through `saved`."""
    db.session.commit()


def saved(message: str, endpoint: str, **values):
    """Commit the request's changes, say what was done, and go on to `endpoint`."""
    commit()
    flash(message, "success")
    return redirect(url_for(endpoint, **values))


def refuse(form, error: DomainError) -> None:
    """Undo the request's changes and show each message beside its field (or above the form)."""
    db.session.rollback()
    for name, messages in error.errors.items():
        field = getattr(form, name, None) if name else None
        if field is None or not hasattr(field, "errors"):
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]


@contextmanager
def refusals_on(form, field: str | None = None) -> Iterator[None]:
    """Refuse `form` (see `refuse`) when the block raises a `DomainError`, and carry on after the block.

    With `field`, the refusal is said in one message beside the field it names, or else beside `field`.
    """
    try:
        yield
    except DomainError as error:
        refuse(form, DomainError(str(error), error.field or field) if field else error)


def render_form(template: str, form, **context):
    """Render a form's page: 422 when it was submitted and refused, 200 when it is shown."""
    was_refused = form.is_submitted() and (form.errors or form.form_errors)
    return render_template(template, form=form, **context), REFUSED if was_refused else 200


def require_valid(form) -> None:
    """Answer 400 Bad Request to a button sent without a valid form (e.g. an expired CSRF token)."""
    if not form.validate_on_submit():
        abort(400)


def refused(message: str, endpoint: str, **values):
    """Undo the request's changes, say why above the page, and go back to `endpoint`."""
    db.session.rollback()
    flash(message, "danger")
    return redirect(url_for(endpoint, **values))


def change_by_button(form, change: Callable, record, done: str, endpoint: str, **values):
    """Answer a button: `change(record, actor=…, now=…)`, then say `done`, or the refusal, at `endpoint`."""
    require_valid(form)
    try:
        change(record, actor=current_user, now=utcnow())
    except DomainError as error:
        return refused(str(error), endpoint, **values)
    return saved(done, endpoint, **values)


def change_by_form(form, change: Callable, record, done: str, endpoint: str, **values):
    """Answer a valid `form`: `change(record, **its fields, actor=…, now=…)`, then say `done` at `endpoint`.

    Answers None while the form is to be shown (again): not submitted, not valid, or refused by
    `change` (see `refusals_on`); the view then renders it, e.g. `change_by_form(…) or render_form(…)`.
    """
    if form.validate_on_submit():
        with refusals_on(form):
            change(record, **fields_of(form), actor=current_user, now=utcnow())
            return saved(done, endpoint, **values)
    return None


def fields_of(form) -> dict:
    """What a form's fields hold, by name, to hand to a service: all but its CSRF token and buttons."""
    return {name: value for name, value in form.data.items() if form[name].type not in NOT_DATA}


def error_text(form) -> str:
    """Every message of a form's fields, in one line, for a flash above the page the form sits on."""
    return " ".join(message for messages in form.errors.values() for message in messages)


def newest_page(query, id_column, size: int = PAGE_SIZE) -> tuple[list, int | None]:
    """A keyset page of `query`, newest id first, below the `before` id the address names.

    Answers the page's rows and the id the next page starts before (None on the last page).
    """
    before = request.args.get("before", type=int)
    if before:
        query = query.where(id_column < before)
    rows = db.session.scalars(query.order_by(id_column.desc()).limit(size + 1)).all()
    return rows[:size], rows[size - 1].id if len(rows) > size else None


def csv_cell(value) -> str:
    """A value as a CSV cell, quoted if a spreadsheet would run it as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_download(filename: str, header: list[str], rows: Iterable[Iterable]) -> Response:
    """A CSV file to save as `filename`: the header line, then the rows (pass text through `csv_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return Response(
        out.getvalue(), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
