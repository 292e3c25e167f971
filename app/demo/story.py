"""The reference operation as a plan: its cases, arrests and seizures at their historical dates.

The plan is pure data drawn from seeded generators, so every load produces the same
operation; app/demo/proceedings.py adds what the office and the courts did with each
case, and app/demo/operation.py replays it all through the services. Times here are
Vienna wall-clock times of the real operation; the loader moves them to the demo's present.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.cases.models import SeizureCategory, Stage, Unit
from app.demo.people import Suspect, suspects
from app.demo.proceedings import place_cases, place_custody

SEED = 20190826
STARTED_ON = date(2017, 9, 4)
#: The latest arrest: three suspects from Serbia in central Vienna, 1.5 kg heroin.
LATEST_ARREST = datetime(2019, 8, 26, 18, 40)
ARRESTS, REARRESTS = 402, 22
#: How often custody follows an arrest, and the court then imposes pre-trial detention.
CUSTODY, DETENTION = 0.8, 0.6

#: Cases by stage, oldest first: 135 in the pre-trial procedure (investigation, charging, indicted).
#: A judgment stays at `judgment` only for its 3-day appeal period: older ones are under appeal.
STAGES = [
    (Stage.FINAL, 24),
    (Stage.APPEAL, 6),
    (Stage.JUDGMENT, 2),
    (Stage.TRIAL, 13),
    (Stage.INDICTED, 35),
    (Stage.CHARGING, 40),
    (Stage.INVESTIGATION, 60),
    (Stage.INTAKE, 12),
]

#: Grams of each drug seized over the whole operation, and in how many seizures (besides the latest arrest's).
DRUGS = {"heroin": (Decimal(60_000), 123), "cocaine": (Decimal(10_000), 28)}
LATEST_HEROIN = [Decimal("600"), Decimal("500"), Decimal("400")]
WEAPONS = {"pistol": 19, "machine pistol": 8}

PLACES = [
    "Wien 10., Favoriten, Reumannplatz",
    "Wien 2., Leopoldstadt, Praterstern",
    "Wien 15., Rudolfsheim-Fünfhaus, Westbahnhof",
    "Wien 16., Ottakring, Thaliastraße",
    "Wien 20., Brigittenau, Handelskai",
    "Wien 3., Landstraße, Wien Mitte",
    "Wien 12., Meidling, Bahnhof Meidling",
    "Wien 21., Floridsdorf, Franz-Jonas-Platz",
    "Wien 11., Simmering, Enkplatz",
    "Wien 5., Margareten, Margaretengürtel",
    "Wien 22., Donaustadt, Kagran",
    "Wien 6., Mariahilf, Gumpendorfer Straße",
]
CENTRAL_VIENNA = "Wien 1., Innere Stadt, Schwedenplatz"
AGENCIES = [
    "LPD Wien, Landeskriminalamt, Ermittlungsbereich Suchtmittel",
    "Bundeskriminalamt, Büro für Suchtmittelkriminalität",
]
#: Department numbers of the office's drug prosecutors, one per prosecutor.
DEPARTMENTS = list(range(703, 719))
CHECK_LETTERS = "abcdefghikmnpstvwxyz"


@dataclass
class PlannedArrest:
    case: int
    suspect: int
    at: datetime
    place: str
    agency: str
    custody_followed: bool
    #: Whether the court then imposed pre-trial detention (only when custody followed).
    detained: bool
    #: When and why the court released them before the main hearing, if it did.
    released_at: datetime | None = None
    release_reason: str = ""
    #: Whether their latest detention review before the present is the one not yet decided on record.
    late_review: bool = False


@dataclass
class PlannedSeizure:
    case: int
    #: Index of the arrest in the plan, or None for a seizure in a search.
    arrest: int | None
    category: SeizureCategory
    substance: str
    quantity: Decimal
    unit: Unit
    at: datetime


@dataclass
class PlannedCase:
    index: int
    reference: str
    stage: Stage
    #: Index among the office's 16 prosecutors (round robin).
    prosecutor: int
    arrests: list[int] = field(default_factory=list)
    seizures: list[int] = field(default_factory=list)
    #: (stage, time) for each transition, in order.
    transitions: list[tuple[Stage, datetime]] = field(default_factory=list)
    #: Court facts recorded with a move, by its target stage, e.g. {Stage.INDICTED: {"filed_on": date}}.
    facts: dict[Stage, dict[str, date]] = field(default_factory=dict)
    #: Court facts recorded on their own, in order: ("indictment_served", time), ("appeal_grounds_filed", time) …
    court_events: list[tuple[str, datetime]] = field(default_factory=list)
    #: The indictment whose objection period ended just before the present, its taking effect not yet known.
    late_objection: bool = False
    title: str = ""


@dataclass
class Plan:
    suspects: list[Suspect]
    cases: list[PlannedCase]
    arrests: list[PlannedArrest]
    seizures: list[PlannedSeizure]


def plan(shift_days: int = 0) -> Plan:
    """The whole operation, the same every time.

    `shift_days` is how far the loader will move the story; office work is then put on
    the working days of the dates it will really show.
    """
    rng, shift = random.Random(SEED), timedelta(days=shift_days)
    stages = [stage for stage, count in STAGES for _ in range(count)]
    openings = _openings(rng, len(stages))
    cases = [PlannedCase(i, "", stage, i % len(DEPARTMENTS)) for i, stage in enumerate(stages)]
    arrests = _arrests(rng, cases, openings)
    people = suspects(rng, first=["RS", "RS", "RS"])
    _who_was_arrested(rng, cases, arrests, people)
    seizures = _seizures(rng, cases, arrests)
    first_of_year: dict[int, int] = {}
    for case in cases:
        first_of_year.setdefault(arrests[case.arrests[0]].at.year, case.index)
        _references_and_titles(rng, case, arrests, seizures, people, first_of_year)
    # The proceedings draw from their own generator: the street's story stays as it is whatever they do.
    proceedings = random.Random(SEED + 1)
    place_cases(proceedings, cases, arrests, shift)
    place_custody(proceedings, cases, arrests, seizures, shift)
    return Plan(people, cases, arrests, seizures)


def _openings(rng: random.Random, count: int) -> list[datetime]:
    """When each case's first arrest happened: spread over two years, the latest last."""
    first, last = datetime.combine(STARTED_ON, datetime.min.time()), datetime(2019, 8, 20)
    step = (last - first) / (count - 1)
    times = sorted(
        first + step * i + timedelta(days=rng.uniform(-4, 4), hours=rng.uniform(6, 22)) for i in range(count - 1)
    )
    return [max(time, first + timedelta(hours=7)) for time in times] + [LATEST_ARREST]


def _arrests(rng: random.Random, cases: list[PlannedCase], openings: list[datetime]) -> list[PlannedArrest]:
    """402 arrests: the latest case's three, and at least one in every other case."""
    per_case = [1] * (len(cases) - 1)
    for _ in range(ARRESTS - 3 - len(per_case)):
        per_case[rng.randrange(len(per_case))] += 1
    per_case.append(3)
    arrests = []
    for case, opened, count in zip(cases, openings, per_case):
        latest_case = case.index == len(cases) - 1
        place = CENTRAL_VIENNA if latest_case else rng.choice(PLACES)
        for n in range(count):
            at = opened
            if n and not latest_case and rng.random() < 0.45:  # arrested later, in the investigation
                at = min(opened + timedelta(days=rng.uniform(1, 40)), LATEST_ARREST - timedelta(hours=20))
                place = rng.choice(PLACES)
            custody = latest_case or rng.random() < CUSTODY
            arrests.append(
                PlannedArrest(
                    case.index,
                    -1,
                    at,
                    place,
                    rng.choice(AGENCIES),
                    custody,
                    custody and (latest_case or rng.random() < DETENTION),
                )
            )
            case.arrests.append(len(arrests) - 1)
    return arrests


def _who_was_arrested(rng: random.Random, cases, arrests: list[PlannedArrest], people: list[Suspect]) -> None:
    """Give each arrest its suspect: 380 people, 22 of them arrested again in a later case."""
    order = sorted(range(len(arrests)), key=lambda i: (arrests[i].at, i))
    latest = cases[-1].arrests
    again = set(rng.sample([i for i in order[60:] if i not in latest], REARRESTS))
    fresh = iter(range(3, len(people)))
    for number, suspect in zip(latest, range(3)):
        arrests[number].suspect = suspect
    in_case: dict[int, set[int]] = {case.index: set() for case in cases}
    seen: list[int] = []
    for i in order:
        arrest = arrests[i]
        if i in latest:
            continue
        if i in again:
            arrest.suspect = rng.choice([s for s in seen if s not in in_case[arrest.case]])
        else:
            arrest.suspect = next(fresh)
            seen.append(arrest.suspect)
        in_case[arrest.case].add(arrest.suspect)


def _split(rng: random.Random, total: Decimal, parts: int, step: Decimal) -> list[Decimal]:
    """`total` in `parts` uneven amounts, each a multiple of `step`, adding up exactly."""
    weights = [rng.lognormvariate(0, 0.9) for _ in range(parts)]
    scale = total / step / Decimal(sum(weights))
    amounts = [max(step, (Decimal(w) * scale).to_integral_value() * step) for w in weights]
    amounts[amounts.index(max(amounts))] += total - sum(amounts)
    return amounts


def _mass(grams: Decimal) -> tuple[Decimal, Unit]:
    """Police reports give a kilogram or more in kilograms, less in grams."""
    return (grams / 1000, Unit.KG) if grams >= 1000 else (grams, Unit.G)


def _seizures(rng: random.Random, cases: list[PlannedCase], arrests: list[PlannedArrest]) -> list[PlannedSeizure]:
    seizures: list[PlannedSeizure] = []

    def seize(case: PlannedCase, category, substance, quantity, unit, arrest: int | None = None):
        number = arrest if arrest is not None else case.arrests[0]
        at = arrests[number].at + timedelta(minutes=20)
        seizures.append(PlannedSeizure(case.index, number, category, substance, quantity, unit, at))
        case.seizures.append(len(seizures) - 1)

    latest, earlier = cases[-1], cases[:-1]
    for arrest, grams in zip(latest.arrests, LATEST_HEROIN):
        seize(latest, SeizureCategory.DRUG, "heroin", *_mass(grams), arrest)
    for drug, (grams, count) in DRUGS.items():
        already = sum(LATEST_HEROIN) if drug == "heroin" else 0
        for case, amount in zip(rng.sample(earlier, count), _split(rng, grams - already, count, Decimal(10))):
            seize(case, SeizureCategory.DRUG, drug, *_mass(amount), rng.choice(case.arrests))
    for weapon, pieces in WEAPONS.items():
        while pieces:
            taken = min(pieces, rng.choice([1, 1, 1, 2, 3]))
            seize(rng.choice(earlier), SeizureCategory.WEAPON, weapon, Decimal(taken), Unit.PIECES)
            pieces -= taken
    for case in rng.sample(earlier, 40):
        seize(case, SeizureCategory.CASH, "cash", Decimal(rng.randrange(10, 900) * 50), Unit.EUR)
    for case in rng.sample(earlier, 8):
        seize(case, SeizureCategory.VEHICLE, "car", Decimal(1), Unit.PIECES)
    return seizures


def _references_and_titles(
    rng, case: PlannedCase, arrests, seizures, people: list[Suspect], first_of_year: dict[int, int]
) -> None:
    """A file number like "712 St 45/19k" and a title naming the offence and the first suspect."""
    opened = arrests[case.arrests[0]].at
    department, year = DEPARTMENTS[case.prosecutor], opened.year % 100
    # Numbers start afresh each year; the department's other files lie in between.
    number = 12 + (case.index - first_of_year[opened.year]) * 2 + rng.randrange(2)
    letter = CHECK_LETTERS[(department * 7 + number * 3 + year) % len(CHECK_LETTERS)]
    case.reference = f"{department} St {number}/{year:02d}{letter}"
    drugs = sorted({seizures[i].substance for i in case.seizures if seizures[i].category == SeizureCategory.DRUG})
    suspect = people[arrests[case.arrests[0]].suspect]
    others = " and others" if len({arrests[i].suspect for i in case.arrests}) > 1 else ""
    offence = f"Trafficking in {' and '.join(drugs)}" if drugs else "Drug dealing"
    case.title = f"{offence} – {suspect.last_name}{others}"
