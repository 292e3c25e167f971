"""What the import page reads."""

import sqlalchemy as sa

from app.auth.models import Office
from app.extensions import db


def offices() -> list[Office]:
    """Every office by name, for an administrator choosing where to import."""
    return db.session.scalars(sa.select(Office).order_by(Office.name)).all()
