"""Read judgments the way the registry's pages and the case page's panel show them."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.auth.permissions import Can, can
from app.cases.models import Case, Defendant, Stage
from app.cases.policy import visible_cases
from app.extensions import db
from app.judgments.models import Judgment

#: Stages at which a case waits for the registry: a judgment, an appeal or its decision to enter.
QUEUE_STAGES = (Stage.TRIAL, Stage.JUDGMENT, Stage.APPEAL)


@dataclass(frozen=True)
class Queue:
    """The cases awaiting the registry, each defendant's standing judgment, and who awaits a new trial's."""

    cases: list[Case]
    judgments: dict[int, Judgment]
    retrials: set[int]


def registry_queue(user: User) -> Queue:
    """Cases `user` may see at trial, judgment or appeal, with their defendants' judgments, in three statements."""
    cases = db.session.scalars(
        visible_cases(user)
        .where(Case.stage.in_(QUEUE_STAGES))
        .order_by(Case.stage, Case.reference)
        .options(
            selectinload(Case.defendants).selectinload(Defendant.person),
            selectinload(Case.defendants).selectinload(Defendant.charges),
        )
    ).all()
    judgments, retrials = {}, set()
    if cases:
        query = (
            sa.select(Judgment)
            .where(Judgment.case_id.in_([case.id for case in cases]))
            .options(selectinload(Judgment.appeals))
        )
        for judgment in db.session.scalars(query):
            if judgment.is_quashed:
                retrials.add(judgment.defendant_id)
            else:
                judgments[judgment.defendant_id] = judgment
    return Queue(cases, judgments, retrials)


@dataclass(frozen=True)
class CaseJudgments:
    """What the case page's judgments panel shows."""

    #: Each defendant's judgments in the order entered (a quashed one before the new trial's), by defendant id.
    by_defendant: dict[int, list[Judgment]]
    #: Whether to offer the registry's queue: the user enters judgments and the case awaits one.
    may_enter: bool


def case_panel_context(case: Case, user: User, now: datetime) -> CaseJudgments:
    """The case's judgments by defendant, read in one statement however many there are."""
    query = sa.select(Judgment).where(Judgment.case_id == case.id).order_by(Judgment.id)
    by_defendant: dict[int, list[Judgment]] = {}
    for judgment in db.session.scalars(query):
        by_defendant.setdefault(judgment.defendant_id, []).append(judgment)
    return CaseJudgments(by_defendant, may_enter=can(user, Can.ENTER_JUDGMENTS) and case.stage in QUEUE_STAGES)
