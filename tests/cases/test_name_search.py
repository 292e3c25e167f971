"""Finding persons by name however it is typed: transliterations, Cyrillic, umlauts (app/cases/names.py)."""

import re
from datetime import date

import pytest

from app.auth.models import Role
from app.cases import services
from app.cases.names import fold, plain
from app.demo.people import FIRST_NAMES, LAST_NAMES
from tests.cases.factories import CaseFactory, DefendantFactory, PersonFactory
from tests.moments import NOW

BORN = date(1988, 5, 17)

#: Defendants as the demo names them (app/demo/people.py), plus two German names with umlaut and ß.
PEOPLE = [
    ("RS", "Đorđe", "Đorđević"),
    ("RS", "Srđan", "Đukić"),
    ("RS", "Marko", "Petrović"),
    ("RS", "Dušan", "Živković"),
    ("RS", "Uroš", "Radosavljević"),
    ("RS", "Snežana", "Knežević"),
    ("ME", "Željko", "Kaluđerović"),
    ("ME", "Vesko", "Šćekić"),
    ("ME", "Balša", "Đukanović"),
    ("ME", "Vuk", "Vučinić"),
    ("RS", "Vukašin", "Stanković"),
    ("BA", "Emir", "Hodžić"),
    ("HU", "László", "Kovács"),
    ("HR", "Krešimir", "Kovačić"),
    ("MK", "Trajče", "Stojanovski"),
    ("MK", "Goce", "Petrovski"),
    ("AT", "Michael", "Gruber"),
    (None, "Sandra", "Müller"),
    (None, "Thomas", "Strauß"),
]

SEARCHES = [
    # Đ as Đ, D, Dj, Dž/Dz, and Cyrillic Ђ
    ("Dukic", ["Srđan Đukić"]),
    ("Djukic", ["Srđan Đukić"]),
    ("ĐUKIĆ", ["Srđan Đukić"]),
    ("Ђукић", ["Srđan Đukić"]),
    ("Srdjan", ["Srđan Đukić"]),
    ("srdan dukic", ["Srđan Đukić"]),
    ("Срђан", ["Srđan Đukić"]),
    ("Dordevic", ["Đorđe Đorđević"]),
    ("Djordjevic", ["Đorđe Đorđević"]),
    ("Dzordzevic", ["Đorđe Đorđević"]),
    ("Djordje Dordevic", ["Đorđe Đorđević"]),
    ("Ђорђевић", ["Đorđe Đorđević"]),
    ("Ђорђе Djordjević", ["Đorđe Đorđević"]),
    ("Djordj", ["Đorđe Đorđević"]),
    ("Dukanovic", ["Balša Đukanović"]),
    ("Djukanović", ["Balša Đukanović"]),
    ("Balsa", ["Balša Đukanović"]),
    ("Kaluderovic", ["Željko Kaluđerović"]),
    ("Kaludjerovic", ["Željko Kaluđerović"]),
    ("Калуђеровић", ["Željko Kaluđerović"]),
    ("Hodzic", ["Emir Hodžić"]),
    ("Hodjic", ["Emir Hodžić"]),
    ("Хоџић", ["Emir Hodžić"]),
    # Ć and Č as C, Ch or the letter; Š as S or Sh; Ž as Z or Zh
    ("Petrovic", ["Marko Petrović"]),
    ("Petrovich", ["Marko Petrović"]),
    ("Петровић", ["Marko Petrović"]),
    ("Petrov", ["Goce Petrovski", "Marko Petrović"]),
    ("Vucinic", ["Vuk Vučinić"]),
    ("Vuchinich", ["Vuk Vučinić"]),
    ("Vukashin", ["Vukašin Stanković"]),
    ("Scekic", ["Vesko Šćekić"]),
    ("Shchekich", ["Vesko Šćekić"]),
    ("Шћекић", ["Vesko Šćekić"]),
    ("Balsha", ["Balša Đukanović"]),
    ("Zivkovic", ["Dušan Živković"]),
    ("Zhivkovic", ["Dušan Živković"]),
    ("Dushan Живковић", ["Dušan Živković"]),
    ("Zeljko", ["Željko Kaluđerović"]),
    ("Snezana Knezevic", ["Snežana Knežević"]),
    ("Снежана", ["Snežana Knežević"]),
    ("Radosavljevic", ["Uroš Radosavljević"]),
    ("Радосављевић Урош", ["Uroš Radosavljević"]),
    ("Kovacic", ["Krešimir Kovačić"]),
    ("Kresimir", ["Krešimir Kovačić"]),
    ("Trajce", ["Trajče Stojanovski"]),
    # Hungarian and German letters
    ("Laszlo Kovacs", ["László Kovács"]),
    ("Kovac", ["Krešimir Kovačić", "László Kovács"]),
    ("Müller", ["Sandra Müller"]),
    ("Mueller", ["Sandra Müller"]),
    ("Muller", ["Sandra Müller"]),
    ("MUELLER Sandra", ["Sandra Müller"]),
    ("Strauß", ["Thomas Strauß"]),
    ("Strauss", ["Thomas Strauß"]),
    ("Michael Gruber", ["Michael Gruber"]),
    ("Micha", ["Michael Gruber"]),
    # Different names stay apart
    ("Zukic", []),
    ("Cukic", []),
    ("Marko Dukic", []),
    ("Jovanovic", []),
    ("Petrovski Marko", []),
    ("Kovacevic", []),
    ("Strausberg", []),
]


@pytest.fixture
def supervisor(make_user, login):
    user = make_user(Role.SUPERVISOR)
    login(user)
    return user


@pytest.fixture
def defendants(office) -> dict[str, str]:
    """One case per person of PEOPLE, by reference: {reference: full name}."""
    named = {}
    for n, (nationality, first, last) in enumerate(PEOPLE, start=1):
        person = PersonFactory(office=office, first_name=first, last_name=last, nationality=nationality)
        case = CaseFactory(office=office, reference=f"712 St {n}/19k")
        DefendantFactory(case=case, person=person)
        named[case.reference] = person.full_name
    return named


def test_the_people_are_the_demos():
    for nationality, first, last in PEOPLE:
        assert nationality is None or (first in FIRST_NAMES[nationality] and last in LAST_NAMES[nationality])


def test_the_case_list_finds_a_name_however_it_is_spelled(office, defendants, supervisor, client):
    misses = []
    for query, expected in SEARCHES:
        page = client.get("/cases/", query_string={"q": query}).text
        found = sorted(defendants[reference] for reference in re.findall(r'<a href="/cases/\d+">([^<]+)</a>', page))
        if found != expected:
            misses.append((query, found, expected))
    assert misses == []
    assert len(SEARCHES) >= 30


def test_the_defendant_form_finds_persons_however_they_are_spelled(office, defendants, supervisor, client):
    case = CaseFactory(office=office)
    assert "Srđan Đukić" in client.get(f"/cases/{case.id}/defendants/new", query_string={"q": "Dukic"}).text
    assert "Đorđe Đorđević" in client.get(f"/cases/{case.id}/defendants/new", query_string={"q": "Ђорђевић"}).text
    assert "Srđan Đukić" not in client.get(f"/cases/{case.id}/defendants/new", query_string={"q": "Zukic"}).text


@pytest.mark.parametrize(
    "name", sorted({name for names in [*FIRST_NAMES.values(), *LAST_NAMES.values()] for name in names})
)
def test_every_beginning_of_a_demo_name_finds_it(name):
    """Search is containment of the typed text, so typing a name letter by letter must keep finding it."""
    for end in range(1, len(name) + 1):
        assert fold(name[:end]) in fold(name)
        assert fold(plain(name[:end])) in fold(name)  # the same beginning typed without diacritics


@pytest.mark.parametrize(
    "first, last",
    [
        ("Djordje", "Dordevic"),
        ("Ђорђе", "Ђорђевић"),
        ("DZORDZE", "DZORDZEVIC"),
        ("Đorđević", "Đorđe"),
    ],
)
def test_likely_matches_see_through_transliteration(office, first, last):
    person = services.create_person(
        office=office,
        first_name="Đorđe",
        last_name="Đorđević",
        date_of_birth=BORN,
        nationality="RS",
        actor=None,
        now=NOW,
    )
    services.create_person(
        office=office, first_name="Srđan", last_name="Đukić", date_of_birth=BORN, nationality="RS", actor=None, now=NOW
    )
    assert services.likely_matches(office.id, first, last, BORN) == [person]


def test_likely_matches_equate_umlauts_and_sharp_s(office):
    mueller = services.create_person(
        office=office,
        first_name="Sandra",
        last_name="Müller",
        date_of_birth=BORN,
        nationality="AT",
        actor=None,
        now=NOW,
    )
    strauss = services.create_person(
        office=office,
        first_name="Thomas",
        last_name="Strauß",
        date_of_birth=BORN,
        nationality="AT",
        actor=None,
        now=NOW,
    )
    assert services.likely_matches(office.id, "Sandra", "Mueller", BORN) == [mueller]
    assert services.likely_matches(office.id, "THOMAS", "STRAUSS", BORN) == [strauss]
    assert services.likely_matches(office.id, "Thomas", "Strauss", date(1988, 5, 18)) == []


def test_a_new_persons_search_name_is_the_search_form(office):
    person = services.create_person(
        office=office,
        first_name="Ђорђе",
        last_name="Đorđević",
        date_of_birth=None,
        nationality="RS",
        aliases=["Đole", "Djoka"],
        actor=None,
        now=NOW,
    )
    assert person.search_name == "dorde dordevic | dole | doka"
