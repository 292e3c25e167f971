"""Assigning cases to prosecutors, by the rules or by hand, and keeping profiles and absences.

Every function takes the acting user and the time explicitly, adds and flushes, and
leaves the commit to the caller. Deadlines and reminders name no prosecutor of their
own: they follow the case's, so an assignment needs to tell no one.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from app.assignments.loads import (
    CaseLoad,
    NoEligibleProsecutor,
    Roster,
    build_roster,
    case_loads,
    fmt,
)
from app.assignments.models import (
    DEFAULT_STAGE_WEIGHTS,
    Absence,
    Assignment,
    CaseloadSettings,
    CaseSpecialisation,
    ProsecutorProfile,
    Specialisation,
)
from app.assignments.rebalance import Plan, propose_rebalance  # noqa: F401  (part of this module's API)
from app.audit.services import diff, record
from app.auth.models import Office, Role, User
from app.cases.models import Case, TimelineKind
from app.cases.timeline import add_entry
from app.errors import DomainError
from app.extensions import db


def assign_case(
    case: Case, prosecutor: User, *, actor: User | None, now: datetime, reason: str, automatic: bool = False
) -> Assignment:
    """Make `prosecutor` the case's prosecutor, keeping the history, timeline and audit trail."""
    if prosecutor.role != Role.PROSECUTOR or not prosecutor.active or prosecutor.office_id != case.office_id:
        raise DomainError(f"{prosecutor.name} is not an active prosecutor of the case's office.", "prosecutor")
    before = case.prosecutor
    if before is not None and before.id == prosecutor.id:
        raise DomainError(f"The case is already assigned to {prosecutor.name}.", "prosecutor")
    reason = reason.strip()[:500]
    from_id = before.id if before else None
    case.prosecutor = prosecutor
    entry = Assignment(
        case=case,
        from_id=from_id,
        to_id=prosecutor.id,
        by_id=actor.id if actor else None,
        assigned_at=now,
        automatic=automatic,
        reason=reason,
    )
    db.session.add(entry)
    db.session.flush()
    how = "automatically" if automatic else "by hand"
    summary = (
        f"Assigned {how} to {prosecutor.name}"
        + (f" (was {before.name})" if before else "")
        + (f": {reason}" if reason else "")
    )
    add_entry(
        case,
        TimelineKind.ASSIGNMENT,
        summary,
        actor=actor,
        now=now,
        details={
            "from": from_id,
            "to": prosecutor.id,
            "automatic": automatic,
            "reason": reason,
            "assignment_id": entry.id,
        },
    )
    changes = {"prosecutor_id": [from_id, prosecutor.id], "automatic": automatic, "reason": reason}
    record("case.assign", actor=actor, now=now, about=case, changes=changes)
    return entry


def _load_of(case: Case, roster: Roster) -> CaseLoad:
    loads = case_loads(case.office_id, roster.weights, case_ids=[case.id], active_only=False)
    return loads[0]


def auto_assign(case: Case, *, actor: User | None, now: datetime, roster: Roster | None = None) -> Assignment:
    """Assign `case` to the eligible prosecutor with the lowest relative load (ties: lowest user id)."""
    roster = roster or build_roster(case.office, now=now)
    load = _load_of(case, roster)
    chosen, explanation = roster.choose(load)
    entry = assign_case(case, chosen.user, actor=actor, now=now, reason=explanation, automatic=True)
    before = roster.get(load.prosecutor_id)
    if before is not None:
        before.give(load)
    chosen.take(load)
    return entry


@dataclass
class BulkResult:
    assigned: list[Assignment] = field(default_factory=list)
    #: (case, why it stayed unassigned)
    skipped: list[tuple[Case, str]] = field(default_factory=list)


def bulk_assign(cases: list[Case], *, office: Office, actor: User | None, now: datetime) -> BulkResult:
    """Assign unassigned cases of `office` by the rules, heaviest first so the loads even out."""
    result = BulkResult()
    roster = build_roster(office, now=now)
    by_id = {case.id: case for case in cases}
    for case in cases:
        if case.office_id != office.id:
            result.skipped.append((case, "belongs to another office"))
        elif case.prosecutor_id is not None:
            result.skipped.append((case, "already assigned"))
    wanted = [c.id for c in cases if c.office_id == office.id and c.prosecutor_id is None]
    loads = case_loads(office.id, roster.weights, case_ids=wanted, active_only=False)
    for load in sorted(loads, key=lambda c: (-c.weight, c.case_id)):
        case = by_id[load.case_id]
        try:
            chosen, explanation = roster.choose(load)
        except NoEligibleProsecutor as refusal:
            result.skipped.append((case, str(refusal)))
            continue
        result.assigned.append(assign_case(case, chosen.user, actor=actor, now=now, reason=explanation, automatic=True))
        chosen.take(load)
    return result


def apply_rebalance(
    moves: list[tuple[int, int, int]], *, office: Office, actor: User, now: datetime, reason: str
) -> list[Assignment]:
    """Carry out reviewed moves (case id, from id, to id); refuse all if any case changed hands since."""
    if not moves:
        raise DomainError("The plan has no moves.")
    cases = {
        c.id: c
        for c in db.session.scalars(
            sa.select(Case).where(Case.id.in_([m[0] for m in moves]), Case.office_id == office.id)
        )
    }
    users = {
        u.id: u
        for u in db.session.scalars(
            sa.select(User).where(User.id.in_([m[2] for m in moves]), User.office_id == office.id)
        )
    }
    for case_id, from_id, to_id in moves:
        if case_id not in cases or to_id not in users or cases[case_id].prosecutor_id != from_id:
            raise DomainError("The plan is out of date: a case in it has changed hands. Review a new plan.")
    why = "Rebalancing" + (f": {reason.strip()}" if reason.strip() else "")
    return [
        assign_case(cases[case_id], users[to_id], actor=actor, now=now, reason=why)
        for case_id, _from_id, to_id in moves
    ]


def profile_of(user: User) -> ProsecutorProfile:
    """The user's profile, or an unsaved one with the defaults."""
    return db.session.get(ProsecutorProfile, user.id) or ProsecutorProfile(
        user_id=user.id, capacity=Decimal("1.00"), specialisations=[], load_cap=None
    )


def save_profile(
    user: User, *, capacity: Decimal, specialisations: list[str], load_cap: Decimal | None, actor: User, now: datetime
) -> ProsecutorProfile:
    if capacity is None or not Decimal("0.1") <= Decimal(capacity) <= Decimal("1.5"):
        raise DomainError("Capacity must be between 0.1 and 1.5 (1.0 is full time).", "capacity")
    if load_cap is not None and Decimal(load_cap) <= 0:
        raise DomainError("The cap must be more than zero, or empty for none.", "load_cap")
    profile = db.session.get(ProsecutorProfile, user.id)
    before = _profile_facts(profile) if profile else {}
    if profile is None:
        profile = ProsecutorProfile(user_id=user.id, created_at=now)
        db.session.add(profile)
    profile.capacity = Decimal(capacity).quantize(Decimal("0.01"))
    profile.specialisations = sorted({Specialisation(s).value for s in specialisations})
    profile.load_cap = Decimal(load_cap).quantize(Decimal("0.01")) if load_cap is not None else None
    db.session.flush()
    changes = diff(before, _profile_facts(profile))
    if changes:
        _record_for_prosecutor("prosecutor.profile", user.id, changes, actor=actor, now=now)
    return profile


def _profile_facts(profile: ProsecutorProfile) -> dict:
    return {
        "capacity": fmt(profile.capacity),
        "specialisations": list(profile.specialisations),
        "load_cap": fmt(profile.load_cap) if profile.load_cap is not None else None,
    }


def add_absence(
    user: User, *, starts_on: date, ends_on: date, deputy: User | None, reason: str, actor: User, now: datetime
) -> Absence:
    if ends_on < starts_on:
        raise DomainError("The absence cannot end before it starts.", "ends_on")
    if deputy is not None and (deputy.id == user.id or deputy.office_id != user.office_id):
        raise DomainError("The deputy must be another member of the office.", "deputy_id")
    overlap = db.session.scalar(
        sa.select(Absence.id).where(
            Absence.user_id == user.id, Absence.starts_on <= ends_on, Absence.ends_on >= starts_on
        )
    )
    if overlap is not None:
        raise DomainError("This overlaps an absence already recorded.", "starts_on")
    absence = Absence(
        user_id=user.id,
        starts_on=starts_on,
        ends_on=ends_on,
        deputy=deputy,
        reason=reason.strip(),
        recorded_by_id=actor.id,
        created_at=now,
    )
    db.session.add(absence)
    db.session.flush()
    changes = {**_absence_facts(absence), "deputy_id": absence.deputy_id, "reason": absence.reason}
    _record_for_prosecutor("prosecutor.absence", user.id, changes, actor=actor, now=now)
    return absence


def remove_absence(absence: Absence, *, actor: User, now: datetime) -> None:
    _record_for_prosecutor("prosecutor.absence_removed", absence.user_id, _absence_facts(absence), actor=actor, now=now)
    db.session.delete(absence)
    db.session.flush()


def _absence_facts(absence: Absence) -> dict:
    return {"absence_id": absence.id, "from": absence.starts_on.isoformat(), "to": absence.ends_on.isoformat()}


def _record_for_prosecutor(action: str, user_id: int, changes: dict, *, actor: User, now: datetime) -> None:
    """Add a change to a prosecutor's profile or absences to the audit trail, as an event about the user."""
    record(action, actor=actor, now=now, object_type="user", object_id=user_id, changes=changes)


def require_specialisation(case: Case, specialisation: Specialisation | None, *, actor: User, now: datetime) -> None:
    """Set (or with None, clear) the specialisation the case requires of its prosecutor."""
    row = db.session.get(CaseSpecialisation, case.id)
    before = row.specialisation.value if row else None
    after = Specialisation(specialisation).value if specialisation else None
    if before == after:
        return
    if row is not None and after is None:
        db.session.delete(row)
    elif row is None:
        db.session.add(
            CaseSpecialisation(case_id=case.id, specialisation=Specialisation(after), set_by_id=actor.id, set_at=now)
        )
    else:
        row.specialisation, row.set_by_id, row.set_at = Specialisation(after), actor.id, now
    db.session.flush()
    record("case.specialisation", actor=actor, now=now, about=case, changes={"specialisation": [before, after]})


def required_specialisation(case: Case) -> Specialisation | None:
    row = db.session.get(CaseSpecialisation, case.id)
    return row.specialisation if row else None


def save_settings(
    office: Office,
    *,
    stage_weights: dict[str, Decimal],
    extra_defendant_weight: Decimal,
    custody_weight: Decimal,
    spread_target: Decimal,
    assign_new_cases: bool,
    actor: User,
    now: datetime,
) -> CaseloadSettings:
    """Store the office's caseload weights and assignment settings."""
    values = [*stage_weights.values(), extra_defendant_weight, custody_weight]
    if any(v is None or Decimal(v) < 0 for v in values) or spread_target is None or Decimal(spread_target) <= 0:
        raise DomainError("Weights must be zero or more and the target spread more than zero.")
    row = db.session.get(CaseloadSettings, office.id)
    before = _settings_facts(row) if row else {}
    if row is None:
        row = CaseloadSettings(office_id=office.id)
        db.session.add(row)
    row.stage_weights = {
        stage: fmt(Decimal(stage_weights.get(stage, default))) for stage, default in DEFAULT_STAGE_WEIGHTS.items()
    }
    row.extra_defendant_weight = Decimal(extra_defendant_weight)
    row.custody_weight = Decimal(custody_weight)
    row.spread_target = Decimal(spread_target)
    row.assign_new_cases = bool(assign_new_cases)
    row.updated_at = now
    db.session.flush()
    changes = diff(before, _settings_facts(row))
    record("caseload.settings", actor=actor, now=now, object_type="office", object_id=office.id, changes=changes)
    return row


def _settings_facts(row: CaseloadSettings) -> dict:
    return {
        "stage_weights": dict(row.stage_weights),
        "extra_defendant_weight": fmt(row.extra_defendant_weight),
        "custody_weight": fmt(row.custody_weight),
        "spread_target": fmt(row.spread_target),
        "assign_new_cases": row.assign_new_cases,
    }
