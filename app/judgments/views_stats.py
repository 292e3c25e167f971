"""Outcome statistics: aggregates only, no names of defendants, as a page and as CSV."""

from flask import render_template, request
from flask_login import current_user

from app.auth.models import Role
from app.auth.permissions import Can, requires
from app.core.web import csv_cell, csv_download
from app.judgments.stats import GROUPINGS, outcome_statistics
from app.judgments.views import bp

#: The columns of the statistics as CSV, after the one naming the groups.
STATISTICS_COLUMNS = [
    "Final judgments",
    "Not yet final",
    "Convictions",
    "Acquittals",
    "Imprisonment years",
    "Imprisonment months",
    "Imprisonment days",
    "Average imprisonment",
    "Life sentences",
    "Fines EUR",
    "Confiscation EUR",
    "Forfeiture EUR",
    "Median days arrest to final",
]


def _grouping() -> str:
    grouping = request.args.get("by", "operation")
    return grouping if grouping in GROUPINGS else "operation"


def _rows(grouping: str, user):
    """The rows `user` may read: an administrator's of every office, anyone else's of their own office."""
    office_id = None if user.role == Role.ADMIN else user.office_id or -1
    return outcome_statistics(grouping, office_id=office_id)


@bp.route("/statistics")
@requires(Can.READ_STATISTICS)
def statistics():
    grouping = _grouping()
    return render_template(
        "judgments/statistics.html", rows=_rows(grouping, current_user), grouping=grouping, groupings=GROUPINGS
    )


@bp.route("/statistics.csv")
@requires(Can.READ_STATISTICS)
def statistics_csv():
    grouping = _grouping()
    rows = []
    for row in _rows(grouping, current_user):
        term = row.imprisonment
        median = row.median_days_to_final
        rows.append(
            [
                csv_cell(row.label),
                row.final,
                row.pending,
                row.convictions,
                row.acquittals,
                term.years,
                term.months,
                term.days,
                str(row.average_imprisonment),
                row.life,
                f"{row.fines:.2f}",
                f"{row.confiscation:.2f}",
                f"{row.forfeiture:.2f}",
                "" if median is None else f"{median:g}",
            ]
        )
    return csv_download(f"outcomes-by-{grouping}.csv", [GROUPINGS[grouping], *STATISTICS_COLUMNS], rows)
