"""The deadline rule model and the loader that validates the rule files.

Rules are data (app/deadlines/rules/*.yaml) so a jurist can review them without
reading code. A broken file must stop start-up, so every problem raises a
RuleFileError naming the file, the rule and what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

RULES_DIR = Path(__file__).parent / "rules"

#: Domain events that open deadlines, with the words the explanations use.
TRIGGER_EVENTS: Mapping[str, str] = MappingProxyType(
    {
        "arrest_custody": "Arrest with custody",
        "prison_delivery": "Delivery to the prison",
        "detention_imposed": "Detention imposed",
        "detention_continued_first": "Detention continued for the first time",
        "detention_continued": "Detention continued",
        "investigation_opened": "Investigation opened",
        "indictment_served": "Indictment served",
        "indictment_filed_detained": "Indictment filed, accused detained",
        "indictment_confirmed_detained": "Indictment confirmed, accused detained",
        "detention_reviewed_unconfirmed": "Detention reviewed before the indictment was confirmed",
        "detention_reviewed_confirmed": "Detention reviewed after the indictment was confirmed",
        "judgment_announced": "Judgment announced",
        "judgment_copy_served": "Judgment copy served",
        "measure_ordered": "Measure ordered",
        "eio_received": "European Investigation Order received",
        "eio_recognised": "European Investigation Order recognised",
    }
)

#: Domain events that only close deadlines (the act was done or became moot).
OUTCOME_EVENTS: Mapping[str, str] = MappingProxyType(
    {
        "released": "Person released",
        "trial_started": "Main hearing started",
        "indictment_effective": "Indictment took effect",
        "objection_filed": "Objection to the indictment filed",
        "appeal_announced": "Appeal announced",
        "appeal_waived": "Appeal waived",
        "appeal_grounds_filed": "Written appeal grounds filed",
        "appeal_withdrawn": "Appeal withdrawn",
        "investigation_ended": "Investigation ended",
        "measure_ended": "Measure ended",
        "measure_renewed": "Measure renewed",
        "eio_decided": "Decision on recognising the EIO taken",
        "eio_executed": "EIO executed",
    }
)

CLOSING_EVENTS: Mapping[str, str] = MappingProxyType({**TRIGGER_EVENTS, **OUTCOME_EVENTS})

#: Offence classes that decide a rule's offset (§ 178(1) StPO; § 17 StGB).
OFFENCE_CLASSES: Mapping[str, str] = MappingProxyType(
    {
        "collusion_only": "Detained on the ground of collusion only (§ 173(2) Z 2 StPO)",
        "misdemeanour": "Misdemeanour (Vergehen): maximum penalty up to 3 years",
        "felony": "Felony (Verbrechen): maximum penalty over 3 years",
        "felony_over_5_years": "Felony with a maximum penalty over 5 years",
    }
)

KINDS = ("period", "limit")
APPLIES_TO = ("case", "defendant")
JURISDICTIONS = ("AT", "RS", "EU")
CASE_JURISDICTIONS = ("AT", "RS")

HOURS, DAYS, WEEKS, MONTHS, UNTIL_END_DATE = "hours", "days", "weeks", "months", "until_end_date"

DEFAULT_DAY_REMINDERS = ("7d", "2d", "0d")
DEFAULT_HOUR_REMINDERS = ("24h", "6h", "1h")

_OFFSET_RE = re.compile(r"^(\d+)\s+(hour|day|week|month)s?$")
_REMINDER_RE = re.compile(r"^(\d+)\s*([hd])$")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_RULE_KEYS = frozenset(
    {
        "id",
        "trigger",
        "title",
        "offset",
        "kind",
        "reference",
        "note",
        "reminders",
        "closes_on",
        "supersedes",
        "applies_to",
    }
)
_REQUIRED_RULE_KEYS = ("id", "trigger", "title", "offset", "kind", "reference", "note", "closes_on")
_FILE_KEYS = frozenset({"jurisdiction", "applies_in", "counting_reference", "note", "rules"})


class RuleFileError(Exception):
    """A rule file is broken; the message names the file, the rule and the fault."""

    def __init__(self, path: Path | str, rule_id: str | None, problem: str) -> None:
        where = f"{path}: rule {rule_id}" if rule_id else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.rule_id = rule_id
        self.problem = problem


class _Invalid(ValueError):
    """One field of a rule is wrong; the loader adds file and rule."""


@dataclass(frozen=True)
class Offset:
    """How far from its trigger a deadline falls."""

    amount: int
    unit: str

    @property
    def hour_based(self) -> bool:
        return self.unit == HOURS

    def __str__(self) -> str:
        if self.unit == UNTIL_END_DATE:
            return "until the order's end date"
        word = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{self.amount} {word}"


@dataclass(frozen=True)
class OffsetTable:
    """Offsets that depend on the offence class, with a default for the rest."""

    by_class: tuple[tuple[str, Offset], ...]
    default: Offset

    def for_class(self, offence_class: str | None) -> Offset:
        """Return the offset for an offence class, or the default."""
        return dict(self.by_class).get(offence_class or "", self.default)


@dataclass(frozen=True)
class Rule:
    """One statutory deadline an event opens."""

    id: str
    jurisdiction: str
    trigger: str
    title: str
    kind: str
    offset: Offset | OffsetTable
    reference: str
    note: str
    reminders: tuple[Offset, ...]
    closes_on: tuple[str, ...]
    supersedes: tuple[str, ...] = ()
    applies_to: str = "case"
    #: Case jurisdictions the rule serves (EU rules serve member states only).
    applies_in: tuple[str, ...] = ()
    #: The statute that says how periods are counted, quoted when a date moves.
    counting_reference: str = ""
    #: The rule file the rule was read from.
    source: str = ""

    @property
    def trigger_label(self) -> str:
        return TRIGGER_EVENTS[self.trigger]

    @property
    def hour_based(self) -> bool:
        return self.offset_for(None).hour_based

    def offset_for(self, offence_class: str | None) -> Offset:
        """Return the offset that applies to an offence class."""
        if offence_class is not None and offence_class not in OFFENCE_CLASSES:
            raise ValueError(f"Unknown offence class {offence_class!r}")
        if isinstance(self.offset, OffsetTable):
            return self.offset.for_class(offence_class)
        return self.offset


@dataclass(frozen=True)
class RuleBook:
    """Every rule of every rule file, looked up by id or by triggering event."""

    rules: tuple[Rule, ...]

    def get(self, rule_id: str) -> Rule:
        """Return the rule with this id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def for_jurisdiction(self, jurisdiction: str) -> list[Rule]:
        """Return the rules that serve cases of a jurisdiction."""
        return [rule for rule in self.rules if jurisdiction in rule.applies_in]

    def rules_for(self, jurisdiction: str, event: str) -> list[Rule]:
        """Return the rules an event opens in a case of a jurisdiction."""
        return [rule for rule in self.for_jurisdiction(jurisdiction) if rule.trigger == event]


def load_rulebook(directory: Path | str = RULES_DIR) -> RuleBook:
    """Load and validate every *.yaml rule file in a directory."""
    paths = sorted(Path(directory).glob("*.yaml"))
    if not paths:
        raise RuleFileError(directory, None, "no rule files (*.yaml) found")
    rules: list[Rule] = []
    for path in paths:
        rules.extend(_load_file(path))
    _check_unique_ids(rules)
    _check_supersedes(rules)
    return RuleBook(tuple(rules))


def _load_file(path: Path) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleFileError(path, None, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleFileError(path, None, "must be a mapping with 'jurisdiction' and 'rules'")
    try:
        header = _parse_header(data)
    except _Invalid as exc:
        raise RuleFileError(path, None, str(exc)) from exc
    return [_load_rule(path, index, entry, header) for index, entry in enumerate(data["rules"], 1)]


def _parse_header(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise _Invalid(f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_FILE_KEYS)}")
    jurisdiction = data.get("jurisdiction")
    if jurisdiction not in JURISDICTIONS:
        raise _Invalid(f"jurisdiction must be one of {list(JURISDICTIONS)}, not {jurisdiction!r}")
    applies_in = data.get("applies_in", [jurisdiction])
    if not isinstance(applies_in, list) or not set(applies_in) <= set(CASE_JURISDICTIONS):
        raise _Invalid(f"applies_in must list case jurisdictions {list(CASE_JURISDICTIONS)}")
    if not isinstance(data.get("rules"), list) or not data["rules"]:
        raise _Invalid("'rules' must be a non-empty list")
    return {
        "jurisdiction": jurisdiction,
        "applies_in": tuple(applies_in),
        "counting_reference": _text(data, "counting_reference", required=True),
    }


def _load_rule(path: Path, index: int, entry: Any, header: dict[str, Any]) -> Rule:
    rule_id = entry.get("id") if isinstance(entry, dict) else None
    name = rule_id if isinstance(rule_id, str) else f"#{index} (no id)"
    try:
        if not isinstance(entry, dict):
            raise _Invalid("must be a mapping of fields")
        return _parse_rule(entry, header, source=str(path))
    except _Invalid as exc:
        raise RuleFileError(path, name, str(exc)) from exc


def _parse_rule(entry: dict[str, Any], header: dict[str, Any], *, source: str) -> Rule:
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise _Invalid(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_RULE_KEYS)}")
    missing = [key for key in _REQUIRED_RULE_KEYS if key not in entry]
    if missing:
        raise _Invalid(f"missing field(s) {missing}")
    kind = _choice(entry, "kind", KINDS)
    offset = _parse_offset(entry["offset"])
    if _base(offset).unit == UNTIL_END_DATE and kind != "limit":
        raise _Invalid("an offset 'until end date' is only allowed for a limit")
    return Rule(
        id=_rule_id(entry["id"]),
        jurisdiction=header["jurisdiction"],
        trigger=_choice(entry, "trigger", tuple(TRIGGER_EVENTS)),
        title=_text(entry, "title", required=True),
        kind=kind,
        offset=offset,
        reference=_text(entry, "reference", required=True),
        note=_text(entry, "note", required=True),
        reminders=_parse_reminders(entry.get("reminders"), _base(offset)),
        closes_on=_events(entry, "closes_on"),
        supersedes=tuple(_names(entry, "supersedes")),
        applies_to=_choice(entry, "applies_to", APPLIES_TO, default="case"),
        applies_in=header["applies_in"],
        counting_reference=header["counting_reference"],
        source=source,
    )


def _rule_id(value: Any) -> str:
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise _Invalid(f"id must be lower_snake_case text, not {value!r}")
    return value


def _text(entry: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _Invalid(f"{key} must be {'non-empty ' if required else ''}text")
    return " ".join(value.split())


def _choice(entry: dict[str, Any], key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
    value = entry.get(key, default)
    if value not in allowed:
        raise _Invalid(f"unknown {key} {value!r}; expected one of {list(allowed)}")
    return value


def _names(entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _Invalid(f"{key} must be a list of names")
    return value


def _events(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    events = _names(entry, key)
    if not events:
        raise _Invalid(f"{key} must name at least one event")
    unknown = [event for event in events if event not in CLOSING_EVENTS]
    if unknown:
        raise _Invalid(f"unknown event(s) {unknown} in {key}; expected some of {sorted(CLOSING_EVENTS)}")
    return tuple(events)


def _parse_offset(value: Any) -> Offset | OffsetTable:
    if isinstance(value, dict):
        return _parse_offset_table(value)
    return _parse_single_offset(value)


def _parse_single_offset(value: Any) -> Offset:
    text = " ".join(str(value).split()).lower()
    if text == "until end date":
        return Offset(0, UNTIL_END_DATE)
    match = _OFFSET_RE.match(text)
    if not match:
        raise _Invalid(
            f"bad offset {value!r}; write e.g. '48 hours', '14 days', '4 weeks', '1 month' or 'until end date'"
        )
    amount = int(match.group(1))
    if amount <= 0:
        raise _Invalid(f"offset {value!r} must be more than zero")
    return Offset(amount, match.group(2) + "s")


def _parse_offset_table(value: dict[str, Any]) -> OffsetTable:
    if set(value) != {"by_offence_class", "default"}:
        raise _Invalid("an offset table needs exactly 'by_offence_class' and 'default'")
    table = value["by_offence_class"]
    if not isinstance(table, dict) or not table:
        raise _Invalid("by_offence_class must map offence classes to offsets")
    unknown = [name for name in table if name not in OFFENCE_CLASSES]
    if unknown:
        raise _Invalid(f"unknown offence class(es) {unknown}; expected some of {list(OFFENCE_CLASSES)}")
    by_class = tuple((name, _parse_single_offset(text)) for name, text in table.items())
    default = _parse_single_offset(value["default"])
    units = {offset.hour_based for _, offset in by_class} | {default.hour_based}
    if len(units) > 1 or UNTIL_END_DATE in {offset.unit for _, offset in by_class}:
        raise _Invalid("offsets in a table must all be hours or all be calendar units")
    return OffsetTable(by_class, default)


def _base(offset: Offset | OffsetTable) -> Offset:
    return offset.default if isinstance(offset, OffsetTable) else offset


def _parse_reminders(value: Any, offset: Offset) -> tuple[Offset, ...]:
    if value is None:
        value = list(DEFAULT_HOUR_REMINDERS if offset.hour_based else DEFAULT_DAY_REMINDERS)
    if not isinstance(value, list) or not value:
        raise _Invalid("reminders must be a non-empty list like ['7d', '2d', '0d']")
    reminders = []
    for item in value:
        match = _REMINDER_RE.match(str(item).strip())
        if not match:
            raise _Invalid(f"bad reminder {item!r}; write e.g. '7d' or '6h'")
        reminders.append(Offset(int(match.group(1)), HOURS if match.group(2) == "h" else DAYS))
    return tuple(reminders)


def parse_reminders(values: list[str]) -> tuple[Offset, ...]:
    """Parse reminder offsets like ['7d', '2d', '0d'] (for manual deadlines)."""
    try:
        return _parse_reminders(values, Offset(1, DAYS))
    except _Invalid as exc:
        raise ValueError(str(exc)) from None


def _check_unique_ids(rules: list[Rule]) -> None:
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleFileError(rule.source, rule.id, f"duplicate id (also in {seen[rule.id].source})")
        seen[rule.id] = rule


def _check_supersedes(rules: list[Rule]) -> None:
    by_id = {rule.id: rule for rule in rules}
    for rule in rules:
        for target in rule.supersedes:
            if target not in by_id:
                raise RuleFileError(rule.source, rule.id, f"supersedes unknown rule {target!r}")
            if by_id[target].jurisdiction != rule.jurisdiction:
                raise RuleFileError(rule.source, rule.id, f"supersedes {target!r} of another jurisdiction")
