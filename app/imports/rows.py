"""Turning one CSV record into a checked arrest, or into messages naming the bad cells."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import pycountry

from app.cases.models import Case, SeizureCategory, Unit
from app.cases.names import fold, plain
from app.core.formatting import stamp
from app.imports.reading import Record, RowError

LENGTHS = {"external_id": 100, "case_reference": 60, "first_name": 100, "last_name": 100, "place": 200, "agency": 200}
YES = {"yes", "y", "ja", "j", "true", "1"}
NO = {"no", "n", "nein", "false", "0"}
UNITS = {
    "kg": Unit.KG,
    "g": Unit.G,
    "piece": Unit.PIECES,
    "pieces": Unit.PIECES,
    "pcs": Unit.PIECES,
    "pc": Unit.PIECES,
    "eur": Unit.EUR,
    "€": Unit.EUR,
}
#: Words that say what a seized item is, when the item does not name its category.
CATEGORY_WORDS = {
    SeizureCategory.DRUG: {
        "heroin",
        "cocaine",
        "crack",
        "cannabis",
        "marijuana",
        "marihuana",
        "hashish",
        "amphetamine",
        "methamphetamine",
        "mdma",
        "ecstasy",
        "lsd",
        "opium",
        "morphine",
        "ketamine",
        "fentanyl",
    },
    SeizureCategory.WEAPON: {
        "pistol",
        "pistols",
        "revolver",
        "rifle",
        "shotgun",
        "gun",
        "guns",
        "ammunition",
        "cartridges",
        "grenade",
        "grenades",
    },
    SeizureCategory.VEHICLE: {"car", "cars", "vehicle", "van", "truck", "lorry", "motorcycle", "boat"},
    SeizureCategory.CASH: {"cash", "money"},
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_AND_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
SEIZED_ITEM = re.compile(
    r"^(?:(?P<category>[a-z]+)\s*:\s*)?(?P<what>.*?)\s*"
    r"(?P<quantity>\d+(?:[.,]\d+)?)\s*(?P<unit>kg|g|pieces|piece|pcs|pc|eur|€)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SeizedItem:
    category: SeizureCategory
    substance: str
    quantity: Decimal
    unit: Unit


@dataclass(frozen=True)
class Particulars:
    """Who was arrested, as `create_person` takes it."""

    first_name: str
    last_name: str
    date_of_birth: date | None
    nationality: str | None


@dataclass
class ArrestRow:
    """A record whose every cell was checked; times are in UTC."""

    row: int
    external_id: str
    case_reference: str
    person: Particulars
    arrested_at: datetime
    place: str
    agency: str
    custody: bool
    seized: list[SeizedItem] = field(default_factory=list)
    #: The case the reference names, once it is known the importing user may record in it.
    case: Case | None = None

    @property
    def arrest(self) -> dict:
        """The arrest's own facts, as `record_arrest` takes them."""
        return dict(arrested_at=self.arrested_at, place=self.place, agency=self.agency, custody_followed=self.custody)

    @property
    def person_key(self) -> tuple[date | None, str]:
        """What makes two rows (or a row and a stored person) the same human."""
        return self.person.date_of_birth, fold(f"{self.person.first_name} {self.person.last_name}")


class _Cells:
    """Collects one message per bad cell while the row's values are read."""

    def __init__(self, record: Record):
        self.record = record
        self.errors: list[RowError] = []

    def text(self, column: str) -> str:
        return self.record.cells.get(column, "")

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.record.row, column, message))

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.fail(column, "This value is required.")
        elif column in LENGTHS and len(value) > LENGTHS[column]:
            self.fail(column, f"At most {LENGTHS[column]} characters, not {len(value)}.")
        return value


def parse_row(record: Record, *, zone: ZoneInfo, now: datetime) -> tuple[ArrestRow | None, list[RowError]]:
    """Check every cell of `record`; return the arrest, or None and the messages."""
    cells = _Cells(record)
    values = {column: cells.required(column) for column in LENGTHS}
    date_of_birth = _date_of_birth(cells, now)
    nationality = _nationality(cells)
    arrested_at = _arrested_at(cells, zone, now)
    if arrested_at and date_of_birth and arrested_at.astimezone(zone).date() < date_of_birth:
        cells.fail("arrested_at", "The arrest cannot be before the date of birth.")
    custody = _custody(cells)
    seized = _seized(cells)
    if cells.errors:
        return None, cells.errors
    person = Particulars(values.pop("first_name"), values.pop("last_name"), date_of_birth, nationality)
    return ArrestRow(
        row=record.row,
        person=person,
        arrested_at=arrested_at,
        custody=custody,
        seized=seized,
        **values,
    ), []


def _date_of_birth(cells: _Cells, now: datetime) -> date | None:
    text = cells.text("date_of_birth")
    if not text:
        return None
    value = _read_iso(cells, "date_of_birth", DATE, date.fromisoformat, "a date written as YYYY-MM-DD, e.g. 1985-03-14")
    if value is not None and not date(1900, 1, 1) <= value <= now.date():
        cells.fail("date_of_birth", f"{text} is not a possible date of birth.")
        return None
    return value


def _nationality(cells: _Cells) -> str | None:
    text = cells.text("nationality").upper()
    if not text:
        return None
    if len(text) != 2 or pycountry.countries.get(alpha_2=text) is None:
        cells.fail("nationality", f"{text!r} is not an ISO 3166 country code such as RS, ME or AT.")
        return None
    return text


def _arrested_at(cells: _Cells, zone: ZoneInfo, now: datetime) -> datetime | None:
    if not cells.text("arrested_at"):
        cells.fail("arrested_at", "This value is required.")
        return None
    example = "a date and time such as 2019-08-26T14:30 or 2019-08-26T14:30+02:00"
    value = _read_iso(cells, "arrested_at", DATE_AND_TIME, datetime.fromisoformat, example)
    if value is None:
        return None
    if value.tzinfo is None:
        value = _local(value, zone, cells)
        if value is None:
            return None
    if value > now:
        cells.fail("arrested_at", "The time of arrest cannot be in the future.")
        return None
    return value.astimezone(UTC)


def _read_iso(cells: _Cells, column: str, pattern: re.Pattern, parse: Callable, example: str) -> date | None:
    """The cell read by `parse` (an ISO 8601 reader) if it has the `pattern` shape, else None and a message."""
    text = cells.text(column)
    try:
        if not pattern.match(text):
            raise ValueError
        return parse(text)
    except ValueError:
        cells.fail(column, f"{text!r} is not {example}.")
        return None


def _local(value: datetime, zone: ZoneInfo, cells: _Cells) -> datetime | None:
    """Read a time without offset in the office's zone, refusing times that DST makes unclear."""
    earlier, later = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
    if earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != value:
        cells.fail(
            "arrested_at",
            f"{stamp(value)} does not exist in {zone.key} (the clocks went forward); give the time with its offset.",
        )
        return None
    if earlier.utcoffset() != later.utcoffset():
        cells.fail(
            "arrested_at",
            f"{stamp(value)} happened twice in {zone.key} (the clocks went "
            "back); give the time with its offset, e.g. +02:00 or +01:00.",
        )
        return None
    return earlier


def _custody(cells: _Cells) -> bool:
    text = cells.text("custody").lower()
    if text in YES or text in NO:
        return text in YES
    cells.fail("custody", "Write yes or no." if not text else f"{text!r} is neither yes nor no.")
    return False


def _seized(cells: _Cells) -> list[SeizedItem]:
    items = []
    for part in (part.strip() for part in cells.text("seized").split(";")):
        if not part:
            continue
        item = parse_seized_item(part)
        if isinstance(item, str):
            cells.fail("seized", item)
        else:
            items.append(item)
    return items


def parse_seized_item(text: str) -> SeizedItem | str:
    """Read "heroin 1.5 kg" or "weapon: hand grenade 2 pieces"; return the item or what is wrong."""
    match = SEIZED_ITEM.match(text)
    if not match or not match["what"].strip():
        return (
            f"{text!r} is not an item such as “heroin 1.5 kg”, “pistol 2 pieces” or “cash 4500 EUR” "
            "(several items are separated by ';')."
        )
    what, unit = match["what"].strip(), UNITS[match["unit"].lower()]
    if len(what) > 100:
        return f"{what[:20]!r}…: an item's name has at most 100 characters."
    category = _category(match["category"], what, unit)
    if category is None:
        return f"{match['category']!r} is not a category; use one of {', '.join(c.value for c in SeizureCategory)}."
    quantity = _quantity(match["quantity"])
    if quantity is None:
        return f"{match['quantity']} in {text!r} is not a quantity above zero with at most three decimals."
    if category == SeizureCategory.CASH and unit != Unit.EUR:
        return f"Cash in {text!r} is counted in EUR."
    return SeizedItem(category, what, quantity, unit)


def _category(named: str | None, what: str, unit: Unit) -> SeizureCategory | None:
    if named:
        return SeizureCategory(named.lower()) if named.lower() in set(SeizureCategory) else None
    words = set(plain(what).split())  # not fold, which would make "hashish" "hasis"
    for category, known in CATEGORY_WORDS.items():
        if words & known:
            return category
    return SeizureCategory.CASH if unit == Unit.EUR else SeizureCategory.OTHER


def _quantity(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if value <= 0 or value >= Decimal("1e11") or value.as_tuple().exponent < -3:
        return None
    return value
