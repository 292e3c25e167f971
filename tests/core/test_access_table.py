"""Every route, for anonymous users and every role, answers as one table says.

The table is assembled from each feature's `tests/<feature>/access_table.py`: a dict
`ACCESS` of endpoint -> (method, path, expected answer per role) and optionally a
`samples(office, make_user)` function creating the objects whose ids the paths name
(`{case}`, `{user}`, …). A route registered without an entry fails the suite: whoever
adds a page must decide, in a table, who may open it.
"""

import importlib
from pathlib import Path

import pytest

from app.auth.models import Role
from tests.access import LOGIN

TESTS = Path(__file__).resolve().parent.parent
FEATURE_TABLES = [
    importlib.import_module(f"tests.{path.parent.name}.access_table")
    for path in sorted(TESTS.glob("*/access_table.py"))
]
ACCESS = {endpoint: entry for module in FEATURE_TABLES for endpoint, entry in module.ACCESS.items()}


def test_every_route_has_an_entry_and_an_access_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(ACCESS) == set(), "add these routes to an access_table.py with their expected answers"
    assert set(ACCESS) - endpoints == set(), "these table entries name no route"
    for endpoint, view in app.view_functions.items():
        if endpoint not in {"static", "bootstrap.static"}:
            assert hasattr(view, "access_rule"), f"{endpoint} has no access rule decorator"


@pytest.fixture
def sample_ids(office, make_user):
    ids = {"user": make_user(Role.VIEWER).id}
    for module in FEATURE_TABLES:
        if hasattr(module, "samples"):
            ids.update(module.samples(office, make_user))
    return ids


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "anonymous")
@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_route_answers_as_the_table_says(client, make_user, login, sample_ids, endpoint, role):
    method, path, expected = ACCESS[endpoint]
    if role is not None:
        login(make_user(role))
    response = client.open(path.format(**sample_ids), method=method)
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
    else:
        assert response.status_code == want, response.text[:500]


def test_the_table_agrees_with_the_permissions(app):
    """Every page needs one capability of app/auth/permissions.py, and exactly the roles without it are refused."""
    from app.auth.permissions import PERMISSIONS, REFUSAL, Can

    for endpoint, (_method, _path, expected) in ACCESS.items():
        if endpoint in {"static", "bootstrap.static"}:
            continue  # files, served to everyone
        rule = app.view_functions[endpoint].access_rule
        if rule == "public":
            continue
        assert isinstance(rule, Can), f"{endpoint} names roles, not a capability: {rule}"
        status = REFUSAL.get(rule, 403)
        lacking = set(Role) - PERMISSIONS[rule]
        assert all(expected[role] == status for role in lacking), (endpoint, rule)
        if status == 403:
            assert {role for role in Role if expected[role] == 403} == lacking, (endpoint, rule)
