"""Generated cases as rows: the case, its people, charges, arrests, seizures, moves, deadlines and judgments."""

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from app.cases.grounds import GROUNDS
from app.cases.models import Stage
from app.cases.names import plain, search_key
from app.deadlines.services import offence_class_of
from app.demo.scale_catalogue import (
    DRUG_SEIZURES,
    FIRST_NAMES,
    LAST_NAMES,
    NAME_SOURCE,
    NATIONALITY_MIX,
    NICKNAMES,
    OFFENCES,
    OTHER_SEIZURES,
    City,
    Draws,
    Weighted,
)
from app.demo.scale_deadlines import Place, RuleClock
from app.demo.scale_judgments import JudgmentWriter
from app.demo.scale_notices import Notices
from app.demo.scale_plan import Planner
from app.demo.scale_story import STAGE_VALUES, Accused, Story
from app.demo.scale_writer import Batch, Ids, Values

#: Defendants per case (weights for 1, 2, 3, …): about 1.65 on average.
DEFENDANTS = (57, 27, 11, 3.5, 1.5)
#: Share of defendants who are persons already known to the office (about 1.3 persons per 1.65 defendants).
KNOWN_PERSON = 0.212
#: Share of defendants with a second charge (about 2 charges per case).
SECOND_CHARGE = 0.22
#: Share of cases that began with arrests; of the arrested, custody followed; of those, detention imposed.
ARRESTS, CUSTODY, DETENTION = 0.35, 0.8, 0.4
#: Known persons kept per office for reuse in later cases of the chunk.
POOL = 5000
ASSIGNED = "Assigned when the demo data was generated (flask demo scale)"
CHECK_LETTERS = "abcdefghikmnpstvwxyz"


class Office:
    """A generated office: its seat, law and zone, its people and the persons it knows."""

    def __init__(self, *, office_id: int, number: int, city: City, place: Place, today: date, supervisor, clerk):
        self.id, self.number, self.city, self.place, self.today = office_id, number, city, place, today
        self.supervisor, self.clerk = supervisor, clerk
        self.name = ""
        self.prosecutors: list[int] = []
        #: User id → (e-mail, name) of the office's accounts.
        self.people: dict[int, tuple[str, str]] = {}
        #: The office's row and its accounts' rows.
        self.row: tuple = ()
        self.user_rows: list[tuple] = []
        #: Persons of the current chunk, some of whom come back as defendants in later cases: (id, last name).
        self.known: list[tuple[int, str]] = []


class CaseMaker:
    """Make chunks of cases of the offices into batches of rows.

    A chunk's random choices come from the run's seed and the chunk's number alone.
    """

    def __init__(
        self, *, seed: int, clock: RuleClock, values: Values, now: datetime, offices: list[Office], mail_from: str
    ) -> None:
        self.seed, self.clock, self.values, self.now, self.offices = seed, clock, values, now, offices
        self.weights = [len(office.prosecutors) for office in offices]
        self.rng = rng = Draws(seed)
        self.planner = Planner(rng, clock)
        self.judgments = JudgmentWriter(rng, values)
        self.notices = Notices(values, now, mail_from)
        self.counters: dict = {}
        self.ordinal = 0
        self._search: dict[tuple, str] = {}
        self._classes: dict[tuple, str | None] = {}
        self._offences = {j: Weighted((o, o.weight) for o in offences) for j, offences in OFFENCES.items()}
        self._nationalities = {j: Weighted(mix) for j, mix in NATIONALITY_MIX.items()}
        self._defendants = Weighted(enumerate(DEFENDANTS, 1))

    def chunk(self, number: int, first: int, size: int, ids: Ids) -> Batch:
        """Make the cases `first` … `first + size - 1` of the run (counted from 1) as chunk `number`."""
        batch = Batch(ids)
        self.rng.seed(self.seed * 1_000_003 + number)
        self.counters = self.judgments.counters = self.notices.counters = batch.ids
        for office in self.offices:
            office.known.clear()
        for ordinal, office in enumerate(self.rng.choices(self.offices, self.weights, k=size), first):
            self.ordinal = ordinal
            self.make(office, batch)
        return batch

    def make(self, office: Office, batch: Batch) -> None:
        rng, values, now, place = self.rng, self.values, self.now, office.place
        rows, moment = batch.rows, values.moment
        timeline = self.planner.plan(place, office.today, now)
        created = place.at(rng.randint(8, 20), timeline.opened)
        if created > now - timedelta(hours=1):
            created = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=rng.randint(1, 3))
            timeline.entered[0] = (Stage.INTAKE, place.today(created))
        case_id = next(self.counters["cases"])
        desk = rng.randrange(len(office.prosecutors))
        prosecutor = office.prosecutors[desk]
        accused = self._accused(office, created, rows)
        arrest_ids = self._arrests(office, case_id, accused, created, prosecutor, rows)
        if timeline.announced is not None:
            self.judgments.decide(accused)
        story = Story(
            case_id,
            place,
            timeline,
            accused,
            prosecutor,
            office.clerk,
            now=now,
            rng=rng,
            clock=self.clock,
            deadline_ids=self.counters["deadlines"],
            move_ids=self.counters["stage_moves"],
            grounds=GROUNDS,
        )
        story.tell(created)
        self._seizures(place, case_id, accused, arrest_ids, timeline, story.last, prosecutor, rows)
        reference = self._reference(office, desk, timeline.opened)
        main = accused[0]
        title = f"{main.offences[0].short} – {main.last_name}" + (" and others" if len(accused) > 1 else "")
        created_value = moment(created)
        rows["cases"].append(
            (
                case_id,
                office.id,
                reference,
                title,
                place.jurisdiction,
                None,
                prosecutor,
                office.city.court,
                STAGE_VALUES[story.stage],
                rng.random() < 0.01,
                values.day(timeline.opened),
                moment(story.stage_changed_at),
                moment(story.last),
                1 + len(story.moves),
                created_value,
            )
        )
        defendants = rows["defendants"]
        for person in accused:
            since = None if person.since is None else moment(person.since)
            defendants.append((person.id, case_id, person.person_id, person.custody, since, created_value))
        moves = rows["stage_moves"]
        for move in story.moves:
            moves.append((*move[:8], moment(move[8])))
        rows["deadlines"].extend(story.deadlines.rows(case_id, values))
        if story.stage in (Stage.JUDGMENT, Stage.APPEAL, Stage.FINAL):
            self.judgments.write(case_id, self.ordinal, office, timeline, accused, rows)
        self.notices.write(office, reference, title, prosecutor, story.deadlines.items, rows)
        rows["assignments"].append(
            (next(self.counters["assignments"]), case_id, None, prosecutor, None, created_value, True, ASSIGNED)
        )
        batch.cases[office.id] = batch.cases.get(office.id, 0) + 1

    def _reference(self, office: Office, desk: int, opened: date) -> str:
        """The file number, by the case's place in the run: "712 St 4711/19k" in Austria, "KT 4711/2019" in Serbia."""
        number = self.ordinal
        if office.place.jurisdiction == "AT":
            return f"{700 + desk % 90} St {number}/{opened.year % 100:02d}{CHECK_LETTERS[number % len(CHECK_LETTERS)]}"
        return f"KT {number}/{opened.year}"

    def _accused(self, office: Office, created: datetime, rows) -> list[Accused]:
        """Draw the defendants, known persons or new ones, each with their charges."""
        rng = self.rng
        offences = self._offences[office.place.jurisdiction]
        count = self._defendants.draw(rng)
        main = offences.draw(rng)
        created_value = self.values.moment(created)
        charges = rows["charges"]
        charge_ids = self.counters["charges"]
        taken: set[int] = set()
        accused = []
        for index in range(count):
            person = None
            if office.known and rng.random() < KNOWN_PERSON:
                person = office.known[rng.randrange(len(office.known))]
                if person[0] in taken:
                    person = None
            if person is None:
                person = self._person(office, created_value, rows)
            taken.add(person[0])
            charged = (main if index == 0 or rng.random() < 0.7 else offences.draw(rng),)
            if rng.random() < SECOND_CHARGE:
                second = offences.draw(rng)
                if second is not charged[0]:
                    charged += (second,)
            defendant_id = next(self.counters["defendants"])
            ids = []
            for offence in charged:
                ids.append(next(charge_ids))
                charges.append(
                    (
                        ids[-1],
                        defendant_id,
                        offence.statute,
                        offence.offence_class,
                        offence.max_penalty_months,
                        offence.life_possible,
                        offence.description,
                        created_value,
                    )
                )
            accused.append(Accused(defendant_id, person[0], person[1], charged, tuple(ids), self._class(charged)))
        return accused

    def _class(self, offences: tuple) -> str | None:
        """The defendant's offence class, graded as the deadline services grade it (§ 178 StPO)."""
        if offences not in self._classes:
            self._classes[offences] = offence_class_of(SimpleNamespace(charges=offences))
        return self._classes[offences]

    def _person(self, office: Office, created_value, rows) -> tuple[int, str]:
        rng = self.rng
        nationality = self._nationalities[office.place.jurisdiction].draw(rng)
        names = NAME_SOURCE.get(nationality, nationality)
        first, last = rng.choice(FIRST_NAMES[names]), rng.choice(LAST_NAMES[names])
        aliases: tuple[str, ...] = ()
        draw = rng.random()
        if draw < 0.04:
            aliases = (rng.choice(NICKNAMES),)
        elif draw < 0.08:
            spelled = plain(last).title()
            if spelled != last:
                aliases = (f"{first} {spelled}",)
        key = (first, last, aliases)
        search = self._search.get(key)
        if search is None:
            search = self._search[key] = search_key(first, last, list(aliases))
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))
        person_id = next(self.counters["persons"])
        rows["persons"].append(
            (
                person_id,
                office.id,
                first,
                last,
                json.dumps(list(aliases), ensure_ascii=False) if aliases else "[]",
                self.values.day(born),
                nationality,
                search,
                created_value,
            )
        )
        known = (person_id, last)
        if len(office.known) < POOL:
            office.known.append(known)
        else:
            office.known[rng.randrange(POOL)] = known
        return known

    def _arrests(self, office: Office, case_id: int, accused, created: datetime, prosecutor, rows) -> list[int]:
        """Arrest some of the defendants shortly before the case opened; custody and detention may follow."""
        rng, moment = self.rng, self.values.moment
        if rng.random() >= ARRESTS:
            return []
        arrested = created - timedelta(hours=rng.randint(1, 3))
        place, agency = rng.choice(office.city.places), office.city.agency
        arrests = rows["arrests"]
        ids = []
        for person in accused:
            if ids and rng.random() < 0.25:
                continue
            person.arrested_at = arrested
            person.custody_followed = rng.random() < CUSTODY
            person.detain = person.custody_followed and rng.random() < DETENTION
            ids.append(next(self.counters["arrests"]))
            recorded = moment(arrested + timedelta(hours=1))
            arrests.append(
                (ids[-1], case_id, person.person_id, moment(arrested), place, agency, person.custody_followed, None,
                 prosecutor, recorded)
            )  # fmt: skip
        return ids

    def _seizures(self, place, case_id, accused, arrest_ids, timeline, last: datetime, prosecutor, rows) -> None:
        """What the police seized at the arrests, or later in a search during the investigation."""
        rng, values = self.rng, self.values
        drugs = accused[0].offences[0].drugs
        found = []
        if arrest_ids and rng.random() < 0.6:
            found.append(arrest_ids[0])
            if rng.random() < 0.25:
                found.append(arrest_ids[-1])
        elif rng.random() < 0.12:
            found.append(None)
        seizures = rows["seizures"]
        for arrest_id in found:
            kind = rng.choice(DRUG_SEIZURES if drugs and rng.random() < 0.8 else OTHER_SEIZURES)
            if kind.unit in ("pieces", "EUR"):
                quantity = Decimal(rng.randint(int(kind.low), int(kind.high)))
            else:
                quantity = Decimal(rng.randint(int(kind.low * 1000), int(kind.high * 1000))).scaleb(-3)
            seized = accused[0].arrested_at if arrest_id is not None else self._search_moment(place, timeline, last)
            seizures.append(
                (
                    next(self.counters["seizures"]),
                    case_id,
                    arrest_id,
                    kind.category,
                    kind.substance,
                    values.number(quantity),
                    kind.unit,
                    values.day(place.today(seized)),
                    prosecutor,
                    values.moment(seized),
                )
            )

    def _search_moment(self, place: Place, timeline, last: datetime) -> datetime:
        """A search some days into the investigation, or at the case's latest event if that came first."""
        begun = timeline.day_of(Stage.INVESTIGATION)
        if begun is None:
            return last
        return min(place.at(7, begun + timedelta(days=self.rng.randint(1, 30))), last)
