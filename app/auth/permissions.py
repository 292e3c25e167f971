"""Who may do what: one table of capabilities by role.

Views declare the capability they need (`@requires(Can.ENTER_JUDGMENTS)`), the
navigation shows an entry to the roles that have its view's capability, services ask
`can(user, …)`, and tests/core/test_access_table.py checks every route against this
table. Which *objects* a user may touch (a case of another prosecutor answers 404) is
the business of each feature's policy functions; this table only says which roles may
use a kind of page or action at all.
"""

import enum
from collections.abc import Callable
from functools import wraps

from flask_login import current_user

from app.auth.models import Role, User
from app.extensions import login_manager

A, S, P, C, INV, V = Role.ADMIN, Role.SUPERVISOR, Role.PROSECUTOR, Role.CLERK, Role.INVESTIGATOR, Role.VIEWER


class Can(enum.StrEnum):
    SIGN_IN = "use Docket when signed in"
    SEE_CASES = "see the cases of their office or operations"
    OPEN_CASES = "open cases"
    RECORD_DEADLINE_EVENTS = "record the court events that open and close deadlines"
    EDIT_DEADLINES = "enter, meet and waive deadlines"
    WAIVE_LIMITS = "waive a limit that protects a person's liberty"
    FOLLOW_DEADLINES = "follow their deadlines in a calendar feed"
    IMPORT_ARRESTS = "import arrests from a file"
    BALANCE_CASELOADS = "assign cases and balance the caseloads of their office"
    KEEP_A_CASELOAD = "keep a caseload of their own"
    READ_JUDGMENTS = "read judgments"
    ENTER_JUDGMENTS = "enter judgments, sentences and appeals"
    READ_STATISTICS = "read outcome statistics"
    HANDLE_MEASURES = "handle court-ordered investigative measures (need to know)"
    COOPERATE = "handle cooperation with partner agencies"
    ADMINISTER = "manage accounts and read the audit trail and the outbox"


#: The table: capability → the roles that have it.
PERMISSIONS: dict[Can, frozenset[Role]] = {
    Can.SIGN_IN: frozenset(Role),
    Can.SEE_CASES: frozenset({A, S, P, C, INV}),
    Can.OPEN_CASES: frozenset({A, S, P}),
    Can.RECORD_DEADLINE_EVENTS: frozenset({A, S, P, C}),
    Can.EDIT_DEADLINES: frozenset({A, S, P}),
    Can.WAIVE_LIMITS: frozenset({A, S}),
    Can.FOLLOW_DEADLINES: frozenset({S, P}),
    Can.IMPORT_ARRESTS: frozenset({A, S, INV}),
    Can.BALANCE_CASELOADS: frozenset({S}),
    Can.KEEP_A_CASELOAD: frozenset({S, P}),
    Can.READ_JUDGMENTS: frozenset({A, S, P, C}),
    Can.ENTER_JUDGMENTS: frozenset({A, C}),
    Can.READ_STATISTICS: frozenset({A, S, V}),
    Can.HANDLE_MEASURES: frozenset({A, S, P}),
    Can.COOPERATE: frozenset({A, S, P, INV}),
    Can.ADMINISTER: frozenset({A}),
}


def roles_with(capability: Can) -> frozenset[Role]:
    return PERMISSIONS[capability]


def can(user: User | None, capability: Can) -> bool:
    """Whether `user`'s role has `capability` (an anonymous or missing user has none)."""
    return user is not None and getattr(user, "is_authenticated", False) and user.role in PERMISSIONS[capability]


def public(view: Callable) -> Callable:
    """A page anyone may open (sign-in, health check, a calendar feed's secret address)."""
    view.access_rule = "public"
    return view


#: How a role without the capability is refused: 403, except where even the page's existence is
#: need to know (DESIGN §5): a measure answers 404 to everyone who may not see it, whatever their role.
REFUSAL: dict[Can, int] = {Can.HANDLE_MEASURES: 404}


def requires(capability: Can) -> Callable:
    """Let signed-in users whose role has `capability` open the view; refuse others (403, or 404, see REFUSAL)."""
    status = REFUSAL.get(capability, 403)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in PERMISSIONS[capability]:
                from app.auth.access import deny

                deny(status, reason=f"role {current_user.role} lacks '{capability}'")
            return view(*args, **kwargs)

        wrapped.access_rule = capability
        return wrapped

    return decorator
