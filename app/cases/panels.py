"""Sections other features add to the case page without editing its template.

A feature calls `case_panel("deadlines/_case_panel.html", roles)` where it defines its
views; the case page includes every panel the user's role may see, in `order`. The
panel template sees the page's context (`case`, `current_user`, ...).
"""
from dataclasses import dataclass

from flask_login import current_user


#: Where a panel stands: "top" beside the people in custody (what needs acting on first), or "main".
PLACES = ("top", "main")


@dataclass(frozen=True)
class CasePanel:
    template: str
    roles: frozenset
    order: int
    place: str = "main"


_panels: list[CasePanel] = []


def case_panel(template_name: str, roles, order: int = 50, place: str = "main") -> None:
    """Show `template_name` on the case page to users of `roles` (lower `order` comes first)."""
    if place not in PLACES:
        raise ValueError(f"A case panel stands at one of {PLACES}, not {place!r}")
    panel = CasePanel(template_name, frozenset(str(role) for role in roles), order, place)
    if panel not in _panels:
        _panels.append(panel)


def case_panels(case, user=None, place: str = "main") -> list[str]:
    """Template names of the panels `user` (by default the signed-in user) sees at `place` on `case`'s page."""
    user = user or current_user
    if not user.is_authenticated:
        return []
    return [panel.template for panel in sorted(_panels, key=lambda p: (p.order, p.template))
            if str(user.role) in panel.roles and panel.place == place]
