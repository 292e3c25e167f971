"""The case pages, one module per kind of page, all on the one blueprint `bp`.

`bp` is defined in blueprint.py, which the page modules import; none of them imports
another's routes, so there is no import cycle. Importing this package imports every
page module, and with it registers every route, before app/__init__.py registers `bp`.
"""

from app.cases.views import facts, listing, pages, stage_moves  # noqa: F401  (their routes join bp)
from app.cases.views.blueprint import bp

__all__ = ["bp"]
