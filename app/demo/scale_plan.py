"""When things happen in a generated case: the days of its stages, court facts and judgments.

A case is planned backwards from today: its stage is drawn first, then how long it has
been there, then how long each earlier stage lasted. Judgments are planned forwards from
the day they were announced, since their periods (counted by the deadline engine) decide
when an unappealed judgment became final. Every day lies before today, so every event of
a case has happened by the time it is loaded.
"""

import random
from datetime import date, timedelta

from app.cases.models import Stage
from app.demo.scale_catalogue import CLOSED_FROM, STAGE_MIX, Weighted
from app.demo.scale_deadlines import Place, RuleClock

S = Stage
FORWARD = (S.INTAKE, S.INVESTIGATION, S.CHARGING, S.INDICTED, S.TRIAL)
CLOSING = (S.DISCONTINUED, S.DIVERTED, S.TRANSFERRED)
#: Share of final cases that went through an appeal, and of appeals that were withdrawn.
APPEALED, WITHDRAWN = 0.4, 0.15
#: Share of investigations running past the three-year limit (§ 108a StPO): the overdue ones.
OVERDUE_INVESTIGATIONS = 0.03


class Timeline:
    """The days of one case: each stage's first day, the court facts and the judgment's days."""

    __slots__ = (
        "stage",
        "entered",
        "closed_from",
        "filed",
        "served",
        "effective",
        "confirmed",
        "announced",
        "copy_served",
        "lodged",
        "grounds_filed",
        "withdrawn",
        "decided",
        "final_on",
        "waived_at",
        "objection_filed",
    )

    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        #: [(stage, first day)] from intake to the current stage, in order.
        self.entered: list[tuple[Stage, date]] = []
        self.closed_from = None
        self.filed = self.served = self.effective = self.confirmed = None
        self.announced = self.copy_served = self.lodged = self.grounds_filed = self.withdrawn = None
        self.decided = self.final_on = self.waived_at = self.objection_filed = None

    @property
    def opened(self) -> date:
        return self.entered[0][1]

    def day_of(self, stage: Stage) -> date | None:
        for entered, day in self.entered:
            if entered == stage:
                return day
        return None

    @property
    def appealed(self) -> bool:
        return self.lodged is not None


class Planner:
    """Draw a stage and the days of a case at it, for an office at `place` whose today is `today`."""

    def __init__(self, rng: random.Random, clock: RuleClock) -> None:
        self.rng, self.clock = rng, clock
        self.stages = Weighted(STAGE_MIX)
        self.closed_from = {stage: Weighted(origins) for stage, origins in CLOSED_FROM.items()}
        rules = clock.rulebook
        self.announcement = rules.get("at_appeal_announcement")
        self.grounds = rules.get("at_appeal_grounds")
        self.objection = rules.get("at_indictment_objection")
        self.rs_appeal = rules.get("rs_appeal_judgment")

    def plan(self, place: Place, today: date, now) -> Timeline:
        rng = self.rng
        stage = self.stages.draw(rng)
        timeline = Timeline(stage)
        if stage in CLOSING:
            origin = self.closed_from[stage].draw(rng)
            closed_on = today - timedelta(days=rng.randint(1, 1500))
            timeline.closed_from = origin
            path = self._backwards(origin, closed_on - timedelta(days=max(1, self._elapsed(origin))))
            timeline.entered = [*path, (stage, closed_on)]
        elif stage in FORWARD:
            timeline.entered = self._backwards(stage, today - timedelta(days=self._elapsed(stage)))
        else:
            self._judgment(timeline, place, today, now)
        self._facts(timeline, place, timeline.entered[-1][1] if stage in CLOSING else today)
        return timeline

    def _elapsed(self, stage: Stage) -> int:
        """Days a case has spent at its current stage (or at the stage it was closed from)."""
        rng = self.rng
        if stage == S.INTAKE:
            return rng.randint(0, 14)
        if stage == S.INVESTIGATION:
            return rng.randint(1100, 1500) if rng.random() < OVERDUE_INVESTIGATIONS else rng.randint(1, 700)
        if stage == S.CHARGING:
            return rng.randint(1, 60)
        if stage == S.INDICTED:
            return rng.randint(1, 45)
        return rng.randint(1, 120)

    def _duration(self, stage: Stage) -> int:
        """Days a case spent at a stage it has left."""
        rng = self.rng
        if stage == S.INTAKE:
            return rng.randint(1, 14)
        if stage == S.INVESTIGATION:
            return 30 + min(int(rng.expovariate(1 / 120)), 870)
        if stage == S.CHARGING:
            return rng.randint(7, 60)
        if stage == S.INDICTED:
            return rng.randint(25, 120)
        return rng.randint(1, 90)

    def _backwards(self, stage: Stage, first_day: date) -> list[tuple[Stage, date]]:
        """The stages up to `stage`, which began on `first_day`, each begun the earlier stage's duration before."""
        index = FORWARD.index(stage)
        path = [(stage, first_day)]
        for earlier in reversed(FORWARD[:index]):
            first_day -= timedelta(days=self._duration(earlier))
            path.append((earlier, first_day))
        path.reverse()
        return path

    def _judgment(self, timeline: Timeline, place: Place, today: date, now) -> None:
        """Plan the judgment, its appeal and finality, then the stages before it."""
        rng, at = self.rng, place.jurisdiction == "AT"
        stage, lodged, appealed = timeline.stage, None, False
        if stage == S.JUDGMENT:
            announced = today - timedelta(days=rng.randint(1, 3 if at else 40))
        elif stage == S.APPEAL:
            lodged = today - timedelta(days=rng.randint(1, 250))
            announced = lodged - timedelta(days=rng.randint(1, 3) if at else rng.randint(6, 39))
        else:
            appealed = rng.random() < APPEALED
            announced = today - timedelta(days=rng.randint(1, 1500) + (420 if appealed else 50))
        timeline.announced = announced
        plan = self._austrian_judgment if at else self._serbian_judgment
        plan(timeline, place, today, now, lodged, appealed)
        announced = timeline.announced
        entered = [(S.JUDGMENT, announced)]
        if timeline.lodged is not None:
            entered.append((S.APPEAL, timeline.lodged))
        if timeline.final_on is not None:
            entered.append((S.FINAL, timeline.final_on))
        trial = announced - timedelta(days=self._duration(S.TRIAL))
        timeline.entered = [*self._backwards(S.TRIAL, trial), *entered]

    def _austrian_judgment(self, timeline, place, today, now, lodged, appealed) -> None:
        rng, announced, stage = self.rng, timeline.announced, timeline.stage
        period = self.clock.due(self.announcement, place, place.at(12, announced), None, None)
        if stage == S.JUDGMENT:
            if period.computed.due_at <= now:
                timeline.announced = today - timedelta(days=1)
            return
        if stage == S.FINAL and not appealed:
            timeline.waived_at = period.computed.due_at
            timeline.final_on = period.computed.due_date + timedelta(days=1)
            served = announced + timedelta(days=rng.randint(10, 30))
            timeline.copy_served = served if served < today else None
            return
        timeline.lodged = lodged or announced + timedelta(days=rng.randint(1, 3))
        served = announced + timedelta(days=rng.randint(14, 45))
        if served >= today:
            return
        timeline.copy_served = served
        grounds = self.clock.due(self.grounds, place, place.at(12, served), None, None)
        last_day = grounds.computed.due_date
        if stage == S.APPEAL:
            if grounds.computed.due_at < now:
                timeline.grounds_filed = served + timedelta(days=rng.randint(7, (last_day - served).days))
            return
        if rng.random() < WITHDRAWN:
            timeline.withdrawn = served + timedelta(days=rng.randint(1, (last_day - served).days))
            timeline.decided = timeline.withdrawn
        else:
            timeline.grounds_filed = served + timedelta(days=rng.randint(7, (last_day - served).days))
            timeline.decided = last_day + timedelta(days=rng.randint(30, 300))
        timeline.final_on = timeline.decided

    def _serbian_judgment(self, timeline, place, today, now, lodged, appealed) -> None:
        rng, announced, stage = self.rng, timeline.announced, timeline.stage
        if stage == S.APPEAL:
            timeline.copy_served = lodged - timedelta(days=rng.randint(1, min(14, (lodged - announced).days - 1)))
            timeline.lodged = lodged
            return
        served = announced + timedelta(days=rng.randint(5, 25))
        if stage == S.JUDGMENT:
            if served >= today:
                return
            period = self.clock.due(self.rs_appeal, place, place.at(12, served), None, None)
            if period.computed.due_at <= now:
                served = today - timedelta(days=rng.randint(1, 10))
                if served <= announced:
                    return
            timeline.copy_served = served
            return
        timeline.copy_served = served
        if not appealed:
            period = self.clock.due(self.rs_appeal, place, place.at(12, served), None, None)
            timeline.waived_at = period.computed.due_at
            timeline.final_on = period.computed.due_date + timedelta(days=1)
            return
        timeline.lodged = served + timedelta(days=rng.randint(1, 14))
        if rng.random() < WITHDRAWN:
            timeline.withdrawn = timeline.decided = timeline.lodged + timedelta(days=rng.randint(5, 60))
        else:
            timeline.decided = timeline.lodged + timedelta(days=rng.randint(40, 300))
        timeline.final_on = timeline.decided

    def _facts(self, timeline: Timeline, place: Place, until: date) -> None:
        """The indictment's days before `until`: filed and served (AT), taken effect (AT) or confirmed (RS)."""
        indicted, trial = timeline.day_of(S.INDICTED), timeline.day_of(S.TRIAL)
        if indicted is None:
            return
        rng = self.rng
        if place.jurisdiction == "AT":
            # The move to `indicted` is recorded once the indictment is served, with both days.
            timeline.served = indicted
            timeline.filed = indicted - timedelta(days=rng.randint(1, 5))
            objection = self.clock.due(self.objection, place, place.at(12, indicted), None, None)
            last_day = objection.computed.due_date
            if trial is not None:
                timeline.effective = min(last_day + timedelta(days=1), trial)
            elif last_day < until - timedelta(days=1) and rng.random() < 0.8:
                timeline.objection_filed = indicted + timedelta(days=rng.randint(3, (last_day - indicted).days))
        else:
            timeline.filed = indicted
            if trial is not None:
                timeline.confirmed = indicted + timedelta(days=rng.randint(1, max(1, (trial - indicted).days)))
