"""Creating operations and computing their figures from the cases, arrests and seizures they hold.

Every figure comes from an aggregate query, so an operation costs the same few SQL
statements whether it holds five cases or five thousand.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.audit.services import record
from app.auth.models import Office, Role, User
from app.cases.models import (
    PRE_TRIAL_STAGES,
    Arrest,
    Case,
    Defendant,
    Person,
    Seizure,
    SeizureCategory,
    Stage,
    Unit,
)
from app.errors import DomainError
from app.extensions import db
from app.operations.models import Operation, operation_members
from app.operations.policy import visible_operations

#: Nationalities the reference operation reports together: "suspects from Serbia or Montenegro".
SERBIA_OR_MONTENEGRO = ("RS", "ME")
_GRAMS_PER_KG = Decimal(1000)


def visible_to(user: User) -> list[Operation]:
    """The operations `user` may see, the latest started first, with their offices."""
    return db.session.scalars(
        visible_operations(user)
        .options(selectinload(Operation.office))
        .order_by(Operation.started_on.desc(), Operation.id)
    ).all()


def create_operation(
    *,
    office: Office,
    code: str,
    name: str,
    started_on: date,
    countries: list[str],
    partner_agencies: list[str],
    legal_framework: str = "",
    description: str = "",
    actor: User | None,
    now: datetime,
) -> Operation:
    """Create an operation of `office` under a code no other operation has."""
    code = code.strip()
    if db.session.scalar(sa.select(Operation.id).where(Operation.code == code)) is not None:
        raise DomainError(f"An operation with the code {code} exists already.", "code")
    operation = Operation(
        office=office,
        code=code,
        name=name.strip(),
        started_on=started_on,
        countries=[c.strip().upper() for c in countries],
        partner_agencies=partner_agencies,
        legal_framework=legal_framework.strip(),
        description=description.strip(),
        created_at=now,
    )
    changes = {"code": [None, code], "name": [None, operation.name]}
    record("operation.create", actor=actor, now=now, about=operation, changes=changes)
    return operation


def attach(operation: Operation, users: list[User], *, actor: User | None, now: datetime) -> int:
    """Attach `users` to the operation's team; return how many were not on it yet."""
    added = [user for user in users if user not in operation.team]
    if not added:
        return 0
    operation.team.extend(added)
    db.session.flush()
    changes = {"team": [None, sorted(user.id for user in added)]}
    record("operation.attach", actor=actor, now=now, about=operation, changes=changes)
    return len(added)


@dataclass(frozen=True)
class SeizedTotal:
    """What an operation seized of one kind, summed over its seizures."""

    category: SeizureCategory
    substance: str
    quantity: Decimal
    unit: Unit
    seizures: int

    @property
    def amount(self) -> str:
        """The quantity without trailing zeros: "60", "1.5", "12350.5"."""
        return f"{self.quantity.normalize():f}"


@dataclass(frozen=True)
class NationalityShare:
    #: ISO 3166 alpha-2 code, or None for persons whose nationality is not known.
    code: str | None
    persons: int
    percent: Decimal


@dataclass(frozen=True)
class OperationFigures:
    arrests: int
    first_arrest_at: datetime | None
    latest_arrest_at: datetime | None
    seized: list[SeizedTotal]
    #: Pieces seized in the category weapon (pistols, machine pistols, …).
    weapons: int
    cases_by_stage: dict[Stage, int]
    prosecutors: int
    #: Distinct persons who are defendants in the operation's cases.
    suspects: int
    nationalities: list[NationalityShare]
    #: Per cent of suspects from Serbia or Montenegro (None without suspects).
    serbia_or_montenegro: Decimal | None
    pre_trial_stages: tuple[Stage, ...] = field(default=PRE_TRIAL_STAGES)

    @property
    def cases(self) -> int:
        return sum(self.cases_by_stage.values())

    @property
    def pre_trial(self) -> int:
        """Cases in the pre-trial procedure (investigation, charging) or indicted and awaiting trial."""
        return sum(self.cases_by_stage.get(stage, 0) for stage in self.pre_trial_stages)

    def total(self, substance: str) -> SeizedTotal | None:
        """The total seized of `substance` ("heroin"), if any was."""
        return next((item for item in self.seized if item.substance == substance.lower()), None)


def figures(operation: Operation) -> OperationFigures:
    """Compute the operation's figures from its data: five aggregate queries."""
    in_operation = Case.operation_id == operation.id
    arrests, first_at, latest_at = db.session.execute(
        sa.select(sa.func.count(Arrest.id), sa.func.min(Arrest.arrested_at), sa.func.max(Arrest.arrested_at))
        .join(Case, Arrest.case_id == Case.id)
        .where(in_operation)
    ).one()
    seized = _seized(in_operation)
    stages = dict(
        db.session.execute(sa.select(Case.stage, sa.func.count(Case.id)).where(in_operation).group_by(Case.stage)).all()
    )
    prosecutors = db.session.scalar(
        sa.select(sa.func.count(User.id))
        .join(operation_members, operation_members.c.user_id == User.id)
        .where(operation_members.c.operation_id == operation.id, User.role == Role.PROSECUTOR)
    )
    nationalities, suspects = _nationalities(in_operation)
    from_rs_me = sum(share.persons for share in nationalities if share.code in SERBIA_OR_MONTENEGRO)
    return OperationFigures(
        arrests=arrests,
        first_arrest_at=first_at,
        latest_arrest_at=latest_at,
        seized=seized,
        weapons=int(
            sum(
                item.quantity for item in seized if item.category == SeizureCategory.WEAPON and item.unit == Unit.PIECES
            )
        ),
        cases_by_stage={stage: stages[stage] for stage in Stage if stages.get(stage)},
        prosecutors=prosecutors,
        suspects=suspects,
        nationalities=nationalities,
        serbia_or_montenegro=percent(from_rs_me, suspects) if suspects else None,
    )


def _seized(in_operation) -> list[SeizedTotal]:
    """Seizures summed per category, substance and unit; kilograms and grams are added up together."""
    substance = sa.func.lower(sa.func.trim(Seizure.substance))
    rows = db.session.execute(
        sa.select(
            Seizure.category,
            substance,
            Seizure.unit,
            sa.type_coerce(sa.func.sum(Seizure.quantity), sa.Numeric(20, 3)),
            sa.func.count(Seizure.id),
        )
        .join(Case, Seizure.case_id == Case.id)
        .where(in_operation)
        .group_by(Seizure.category, substance, Seizure.unit)
    ).all()
    totals: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0])
    for category, name, unit, quantity, count in rows:
        quantity = Decimal(quantity).quantize(Decimal("0.001"))
        if unit == Unit.G:  # masses are reported in kilograms, exactly
            unit, quantity = Unit.KG, quantity / _GRAMS_PER_KG
        totals[(category, name, unit)][0] += quantity
        totals[(category, name, unit)][1] += count
    items = [
        SeizedTotal(category, name, *_readable_mass(quantity, unit), count)
        for (category, name, unit), (quantity, count) in totals.items()
    ]
    order = list(SeizureCategory)
    return sorted(
        items, key=lambda item: (order.index(item.category), item.unit != Unit.KG, -item.quantity, item.substance)
    )


def _readable_mass(quantity: Decimal, unit: Unit) -> tuple[Decimal, Unit]:
    """Keep kilograms, except for less than one, which read better as grams."""
    if unit == Unit.KG and quantity < 1:
        return quantity * _GRAMS_PER_KG, Unit.G
    return quantity, unit


def _nationalities(in_operation) -> tuple[list[NationalityShare], int]:
    suspects = (
        sa.select(Person.id, Person.nationality)
        .join(Defendant, Defendant.person_id == Person.id)
        .join(Case, Defendant.case_id == Case.id)
        .where(in_operation)
        .distinct()
        .subquery()
    )
    rows = db.session.execute(
        sa.select(suspects.c.nationality, sa.func.count(suspects.c.id)).group_by(suspects.c.nationality)
    ).all()
    total = sum(count for _code, count in rows)
    shares = [NationalityShare(code, count, percent(count, total)) for code, count in rows]
    return sorted(shares, key=lambda share: (-share.persons, share.code or "~")), total


def percent(part: int, whole: int) -> Decimal:
    """`part` of `whole` in per cent, to one decimal place."""
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def list_figures(operation_ids: list[int]) -> dict[int, dict[str, int]]:
    """Cases, cases in the pre-trial procedure and arrests per operation, for the list page (two queries)."""
    result = {op_id: {"cases": 0, "pre_trial": 0, "arrests": 0} for op_id in operation_ids}
    if not operation_ids:
        return result
    pre_trial = sa.func.sum(sa.case((Case.stage.in_(PRE_TRIAL_STAGES), 1), else_=0))
    for op_id, cases, in_pre_trial in db.session.execute(
        sa.select(Case.operation_id, sa.func.count(Case.id), pre_trial)
        .where(Case.operation_id.in_(operation_ids))
        .group_by(Case.operation_id)
    ):
        result[op_id].update(cases=cases, pre_trial=int(in_pre_trial or 0))
    for op_id, arrests in db.session.execute(
        sa.select(Case.operation_id, sa.func.count(Arrest.id))
        .join(Arrest, Arrest.case_id == Case.id)
        .where(Case.operation_id.in_(operation_ids))
        .group_by(Case.operation_id)
    ):
        result[op_id]["arrests"] = arrests
    return result
