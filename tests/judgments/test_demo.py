"""The demo operation's judgments: exactly 502 years of final imprisonment, pending judgments and an appeal."""
import sqlalchemy as sa

from app.cases.models import Case, Stage
from app.database import utcnow
from app.demo.accounts import load_accounts
from app.demo.judgments import FINAL_YEARS, load_judgments
from app.demo.operation import load_operation
from app.extensions import db
from app.judgments.models import Judgment
from app.judgments.stats import final_imprisonment_for_operation
from app.judgments.terms import Term


def test_the_demo_operation_has_502_years_of_final_imprisonment_and_work_in_progress():
    now = utcnow()
    office, _created = load_accounts("demo password for tests", now=now)
    db.session.flush()
    loaded = load_operation(office, as_of=None, clock=now)
    load_judgments(loaded.operation, now=now)
    assert loaded.held_back == []
    assert final_imprisonment_for_operation(loaded.operation.id) == Term(FINAL_YEARS) == Term(502)
    stages = dict(db.session.execute(sa.select(Case.stage, sa.func.count()).where(
        Case.operation_id == loaded.operation.id).group_by(Case.stage)).all())
    assert stages[Stage.APPEAL] == 1 and stages[Stage.JUDGMENT] >= 1 and stages[Stage.FINAL] >= 1
    pending = db.session.scalar(sa.select(sa.func.count(Judgment.id)).where(Judgment.final_on.is_(None)))
    assert pending > 0
