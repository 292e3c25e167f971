"""The cases blueprint and the loading options the case pages share."""

from flask import Blueprint
from sqlalchemy.orm import joinedload, selectinload

from app.cases.grounds import move_why
from app.cases.models import Case, Defendant

bp = Blueprint("cases", __name__, template_folder="../templates")
bp.add_app_template_filter(move_why, "move_why")

#: What the pipeline's guards read (defendants, their names and charges).
GUARD_OPTIONS = (
    joinedload(Case.office),
    selectinload(Case.defendants).options(joinedload(Defendant.person), selectinload(Defendant.charges)),
)
