"""`flask deadlines check` finds every open deadline its case or defendant contradicts.

Each test opens deadlines through the engine and then changes the case or defendant
behind its back, as a record entered without its event would, so the deadline stays open
while the facts say it should not.
"""

from datetime import date, time

import pytest
import sqlalchemy as sa

from app.cases.models import Custody, Stage
from app.deadlines.check import find_contradictions
from app.deadlines.models import Deadline, DeadlineKind
from app.deadlines.services import add_manual_deadline, mark_met, record_trigger
from app.extensions import db
from tests.judgments.factories import JudgmentFactory
from tests.moments import vienna

NOW = vienna(2026, 3, 20, 9)


@pytest.fixture
def check(app):
    def run():
        result = app.test_cli_runner().invoke(args=["deadlines", "check"])
        return result.exit_code, result.output.splitlines()

    return run


@pytest.fixture
def detained(make_case, make_defendant, prosecutor):
    """A defendant of a case in the investigation, detained on 2 March 2026: review and maximum open."""

    def make(stage=Stage.INVESTIGATION, jurisdiction="AT", **person):
        case = make_case(jurisdiction, stage=stage)
        names = {f"person__{field}": value for field, value in person.items()}
        defendant = make_defendant(case, custody=Custody.DETAINED, **names)
        record_trigger(
            case, "detention_imposed", vienna(2026, 3, 2, 15), defendant=defendant, actor=prosecutor, now=NOW
        )
        return case, defendant

    return make


def lines_of(case, lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(f"{case.reference}: ")]


def deadline_of(case, rule_id):
    return next(d for d in case_deadlines(case) if d.rule_id == rule_id)


def case_deadlines(case):
    return db.session.scalars(sa.select(Deadline).where(Deadline.case_id == case.id).order_by(Deadline.id)).all()


@pytest.mark.parametrize("custody", [Custody.RELEASED, Custody.SERVING_SENTENCE, Custody.AT_LIBERTY])
def test_a_detention_limit_of_someone_no_longer_held(detained, check, custody):
    case, defendant = detained(first_name="Marko", last_name="Petrović")
    defendant.custody = custody
    db.session.flush()
    review, maximum = deadline_of(case, "at_detention_review_first"), deadline_of(case, "at_detention_maximum")
    code, lines = check()
    assert code == 1
    assert lines_of(case, lines) == [
        f"{case.reference}: First detention review (Haftfrist ends) (deadline {review.id}, Marko Petrović): "
        f"the defendant is not in pre-trial custody ({custody.label.lower()})",
        f"{case.reference}: Maximum pre-trial detention before the main hearing (deadline {maximum.id}, "
        f"Marko Petrović): the defendant is not in pre-trial custody ({custody.label.lower()})",
    ]
    assert lines[-1] == "2 contradictions"


def test_detention_limits_of_a_case_at_trial(detained, check):
    case, _defendant = detained()
    case.stage = Stage.TRIAL  # moved without recording that the indictment took effect
    db.session.flush()
    code, lines = check()
    assert code == 1 and lines[-1] == "2 contradictions"
    found = lines_of(case, lines)
    assert 'the case is at trial, past "indictment took effect", which ends this deadline' in found[0]
    assert found[0].startswith(f"{case.reference}: First detention review")
    assert 'the case is at trial, past "main hearing started", which ends this deadline' in found[1]


def test_the_investigation_limit_of_an_indicted_case(make_case, prosecutor, check):
    case = make_case(stage=Stage.INVESTIGATION)
    record_trigger(case, "investigation_opened", vienna(2026, 1, 12, 10), actor=prosecutor, now=NOW)
    case.stage = Stage.INDICTED
    db.session.flush()
    limit = deadline_of(case, "at_investigation_limit")
    code, lines = check()
    assert code == 1
    # A deadline of the whole case names no defendant.
    assert lines == [
        f"{case.reference}: Investigation time limit (court review) (deadline {limit.id}): the case is "
        'at indicted, past "investigation ended", which ends this deadline',
        "1 contradiction",
    ]


def test_a_serbian_detention_review_after_the_judgment(detained, prosecutor, check):
    case, defendant = detained(jurisdiction="RS")
    record_trigger(
        case, "indictment_filed_detained", vienna(2026, 3, 10, 10), defendant=defendant, actor=prosecutor, now=NOW
    )
    case.stage = Stage.JUDGMENT
    db.session.flush()
    review = deadline_of(case, "rs_review_unconfirmed")
    code, lines = check()
    assert code == 1 and lines[-1] == "1 contradiction"
    assert lines_of(case, lines) == [
        f"{case.reference}: Detention review before the indictment is confirmed (deadline {review.id}, "
        f'{defendant.person.full_name}): the case is at judgment, past "judgment announced", '
        "which ends this deadline"
    ]


@pytest.mark.parametrize("stage", [Stage.FINAL, Stage.DISCONTINUED, Stage.DIVERTED, Stage.TRANSFERRED])
def test_any_open_deadline_of_a_closed_case(make_case, prosecutor, check, stage):
    case = make_case(stage=Stage.INVESTIGATION)
    manual = add_manual_deadline(
        case,
        title="Ask Belgrade for the phone records",
        kind=DeadlineKind.PERIOD,
        due_date=date(2026, 4, 15),
        actor=prosecutor,
        now=NOW,
    )
    case.stage = stage
    db.session.flush()
    code, lines = check()
    assert code == 1
    assert lines == [
        f"{case.reference}: Ask Belgrade for the phone records (deadline {manual.id}): the case is {stage.value}",
        "1 contradiction",
    ]


def test_an_appeal_period_of_a_final_judgment(make_case, make_defendant, prosecutor, check):
    case = make_case(stage=Stage.JUDGMENT, court="Landesgericht Wien")
    defendant = make_defendant(case)
    JudgmentFactory(defendant=defendant, announced_on=date(2026, 3, 16), final_on=date(2026, 3, 17))
    record_trigger(case, "judgment_announced", vienna(2026, 3, 16, 12), defendant=defendant, actor=prosecutor, now=NOW)
    period = deadline_of(case, "at_appeal_announcement")
    code, lines = check()
    assert code == 1
    assert lines == [
        f"{case.reference}: Announce an appeal (nullity appeal or appeal) (deadline {period.id}): "
        "the judgment is already final",
        "1 contradiction",
    ]


def test_several_counts_make_one_line(detained, check):
    case, defendant = detained()
    defendant.custody = Custody.RELEASED
    case.stage = Stage.TRIAL
    db.session.flush()
    code, lines = check()
    assert lines_of(case, lines)[0].endswith(
        'the defendant is not in pre-trial custody (released); the case is at trial, past "indictment took '
        'effect", which ends this deadline'
    )
    assert lines[-1] == "2 contradictions"


def test_deadlines_that_agree_with_their_cases(detained, make_case, make_defendant, prosecutor, check):
    detained()  # detained in the investigation: review and maximum run
    case, defendant = detained(stage=Stage.INDICTED)  # indicted, not yet at trial: both still run
    defendant.custody = Custody.ARRESTED  # arrested again in the same case
    investigating = make_case(stage=Stage.CHARGING)
    record_trigger(investigating, "investigation_opened", vienna(2026, 1, 12, 10), actor=prosecutor, now=NOW)
    judged = make_case(stage=Stage.JUDGMENT, court="Landesgericht Wien")
    first, second = make_defendant(judged), make_defendant(judged)
    JudgmentFactory(defendant=first, announced_on=date(2026, 3, 18), final_on=date(2026, 3, 19))
    JudgmentFactory(defendant=second, announced_on=date(2026, 3, 18))
    record_trigger(judged, "judgment_announced", vienna(2026, 3, 18, 12), defendant=second, actor=prosecutor, now=NOW)
    closed = make_case(stage=Stage.INVESTIGATION)
    returned = add_manual_deadline(
        closed,
        title="Return the seized phone",
        kind=DeadlineKind.PERIOD,
        due_date=date(2026, 4, 15),
        due_time=time(12),
        actor=prosecutor,
        now=NOW,
    )
    mark_met(returned, met_on=date(2026, 3, 20), actor=prosecutor, now=NOW)
    closed.stage = Stage.DISCONTINUED  # nothing open is left behind
    db.session.flush()
    assert find_contradictions() == []
    assert check() == (0, ["0 contradictions"])


def test_the_check_costs_the_same_few_queries_for_any_number_of_deadlines(detained, count_statements):
    for _ in range(5):
        case, _defendant = detained()
        case.stage = Stage.FINAL
    db.session.flush()
    with count_statements() as statements:
        found = find_contradictions()
    assert len(found) == 10
    assert len(statements) == 2  # the open deadlines with their cases and defendants; the judgments
