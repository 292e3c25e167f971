"""The bare reference page: plain Flask, SQLAlchemy Core and Jinja listing 50 cases by keyset.

`make bench` serves it with the same gunicorn and workers as Docket, against the same
database, and compares the throughput of Docket's case list with this page's. It uses
nothing of Docket: no sign-in, no filters, no layout, just the query and the template.

    DATABASE_URL=... gunicorn --workers 2 bench.reference:app
"""

import os
from datetime import datetime

import sqlalchemy as sa
from flask import Flask, render_template, request

PAGE_SIZE = 50

metadata = sa.MetaData()
users = sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String))
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("reference", sa.String),
    sa.Column("title", sa.String),
    sa.Column("stage", sa.String),
    sa.Column("prosecutor_id", sa.Integer),
    sa.Column("opened_on", sa.Date),
    sa.Column("last_activity_at", sa.DateTime(timezone=True)),
)

app = Flask(__name__)
engine = sa.create_engine(os.environ["DATABASE_URL"])


def parse_cursor(token: str | None) -> tuple[datetime, int] | None:
    """The (last activity, id) a page starts after; None for a missing or garbled token."""
    try:
        moment, case_id = (token or "").rsplit("_", 1)
        return datetime.fromisoformat(moment), int(case_id)
    except ValueError:
        return None


@app.route("/cases/")
def case_list():
    query = (
        sa.select(cases, users.c.name.label("prosecutor"))
        .outerjoin(users, users.c.id == cases.c.prosecutor_id)
        .order_by(cases.c.last_activity_at.desc(), cases.c.id.desc())
        .limit(PAGE_SIZE + 1)
    )
    if after := parse_cursor(request.args.get("after")):
        query = query.where(sa.tuple_(cases.c.last_activity_at, cases.c.id) < after)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    page = rows[:PAGE_SIZE]
    last = page[-1] if len(rows) > PAGE_SIZE else None
    next_cursor = f"{last.last_activity_at.isoformat()}_{last.id}" if last else None
    return render_template("cases.html", cases=page, next_cursor=next_cursor)
