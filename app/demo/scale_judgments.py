"""Judgments of generated cases: a judgment per defendant with a verdict per charge, its sentence and appeal.

Sentences keep to what `app.judgments.validation.check_sentence` accepts: the term within
the gravest convicted offence's maximum, a conditional part no longer than the term and
with a probation period, no penalty without a conviction.
"""

import random
from decimal import Decimal

from app.cases.models import Stage
from app.demo.scale_plan import Timeline
from app.demo.scale_story import FINALIZE_HOUR, MOVE_HOUR, Accused

#: Share of defendants convicted, acquitted (the rest: convicted of the first charge only, when there are two).
CONVICTED, ACQUITTED = 0.85, 0.10
DAY_RATES = (Decimal("4.00"), Decimal("10.00"), Decimal("20.00"), Decimal("45.00"))
NOTHING = (0, 0, 0, False, 0, 0, 0, None, None, None, None, None, None, "")


class JudgmentWriter:
    """Decide the outcome of each defendant's trial and write the judgments, verdicts, sentences and appeals."""

    def __init__(self, rng: random.Random, values) -> None:
        self.rng, self.values = rng, values
        #: The chunk's id counters (app/demo/scale_writer.py Batch.ids).
        self.counters: dict = {}

    def decide(self, accused: list[Accused]) -> None:
        """Give each defendant an outcome and a sentence (before the story: detention follows the sentence)."""
        rng = self.rng
        for person in accused:
            draw = rng.random()
            if draw < CONVICTED or (draw >= CONVICTED + ACQUITTED and len(person.offences) == 1):
                person.outcome = "convicted"
            elif draw < CONVICTED + ACQUITTED:
                person.outcome = "acquitted"
            else:
                person.outcome = "partly"
            person.sentence = self._sentence(person)
            prison, conditional = (
                person.sentence[0] * 12 + person.sentence[1],
                person.sentence[4] * 12 + person.sentence[5],
            )
            person.serves = prison > conditional

    def _sentence(self, person: Accused) -> tuple:
        if person.outcome == "acquitted":
            return NOTHING
        rng, number = self.rng, self.values.number
        convicted = person.offences if person.outcome == "convicted" else person.offences[:1]
        gravest = max(offence.max_penalty_months for offence in convicted)
        confiscation = None
        if convicted[0].drugs and rng.random() < 0.2:
            confiscation = number(Decimal(rng.randint(5, 500) * 100))
        if gravest <= 36 and rng.random() < 0.25:
            rate = number(rng.choice(DAY_RATES))
            return (0, 0, 0, False, 0, 0, 0, None, rng.randint(40, 360), rate, None, confiscation, None, "")
        months = min(gravest, 3 + int(rng.expovariate(1 / 20)))
        conditional, probation = 0, None
        if months <= 24 and rng.random() < 0.6:
            conditional, probation = months, 3
        elif months <= 36 and rng.random() < 0.4:
            conditional, probation = months * 2 // 3, 3
        years, rest = divmod(months, 12)
        conditional_years, conditional_rest = divmod(conditional, 12)
        return (years, rest, 0, False, conditional_years, conditional_rest, 0, probation, None, None, None,
                confiscation, None, "")  # fmt: skip

    def write(self, case_id: int, file: int, office, timeline: Timeline, accused: list[Accused], rows) -> None:
        """The judgments of a case; `file` numbers the court's file."""
        values, counters, place = self.values, self.counters, office.place
        moment, day = values.moment, values.day
        entered = place.at(MOVE_HOUR, timeline.announced)
        final = timeline.stage == Stage.FINAL
        served = timeline.copy_served
        changed, version = entered, 1
        if served is not None:
            changed, version = max(changed, place.at(MOVE_HOUR, served)), version + 1
        if final:
            hour = MOVE_HOUR if timeline.appealed else FINALIZE_HOUR
            changed, version = max(changed, place.at(hour, timeline.final_on)), version + 1
        basis = ("appeal_decided" if timeline.appealed else "period_expired") if final else None
        if place.jurisdiction == "AT":
            letter = "abcdefghikmnpstvwxyz"[file % 20]
            file_number = f"{40 + office.number % 60:03d} Hv {file}/{timeline.announced.year % 100:02d}{letter}"
        else:
            file_number = f"K {file}/{timeline.announced.year}"
        row = (
            case_id,
            office.city.court,
            file_number,
            day(timeline.announced),
            None if served is None else day(served),
            day(timeline.final_on) if final else None,
            basis,
            None,
            office.clerk,
            moment(changed),
            version,
            moment(entered),
        )
        for person in accused:
            judgment_id = next(counters["judgments"])
            rows["judgments"].append((judgment_id, person.id, *row))
            for index, charge_id in enumerate(person.charge_ids):
                convicted = person.outcome == "convicted" or (person.outcome == "partly" and index == 0)
                outcome = "convicted" if convicted else "acquitted"
                rows["verdicts"].append((next(counters["verdicts"]), judgment_id, charge_id, outcome, ""))
            if timeline.appealed:
                rows["appeals"].append(self._appeal(next(counters["appeals"]), judgment_id, timeline, place, final))
            rows["sentences"].append((next(counters["sentences"]), judgment_id, None, True, *person.sentence))

    def _appeal(self, appeal_id: int, judgment_id: int, timeline: Timeline, place, final: bool) -> tuple:
        day = self.values.day
        party = "prosecution" if self.rng.random() < 0.15 else "defence"
        grounds = None if timeline.grounds_filed is None else day(timeline.grounds_filed)
        decision = ("withdrawn" if timeline.withdrawn is not None else "dismissed") if final else None
        decided = day(timeline.decided) if final else None
        lodged = place.at(MOVE_HOUR, timeline.lodged)
        return (appeal_id, judgment_id, party, day(timeline.lodged), grounds, decision, decided, final,
                self.values.moment(lodged))  # fmt: skip
