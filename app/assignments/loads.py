"""Weighted caseloads and who may take a case: the facts automatic assignment decides on.

Everything here reads; nothing writes. A `Roster` is the office's prosecutors with their
capacity, specialisations, absences, operations and current load, built with a fixed
number of queries so that assigning 135 cases costs no more reads than assigning one.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from app.assignments.models import (
    DEFAULT_CUSTODY_WEIGHT,
    DEFAULT_EXTRA_DEFENDANT_WEIGHT,
    DEFAULT_SPREAD_TARGET,
    DEFAULT_STAGE_WEIGHTS,
    Absence,
    CaseloadSettings,
    CaseSpecialisation,
    ProsecutorProfile,
    Specialisation,
)
from app.auth.models import Office, Role, User
from app.cases.models import ACTIVE_STAGES, Case, Custody, Defendant, Stage
from app.extensions import db
from app.operations.models import operation_members

IN_CUSTODY = (Custody.ARRESTED, Custody.DETAINED)


def fmt(value: Decimal) -> str:
    """Show a load the way people write it: 7.5, 8, 0.25."""
    text = f"{Decimal(value).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Weights:
    stage: dict[Stage, Decimal]
    extra_defendant: Decimal
    custody: Decimal
    spread_target: Decimal
    assign_new_cases: bool

    def of(self, stage: Stage, defendants: int, in_custody: int) -> Decimal:
        return (
            self.stage.get(Stage(stage), Decimal(0))
            + self.extra_defendant * max(defendants - 1, 0)
            + self.custody * in_custody
        )


def weights_for(office_id: int) -> Weights:
    """The office's caseload weights, or the defaults while it has stored none."""
    row = db.session.get(CaseloadSettings, office_id)
    stored = row.stage_weights if row else {}
    stage = {Stage(s): Decimal(str(stored.get(s, w))) for s, w in DEFAULT_STAGE_WEIGHTS.items()}
    if row is None:
        return Weights(stage, DEFAULT_EXTRA_DEFENDANT_WEIGHT, DEFAULT_CUSTODY_WEIGHT, DEFAULT_SPREAD_TARGET, True)
    return Weights(
        stage,
        Decimal(row.extra_defendant_weight),
        Decimal(row.custody_weight),
        Decimal(row.spread_target),
        row.assign_new_cases,
    )


@dataclass
class CaseLoad:
    """A case as assignment sees it: who has it, what it requires and what it weighs."""

    case_id: int
    reference: str
    title: str
    prosecutor_id: int | None
    stage: Stage
    operation_id: int | None
    defendants: int
    in_custody: int
    specialisation: Specialisation | None
    weight: Decimal


def case_loads(
    office_id: int,
    weights: Weights,
    *,
    case_ids=None,
    prosecutor_ids=None,
    unassigned: bool = False,
    active_only: bool = True,
) -> list[CaseLoad]:
    """Weigh the office's cases in one query, optionally narrowed to some cases or prosecutors."""
    people = (
        sa.select(
            Defendant.case_id,
            sa.func.count(Defendant.id).label("n"),
            sa.func.sum(sa.case((Defendant.custody.in_(IN_CUSTODY), 1), else_=0)).label("held"),
        )
        .group_by(Defendant.case_id)
        .subquery()
    )
    query = (
        sa.select(
            Case.id,
            Case.reference,
            Case.title,
            Case.prosecutor_id,
            Case.stage,
            Case.operation_id,
            sa.func.coalesce(people.c.n, 0),
            sa.func.coalesce(people.c.held, 0),
            CaseSpecialisation.specialisation,
        )
        .outerjoin(people, people.c.case_id == Case.id)
        .outerjoin(CaseSpecialisation, CaseSpecialisation.case_id == Case.id)
        .where(Case.office_id == office_id)
        .order_by(Case.id)
    )
    if active_only:
        query = query.where(Case.stage.in_(ACTIVE_STAGES))
    if case_ids is not None:
        query = query.where(Case.id.in_(list(case_ids)))
    if prosecutor_ids is not None:
        query = query.where(Case.prosecutor_id.in_(list(prosecutor_ids)))
    if unassigned:
        query = query.where(Case.prosecutor_id.is_(None))
    return [
        CaseLoad(cid, ref, title, pid, Stage(stage), op, int(n), int(held), spec, weights.of(stage, int(n), int(held)))
        for cid, ref, title, pid, stage, op, n, held, spec in db.session.execute(query)
    ]


@dataclass
class Candidate:
    """A prosecutor of the office with everything eligibility and load need."""

    user: User
    capacity: Decimal = Decimal(1)
    specialisations: frozenset = frozenset()
    load_cap: Decimal | None = None
    absences: list = field(default_factory=list)
    operations: frozenset = frozenset()
    load: Decimal = Decimal(0)
    cases: int = 0

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def relative(self) -> Decimal:
        return self.load / self.capacity

    def absence_on(self, day: date) -> Absence | None:
        return next((a for a in self.absences if a.covers(day)), None)

    def take(self, case: CaseLoad) -> None:
        self.load += case.weight
        self.cases += 1

    def give(self, case: CaseLoad) -> None:
        self.load -= case.weight
        self.cases -= 1


class NoEligibleProsecutor(LookupError):
    """No prosecutor meets the rules for a case; the message says which rules excluded whom."""


@dataclass
class Roster:
    """The office's prosecutors on one day, with their current loads."""

    office: Office
    day: date
    weights: Weights
    candidates: list[Candidate]

    def get(self, user_id: int | None) -> Candidate | None:
        return next((c for c in self.candidates if c.id == user_id), None)

    def present(self) -> list[Candidate]:
        return [c for c in self.candidates if c.absence_on(self.day) is None]

    def refusal(self, candidate: Candidate, case: CaseLoad, *, cap: bool = True) -> str | None:
        """Why `candidate` may not take `case` automatically, or None if they may."""
        if candidate.absence_on(self.day) is not None:
            return "absent"
        if case.operation_id is not None and case.operation_id not in candidate.operations:
            return "not on the operation's team"
        if case.specialisation is not None and case.specialisation.value not in candidate.specialisations:
            return f"not specialised in {case.specialisation.label}"
        if cap and candidate.load_cap is not None and candidate.relative >= candidate.load_cap:
            return "at their cap"
        return None

    def eligible(self, case: CaseLoad, among=None) -> list[Candidate]:
        """Those who may take `case`, lowest relative load first, then lowest user id."""
        pool = self.candidates if among is None else among
        return sorted((c for c in pool if self.refusal(c, case) is None), key=lambda c: (c.relative, c.id))

    def choose(self, case: CaseLoad) -> tuple[Candidate, str]:
        """The prosecutor the rules pick for `case` (never its current one), and a one-line explanation."""
        eligible = self.eligible(case, [c for c in self.candidates if c.id != case.prosecutor_id])
        if not eligible:
            raise NoEligibleProsecutor(self.explain_refusals(case))
        chosen = eligible[0]
        parts = [f"lowest load {fmt(chosen.relative)} of {len(eligible)} eligible"]
        if case.operation_id is not None:
            parts.append("operation team")
        if case.specialisation is not None:
            parts.append(case.specialisation.label)
        return chosen, ", ".join(parts)

    def explain_refusals(self, case: CaseLoad) -> str:
        if not self.candidates:
            return "No eligible prosecutor: the office has no active prosecutors."
        counts: dict[str, int] = defaultdict(int)
        for candidate in self.candidates:
            counts[self.refusal(candidate, case)] += 1
        return "No eligible prosecutor: " + ", ".join(f"{n} {why}" for why, n in sorted(counts.items()))

    def spread(self, among=None) -> Decimal:
        pool = self.present() if among is None else among
        loads = [c.relative for c in pool]
        return max(loads) - min(loads) if loads else Decimal(0)


def build_roster(office: Office, *, now: datetime, weights: Weights | None = None) -> Roster:
    """Load the office's active prosecutors and their loads in a fixed number of queries."""
    weights = weights or weights_for(office.id)
    day = office.today(now)
    users = db.session.scalars(
        sa.select(User)
        .where(User.office_id == office.id, User.role == Role.PROSECUTOR, User.active.is_(True))
        .order_by(User.id)
    ).all()
    ids = [user.id for user in users]
    profiles = {
        p.user_id: p for p in db.session.scalars(sa.select(ProsecutorProfile).where(ProsecutorProfile.user_id.in_(ids)))
    }
    absences = defaultdict(list)
    for absence in db.session.scalars(
        sa.select(Absence)
        .where(Absence.user_id.in_(ids), Absence.ends_on >= day)
        .order_by(Absence.starts_on, Absence.id)
    ):
        absences[absence.user_id].append(absence)
    operations = defaultdict(set)
    for operation_id, user_id in db.session.execute(
        sa.select(operation_members.c.operation_id, operation_members.c.user_id).where(
            operation_members.c.user_id.in_(ids)
        )
    ):
        operations[user_id].add(operation_id)
    candidates = []
    for user in users:
        profile = profiles.get(user.id)
        candidates.append(
            Candidate(
                user=user,
                capacity=Decimal(profile.capacity) if profile and profile.capacity else Decimal(1),
                specialisations=frozenset(profile.specialisations if profile else ()),
                load_cap=Decimal(profile.load_cap) if profile and profile.load_cap is not None else None,
                absences=absences[user.id],
                operations=frozenset(operations[user.id]),
            )
        )
    by_id = {c.id: c for c in candidates}
    for case in case_loads(office.id, weights, prosecutor_ids=ids):
        by_id[case.prosecutor_id].take(case)
    return Roster(office, day, weights, candidates)
