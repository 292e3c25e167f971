"""Who may open the account administration pages."""

from app.auth.models import Role
from tests.access import ADMIN_ONLY

ACCESS = {
    "users.index": ("GET", "/admin/users/", ADMIN_ONLY),
    "users.create": ("GET", "/admin/users/new", ADMIN_ONLY),
    "users.edit": ("GET", "/admin/users/{user}", ADMIN_ONLY),
    "users.reset_password": ("POST", "/admin/users/{user}/password", {**ADMIN_ONLY, Role.ADMIN: 422}),
    "users.deactivate": ("POST", "/admin/users/{user}/deactivate", {**ADMIN_ONLY, Role.ADMIN: 302}),
    "users.reactivate": ("POST", "/admin/users/{user}/reactivate", {**ADMIN_ONLY, Role.ADMIN: 302}),
}
