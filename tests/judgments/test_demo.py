"""The demo operation's judgments: final imprisonment allotted within the law, appeals, pending judgments."""

import pytest
import sqlalchemy as sa

from app.cases.models import Case, Stage
from app.database import utcnow
from app.demo.accounts import load_accounts
from app.demo.judgments import FINAL_YEARS, _cap_years
from app.demo.operation import load_operation
from app.demo.story import STAGES
from app.extensions import db
from app.judgments.models import Judgment
from app.judgments.stats import final_imprisonment_for_operation
from app.judgments.terms import Term


@pytest.fixture(scope="module")
def demo_operation(app):
    """Load the demo once for this module (it takes a while) into its own transaction."""
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = sa.orm.scoped_session(
            sa.orm.sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        )
        try:
            now = utcnow()
            office, _created = load_accounts("demo password for tests", now=now)
            db.session.flush()
            yield load_operation(office, as_of=None, clock=now)
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def _rollback(demo_operation):
    """This module shares the demo's transaction instead of one per test."""
    yield


def final_capacity(operation) -> int:
    """The most years the final cases' offences allow, with the demo's amended convictions."""
    judgments = db.session.scalars(
        sa.select(Judgment).join(Case).where(Case.operation_id == operation.id, Judgment.final_on.is_not(None))
    ).all()
    return sum(_cap_years(judgment.defendant, amended=True) for judgment in judgments)


def test_final_imprisonment_fills_the_502_years_as_far_as_the_offences_allow(demo_operation):
    operation = demo_operation.operation
    assert demo_operation.held_back == []
    expected = min(FINAL_YEARS, final_capacity(operation))
    assert final_imprisonment_for_operation(operation.id) == Term(expected)


def test_the_operation_page_figure_is_502_years(demo_operation, client):
    assert final_imprisonment_for_operation(demo_operation.operation.id) == Term(502)
    client.post("/login", data={"email": "supervisor@docket.example", "password": "demo password for tests"})
    page = client.get(f"/operations/{demo_operation.operation.id}").text
    assert '<div class="fs-3 fw-semibold" id="figure-final-imprisonment">502 years</div>' in page


def test_pending_judgments_and_appeals_in_progress(demo_operation):
    stages = dict(
        db.session.execute(
            sa.select(Case.stage, sa.func.count())
            .where(Case.operation_id == demo_operation.operation.id)
            .group_by(Case.stage)
        ).all()
    )
    planned = dict(STAGES)
    assert (
        (stages[Stage.APPEAL], stages[Stage.JUDGMENT], stages[Stage.FINAL])
        == (planned[Stage.APPEAL], planned[Stage.JUDGMENT], planned[Stage.FINAL])
        == (6, 2, 24)
    )
    assert db.session.scalar(sa.select(sa.func.count(Judgment.id)).where(Judgment.final_on.is_(None))) > 0
