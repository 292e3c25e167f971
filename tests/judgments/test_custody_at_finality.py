"""A final judgment ends pre-trial custody: a prison term is served, anything else releases."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.cases.models import Custody, TimelineEntry, TimelineKind
from app.cases.services import set_custody
from app.deadlines.models import Deadline, DeadlineStatus
from app.extensions import db
from app.judgments import services
from app.judgments.models import AppealDecision, Outcome, Party
from app.judgments.terms import Term
from app.judgments.validation import SentenceData
from tests.judgments.entries import NOW, entry, years

DETAINED_AT = NOW - timedelta(days=60)


def detained(defendant):
    set_custody(defendant, Custody.DETAINED, actor=None, now=DETAINED_AT, reason="detention ordered")
    return defendant


def custody_lines(case) -> list[str]:
    """The custody changes after detention: to serving a sentence or released."""
    return list(
        db.session.scalars(
            sa.select(TimelineEntry.summary)
            .where(
                TimelineEntry.case_id == case.id,
                TimelineEntry.kind == TimelineKind.CUSTODY,
                ~TimelineEntry.summary.contains("→ detained"),
            )
            .order_by(TimelineEntry.id)
        )
    )


def test_a_final_prison_term_turns_detention_into_serving_the_sentence(make_defendant):
    defendant = detained(make_defendant())
    detention = db.session.scalars(
        sa.select(Deadline).where(Deadline.defendant_id == defendant.id, Deadline.status == DeadlineStatus.OPEN)
    ).all()
    assert detention, "detention opens its limits"
    judgment = services.enter_judgment(defendant, entry(defendant), actor=None, now=NOW)
    assert defendant.custody == Custody.DETAINED  # not final yet: still pre-trial custody
    services.mark_final(judgment, final_on=date(2019, 11, 5), actor=None, now=NOW)
    assert defendant.custody == Custody.SERVING_SENTENCE
    assert custody_lines(defendant.case) == [
        f"{defendant.person.full_name}: detained → serving sentence (serving the sentence of the final judgment)"
    ]
    assert all(deadline.status == DeadlineStatus.MET and deadline.closing_event == "released" for deadline in detention)


@pytest.mark.parametrize(
    "verdict, sentence",
    [
        (Outcome.ACQUITTED, SentenceData()),
        (Outcome.CONVICTED, SentenceData(prison=Term(2), conditional=Term(2), probation_years=3)),
        (Outcome.CONVICTED, SentenceData(fine_daily_rates=240, fine_daily_rate=4)),
    ],
)
def test_a_final_judgment_without_a_prison_term_to_serve_releases(make_defendant, verdict, sentence):
    defendant = detained(make_defendant())
    verdicts = {charge.id: (verdict, "") for charge in defendant.charges}
    judgment = services.enter_judgment(
        defendant, entry(defendant, verdicts=verdicts, sentence=sentence), actor=None, now=NOW
    )
    assert services.finalize_unappealed(now=NOW + timedelta(days=3)) == [judgment]
    assert defendant.custody == Custody.RELEASED
    assert "the final judgment imposes no unconditional prison term" in custody_lines(defendant.case)[0]


def test_a_final_appeal_decision_settles_custody_with_the_sentence_it_leaves(make_defendant):
    defendant = detained(make_defendant())
    judgment = services.enter_judgment(defendant, entry(defendant), actor=None, now=NOW)
    appeal = services.lodge_appeal(judgment, party=Party.DEFENCE, lodged_on=date(2019, 11, 5), actor=None, now=NOW)
    services.decide_appeal(
        appeal,
        decision=AppealDecision.SENTENCE_MODIFIED,
        decided_on=date(2020, 1, 20),
        decision_final=True,
        sentence=SentenceData(prison=Term(3), conditional=Term(3), probation_years=3),
        actor=None,
        now=NOW + timedelta(days=80),
    )
    assert judgment.is_final and defendant.custody == Custody.RELEASED


def test_a_defendant_at_liberty_stays_at_liberty(make_defendant):
    defendant = make_defendant()
    services.enter_judgment(
        defendant, entry(defendant, sentence=years(3), final_on=date(2019, 11, 4)), actor=None, now=NOW
    )
    assert defendant.custody == Custody.AT_LIBERTY and custody_lines(defendant.case) == []
