"""The navigation bar: app/domain.py lists its entries (`NavItem`).

Entries that belong together share a menu (a dropdown); the table MENUS below is the
bar's table of contents. A menu with a single visible entry shows as a plain link.
"""

from dataclasses import dataclass, field

from flask import current_app


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: str
    roles: frozenset
    order: int = 50

    def __post_init__(self):
        object.__setattr__(self, "roles", frozenset(str(role) for role in self.roles))


#: Where the app keeps its navigation entries (register_domain).
NAVIGATION = "docket.navigation"


@dataclass
class NavMenu:
    label: str
    items: list[NavItem] = field(default_factory=list)

    @property
    def order(self) -> int:
        return min(item.order for item in self.items)


#: Which menu an endpoint's entry goes into; entries not named here stand alone.
MENUS = {
    "cases.index": "Cases",
    "operations.index": "Cases",
    "imports.arrests": "Cases",
    "deadlines.index": "Deadlines",
    "deadlines.month": "Deadlines",
    "deadlines.rules": "Deadlines",
    "measures.index": "Investigation",
    "cooperation.index": "Investigation",
    "judgments.queue": "Judgments",
    "judgments.statistics": "Judgments",
    "users.index": "Admin",
    "audit.index": "Admin",
    "notifications.outbox": "Admin",
}

#: Where each role starts: the page its daily work begins on (the home page redirects there).
HOME_PAGES = {
    "prosecutor": "assignments.my_cases",
    "supervisor": "assignments.dashboard",
    "clerk": "judgments.queue",
    "investigator": "cases.index",
    "viewer": "operations.index",
    "admin": "users.index",
}


def home_page(role) -> str | None:
    """The endpoint `role` starts on, if this app has it."""
    endpoint = HOME_PAGES.get(str(role))
    return endpoint if endpoint in current_app.view_functions else None


def nav_for(user) -> list[NavItem | NavMenu]:
    """The links and menus this user sees, for endpoints this app has, in order."""
    if not user.is_authenticated:
        return []
    visible = sorted(
        (
            item
            for item in current_app.extensions[NAVIGATION]
            if str(user.role) in item.roles and item.endpoint in current_app.view_functions
        ),
        key=lambda item: (item.order, item.label),
    )
    entries: list[NavItem | NavMenu] = []
    menus: dict[str, NavMenu] = {}
    for item in visible:
        name = MENUS.get(item.endpoint)
        if name is None:
            entries.append(item)
        elif name in menus:
            menus[name].items.append(item)
        else:
            menus[name] = NavMenu(name, [item])
            entries.append(menus[name])
    return [entry.items[0] if isinstance(entry, NavMenu) and len(entry.items) == 1 else entry for entry in entries]
