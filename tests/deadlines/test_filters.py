"""What other features hide of deadlines (app/domain.py's deadline filters), and the case page's panel."""

import ast
from datetime import timedelta
from pathlib import Path

from app.database import utcnow
from app.deadlines import queries, services
from app.deadlines.models import Deadline
from app.extensions import db


def manual(case, user, title, days: int):
    now = utcnow()
    return services.add_manual_deadline(
        case, title=title, kind="period", actor=user, now=now, due_date=case.office.today(now) + timedelta(days=days)
    )


def test_a_contributed_filter_hides_deadlines_from_every_page(app, client, login, monkeypatch, make_case, prosecutor):
    case = make_case()
    manual(case, prosecutor, "Ask Belgrade for the call records", 3)
    secret = manual(case, prosecutor, "Interception ends", 4)
    db.session.commit()
    hide_secret = lambda user: Deadline.title != "Interception ends"  # noqa: E731
    monkeypatch.setitem(
        app.extensions, queries.DEADLINE_FILTERS, (*app.extensions[queries.DEADLINE_FILTERS], hide_secret)
    )
    login(prosecutor)
    for page in (client.get("/deadlines/").text, client.get(f"/deadlines/case/{case.id}").text):
        assert "Ask Belgrade for the call records" in page and "Interception ends" not in page
    assert client.get(f"/deadlines/{secret.id}").status_code == 404
    panel = queries.case_panel_context(case, prosecutor, utcnow())
    assert [d.title for d in panel.deadlines] == ["Ask Belgrade for the call records"]


def test_the_case_panel_lists_the_next_open_deadlines_in_the_office_zone(make_case, prosecutor):
    case = make_case()
    later = manual(case, prosecutor, "Later", 9)
    sooner = manual(case, prosecutor, "Sooner", 2)
    now = utcnow()
    panel = queries.case_panel_context(case, prosecutor, now)
    assert panel.deadlines == [sooner, later] and panel.now == now and panel.zone == case.office.zone


def test_deadlines_know_nothing_of_the_features_that_filter_them():
    package = Path(queries.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("app.measures"), f"{path.name} imports {node.module}"
