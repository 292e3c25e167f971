"""The case list: filters, search ignoring case and accents, sorting and keyset pagination."""

from flask import render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.auth.permissions import Can, can, requires
from app.cases.forms import CaseFilterForm
from app.cases.policy import visible_cases
from app.cases.queries import SORT_KEYS, filter_options, filtered, page_of
from app.cases.views.blueprint import bp


def filter_choices(form: CaseFilterForm, user) -> None:
    operations, prosecutors = filter_options(user)
    form.operation.choices = [SelectChoice("", "Any operation")] + [
        SelectChoice(str(operation.id), str(operation)) for operation in operations
    ]
    form.prosecutor.choices = [SelectChoice("", "Any prosecutor")] + [
        SelectChoice(str(prosecutor.id), prosecutor.name) for prosecutor in prosecutors
    ]


@bp.route("/")
@requires(Can.SEE_CASES)
def index():
    form = CaseFilterForm(request.args)
    filter_choices(form, current_user)
    form.validate()
    sort = form.sort.data if form.sort.data in SORT_KEYS and not form.sort.errors else "activity"
    ascending = form.order.data == "asc" and not form.order.errors
    cases, next_cursor, previous_cursor = page_of(
        filtered(visible_cases(current_user), form),
        sort,
        ascending,
        request.args.get("after"),
        request.args.get("before"),
    )
    params = {key: value for key, value in request.args.items() if key not in ("after", "before") and value}
    return render_template(
        "cases/index.html",
        form=form,
        cases=cases,
        can_open=can(current_user, Can.OPEN_CASES),
        next_url=url_for("cases.index", **params, after=next_cursor) if next_cursor else None,
        previous_url=url_for("cases.index", **params, before=previous_cursor) if previous_cursor else None,
        first_url=url_for("cases.index", **params) if previous_cursor else None,
    )
