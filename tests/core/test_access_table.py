"""Every route, for anonymous users and every role, answers as this one table says.

A route registered without an entry here fails the suite: whoever adds a page must
decide, in this table, who may open it.
"""
import pytest

from app.auth.models import Role

LOGIN = "login"  # redirected to the sign-in page
OK, FORBIDDEN, NOT_FOUND = 200, 403, 404
ADMIN_ONLY = {None: LOGIN, **{role: FORBIDDEN for role in Role}, Role.ADMIN: OK}
ANY_USER = {None: LOGIN, **{role: OK for role in Role}}
EVERYONE = {None: OK, **{role: OK for role in Role}}

#: endpoint -> (method, path with {user} for an existing user's id, expected answer per role)
ACCESS = {
    "core.index": ("GET", "/", ANY_USER),
    "core.healthz": ("GET", "/healthz", EVERYONE),
    "auth.login": ("GET", "/login", {None: OK, **{role: 302 for role in Role}}),
    "auth.logout": ("POST", "/logout", {None: LOGIN, **{role: 302 for role in Role}}),
    "auth.change_password": ("GET", "/account/password", ANY_USER),
    "users.index": ("GET", "/admin/users/", ADMIN_ONLY),
    "users.create": ("GET", "/admin/users/new", ADMIN_ONLY),
    "users.edit": ("GET", "/admin/users/{user}", ADMIN_ONLY),
    "users.reset_password": ("POST", "/admin/users/{user}/password", {**ADMIN_ONLY, Role.ADMIN: 400}),
    "users.deactivate": ("POST", "/admin/users/{user}/deactivate", {**ADMIN_ONLY, Role.ADMIN: 302}),
    "users.reactivate": ("POST", "/admin/users/{user}/reactivate", {**ADMIN_ONLY, Role.ADMIN: 302}),
    "audit.index": ("GET", "/admin/audit/", ADMIN_ONLY),
    "static": ("GET", "/static/docket.css", EVERYONE),
    "bootstrap.static": ("GET", "/bootstrap/static/css/bootstrap.min.css", EVERYONE),
}


def test_every_route_has_an_entry_and_an_access_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(ACCESS), "add the new route to ACCESS with its expected answers"
    for endpoint, view in app.view_functions.items():
        if endpoint not in {"static", "bootstrap.static"}:
            assert hasattr(view, "access_rule"), f"{endpoint} has no access rule decorator"


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "anonymous")
@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_route_answers_as_the_table_says(client, make_user, login, endpoint, role):
    method, path, expected = ACCESS[endpoint]
    target = make_user(Role.VIEWER)
    if role is not None:
        login(make_user(role))
    response = client.open(path.format(user=target.id), method=method)
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
    else:
        assert response.status_code == want, response.text[:500]
