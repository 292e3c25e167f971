"""The rule files load, say what a jurist needs, and broken files are named exactly."""

from pathlib import Path
from textwrap import dedent

import pytest

from app.deadlines.rules import (
    DAYS,
    HOURS,
    MONTHS,
    TRIGGER_EVENTS,
    Offset,
    OffsetTable,
    RuleBook,
    RuleFileError,
    load_rulebook,
)


@pytest.fixture(scope="module")
def rulebook() -> RuleBook:
    return load_rulebook()


def test_every_rule_names_its_statute_and_explains_itself(rulebook: RuleBook) -> None:
    assert len(rulebook.rules) >= 15
    for rule in rulebook.rules:
        assert rule.reference and rule.note and rule.title, rule.id
        assert rule.counting_reference, rule.id


def test_every_trigger_event_opens_some_deadline(rulebook: RuleBook) -> None:
    assert {rule.trigger for rule in rulebook.rules} == set(TRIGGER_EVENTS)


def test_the_investigation_limit_is_marked_for_verification(rulebook: RuleBook) -> None:
    rule = rulebook.get("at_investigation_limit")
    assert rule.reference == "§ 108a StPO"
    assert "NEEDS VERIFICATION" in rule.note


@pytest.mark.parametrize(
    ("jurisdiction", "event", "rule_ids"),
    [
        ("AT", "detention_imposed", {"at_detention_review_first", "at_detention_maximum"}),
        ("AT", "arrest_custody", {"at_custody_delivery"}),
        ("AT", "eio_received", {"eu_eio_recognition"}),
        ("RS", "eio_received", set()),  # Serbia is not an EU member state
        ("RS", "detention_imposed", {"rs_detention_first_month", "rs_detention_maximum"}),
        ("RS", "indictment_served", set()),
    ],
)
def test_rules_for_an_event(rulebook: RuleBook, jurisdiction: str, event: str, rule_ids: set[str]) -> None:
    assert {rule.id for rule in rulebook.rules_for(jurisdiction, event)} == rule_ids


def test_continued_detention_supersedes_the_pending_review(rulebook: RuleBook) -> None:
    assert rulebook.get("at_detention_review_second").supersedes == ("at_detention_review_first",)
    assert set(rulebook.get("at_detention_review_next").supersedes) == {
        "at_detention_review_second",
        "at_detention_review_next",
    }


@pytest.mark.parametrize(
    ("rule_id", "reminders"),
    [
        ("at_custody_delivery", (Offset(24, HOURS), Offset(6, HOURS), Offset(1, HOURS))),
        ("at_detention_review_first", (Offset(7, DAYS), Offset(2, DAYS), Offset(0, DAYS))),
        ("at_appeal_announcement", (Offset(1, DAYS), Offset(0, DAYS))),
    ],
)
def test_reminder_offsets(rulebook: RuleBook, rule_id: str, reminders: tuple[Offset, ...]) -> None:
    assert rulebook.get(rule_id).reminders == reminders


@pytest.mark.parametrize(
    ("offence_class", "offset"),
    [
        ("collusion_only", Offset(2, MONTHS)),
        ("misdemeanour", Offset(6, MONTHS)),
        ("felony", Offset(12, MONTHS)),
        ("felony_over_5_years", Offset(24, MONTHS)),
        (None, Offset(2, MONTHS)),
    ],
)
def test_maximum_detention_depends_on_the_offence_class(
    rulebook: RuleBook, offence_class: str | None, offset: Offset
) -> None:
    rule = rulebook.get("at_detention_maximum")
    assert isinstance(rule.offset, OffsetTable)
    assert rule.offset_for(offence_class) == offset


def test_an_unknown_offence_class_is_refused(rulebook: RuleBook) -> None:
    with pytest.raises(ValueError, match="murder"):
        rulebook.get("at_detention_maximum").offset_for("murder")


# --- broken rule files -------------------------------------------------------

VALID_RULE = {
    "id": "at_test_rule",
    "trigger": "indictment_served",
    "title": "Objection",
    "offset": "14 days",
    "kind": "period",
    "reference": "§ 213 StPO",
    "note": "A test rule.",
    "closes_on": "[objection_filed]",
}


def write_rule_file(directory: Path, name: str = "at.yaml", header: str = "", **changes: str | None) -> Path:
    """Write a rule file with one rule, changed or without fields set to None."""
    fields = {**VALID_RULE, **changes}
    body = "".join(f"    {key}: {value}\n" for key, value in fields.items() if value is not None)
    text = header or "jurisdiction: AT\ncounting_reference: § 84 StPO\n"
    path = directory / name
    path.write_text(f"{text}rules:\n  - {body.strip()}\n", encoding="utf-8")
    return path


def test_a_valid_file_loads(tmp_path: Path) -> None:
    write_rule_file(tmp_path)
    rule = load_rulebook(tmp_path).get("at_test_rule")
    assert rule.offset == Offset(14, DAYS)
    assert rule.source.endswith("at.yaml")


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"kind": "deadline"}, "unknown kind 'deadline'"),
        ({"offset": "2 fortnights"}, "bad offset '2 fortnights'"),
        ({"offset": "0 days"}, "must be more than zero"),
        ({"offset": "until end date"}, "only allowed for a limit"),
        ({"reference": None}, "missing field(s) ['reference']"),
        ({"note": "''"}, "note must be non-empty text"),
        ({"trigger": "indictment_serve"}, "unknown trigger 'indictment_serve'"),
        ({"closes_on": "[objection_fild]"}, "unknown event(s) ['objection_fild']"),
        ({"closes_on": "[]"}, "closes_on must name at least one event"),
        ({"reminders": "[7x]"}, "bad reminder '7x'"),
        ({"reminder": "[7d]"}, "unknown field(s) ['reminder']"),
        ({"supersedes": "[at_no_such_rule]"}, "supersedes unknown rule 'at_no_such_rule'"),
        ({"applies_to": "office"}, "unknown applies_to 'office'"),
        ({"offset": "{by_offence_class: {felony: 1 month}}"}, "needs exactly 'by_offence_class' and 'default'"),
        (
            {"offset": "{by_offence_class: {murder: 1 month}, default: 2 months}"},
            "unknown offence class(es) ['murder']",
        ),
        ({"offset": "{by_offence_class: {felony: 48 hours}, default: 2 months}"}, "all be hours"),
    ],
)
def test_a_broken_rule_is_named_with_its_file_and_fault(tmp_path: Path, changes: dict, problem: str) -> None:
    write_rule_file(tmp_path, **changes)
    with pytest.raises(RuleFileError) as error:
        load_rulebook(tmp_path)
    message = str(error.value)
    assert "at.yaml" in message
    assert "rule at_test_rule" in message
    assert problem in message


def test_a_rule_without_an_id_is_named_by_its_position(tmp_path: Path) -> None:
    write_rule_file(tmp_path, id=None)
    with pytest.raises(RuleFileError, match=r"at\.yaml: rule #1 \(no id\): missing field\(s\) \['id'\]"):
        load_rulebook(tmp_path)


def test_a_badly_written_id_is_refused(tmp_path: Path) -> None:
    write_rule_file(tmp_path, id="'At Rule'")
    with pytest.raises(RuleFileError, match="id must be lower_snake_case"):
        load_rulebook(tmp_path)


def test_a_duplicate_id_names_both_files(tmp_path: Path) -> None:
    write_rule_file(tmp_path, "at.yaml")
    write_rule_file(tmp_path, "at_more.yaml")
    with pytest.raises(RuleFileError, match=r"at_more\.yaml: rule at_test_rule: duplicate id \(also in .*at\.yaml\)"):
        load_rulebook(tmp_path)


def test_superseding_a_rule_of_another_jurisdiction_is_refused(tmp_path: Path) -> None:
    write_rule_file(tmp_path, "at.yaml")
    write_rule_file(
        tmp_path,
        "rs.yaml",
        header="jurisdiction: RS\ncounting_reference: ZKP\n",
        id="rs_test_rule",
        supersedes="[at_test_rule]",
    )
    with pytest.raises(RuleFileError, match="rs.yaml: rule rs_test_rule: supersedes 'at_test_rule' of another"):
        load_rulebook(tmp_path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("jurisdiction: AT\nrules: [\n", "not valid YAML"),
        ("- just a list\n", "must be a mapping"),
        ("jurisdiction: DE\ncounting_reference: x\nrules: []\n", "jurisdiction must be one of"),
        ("jurisdiction: AT\ncounting_reference: x\nrules: []\n", "'rules' must be a non-empty list"),
        ("jurisdiction: AT\nrules: [{id: x}]\n", "counting_reference must be non-empty text"),
        ("jurisdiction: EU\napplies_in: [DE]\ncounting_reference: x\nrules: [{id: x}]\n", "applies_in"),
        ("jurisdiction: AT\ncounting_reference: x\nrule: []\n", "unknown key(s) ['rule']"),
    ],
)
def test_a_broken_file_is_named(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "broken.yaml").write_text(dedent(text), encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_rulebook(tmp_path)
    assert "broken.yaml" in str(error.value)
    assert problem in str(error.value)


def test_an_empty_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="no rule files"):
        load_rulebook(tmp_path)
