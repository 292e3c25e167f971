"""Who may open the registry's judgment pages and the outcome statistics."""

from datetime import timedelta

from app.cases.models import OffenceClass, Stage
from app.core.web import REFUSED
from app.database import utcnow
from app.judgments import services
from app.judgments.models import Outcome, Party
from app.judgments.terms import Term
from tests.access import FORBIDDEN, NOT_FOUND, OK, answers
from tests.cases.factories import CaseFactory, ChargeFactory, DefendantFactory

REGISTRY = answers(FORBIDDEN, clerk=OK, admin=OK)
#: The sample case has no prosecutor, so a prosecutor does not see it.
READERS = answers(FORBIDDEN, clerk=OK, admin=OK, supervisor=OK, prosecutor=NOT_FOUND)
STATISTICS = answers(FORBIDDEN, admin=OK, supervisor=OK, viewer=OK)
INVALID_POST = answers(FORBIDDEN, clerk=REFUSED, admin=REFUSED)

ACCESS = {
    "judgments.queue": ("GET", "/judgments/", REGISTRY),
    "judgments.enter": ("GET", "/judgments/defendants/{unjudged_defendant}/new", REGISTRY),
    "judgments.edit": ("GET", "/judgments/{judgment}/edit", REGISTRY),
    "judgments.show": ("GET", "/judgments/{judgment}", READERS),
    "judgments.lodge_appeal": ("POST", "/judgments/{judgment}/appeals", INVALID_POST),
    "judgments.decide_appeal": ("GET", "/judgments/appeals/{appeal}/decide", REGISTRY),
    "judgments.mark_final": ("POST", "/judgments/{judgment}/final", INVALID_POST),
    "judgments.statistics": ("GET", "/judgments/statistics", STATISTICS),
    "judgments.statistics_csv": ("GET", "/judgments/statistics.csv", STATISTICS),
}


def samples(office, make_user) -> dict:
    now = utcnow()
    case = CaseFactory(office=office, stage=Stage.TRIAL, court="Landesgericht Wien")
    judged, unjudged = DefendantFactory(case=case), DefendantFactory(case=case)
    for defendant in (judged, unjudged):
        ChargeFactory(defendant=defendant, offence_class=OffenceClass.FELONY, max_penalty_months=120)
    entered = services.JudgmentEntry(
        court="Landesgericht Wien",
        court_file_number="1 Hv 1/19",
        announced_on=(now - timedelta(days=1)).date(),
        verdicts={c.id: (Outcome.CONVICTED, "") for c in judged.charges},
        sentence=services.SentenceData(prison=Term(3)),
    )
    judgment = services.enter_judgment(judged, entered, actor=None, now=now)
    appeal = services.lodge_appeal(judgment, party=Party.DEFENCE, lodged_on=judgment.announced_on, actor=None, now=now)
    return {"judgment": judgment.id, "appeal": appeal.id, "unjudged_defendant": unjudged.id}
