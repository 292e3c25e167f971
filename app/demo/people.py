"""The demo operation's suspects: names that fit their nationalities, drawn from a seeded generator."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

#: 380 suspects, 95 % of them from Serbia or Montenegro (DESIGN.md section 1).
NATIONALITIES = {"RS": 300, "ME": 61, "BA": 6, "AT": 5, "HU": 4, "HR": 2, "MK": 2}

FIRST_NAMES = {
    "RS": [
        "Marko",
        "Nikola",
        "Stefan",
        "Miloš",
        "Luka",
        "Aleksandar",
        "Nemanja",
        "Dušan",
        "Vladimir",
        "Dragan",
        "Zoran",
        "Goran",
        "Milan",
        "Bojan",
        "Dejan",
        "Nenad",
        "Ivan",
        "Filip",
        "Srđan",
        "Uroš",
        "Đorđe",
        "Predrag",
        "Saša",
        "Darko",
        "Vukašin",
        "Jelena",
        "Milica",
        "Ivana",
        "Tijana",
        "Snežana",
    ],
    "ME": [
        "Vuk",
        "Balša",
        "Radovan",
        "Vesko",
        "Željko",
        "Budimir",
        "Milorad",
        "Novak",
        "Blažo",
        "Danilo",
        "Petar",
        "Andrija",
        "Vido",
        "Ranko",
        "Slavko",
        "Dragana",
        "Jovana",
        "Milena",
    ],
    "BA": ["Emir", "Adnan", "Haris", "Mirza", "Kenan", "Amel", "Senad"],
    "AT": ["Thomas", "Michael", "Christoph", "Manuel", "Daniel", "Sandra"],
    "HU": ["László", "Zoltán", "Gábor", "Attila", "Péter"],
    "HR": ["Ante", "Tomislav", "Josip", "Krešimir"],
    "MK": ["Aleksandar", "Goce", "Blagoj", "Trajče"],
}
LAST_NAMES = {
    "RS": [
        "Petrović",
        "Jovanović",
        "Đorđević",
        "Nikolić",
        "Marković",
        "Ilić",
        "Stojanović",
        "Pavlović",
        "Živković",
        "Popović",
        "Todorović",
        "Lazić",
        "Stanković",
        "Ristić",
        "Đukić",
        "Kostić",
        "Mitrović",
        "Savić",
        "Milenković",
        "Stevanović",
        "Obradović",
        "Tasić",
        "Zdravković",
        "Cvetković",
        "Janković",
        "Simić",
        "Radosavljević",
        "Vasić",
        "Aleksić",
        "Knežević",
        "Mladenović",
        "Gajić",
        "Filipović",
    ],
    "ME": [
        "Vuković",
        "Radović",
        "Vujović",
        "Bulatović",
        "Đurović",
        "Radulović",
        "Šćekić",
        "Mijušković",
        "Dragović",
        "Raičević",
        "Lalić",
        "Perović",
        "Vučinić",
        "Kaluđerović",
        "Bošković",
        "Đukanović",
        "Šaranović",
        "Lakić",
    ],
    "BA": ["Hodžić", "Begić", "Mehmedović", "Hadžić", "Delić", "Kovačević"],
    "AT": ["Gruber", "Huber", "Wagner", "Pichler", "Steiner", "Moser"],
    "HU": ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga"],
    "HR": ["Horvat", "Kovačić", "Babić", "Marić"],
    "MK": ["Stojanovski", "Nikolovski", "Trajkovski", "Petrovski"],
}


@dataclass(frozen=True)
class Suspect:
    first_name: str
    last_name: str
    date_of_birth: date
    nationality: str


def suspects(rng: random.Random, *, first: list[str]) -> list[Suspect]:
    """Every suspect of the operation; those named in `first` (nationality codes) come first, in that order."""
    pool = [code for code, count in NATIONALITIES.items() for _ in range(count)]
    for code in first:
        pool.remove(code)
    rng.shuffle(pool)
    taken: set[tuple[str, str]] = set()
    return [_suspect(rng, code, taken) for code in [*first, *pool]]


def _suspect(rng: random.Random, nationality: str, taken: set) -> Suspect:
    while True:
        name = (rng.choice(FIRST_NAMES[nationality]), rng.choice(LAST_NAMES[nationality]))
        if name not in taken:
            taken.add(name)
            break
    born = date(1968, 1, 1) + timedelta(days=rng.randrange(365 * 32))
    return Suspect(name[0], name[1], born, nationality)
