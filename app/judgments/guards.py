"""The pipeline's judgment and finality guards (app/domain.py adds them to the pipeline).

Both count standing judgments only: a quashed judgment awaits the judgment of the new trial.
"""

import sqlalchemy as sa

from app.cases.models import Case
from app.extensions import db
from app.judgments.models import Judgment


def judgments_of(case: Case) -> dict[int, Judgment]:
    """The case's standing (not quashed) judgments by defendant id."""
    query = (
        sa.select(Judgment)
        .where(Judgment.case_id == case.id, Judgment.quashed_on.is_(None))
        .options(sa.orm.selectinload(Judgment.verdicts))
    )
    return {judgment.defendant_id: judgment for judgment in db.session.scalars(query)}


def verdict_for_every_defendant(case: Case) -> str | None:
    """A first-instance judgment needs a verdict on every charge of every defendant."""
    judgments = judgments_of(case)
    missing = []
    for defendant in case.defendants:
        judgment = judgments.get(defendant.id)
        judged = {verdict.charge_id for verdict in judgment.verdicts} if judgment else set()
        if not defendant.charges or not {charge.id for charge in defendant.charges} <= judged:
            missing.append(defendant.person.full_name)
    if not case.defendants:
        return "the case has no defendants"
    return "enter the judgment (a verdict on every charge) for " + ", ".join(missing) if missing else None


def every_judgment_final(case: Case) -> str | None:
    judgments = judgments_of(case)
    open_ = [d.person.full_name for d in case.defendants if d.id not in judgments or judgments[d.id].final_on is None]
    if not case.defendants:
        return "the case has no defendants"
    return "the judgment is not yet final for " + ", ".join(open_) if open_ else None
