"""The operations: a list of those the user may see, and each one's team and figures."""

import pycountry
from flask import Blueprint, current_app, render_template
from flask_login import current_user

from app.auth.permissions import Can, can, requires
from app.database import utcnow
from app.judgments.stats import final_imprisonment_for_operation
from app.measures.policy import may_see_running_counts
from app.measures.services import running_measures_by_kind
from app.operations import services
from app.operations.models import Operation
from app.operations.policy import get_operation_or_404

bp = Blueprint("operations", __name__, template_folder="templates")


@bp.route("/")
@requires(Can.SIGN_IN)
def index():
    operations = services.visible_to(current_user)
    return render_template(
        "operations/index.html",
        operations=operations,
        counts=services.list_figures([op.id for op in operations]),
        country=country_name,
    )


@bp.route("/<int:operation_id>")
@requires(Can.SIGN_IN)
def detail(operation_id: int):
    operation = get_operation_or_404(operation_id, current_user)
    return render_template(
        "operations/detail.html",
        operation=operation,
        figures=services.figures(operation),
        final_imprisonment=final_imprisonment_for_operation(operation.id),
        country=country_name,
        per_cent=per_cent,
        cases_link=_cases_link(operation),
        running_measures=_running_measures(operation),
    )


def _running_measures(operation: Operation) -> dict | None:
    """Running measures by kind, for the operation's team, its office's supervisors and admins; None for others."""
    if not may_see_running_counts(current_user, operation):
        return None
    return running_measures_by_kind(operation, now=utcnow())


def per_cent(value) -> str:
    """Decimal("95.0") → "95 %", Decimal("2.5") → "2.5 %"; None → "—"."""
    return "—" if value is None else f"{value.normalize():f} %"


def country_name(code: str | None) -> str:
    """ "RS" → "Serbia"; unknown codes are shown as they are."""
    if not code:
        return "unknown"
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _cases_link(operation: Operation) -> str | None:
    """The case list filtered to this operation, for users who may list cases, once that page exists."""
    from flask import url_for

    if not can(current_user, Can.SEE_CASES) or "cases.index" not in current_app.view_functions:
        return None
    return url_for("cases.index", operation=operation.id)
