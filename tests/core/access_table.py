"""Who may open the core, sign-in, account and audit pages."""

from app.auth.models import Role
from tests.access import ADMIN_ONLY, ANY_USER, EVERYONE, LOGIN, OK

ACCESS = {
    "core.index": ("GET", "/", {None: LOGIN, **{role: 302 for role in Role}}),  # to each role's home
    "core.healthz": ("GET", "/healthz", EVERYONE),
    "auth.login": ("GET", "/login", {None: OK, **{role: 302 for role in Role}}),
    "auth.logout": ("POST", "/logout", {None: LOGIN, **{role: 302 for role in Role}}),
    "auth.change_password": ("GET", "/account/password", ANY_USER),
    "audit.index": ("GET", "/admin/audit/", ADMIN_ONLY),
    "static": ("GET", "/static/docket.css", EVERYONE),
    "bootstrap.static": ("GET", "/bootstrap/static/css/bootstrap.min.css", EVERYONE),
}
