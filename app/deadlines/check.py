"""Open deadlines that contradict the state of their case or defendant (`flask deadlines check`).

A deadline stays open until an event closes it. When that event was never recorded, the
deadline goes on reminding and escalating about something that no longer applies: an
alarm about a person who is no longer held, a review the law no longer asks for. Each
open deadline is checked against four facts:

- custody: a custody or detention limit (a rule opened by a custody event, or closed by
  a release) is open for a defendant who is not in pre-trial custody;
- passed: its rule ends at an event the case's stage shows has happened (EVENT_STAGES);
- closed case: the case is final, discontinued, diverted or transferred;
- final judgment: an appeal period (a rule closed by announcing or waiving an appeal) of
  a judgment that is already final.

A deadline may contradict its case on several counts; it is one contradiction, whose
line names every count (a closed case's, though, stands for any stage-based one).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.cases.grounds import STAGE_ORDER
from app.cases.models import TERMINAL_STAGES, Case, Custody, Defendant, Person, Stage
from app.deadlines.models import Deadline, DeadlineStatus
from app.deadlines.rules import CLOSING_EVENTS, Rule, RuleBook
from app.deadlines.services import CUSTODY_EVENTS, current_rulebook
from app.extensions import db
from app.judgments.deadlines import is_appeal_period
from app.judgments.models import Judgment

#: An event, and the first stage a case can only have reached after it happened:
#: an indictment ends the investigation; a case comes to trial only once its indictment
#: has taken effect, and the move to trial records the main hearing; the judgment stage
#: begins with the announced judgment.
EVENT_STAGES: dict[str, Stage] = {
    "investigation_ended": Stage.INDICTED,
    "indictment_effective": Stage.TRIAL,
    "trial_started": Stage.TRIAL,
    "judgment_announced": Stage.JUDGMENT,
}


@dataclass(frozen=True)
class Contradiction:
    """An open deadline, and what about its case or defendant says it should not be open."""

    deadline_id: int
    case_reference: str
    title: str
    defendant: str | None
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        who = f", {self.defendant}" if self.defendant else ""
        return f"{self.case_reference}: {self.title} (deadline {self.deadline_id}{who}): {'; '.join(self.reasons)}"


def is_custody_limit(rule: Rule) -> bool:
    return rule.trigger in CUSTODY_EVENTS or "released" in rule.closes_on


def passed_event(rule: Rule, stage: Stage) -> str | None:
    """The first event among those closing `rule` that a case at `stage` has passed, or None."""
    if stage not in STAGE_ORDER:
        return None
    for event in rule.closes_on:
        implied = EVENT_STAGES.get(event)
        if implied is not None and STAGE_ORDER.index(stage) >= STAGE_ORDER.index(implied):
            return event
    return None


def find_contradictions(rulebook: RuleBook | None = None) -> list[Contradiction]:
    """Every open deadline that contradicts its case or defendant, by case reference and deadline."""
    rulebook = rulebook or current_rulebook()
    rules = {rule.id: rule for rule in rulebook.rules}
    suspects = [
        rule.id
        for rule in rules.values()
        if is_custody_limit(rule) or is_appeal_period(rule) or set(rule.closes_on) & set(EVENT_STAGES)
    ]
    defendant, person = aliased(Defendant), aliased(Person)
    query = (
        sa.select(
            Deadline.id,
            Deadline.title,
            Deadline.rule_id,
            Deadline.defendant_id,
            Deadline.case_id,
            Case.reference,
            Case.stage,
            defendant.custody,
            person.first_name,
            person.last_name,
        )
        .join(Case, Case.id == Deadline.case_id)
        .outerjoin(defendant, defendant.id == Deadline.defendant_id)
        .outerjoin(person, person.id == defendant.person_id)
        .where(
            Deadline.status == DeadlineStatus.OPEN,
            sa.or_(Deadline.rule_id.in_(suspects), Case.stage.in_(TERMINAL_STAGES)),
        )
        .order_by(Case.reference, Deadline.id)
    )
    rows = db.session.execute(query).all()
    finality = _judgment_finality([rule.id for rule in rules.values() if is_appeal_period(rule)])
    found = []
    for row in rows:
        reasons = _reasons(row, rules.get(row.rule_id), finality)
        if reasons:
            name = f"{row.first_name} {row.last_name}" if row.first_name is not None else None
            found.append(Contradiction(row.id, row.reference, row.title, name, tuple(reasons)))
    return found


def _judgment_finality(appeal_rules: list[str]) -> dict[int, dict[int, bool]]:
    """Case id → {defendant id: whether their judgment is final}, for cases with an open appeal period."""
    finality: dict[int, dict[int, bool]] = {}
    open_periods = sa.select(Deadline.case_id).where(
        Deadline.status == DeadlineStatus.OPEN, Deadline.rule_id.in_(appeal_rules)
    )
    query = sa.select(Judgment.case_id, Judgment.defendant_id, Judgment.final_on.is_not(None)).where(
        Judgment.case_id.in_(open_periods)
    )
    for case_id, defendant_id, final in db.session.execute(query):
        finality.setdefault(case_id, {})[defendant_id] = final
    return finality


def _reasons(row, rule: Rule | None, finality: dict[int, dict[int, bool]]) -> list[str]:
    reasons = []
    stage = Stage(row.stage)
    if rule is not None and is_custody_limit(rule) and row.custody is not None and not Custody(row.custody).in_custody:
        reasons.append(f"the defendant is not in pre-trial custody ({Custody(row.custody).label.lower()})")
    if stage in TERMINAL_STAGES:
        reasons.append(f"the case is {stage.value}")
    elif rule is not None and (event := passed_event(rule, stage)):
        reasons.append(
            f'the case is at {stage.value}, past "{CLOSING_EVENTS[event].lower()}", which ends this deadline'
        )
    if rule is not None and is_appeal_period(rule) and _judgment_final(row, finality.get(row.case_id, {})):
        reasons.append("the judgment is already final")
    return reasons


def _judgment_final(row, judgments: dict[int, bool]) -> bool:
    """The defendant's judgment is final; for a period of the whole case, every judgment of the case is."""
    if row.defendant_id is not None:
        return judgments.get(row.defendant_id, False)
    return bool(judgments) and all(judgments.values())
