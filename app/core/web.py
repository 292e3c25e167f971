"""The one way a view ends a request that changes something.

    form = NoteForm()
    if form.validate_on_submit():
        try:
            services.add_note(case, form.text.data, actor=current_user, now=utcnow())
        except DomainError as error:
            refuse(form, error)
        else:
            return saved("Note added.", "cases.detail", case_id=case.id)
    return render_form("cases/fact_form.html", form, case=case)

`saved` is the request's one commit; `refuse` rolls back and puts the refusal's messages
on the form; `render_form` answers 422 Unprocessable Content for a submitted form that
was refused (by its own validators or by the service) and 200 otherwise, so scripts,
tests and the API can tell a refusal from a page.
"""

from flask import flash, redirect, render_template, url_for

from app.errors import DomainError
from app.extensions import db

#: The status of a submitted form that was refused: nothing was saved.
REFUSED = 422


def saved(message: str, endpoint: str, **values):
    """Commit the request's changes, say what was done, and go on to `endpoint`."""
    db.session.commit()
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


def render_form(template: str, form, **context):
    """Render a form's page: 422 when it was submitted and refused, 200 when it is shown."""
    refused = form.is_submitted() and (form.errors or form.form_errors)
    return render_template(template, form=form, **context), REFUSED if refused else 200
