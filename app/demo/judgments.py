"""The reference operation's judgments: 502 years of final imprisonment, appeals, pending judgments.

Demo steps bring the replayed cases through the judgment guards: before `judgment`
every defendant gets a first-instance judgment; before `appeal` the defence appeals
within the 3 days; before `final` the case's sentences are settled and made final, the
day after the appeal periods passed unused. The final sentences are allotted so that their
unconditional imprisonment adds up to exactly FINAL_YEARS over the operation's final
cases, each within its offence's maximum. Appealed judgments get their written copy
served and their written grounds filed as the plan's court events say.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.cases.models import Case, Stage
from app.deadlines.services import day_moment, record_trigger
from app.demo.operation import court_event, demo_step
from app.extensions import db
from app.judgments import services
from app.judgments.models import FinalityBasis, Judgment, Outcome, Party, Sentence
from app.judgments.stats import final_imprisonment_for_operation
from app.judgments.terms import Term
from app.judgments.validation import JudgmentEntry, SentenceData

#: What the reference operation reports as its final sentences so far.
FINAL_YEARS = 502
#: Years first given at the judgment step, by defendant, in turn.
FIRST_TERMS = (6, 4, 9, 3, 7, 5, 8, 2)


def _local_day(case: Case, now: datetime):
    return now.astimezone(ZoneInfo(case.office.timezone)).date()


#: Defendants charged with dealing only are, in some final cases, convicted of trafficking instead.
AMENDED_STATUTE, AMENDED_MAXIMUM_YEARS = "§ 28a Abs. 1 SMG", 5


def _cap_years(defendant, *, amended: bool = False) -> int:
    months = [charge.max_penalty_months for charge in defendant.charges if charge.max_penalty_months]
    legal = max(months) // 12 if months else FIRST_TERMS[0]
    return max(legal, AMENDED_MAXIMUM_YEARS) if amended else legal


@demo_step(Stage.JUDGMENT)
def enter_first_instance(case: Case, *, actor, now: datetime) -> None:
    """Enter a conviction for every defendant of the case not yet judged."""
    judged = set(db.session.scalars(sa.select(Judgment.defendant_id).where(Judgment.case_id == case.id)))
    for defendant in case.defendants:
        if defendant.id in judged or not defendant.charges:
            continue
        years = min(FIRST_TERMS[defendant.id % len(FIRST_TERMS)], _cap_years(defendant))
        entry = JudgmentEntry(
            court=case.court or "Landesgericht für Strafsachen Wien",
            court_file_number=f"{60 + case.id % 40:03d} Hv {case.id}/{now:%y}",
            announced_on=_local_day(case, now),
            verdicts={charge.id: (Outcome.CONVICTED, "") for charge in defendant.charges},
            sentence=SentenceData(prison=Term(years)),
        )
        services.enter_judgment(defendant, entry, actor=actor, now=now)


@demo_step(Stage.FINAL)
def settle_and_finalize(case: Case, *, actor, now: datetime) -> None:
    """Give the case the final years its offences allow, up to what remains, then make its judgments final."""
    judgments = db.session.scalars(
        sa.select(Judgment).where(Judgment.case_id == case.id, Judgment.final_on.is_(None)).order_by(Judgment.id)
    ).all()
    if not judgments:
        return
    budget = FINAL_YEARS - final_imprisonment_for_operation(case.operation_id).years
    # The earlier cases take what their offences allow, so the later ones end with conditional
    # sentences rather than with more years than the law allows: the total is exact either way.
    caps = [_cap_years(j.defendant, amended=True) for j in judgments]
    for judgment, years in zip(judgments, _split(budget, caps)):
        _settle(judgment, years, actor=actor, now=now)
    for judgment in judgments:
        services.mark_final(
            judgment, final_on=_local_day(case, now), basis=FinalityBasis.PERIOD_EXPIRED, actor=actor, now=now
        )


def _split(total_years: int, caps: list[int]) -> list[int]:
    """Share `total_years` among defendants as evenly as their offences' maxima allow."""
    shares = [0] * len(caps)
    left = total_years
    while left > 0 and any(share < cap for share, cap in zip(shares, caps)):
        for index, cap in enumerate(caps):
            if left and shares[index] < cap:
                shares[index] += 1
                left -= 1
    return shares


def _settle(judgment: Judgment, years: int, *, actor, now: datetime) -> None:
    """Set the unconditional years: none becomes a one-year conditional sentence; beyond the maximum,
    an amended charge."""
    sentence: Sentence = judgment.sentence
    if sentence.prison_years == years and not sentence.conditional_years:
        return
    verdicts = _verdicts_of(judgment)
    if years > _cap_years(judgment.defendant):
        first = judgment.verdicts[0].charge_id
        verdicts[first] = (Outcome.CONVICTED_AMENDED, AMENDED_STATUTE)
    sentence_data = (
        SentenceData(prison=Term(years))
        if years
        else SentenceData(prison=Term(1), conditional=Term(1), probation_years=3)
    )
    _resave(judgment, verdicts, sentence_data, served_on=judgment.served_on, actor=actor, now=now)


def _verdicts_of(judgment: Judgment) -> dict:
    return {v.charge_id: (v.outcome, v.amended_statute) for v in judgment.verdicts}


def _resave(
    judgment: Judgment, verdicts: dict, sentence: SentenceData, *, served_on: date | None, actor, now: datetime
) -> None:
    """Save new verdicts, sentence or day of service, keeping the court, file number and day announced."""
    entry = JudgmentEntry(
        court=judgment.court,
        court_file_number=judgment.court_file_number,
        announced_on=judgment.announced_on,
        verdicts=verdicts,
        sentence=sentence,
        served_on=served_on,
    )
    services.update_judgment(judgment, entry, expected_version=judgment.version, actor=actor, now=now)


@demo_step(Stage.APPEAL)
def appeal(case: Case, *, actor, now: datetime) -> None:
    """The defence of every defendant announces an appeal; the case moves to `appeal`."""
    for judgment in _pending(case):
        services.lodge_appeal(judgment, party=Party.DEFENCE, lodged_on=_local_day(case, now), actor=actor, now=now)


@court_event("judgment_copy_served")
def serve_copy(case: Case, day: date, *, actor, now: datetime) -> None:
    """The registry enters the day the written judgment copy was served: the 4 weeks for the grounds begin."""
    for judgment in _pending(case):
        sentence = judgment.sentence
        prison = SentenceData(prison=Term(sentence.prison_years, sentence.prison_months, sentence.prison_days))
        _resave(judgment, _verdicts_of(judgment), prison, served_on=day, actor=actor, now=now)


@court_event("appeal_grounds_filed")
def file_grounds(case: Case, day: date, *, actor, now: datetime) -> None:
    """The defence's written grounds came in: the prosecutor records it on the case's deadlines."""
    record_trigger(case, "appeal_grounds_filed", day_moment(case, day, now), actor=actor, now=now)


def _pending(case: Case) -> list[Judgment]:
    return list(
        db.session.scalars(
            sa.select(Judgment).where(Judgment.case_id == case.id, Judgment.final_on.is_(None)).order_by(Judgment.id)
        )
    )
