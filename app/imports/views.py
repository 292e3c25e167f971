"""The arrests import page: upload a CSV, get a row-by-row report or a summary."""

import sqlalchemy as sa
from flask import Blueprint, flash, render_template, request
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms.fields.choices import SelectChoice

from app.auth.models import Office, Role
from app.auth.permissions import Can, can, requires
from app.core.errors import render_error
from app.core.web import REFUSED, saved
from app.database import utcnow
from app.extensions import db
from app.imports import queries
from app.imports.forms import ArrestsImportForm
from app.imports.reading import COLUMNS, REQUIRED_COLUMNS
from app.imports.services import import_arrests, max_bytes, max_rows

bp = Blueprint("imports", __name__, template_folder="templates")

#: Errors shown on the page; a file with more is better fixed in the spreadsheet.
SHOWN_ERRORS = 500
#: Room for the form's other fields and the multipart envelope around the file.
ENVELOPE_BYTES = 64 * 1024


def limit_upload_size():
    """Cap the body of an import before anything reads it."""
    if request.blueprint == bp.name:
        request.max_content_length = max_bytes() + ENVELOPE_BYTES


# CSRF protection reads the form in an app-wide hook, which runs before any blueprint's
# hooks; the cap must be set first, or a huge upload would be read in full.
bp.record_once(lambda state: state.app.before_request_funcs.setdefault(None, []).insert(0, limit_upload_size))


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(_error):
    # The cap applies before sign-in is checked, so strangers get the plain error page.
    if not can(current_user, Can.IMPORT_ARRESTS):
        return render_error(413)
    form = ArrestsImportForm(formdata=None)
    _choose_office(form)
    return _page(form, too_large=True), 413


@bp.route("/arrests", methods=["GET", "POST"])
@requires(Can.IMPORT_ARRESTS)
def arrests():
    form = ArrestsImportForm()
    office = _choose_office(form)
    if not form.validate_on_submit():
        return _page(form), REFUSED if form.is_submitted() else 200
    if office is None:
        flash("Your account belongs to no office, so there are no cases to import into.", "danger")
        return _page(form), REFUSED
    report = import_arrests(
        form.file.data.read(max_bytes() + 1),
        office=office,
        actor=current_user,
        now=utcnow(),
        partial=form.partial.data,
        max_bytes=max_bytes(),
        max_rows=max_rows(),
    )
    if report.failed:
        db.session.rollback()
        return _page(form, report=report), REFUSED
    try:
        done = saved(
            f"Import into {office.name} done: {report.summary}; {report.persons_created:,} persons "
            f"created, {report.persons_reused:,} matched to known persons; {report.seizures:,} seizures "
            "recorded.",
            "imports.arrests",
        )
    except sa.exc.IntegrityError:
        db.session.rollback()
        flash(
            "Another import recorded some of these rows at the same time; nothing was imported. "
            "Please upload the file again.",
            "danger",
        )
        return _page(form), REFUSED
    # A partial import saved the good rows; the page lists the rows it left out.
    return _page(form, report=report) if report.errors else done


def _choose_office(form: ArrestsImportForm) -> Office | None:
    """Admins pick an office; everyone else imports into their own."""
    if current_user.role != Role.ADMIN:
        del form.office_id
        return current_user.office
    form.office_id.choices = [SelectChoice(office.id, office.name) for office in queries.offices()]
    return db.session.get(Office, form.office_id.data) if form.office_id.data else None


def _page(form: ArrestsImportForm, report=None, too_large: bool = False) -> str:
    return render_template(
        "imports/arrests.html",
        form=form,
        report=report,
        too_large=too_large,
        columns=COLUMNS,
        required=REQUIRED_COLUMNS,
        shown_errors=SHOWN_ERRORS,
        max_kib=max_bytes() // 1024,
        max_rows=max_rows(),
    )
