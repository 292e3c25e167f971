"""One generated case told in time order: custody, stage moves, court facts and judgments.

Events wait in a queue by moment. Each changes the case's state and its deadlines as the
services and their subscribers would (app/deadlines/subscribers.py): an arrest with
custody opens the custody limit, detention opens the reviews and the maximum, a move
opens, meets or closes what the stage asks. A detention review schedules its court
hearing on its act-by day, where the court continues the detention (opening the next
review) or releases the person; a maximum within reach ends the detention first, so no
one is held past a limit. Events after the present are not told.
"""

import heapq
import random
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from app.cases.models import Custody, Stage
from app.demo.scale_catalogue import CLOSING_REASONS, FORWARD_REASONS
from app.demo.scale_deadlines import CaseDeadlines, Pending, Place, RuleClock
from app.demo.scale_plan import CLOSING, Timeline

S = Stage
ARRESTED, DETAINED, RELEASED = Custody.ARRESTED.value, Custody.DETAINED.value, Custody.RELEASED.value
IN_CUSTODY = (ARRESTED, DETAINED)
STAGE_VALUES = {stage: stage.value for stage in Stage}
#: Hours of the day (office time) at which things are recorded.
DELIVERY_HOUR, HEARING_HOUR, FACT_HOUR, RELEASE_HOUR, MOVE_HOUR, AFTER_HOUR, FINALIZE_HOUR = 9, 11, 12, 15, 16, 17, 10
ONE_HOUR = timedelta(hours=1)
#: The event a court hearing records when it continues detention, by the review rule it holds.
CONTINUATION = {
    "at_detention_review_first": "detention_continued_first",
    "at_detention_review_second": "detention_continued",
    "at_detention_review_next": "detention_continued",
    "rs_detention_first_month": "detention_continued",
    "rs_detention_extended": "detention_continued",
    "rs_review_unconfirmed": "detention_reviewed_unconfirmed",
    "rs_review_unconfirmed_next": "detention_reviewed_unconfirmed",
    "rs_review_confirmed": "detention_reviewed_confirmed",
    "rs_review_confirmed_next": "detention_reviewed_confirmed",
}
FIRST_REVIEWS = frozenset({"at_detention_review_first", "rs_detention_first_month"})
MAXIMA = frozenset({"at_detention_maximum", "rs_detention_maximum"})
#: How often a review hearing releases the person: at the first hearing, at later ones.
RELEASE_AT_FIRST, RELEASE_LATER = 0.5, 0.3
#: A maximum this close ends the detention at a hearing, before the next review period could pass it.
MAXIMUM_MARGIN = timedelta(days=75)
#: Extensions in Serbian investigations run two months (ZKP art. 215).
EXTENSION = relativedelta(months=2)


class Accused:
    """A defendant of a generated case and what becomes of them."""

    __slots__ = (
        "id",
        "person_id",
        "last_name",
        "offences",
        "charge_ids",
        "offence_class",
        "custody",
        "since",
        "arrested_at",
        "custody_followed",
        "detain",
        "outcome",
        "sentence",
        "serves",
    )

    def __init__(self, defendant_id: int, person_id: int, last_name: str, offences, charge_ids, offence_class) -> None:
        self.id, self.person_id, self.last_name = defendant_id, person_id, last_name
        self.offences, self.charge_ids, self.offence_class = offences, charge_ids, offence_class
        self.custody, self.since = Custody.AT_LIBERTY.value, None
        self.arrested_at = None
        self.custody_followed = self.detain = False
        #: "convicted", "acquitted" or "partly" (convicted of the first charge only); set for judged cases.
        self.outcome = None
        #: The sentence's values, in the column order of `sentences` after judgment_id and appeal_id.
        self.sentence = None
        #: Whether the sentence has an unconditional prison term to serve.
        self.serves = False


class Story:
    """Tell a planned case, keeping its stage, custody, moves and deadlines."""

    def __init__(
        self,
        case_id: int,
        place: Place,
        timeline: Timeline,
        accused: list[Accused],
        prosecutor: int | None,
        clerk: int,
        *,
        now: datetime,
        rng: random.Random,
        clock: RuleClock,
        deadline_ids,
        move_ids,
        grounds: dict,
    ) -> None:
        self.case_id, self.place, self.timeline, self.accused = case_id, place, timeline, accused
        self.prosecutor, self.clerk, self.now, self.rng = prosecutor, clerk, now, rng
        self.move_ids, self.grounds = move_ids, grounds
        classes = {person.id: person.offence_class for person in accused}
        self.deadlines = CaseDeadlines(clock, place, classes, deadline_ids.__next__)
        self.queue: list = []
        self.scheduled = 0
        self.stage = S.INTAKE
        #: (id, case id, from, to, grounds, reason, facts as JSON, actor, moment) of each move.
        self.moves: list[tuple] = []
        self.last: datetime | None = None
        self.stage_changed_at: datetime | None = None

    def at(self, moment: datetime, handler, *args) -> None:
        heapq.heappush(self.queue, (moment, self.scheduled, handler, args))
        self.scheduled += 1

    def tell(self, created: datetime) -> None:
        """Schedule everything the plan says, then run it in time order up to the present."""
        self.last = self.stage_changed_at = created
        for person in self.accused:
            if person.arrested_at is not None and person.custody_followed:
                self._custody(person)
        self._stages()
        now, queue = self.now, self.queue
        while queue:
            moment, _order, handler, args = heapq.heappop(queue)
            if moment > now:
                break
            handler(moment, *args)
            if moment > self.last:
                self.last = moment

    # Custody

    def _custody(self, person: Accused) -> None:
        arrested, place = person.arrested_at, self.place
        day = place.today(arrested)
        self.at(arrested + ONE_HOUR, self.arrest, person)
        if place.jurisdiction == "AT":
            if person.detain or self.rng.random() < 0.5:
                self.at(place.at(DELIVERY_HOUR, day + timedelta(days=1)), self.delivery, person)
                decision = place.at(HEARING_HOUR, day + timedelta(days=2))
            else:
                decision = arrested + timedelta(hours=6)
        else:
            decision = place.at(HEARING_HOUR, day + timedelta(days=1))
        self.at(decision, self.detention if person.detain else self.release, person)

    def arrest(self, moment: datetime, person: Accused) -> None:
        person.custody, person.since = ARRESTED, person.arrested_at
        self._apply("arrest_custody", person.arrested_at, moment, person.id)

    def delivery(self, moment: datetime, person: Accused) -> None:
        if person.custody == ARRESTED:
            self._apply("prison_delivery", moment, moment, person.id)

    def detention(self, moment: datetime, person: Accused) -> None:
        if person.custody == ARRESTED:
            person.custody, person.since = DETAINED, moment
            self._apply("detention_imposed", moment, moment, person.id)

    def release(self, moment: datetime, person: Accused, custody: str = RELEASED) -> None:
        if person.custody in IN_CUSTODY:
            person.custody, person.since = custody, moment
            self._apply("released", moment, moment, person.id)

    def hearing(self, moment: datetime, person: Accused, review: Pending) -> None:
        """The court reviews detention on the review's act-by day: it continues it or releases the person."""
        if review.status != "open" or person.custody != DETAINED:
            return
        effective = self.timeline.effective
        if effective is not None and moment.date() >= effective:
            return  # the indictment took effect: the reviews end with it (recorded with the move to trial)
        maximum = self.deadlines.open_of(person.id, MAXIMA)
        near = maximum is not None and maximum.due.computed.act_by <= moment.date() + MAXIMUM_MARGIN
        chance = RELEASE_AT_FIRST if review.rule.id in FIRST_REVIEWS else RELEASE_LATER
        if near or self.rng.random() < chance:
            self.release(moment, person)
            return
        event, end_at = CONTINUATION[review.rule.id], None
        if event == "detention_continued" and self.place.jurisdiction == "RS":
            end_at = moment.date() + EXTENSION
            if end_at <= review.due.computed.due_date:
                self.release(moment, person)
                return
        self._apply(event, moment, moment, person.id, end_at=end_at)

    def _before_trial(self, moment: datetime, trial_day: date) -> None:
        """Release whoever would be held past their maximum before the main hearing starts."""
        for person in self.accused:
            maximum = self.deadlines.open_of(person.id, MAXIMA)
            if person.custody == DETAINED and maximum is not None and maximum.due.computed.act_by <= trial_day:
                self.release(moment, person)

    def _apply(self, event, when, now, defendant=None, *, end_at=None, actor="prosecutor") -> None:
        actor_id = self.prosecutor if actor == "prosecutor" else self.clerk if actor == "clerk" else None
        for opened in self.deadlines.apply(event, when, now=now, actor=actor_id, defendant=defendant, end_at=end_at):
            if opened.rule.id in CONTINUATION:
                person = next(person for person in self.accused if person.id == opened.defendant)
                self.at(self.place.at(HEARING_HOUR, opened.due.computed.act_by), self.hearing, person, opened)

    # Stages

    def _stages(self) -> None:
        timeline, place = self.timeline, self.place
        at = place.at
        for stage, day in timeline.entered[1:]:
            if stage in CLOSING:
                for person in self.accused:
                    custody = Custody.HANDED_OVER.value if stage == S.TRANSFERRED else RELEASED
                    self.at(at(RELEASE_HOUR, day), self.release, person, custody)
                self.at(at(MOVE_HOUR, day), self.close, stage)
            elif stage == S.JUDGMENT:
                self.at(at(MOVE_HOUR, day), self.judgment)
            elif stage == S.APPEAL:
                self.at(at(MOVE_HOUR, day), self.appeal)
            elif stage == S.FINAL:
                self._finality(day)
            else:
                self.at(at(MOVE_HOUR, day), self.forward, stage)
        if timeline.objection_filed is not None:
            self.at(
                at(MOVE_HOUR, timeline.objection_filed), self.court_event, "objection_filed", timeline.objection_filed
            )
        trial = timeline.day_of(S.TRIAL)
        if timeline.effective is not None and trial is not None:
            self.at(at(HEARING_HOUR, timeline.effective), self._before_trial, trial)
        if timeline.copy_served is not None and (timeline.appealed or place.jurisdiction == "RS"):
            self.at(at(MOVE_HOUR, timeline.copy_served), self.copy_served)
        if timeline.grounds_filed is not None:
            self.at(
                at(MOVE_HOUR, timeline.grounds_filed), self.court_event, "appeal_grounds_filed", timeline.grounds_filed
            )

    def _move(self, moment: datetime, to: Stage, *, actor, facts=None, grounds=None, reason="") -> int:
        move_id = next(self.move_ids)
        facts_json = (
            "{" + ", ".join(f'"{name}": "{day.isoformat()}"' for name, day in facts.items()) + "}" if facts else "{}"
        )
        self.moves.append(
            (
                move_id,
                self.case_id,
                STAGE_VALUES[self.stage],
                STAGE_VALUES[to],
                grounds,
                reason,
                facts_json,
                actor,
                moment,
            )
        )
        self.stage, self.stage_changed_at = to, moment
        return move_id

    def forward(self, moment: datetime, to: Stage) -> None:
        timeline, place, apply = self.timeline, self.place, self._apply
        at_rules = place.jurisdiction == "AT"
        facts = {}
        if to == S.INDICTED:
            facts = (
                {"filed_on": timeline.filed, "served_on": timeline.served} if at_rules else {"filed_on": timeline.filed}
            )
        elif to == S.TRIAL:
            facts = {"effective_on": timeline.effective} if at_rules else {"confirmed_on": timeline.confirmed}
        self._move(moment, to, actor=self.prosecutor, facts=facts, reason=FORWARD_REASONS[to])
        if to == S.INVESTIGATION:
            apply("investigation_opened", moment, moment)
        elif to == S.INDICTED:
            filed = place.at(FACT_HOUR, timeline.filed)
            apply("investigation_ended", filed, moment)
            if at_rules:
                apply("indictment_served", place.at(FACT_HOUR, timeline.served), moment)
            else:
                self._per_detained("indictment_filed_detained", filed, moment)
        elif to == S.TRIAL:
            if at_rules:
                apply("indictment_effective", place.at(FACT_HOUR, timeline.effective), moment)
            else:
                self._per_detained("indictment_confirmed_detained", place.at(FACT_HOUR, timeline.confirmed), moment)
            apply("trial_started", moment, moment)

    def _per_detained(self, event: str, when: datetime, moment: datetime) -> None:
        for person in self.accused:
            if person.custody == DETAINED:
                self._apply(event, when, moment, person.id)

    def close(self, moment: datetime, to: Stage) -> None:
        jurisdiction, origin = self.place.jurisdiction, self.stage
        choices = [code for code, _label in self.grounds[(jurisdiction, to)] if code in CLOSING_REASONS]
        if to == S.DISCONTINUED:
            withdrawal = "at_227" if jurisdiction == "AT" else "rs_withdrawal"
            choices = [withdrawal] if origin == S.INDICTED else [code for code in choices if code != withdrawal]
        code = self.rng.choice(choices)
        move_id = self._move(moment, to, actor=self.prosecutor, grounds=code, reason=CLOSING_REASONS[code])
        self.deadlines.close_with_case(move_id, now=moment, actor=self.prosecutor)

    def court_event(self, moment: datetime, event: str, day: date) -> None:
        self._apply(event, self.place.at(FACT_HOUR, day), moment)

    # Judgments

    def judgment(self, moment: datetime) -> None:
        announced = self.place.at(FACT_HOUR, self.timeline.announced)
        for person in self.accused:
            self._apply("judgment_announced", announced, moment, person.id, actor="clerk")
        self._move(moment, S.JUDGMENT, actor=self.clerk, reason=FORWARD_REASONS[S.JUDGMENT])
        for person in self.accused:
            if not person.serves:
                self.at(moment + ONE_HOUR, self.release, person)

    def copy_served(self, moment: datetime) -> None:
        served = self.place.at(FACT_HOUR, self.timeline.copy_served)
        for person in self.accused:
            self._apply("judgment_copy_served", served, moment, person.id, actor="clerk")

    def appeal(self, moment: datetime) -> None:
        lodged = self.place.at(FACT_HOUR, self.timeline.lodged)
        for person in self.accused:
            self._apply("appeal_announced", lodged, moment, person.id, actor="clerk")
        self._move(moment, S.APPEAL, actor=self.clerk, reason=FORWARD_REASONS[S.APPEAL])

    def _finality(self, day: date) -> None:
        timeline, at = self.timeline, self.place.at
        if timeline.appealed:
            if timeline.withdrawn is not None:
                self.at(at(MOVE_HOUR, timeline.withdrawn), self.court_event, "appeal_withdrawn", timeline.withdrawn)
            self.at(at(MOVE_HOUR, day), self.final, self.clerk)
        else:
            self.at(at(FINALIZE_HOUR, day), self.waived)
            self.at(at(FINALIZE_HOUR, day), self.final, None)

    def waived(self, moment: datetime) -> None:
        """The appeal periods passed unused (`flask judgments finalize`)."""
        for person in self.accused:
            self._apply("appeal_waived", self.timeline.waived_at, moment, person.id, actor=None)

    def final(self, moment: datetime, actor: int | None) -> None:
        self._move(moment, S.FINAL, actor=actor, reason=FORWARD_REASONS[S.FINAL])
        for person in self.accused:
            if person.custody == DETAINED:
                self.at(moment + ONE_HOUR, self.release, person, Custody.SERVING_SENTENCE.value)
