"""Sections other features add to the case page without editing its template.

app/domain.py lists every panel (`CasePanel`); the case page includes those the user's
role may see, in `order`, at their `place`. The panel template sees the page's context
(`case`, `current_user`, ...).
"""
from dataclasses import dataclass

from flask import current_app
from flask_login import current_user

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

    def __post_init__(self):
        if self.place not in PLACES:
            raise ValueError(f"A case panel stands at one of {PLACES}, not {self.place!r}")
        object.__setattr__(self, "roles", frozenset(str(role) for role in self.roles))


def case_panels(case, user=None, place: str = "main") -> list[str]:
    """Template names of the panels `user` (by default the signed-in user) sees at `place` on `case`'s page."""
    user = user or current_user
    if not user.is_authenticated:
        return []
    return [panel.template for panel in sorted(current_app.extensions[PANELS], key=lambda p: (p.order, p.template))
            if str(user.role) in panel.roles and panel.place == place]
