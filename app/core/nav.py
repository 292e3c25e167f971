"""The navigation bar: each feature adds its entries where it defines its views."""
from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: str
    roles: frozenset
    order: int


_items: list[NavItem] = []


def nav_item(endpoint: str, label: str, roles, order: int = 50) -> None:
    """Show a link to `endpoint` to users of `roles` (lower `order` comes first)."""
    item = NavItem(endpoint, label, frozenset(str(role) for role in roles), order)
    if item not in _items:
        _items.append(item)


def nav_for(user) -> list[NavItem]:
    """The entries this user sees, for endpoints this app has."""
    if not user.is_authenticated:
        return []
    return sorted((item for item in _items
                   if str(user.role) in item.roles and item.endpoint in current_app.view_functions),
                  key=lambda item: (item.order, item.label))
