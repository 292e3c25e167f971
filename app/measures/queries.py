"""Read measures the way the case page's panel shows them."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.auth.models import User
from app.cases.models import Case
from app.extensions import db
from app.measures.models import Measure
from app.measures.policy import may_see_measures


@dataclass(frozen=True)
class CaseMeasures:
    """The case's measures, newest first, with what their list shows."""

    measures: list[Measure]


def case_panel_context(case: Case, user: User, now: datetime) -> CaseMeasures | None:
    """The measures panel of `case`, or None when `user` may not know of them (not even how many)."""
    if not may_see_measures(user, case):
        return None
    return CaseMeasures(case_measures(case))


def case_measures(case: Case) -> list[Measure]:
    """The case's measures, newest first, with their targets (callers check need to know)."""
    return list(
        db.session.scalars(
            sa.select(Measure)
            .where(Measure.case_id == case.id)
            .options(joinedload(Measure.target_person))
            .order_by(Measure.id.desc())
        )
    )
