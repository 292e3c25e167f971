"""Sections other features add to the case page without editing its template.

app/domain.py lists every panel (`CasePanel`); the case page includes those the user's
role may see, in `order`, at their `place`. A panel's data comes from its `context`
function, `context(case, user, now) -> object`, which the case page's view calls; the
template finds the result as `panel` (and the page's own `case`, `current_user`), so
templates render and never query.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

#: Where a panel stands: "top" beside the people in custody (what needs acting on first), or "main".
PLACES = ("top", "main")
#: Where the app keeps its panels (register_domain).
PANELS = "docket.case_panels"


@dataclass(frozen=True)
class CasePanel:
    template: str
    roles: frozenset
    order: int = 50
    place: str = "main"
    #: Builds what the template shows: context(case, user, now). None for a panel that needs only `case`.
    context: Callable | None = None

    def __post_init__(self):
        if self.place not in PLACES:
            raise ValueError(f"A case panel stands at one of {PLACES}, not {self.place!r}")
        object.__setattr__(self, "roles", frozenset(str(role) for role in self.roles))


def case_panels(case, user, now: datetime, place: str = "main") -> list[tuple[str, object]]:
    """(template, data) of the panels `user` sees at `place` on `case`'s page, each panel's data built now."""
    if not user.is_authenticated:
        return []
    return [
        (panel.template, panel.context(case, user, now) if panel.context else None)
        for panel in sorted(current_app.extensions[PANELS], key=lambda p: (p.order, p.template))
        if str(user.role) in panel.roles and panel.place == place
    ]
