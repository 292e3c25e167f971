"""Load "Operation Street Runner – Cloud Project", the reference operation, as demo data.

The plan (app/demo/story.py, app/demo/proceedings.py) is replayed in time order through
the services, so every case has the timeline, audit trail and domain events it would
have had if the office had recorded it day by day; the court holds each detention
review on its day as the replay reaches it (app/demo/detention.py). The story is moved
so that its latest arrest lies a week before the demo's present; `as_of=date(2019, 9, 2)`
keeps its historical dates.
"""

import heapq
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.auth.models import Office, User
from app.cases.models import (
    Arrest,
    Case,
    Custody,
    Defendant,
    Jurisdiction,
    OffenceClass,
    Person,
    SeizureCategory,
    Stage,
)
from app.cases.moves import EFFECTIVE, record_stage_fact
from app.cases.pipeline import transition
from app.cases.services import add_charge, create_person, open_case, record_arrest, record_seizure, set_custody
from app.demo.accounts import DEMO_DOMAIN
from app.demo.detention import ReviewHearings
from app.demo.proceedings import CUSTODY_DECISION, PRESENT, STORY_ENDS
from app.demo.story import STARTED_ON, Plan, PlannedArrest, plan
from app.errors import DomainError
from app.extensions import db
from app.operations.models import Operation
from app.operations.services import attach, create_operation

CODE = "STREET-RUNNER"
NAME = "Operation Street Runner – Cloud Project"
#: The historical present: a week after the latest arrest (26 Aug 2019).
HISTORICAL_PRESENT = PRESENT.date()
COURT = "Landesgericht für Strafsachen Wien"
PARTNERS = [
    "Ministry of Interior of the Republic of Serbia, Criminal Police Directorate – Belgrade Police Administration",
    "Hungarian National Bureau of Investigation (Nemzeti Nyomozó Iroda), Budapest",
]
FRAMEWORK = "Police Cooperation Convention for Southeast Europe (PCC SEE)"


class Charge(NamedTuple):
    """A charge the demo brings, as `add_charge` takes it."""

    statute: str
    offence_class: OffenceClass
    max_penalty_months: int
    description: str


TRAFFICKING = Charge(
    "§ 28a Abs. 1, 4 Z 3 SMG", OffenceClass.FELONY, 180, "Drug trafficking in a quantity over 25 times the threshold"
)
DEALING = Charge("§ 27 Abs. 1 Z 1, Abs. 2a SMG", OffenceClass.MISDEMEANOUR, 24, "Drug dealing in a public place")
FIREARMS = Charge("§ 50 Abs. 1 Z 1 WaffG", OffenceClass.MISDEMEANOUR, 12, "Unlawful possession of firearms")
REASONS = {
    Stage.INVESTIGATION: "investigation opened after the arrest report",
    Stage.CHARGING: "investigation concluded; indictment in preparation",
    Stage.INDICTED: f"indictment filed with the {COURT}",
    Stage.TRIAL: "main hearing scheduled",
    Stage.JUDGMENT: "first-instance judgment announced",
    Stage.FINAL: "judgment final",
}

#: What other features do to bring a demo case into a stage whose guards need their data,
#: e.g. the judgments feature enters verdicts before `judgment` and finality before `final`.
#: A step is called as step(case, actor=, now=); it may move the case itself. Whatever stage
#: the case has not reached after the steps, `transition` then moves it to.
STAGE_STEPS: dict[Stage, list[Callable]] = defaultdict(list)
#: What other features record for a court event of the plan that is theirs (e.g. the judgment
#: copy served), called as record(case, day, actor=, now=).
COURT_EVENTS: dict[str, Callable] = {}


def demo_step(stage: Stage) -> Callable:
    """Register the decorated function as a step towards `stage` for the demo's cases."""

    def register(step: Callable) -> Callable:
        if step not in STAGE_STEPS[stage]:
            STAGE_STEPS[stage].append(step)
        return step

    return register


def court_event(kind: str) -> Callable:
    """Register the decorated function as what the demo records for a court event of the plan."""

    def register(record: Callable) -> Callable:
        COURT_EVENTS[kind] = record
        return record

    return register


@dataclass(frozen=True)
class Placement:
    """Where the story lies in time: `days` after its historical dates, in the office's zone."""

    present: datetime
    days: int
    zone: ZoneInfo

    def at(self, local: datetime) -> datetime:
        """A historical Vienna wall-clock time, moved to the demo's time, in UTC."""
        return (local + timedelta(days=self.days)).replace(tzinfo=self.zone).astimezone(UTC)

    def day(self, historical: date) -> date:
        return historical + timedelta(days=self.days)


def placement(as_of: date | None, *, clock: datetime, zone: ZoneInfo) -> Placement:
    """Place the story so its latest arrest lies a week before `as_of` (8:00 that day) or before `clock`."""
    if as_of is None:
        present, today = clock, clock.astimezone(zone).date()
    else:
        present, today = datetime.combine(as_of, time(8, 0), zone).astimezone(UTC), as_of
    return Placement(present, (today - HISTORICAL_PRESENT).days, zone)


def operation_loaded() -> bool:
    return db.session.scalar(sa.select(Operation.id).where(Operation.code == CODE)) is not None


@dataclass
class Loaded:
    operation: Operation
    created: bool
    #: Days the story was moved from its historical dates (0 for --as-of 2019-09-02).
    shift_days: int
    #: The demo's present: the time to record anything added now, after the story.
    present: datetime
    #: Cases that stopped short of their planned stage because a guard refused, with the reason.
    held_back: list[str]


def load_operation(office: Office, *, as_of: date | None, clock: datetime) -> Loaded:
    """Create the operation and its cases, unless an operation with its code exists."""
    when = placement(as_of, clock=clock, zone=ZoneInfo(office.timezone))
    existing = db.session.scalar(sa.select(Operation).where(Operation.code == CODE))
    if existing is not None:
        return Loaded(existing, False, when.days, when.present, [])
    story = plan(when.days)
    cast = _cast()
    opened_at = when.at(datetime.combine(STARTED_ON, time(9, 0)))
    operation = create_operation(
        office=office,
        code=CODE,
        name=NAME,
        started_on=when.day(STARTED_ON),
        countries=["AT", "RS", "HU"],
        partner_agencies=PARTNERS,
        legal_framework=FRAMEWORK,
        description=_description(when),
        actor=cast["supervisor"],
        now=opened_at,
    )
    attach(operation, [*cast["prosecutors"], cast["investigator"]], actor=cast["supervisor"], now=opened_at)
    replay = _Replay(office, operation, story, when, cast)
    replay.run()
    return Loaded(db.session.get(Operation, replay.operation_id), True, when.days, when.present, replay.refusals)


def _cast() -> dict:
    users = {
        user.email.split("@")[0]: user
        for user in db.session.scalars(sa.select(User).where(User.email.endswith("@" + DEMO_DOMAIN)))
    }
    return {
        "supervisor": users["supervisor"],
        "investigator": users["investigator"],
        "prosecutors": [users[f"prosecutor{n}"] for n in range(1, 17)],
    }


def _description(when: Placement) -> str:
    start, end = when.day(date(2019, 7, 30)), when.day(date(2019, 8, 1))
    meeting = f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return (
        "Joint investigation of the Vienna criminal police and the Belgrade police against groups trafficking "
        "heroin and cocaine from Serbia to Austria, through Hungary. About 40 telephone interceptions, "
        f"undercover operations and surveillance. Joint operational meeting in Vienna, {meeting}: recorded "
        "calls shared with the Serbian investigators."
    )


class _Replay:
    """Record the plan's events through the services, in the order they happened.

    Events wait in a queue by time, so that one event can schedule another (a detention
    review hearing on the act-by day of the review it holds). Objects are looked up by
    id for every event, and the session is emptied of the case files every CHECKPOINT
    events: each audited change runs an ORM update that scans the session's identity map,
    so letting thousands of timeline entries pile up there would make the load quadratic.
    """

    CHECKPOINT = 1000

    def __init__(self, office: Office, operation: Operation, story: Plan, when: Placement, cast: dict):
        self.story, self.when = story, when
        self.office_id, self.operation_id = office.id, operation.id
        self.cast = {
            role: [user.id for user in users] if isinstance(users, list) else users.id for role, users in cast.items()
        }
        self.ids: dict[tuple[type, int], int] = {}
        self.queue: list[tuple[datetime, int, Callable[[datetime], None]]] = []
        self.scheduled = 0
        self.held_back: set[int] = set()
        self.refusals: list[str] = []
        self.reviews = ReviewHearings(self.at, present=when.present, story_ends=when.at(STORY_ENDS))

    def run(self) -> None:
        for case in self.story.cases:
            self._plan_case(case)
        done = 0
        while self.queue:
            moment, _order, action = heapq.heappop(self.queue)
            action(moment)
            done += 1
            if done % self.CHECKPOINT == 0:
                self._checkpoint()

    def at(self, moment: datetime, action: Callable[[datetime], None]) -> None:
        """Schedule `action` at a moment (UTC); actions at the same moment run in the order scheduled."""
        heapq.heappush(self.queue, (moment, self.scheduled, action))
        self.scheduled += 1

    def _checkpoint(self) -> None:
        """Write what is pending and forget the case files; keep the office's people, which every event uses."""
        db.session.flush()
        for instance in list(db.session):
            if not isinstance(instance, (User, Office, Operation)) and instance in db.session:
                db.session.expunge(instance)  # (a case takes its defendants with it)

    def _get(self, model: type, key: int):
        return db.session.get(model, self.ids[(model, key)])

    def _user(self, role: str, index: int | None = None) -> User:
        user_id = self.cast[role] if index is None else self.cast[role][index]
        return db.session.get(User, user_id)

    def _add(self, local: datetime, action: Callable[[datetime], None]) -> None:
        self.at(self.when.at(local), action)

    def _plan_case(self, case) -> None:
        story, first = self.story, self.story.arrests[case.arrests[0]]
        self._add(first.at + timedelta(hours=2), lambda now: self._open(case, now))
        weapons = {
            story.seizures[i].arrest for i in case.seizures if story.seizures[i].category == SeizureCategory.WEAPON
        }
        drugs = any(story.seizures[i].category == SeizureCategory.DRUG for i in case.seizures)
        for number in case.arrests:
            arrest = story.arrests[number]
            self._add(arrest.at + timedelta(hours=2), lambda now, n=number: self._arrest(n, now))
            charges = [TRAFFICKING if drugs else DEALING] + ([FIREARMS] if number in weapons else [])
            self._add(arrest.at + timedelta(hours=26), lambda now, n=number, c=charges: self._charge(n, c, now))
            if arrest.custody_followed:
                self._add(arrest.at + CUSTODY_DECISION, lambda now, n=number: self._custody(n, now))
            if arrest.released_at is not None:
                self._add(arrest.released_at, lambda now, n=number: self._release(n, now))
        for number in case.seizures:
            self._add(story.seizures[number].at + timedelta(hours=2), lambda now, n=number: self._seizure(n, now))
        for stage, local in case.transitions:
            self._add(local, lambda now, s=stage: self._move(case.index, s, now))
        for kind, local in case.court_events:
            self._add(local, lambda now, k=kind: self._court_event(case.index, k, now))

    def _prosecutor_of(self, case_index: int) -> User:
        return self._user("prosecutors", self.story.cases[case_index].prosecutor)

    def _open(self, case, now: datetime) -> None:
        opened = now.astimezone(self.when.zone).date()
        kase = open_case(
            office=db.session.get(Office, self.office_id),
            reference=case.reference,
            title=case.title,
            jurisdiction=Jurisdiction.AT,
            opened_on=opened,
            operation=db.session.get(Operation, self.operation_id),
            prosecutor=self._prosecutor_of(case.index),
            court=COURT,
            actor=self._user("supervisor"),
            now=now,
        )
        self.ids[(Case, case.index)] = kase.id

    def _move(self, index: int, stage: Stage, now: datetime) -> None:
        if index in self.held_back:
            return
        kase, prosecutor = self._get(Case, index), self._prosecutor_of(index)
        for step in STAGE_STEPS[stage]:
            step(kase, actor=prosecutor, now=now)
        if kase.stage == stage:
            return
        facts = {
            name: self.when.day(day).isoformat() for name, day in self.story.cases[index].facts.get(stage, {}).items()
        }
        try:
            transition(kase, stage, actor=prosecutor, now=now, reason=REASONS[stage], facts=facts)
        except DomainError as refused:
            # Only a guard of a later feature can refuse (e.g. verdicts before judgment) until
            # that feature adds its demo step; the case then stays where it is.
            self.held_back.add(index)
            self.refusals.append(f"{kase.reference} stays at {kase.stage.value}: {refused}")

    def _arrest(self, number: int, now: datetime) -> None:
        planned: PlannedArrest = self.story.arrests[number]
        investigator = self._user("investigator")
        if (Person, planned.suspect) in self.ids:
            person = self._get(Person, planned.suspect)
        else:
            suspect = self.story.suspects[planned.suspect]
            office = db.session.get(Office, self.office_id)
            person = create_person(office=office, **asdict(suspect), actor=investigator, now=now)
            self.ids[(Person, planned.suspect)] = person.id
        kase = self._get(Case, planned.case)
        arrest = record_arrest(
            kase,
            person,
            arrested_at=self.when.at(planned.at),
            place=planned.place,
            agency=planned.agency,
            custody_followed=planned.custody_followed,
            actor=investigator,
            now=now,
        )
        self.ids[(Arrest, number)] = arrest.id
        self.ids[(Defendant, number)] = next(d.id for d in kase.defendants if d.person_id == person.id)

    def _charge(self, number: int, charges: list[Charge], now: datetime) -> None:
        prosecutor = self._prosecutor_of(self.story.arrests[number].case)
        for charge in charges:
            add_charge(self._get(Defendant, number), **charge._asdict(), life_possible=False, actor=prosecutor, now=now)

    def _custody(self, number: int, now: datetime) -> None:
        planned = self.story.arrests[number]
        prosecutor, defendant = self._prosecutor_of(planned.case), self._get(Defendant, number)
        if planned.detained:
            set_custody(
                defendant,
                Custody.DETAINED,
                actor=prosecutor,
                now=now,
                reason=f"pre-trial detention imposed by the {COURT}",
            )
            self.reviews.after_detention(defendant)
        else:
            set_custody(
                defendant,
                Custody.RELEASED,
                actor=prosecutor,
                now=now,
                reason="released on the prosecutor's order; no grounds for detention",
            )

    def _seizure(self, number: int, now: datetime) -> None:
        planned = self.story.seizures[number]
        arrest = self._get(Arrest, planned.arrest) if planned.arrest is not None else None
        record_seizure(
            self._get(Case, planned.case),
            category=planned.category,
            substance=planned.substance,
            quantity=planned.quantity,
            unit=planned.unit,
            arrest=arrest,
            seized_on=self.when.at(planned.at).astimezone(self.when.zone).date(),
            actor=self._user("investigator"),
            now=now,
        )

    def _release(self, number: int, now: datetime) -> None:
        planned = self.story.arrests[number]
        defendant = self._get(Defendant, number)
        if defendant.custody == Custody.DETAINED:
            set_custody(
                defendant,
                Custody.RELEASED,
                actor=self._prosecutor_of(planned.case),
                now=now,
                reason=planned.release_reason,
            )

    def _court_event(self, index: int, kind: str, now: datetime) -> None:
        if index in self.held_back:
            return
        planned, kase, prosecutor = self.story.cases[index], self._get(Case, index), self._prosecutor_of(index)
        today = now.astimezone(self.when.zone).date()
        if kind == "indictment_effective":  # recorded with the day it took effect, which the court's notice follows
            day = self.when.day(planned.facts[Stage.TRIAL]["effective_on"])
            record_stage_fact(kase, EFFECTIVE, day, actor=prosecutor, now=now, today=today)
        else:
            COURT_EVENTS[kind](kase, today, actor=prosecutor, now=now)
