"""What `flask demo scale` draws from: offices, names of the region, offences, places and the stage mix."""

import random
from bisect import bisect
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import yaml

from app.cases.models import SeizureCategory, Stage, Unit


class Draws(random.Random):
    """The generator's random numbers: `randint` and `randrange(n)` from one `random()` each.

    random.Random's own draw whole numbers bit by bit, exactly uniform but several times slower;
    a demo data set has no use for that exactness.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, n: int) -> int:  # type: ignore[override]  (only the one-argument form is used)
        return int(self.random() * n)


class Weighted:
    """Weighted choices drawn with one random number each (`random.choices` without its set-up per call)."""

    def __init__(self, pairs) -> None:
        items, weights = zip(*pairs)
        self.items, self.cumulative = items, list(accumulate(weights))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random):
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


class City(NamedTuple):
    """A seat of a prosecution office: its name, state (holiday calendar), court and police."""

    name: str
    jurisdiction: str
    subdivision: str | None
    court: str
    agency: str
    places: tuple[str, ...]


def _cities(jurisdiction: str) -> tuple[City, ...]:
    """The office seats of `jurisdiction`, from cities.yaml."""
    seats = yaml.safe_load((Path(__file__).parent / "cities.yaml").read_text("utf-8"))[jurisdiction]
    return tuple(City(jurisdiction=jurisdiction, **(seat | {"places": tuple(seat["places"])})) for seat in seats)


AT_CITIES, RS_CITIES = _cities("AT"), _cities("RS")


def city_of(number: int) -> City:
    """The seat of scale office `number`: every third office is Serbian, the others Austrian."""
    if number % 3 == 0:
        return RS_CITIES[(number // 3 - 1) % len(RS_CITIES)]
    return AT_CITIES[(number - 1 - number // 3) % len(AT_CITIES)]


def office_name(number: int, city: City) -> str:
    kind = "Higher Public Prosecutor's Office" if city.jurisdiction == "RS" else "Public Prosecutor's Office"
    return f"{city.name} {kind} (scale office {number})"


# fmt: off
FIRST_NAMES = {
    "AT": (
        "Thomas", "Michael", "Andreas", "Stefan", "Christoph", "Manuel", "Daniel", "Lukas", "Florian", "Jürgen",
        "Günther", "Wolfgang", "Matthias", "Dominik", "Sebastian", "Bernhard", "Gerhard", "Josef", "Sandra", "Julia",
        "Katharina", "Sabine", "Bettina", "Verena", "Jasmin", "Doris", "Brigitte", "Sonja",
    ),
    "RS": (
        "Marko", "Nikola", "Stefan", "Miloš", "Luka", "Aleksandar", "Nemanja", "Dušan", "Vladimir", "Dragan",
        "Zoran", "Goran", "Milan", "Bojan", "Dejan", "Nenad", "Srđan", "Uroš", "Đorđe", "Predrag", "Saša", "Darko",
        "Vukašin", "Žarko", "Jelena", "Milica", "Ivana", "Tijana", "Snežana", "Dragana",
    ),
    "ME": (
        "Vuk", "Balša", "Radovan", "Vesko", "Željko", "Budimir", "Milorad", "Novak", "Blažo", "Danilo", "Petar",
        "Andrija", "Vido", "Ranko", "Slavko", "Jovana", "Milena", "Sanja",
    ),
    "BA": (
        "Emir", "Adnan", "Haris", "Mirza", "Kenan", "Amel", "Senad", "Edin", "Nermin", "Almir", "Dženan", "Selma",
        "Amra", "Lejla", "Aida",
    ),
    "HR": ("Ante", "Tomislav", "Josip", "Krešimir", "Ivica", "Mario", "Zvonimir", "Marija", "Ivana"),
    "HU": ("László", "Zoltán", "Gábor", "Attila", "Péter", "Sándor", "Katalin", "Zsófia"),
}
LAST_NAMES = {
    "AT": (
        "Müller", "Gruber", "Huber", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Leitner", "Berger",
        "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier", "Schneider", "Reiter", "Mayr",
        "Schmidt", "Wimmer", "Egger", "Brunner", "Lang", "Baumgartner", "Auer", "Binder", "Lechner", "Wolf",
        "Wallner", "Aigner", "Ebner", "Koller", "Lehner", "Haas", "Schuster", "Gößler", "Krämer", "Strauß", "Pöschl",
        "Grünwald", "Hölzl",
    ),
    "RS": (
        "Petrović", "Jovanović", "Đorđević", "Nikolić", "Marković", "Ilić", "Stojanović", "Pavlović", "Živković",
        "Popović", "Todorović", "Lazić", "Stanković", "Ristić", "Đukić", "Kostić", "Mitrović", "Savić", "Milenković",
        "Stevanović", "Obradović", "Tasić", "Zdravković", "Cvetković", "Janković", "Simić", "Radosavljević", "Vasić",
        "Aleksić", "Knežević", "Mladenović", "Gajić", "Filipović", "Šarić", "Čolić", "Ćirić", "Živanović", "Jakšić",
        "Milošević", "Dragićević",
    ),
    "ME": (
        "Vuković", "Radović", "Vujović", "Bulatović", "Đurović", "Radulović", "Šćekić", "Mijušković", "Dragović",
        "Raičević", "Lalić", "Perović", "Vučinić", "Kaluđerović", "Bošković", "Đukanović", "Šaranović", "Lakić",
        "Popović", "Marković",
    ),
    "BA": (
        "Hodžić", "Begić", "Mehmedović", "Hadžić", "Delić", "Kovačević", "Hasanović", "Omerović", "Ibrahimović",
        "Šarić", "Halilović", "Suljić", "Mujić", "Čaušević", "Alić", "Imamović",
    ),
    "HR": ("Horvat", "Kovačić", "Babić", "Marić", "Jurić", "Novak", "Knežević", "Vuković", "Pavlović", "Božić"),
    "HU": ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas"),
}
# fmt: on
#: Who the defendants of an office are, by nationality (weights).
NATIONALITY_MIX = {
    "AT": (("AT", 46), ("RS", 19), ("BA", 10), ("ME", 8), ("HR", 6), ("HU", 5), ("RO", 3), ("TR", 3)),
    "RS": (("RS", 78), ("ME", 8), ("BA", 8), ("HR", 3), ("HU", 2), ("AT", 1)),
}
#: Nationalities without their own name lists borrow those of a neighbour.
NAME_SOURCE = {"RO": "HU", "TR": "BA"}
#: Nicknames police files record as aliases.
NICKNAMES = ("Čika", "Šef", "Mali", "Crni", "Beli", "Švabo", "Kum", "Doktor", "Žuti", "Brko", "Tigar", "Professor")
PROSECUTOR_TITLES = {"AT": ("Mag.", "Mag.", "Dr."), "RS": ("",)}


class Offence(NamedTuple):
    """A charge the generator brings: statute, class, maximum months, description, short title."""

    statute: str
    #: The OffenceClass value.
    offence_class: str
    max_penalty_months: int
    description: str
    short: str
    weight: int
    drugs: bool = False
    life_possible: bool = False


#: The charges brought, per jurisdiction (data in offences.yaml).
OFFENCES = {
    jurisdiction: tuple(Offence(**offence) for offence in offences)
    for jurisdiction, offences in yaml.safe_load((Path(__file__).parent / "offences.yaml").read_text("utf-8")).items()
}


class SeizureKind(NamedTuple):
    """A kind of seizure: category and unit are the SeizureCategory and Unit values."""

    category: str
    substance: str
    unit: str
    low: Decimal
    high: Decimal


#: What police seize, with the range of one seizure's quantity.
SEIZURE_KINDS = (
    SeizureKind(SeizureCategory.DRUG.value, "heroin", Unit.G.value, Decimal("2"), Decimal("1500")),
    SeizureKind(SeizureCategory.DRUG.value, "cocaine", Unit.G.value, Decimal("1"), Decimal("800")),
    SeizureKind(SeizureCategory.DRUG.value, "cannabis", Unit.G.value, Decimal("5"), Decimal("5000")),
    SeizureKind(SeizureCategory.DRUG.value, "amphetamine", Unit.G.value, Decimal("1"), Decimal("400")),
    SeizureKind(SeizureCategory.DRUG.value, "heroin", Unit.KG.value, Decimal("1"), Decimal("12")),
    SeizureKind(SeizureCategory.CASH.value, "cash", Unit.EUR.value, Decimal("150"), Decimal("60000")),
    SeizureKind(SeizureCategory.WEAPON.value, "pistol", Unit.PIECES.value, Decimal("1"), Decimal("3")),
    SeizureKind(SeizureCategory.WEAPON.value, "machine pistol", Unit.PIECES.value, Decimal("1"), Decimal("2")),
    SeizureKind(SeizureCategory.VEHICLE.value, "VW Golf", Unit.PIECES.value, Decimal("1"), Decimal("1")),
    SeizureKind(SeizureCategory.VEHICLE.value, "Audi A4", Unit.PIECES.value, Decimal("1"), Decimal("1")),
    SeizureKind(SeizureCategory.OTHER.value, "mobile phones", Unit.PIECES.value, Decimal("1"), Decimal("6")),
)
DRUG_SEIZURES = tuple(kind for kind in SEIZURE_KINDS if kind.category == SeizureCategory.DRUG.value)
OTHER_SEIZURES = tuple(kind for kind in SEIZURE_KINDS if kind.category != SeizureCategory.DRUG.value)

#: Cases by stage (weights): what a national case register looks like on an ordinary day.
STAGE_MIX = (
    (Stage.INTAKE, 5),
    (Stage.INVESTIGATION, 16),
    (Stage.CHARGING, 6),
    (Stage.INDICTED, 6),
    (Stage.TRIAL, 6),
    (Stage.JUDGMENT, 2),
    (Stage.APPEAL, 4),
    (Stage.FINAL, 34),
    (Stage.DISCONTINUED, 13),
    (Stage.DIVERTED, 5),
    (Stage.TRANSFERRED, 3),
)
#: The stage a closed case left the procedure from (weights).
CLOSED_FROM = {
    Stage.DISCONTINUED: ((Stage.INTAKE, 15), (Stage.INVESTIGATION, 60), (Stage.CHARGING, 15), (Stage.INDICTED, 10)),
    Stage.DIVERTED: ((Stage.INVESTIGATION, 70), (Stage.CHARGING, 30)),
    Stage.TRANSFERRED: ((Stage.INTAKE, 40), (Stage.INVESTIGATION, 50), (Stage.CHARGING, 10)),
}
#: Why a case moved forward, as the demo's prosecutors write it.
FORWARD_REASONS = {
    Stage.INVESTIGATION: "investigation opened after the police report",
    Stage.CHARGING: "investigation concluded; indictment in preparation",
    Stage.INDICTED: "indictment filed with the court",
    Stage.TRIAL: "main hearing scheduled",
    Stage.JUDGMENT: "judgments entered for every defendant",
    Stage.APPEAL: "appeal lodged",
    Stage.FINAL: "every judgment is final",
}
#: Why a case was closed, by the ground's code.
CLOSING_REASONS = {
    "at_190_2": "the evidence does not support a charge",
    "at_191": "a first offence of minor significance",
    "at_227": "the indictment was withdrawn after the main witness retracted",
    "at_200": "the suspect paid the sum set by the office",
    "at_203": "probation period without further offences",
    "at_35_smg": "possession for personal use; health-related measures",
    "transfer_office": "the offence was committed in another office's district",
    "transfer_state": "the suspect is prosecuted in the state of his residence",
    "rs_308": "the evidence does not support a charge",
    "rs_284": "the reported act is not a criminal offence",
    "rs_withdrawal": "the prosecutor withdrew from the prosecution",
    "rs_283": "the suspect fulfilled the conditions set by the prosecutor",
}
