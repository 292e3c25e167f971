"""Rebalancing plans: which cases to move so that relative loads lie within a target spread.

A plan is computed, shown to a supervisor, and only applied when they confirm it
(`services.apply_rebalance`). Planning writes nothing.

For a prosecutor who is absent (or leaving), every movable case goes, heaviest first,
each to the least-loaded prosecutor who may take it. Otherwise moves go from the most
to the least loaded, each time the case whose move brings the two closest to equal
(ties: the lighter case, then the older one), until the spread is within the target;
picking the best-fitting case rather than the smallest keeps the number of moves down.
Cases at trial or later and cases with a defendant in custody stay with their
prosecutor unless the supervisor includes them: a new prosecutor there costs the most.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from app.assignments.loads import Candidate, CaseLoad, Roster, build_roster, case_loads, fmt
from app.auth.models import Office, User
from app.cases.models import Stage

#: Stages at which the prosecutor who argues the case should see it through.
PINNED_STAGES = (Stage.TRIAL, Stage.JUDGMENT, Stage.APPEAL)


@dataclass(frozen=True)
class Move:
    case: CaseLoad
    from_user: User
    to_user: User


@dataclass
class Plan:
    roster: Roster
    target: Decimal
    prosecutor: User | None
    clearing: bool
    before: dict[int, Decimal]
    moves: list[Move] = field(default_factory=list)
    #: (case, why it stays)
    kept: list[tuple[CaseLoad, str]] = field(default_factory=list)

    @property
    def after(self) -> dict[int, Decimal]:
        return {c.id: c.relative for c in self.roster.candidates}

    def spread(self, loads: dict[int, Decimal]) -> Decimal:
        """Max minus min relative load of those present (a prosecutor being cleared does not count)."""
        cleared = self.prosecutor.id if self.clearing else None
        pool = [loads[c.id] for c in self.roster.present() if c.id != cleared]
        return max(pool) - min(pool) if pool else Decimal(0)

    @property
    def spread_before(self) -> Decimal:
        return self.spread(self.before)

    @property
    def spread_after(self) -> Decimal:
        return self.spread(self.after)

    @property
    def within_target(self) -> bool:
        return self.spread_after <= self.target

    def encoded(self) -> str:
        """The moves as "case:from:to,…", for the form that applies them."""
        return ",".join(f"{m.case.case_id}:{m.from_user.id}:{m.to_user.id}" for m in self.moves)

    def summary(self) -> str:
        return (
            f"{len(self.moves)} moves; spread {fmt(self.spread_before)} → {fmt(self.spread_after)} "
            f"(target {fmt(self.target)})"
        )


def decode_moves(text: str) -> list[tuple[int, int, int]]:
    """Read "case:from:to,…" back; ValueError if it is not that."""
    moves = []
    for part in filter(None, (text or "").split(",")):
        case_id, from_id, to_id = (int(n) for n in part.split(":"))
        moves.append((case_id, from_id, to_id))
    return moves


def propose_rebalance(
    office: Office,
    *,
    now: datetime,
    prosecutor: User | None = None,
    target: Decimal | None = None,
    include_trial: bool = False,
    include_custody: bool = False,
    clear: bool = False,
) -> Plan:
    """Plan moves for one prosecutor (or, with None, the whole office) without changing anything."""
    roster = build_roster(office, now=now)
    target = Decimal(target) if target is not None else roster.weights.spread_target
    picked = roster.get(prosecutor.id) if prosecutor is not None else None
    clearing = picked is not None and (clear or picked.absence_on(roster.day) is not None)
    plan = Plan(roster, target, prosecutor, clearing, before={c.id: c.relative for c in roster.candidates})
    sources = [picked] if picked is not None else roster.present()
    movable = {}
    for case in case_loads(office.id, roster.weights, prosecutor_ids=[s.id for s in sources]):
        why = _pinned(case, include_trial, include_custody)
        if why:
            plan.kept.append((case, why))
        else:
            movable.setdefault(case.prosecutor_id, []).append(case)
    if clearing:
        _clear(plan, picked, movable.get(picked.id, []))
    else:
        _level(plan, sources, movable)
    return plan


def _pinned(case: CaseLoad, include_trial: bool, include_custody: bool) -> str | None:
    if case.stage in PINNED_STAGES and not include_trial:
        return f"at {case.stage.label.lower()}"
    if case.in_custody and not include_custody:
        return "defendant in custody"
    return None


def _move(plan: Plan, case: CaseLoad, source: Candidate, receiver: Candidate) -> None:
    source.give(case)
    receiver.take(case)
    plan.moves.append(Move(case, source.user, receiver.user))


def _clear(plan: Plan, source: Candidate, cases: list[CaseLoad]) -> None:
    receivers = [c for c in plan.roster.present() if c.id != source.id]
    for case in sorted(cases, key=lambda c: (-c.weight, c.case_id)):
        eligible = plan.roster.eligible(case, receivers)
        if eligible:
            _move(plan, case, source, eligible[0])
        else:
            plan.kept.append((case, plan.roster.explain_refusals(case)))


def _level(plan: Plan, sources: list[Candidate], movable: dict[int, list[CaseLoad]]) -> None:
    roster = plan.roster
    present = roster.present()
    for _ in range(sum(len(cases) for cases in movable.values())):
        if _gap(sources, present) <= plan.target:
            return
        move = _best_move(roster, sources, present, movable)
        if move is None:
            return
        case, source, receiver = move
        movable[source.id].remove(case)
        _move(plan, case, source, receiver)


def _gap(sources: list[Candidate], present: list[Candidate]) -> Decimal:
    """How far the most loaded source lies above the least loaded present prosecutor."""
    if not sources or not present:
        return Decimal(0)
    return max(s.relative for s in sources) - min(p.relative for p in present)


def _best_move(roster: Roster, sources, present, movable):
    for source in sorted(sources, key=lambda c: (-c.relative, c.id)):
        for receiver in sorted(present, key=lambda c: (c.relative, c.id)):
            if receiver.relative >= source.relative:
                break
            fits = []
            for case in movable.get(source.id, []):
                left = source.relative - case.weight / source.capacity
                right = receiver.relative + case.weight / receiver.capacity
                if right < source.relative and roster.refusal(receiver, case) is None:
                    fits.append((abs(left - right), case.weight, case.case_id, case))
            if fits:
                return min(fits, key=lambda f: f[:3])[3], source, receiver
    return None
