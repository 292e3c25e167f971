"""`flask demo scale`: a national-size data set of generated offices, accounts and cases, added in bulk.

Each run adds new offices, numbered after those of earlier runs (`supervisor-K@docket.example`
tells which numbers are taken), with a supervisor (`supervisor-K@`), a clerk (`clerk-K@`) and
prosecutors (`prosecutor-K-N@`), all with the demo password. Every office has cases in
every stage of the pipeline with their persons, defendants, charges, arrests, seizures,
stage moves, deadlines, judgments, sentences, appeals and messages, told in time order
by app/demo/scale_story.py so that they agree with the pipeline's guards and the
deadline rules (`flask deadlines check` finds nothing). Rows are written in chunks of
cases with COPY on PostgreSQL and executemany on SQLite, inside the caller's transaction.
"""

import math
import os
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from app.audit.services import record
from app.auth.models import Role, User
from app.auth.passwords import hash_password
from app.deadlines.calendars import OFFICE_TIMEZONES, calendar_for
from app.deadlines.services import current_rulebook
from app.demo.accounts import DEMO_DOMAIN
from app.demo.scale_cases import CaseMaker, Office
from app.demo.scale_catalogue import FIRST_NAMES, LAST_NAMES, PROSECUTOR_TITLES, Draws, city_of, office_name
from app.demo.scale_deadlines import Place, RuleClock
from app.demo.scale_writer import Ids, Values, check_columns, sink_for
from app.extensions import db

#: Cases per prosecutor when their number is not given (2,000 prosecutors for a million cases).
CASES_PER_PROSECUTOR = 500
#: Cases generated and written at a time; memory grows with it, not with the whole run.
CHUNK = 10_000
#: From this many new cases on (and when they are at least as many as the cases there are), PostgreSQL's
#: secondary indexes are dropped for the load and built again after it.
REBUILD_INDEXES = 20_000
DEFAULT_OFFICES = 10
DEFAULT_SEED = 13


def default_prosecutors(cases: int, offices: int) -> int:
    """One prosecutor per CASES_PER_PROSECUTOR cases, and at least one per office."""
    return max(offices, math.ceil(cases / CASES_PER_PROSECUTOR))


def refusal(cases: int, offices: int, prosecutors: int) -> str | None:
    """Why these numbers cannot be generated, or None."""
    if cases < 1:
        return "--cases must be at least 1"
    if offices < 1:
        return "--offices must be at least 1"
    if prosecutors < offices:
        return f"--prosecutors must be at least the number of offices ({offices}): every office needs one"
    return None


@dataclass
class ScaleReport:
    """What a run added: the offices (number, name, cases) and the rows of each table."""

    offices: list[tuple[int, str, int]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: Distinct deadline computations the engine made (the rest came from its cache).
    computations: int = 0


def generate(
    *,
    cases: int,
    offices: int,
    prosecutors: int,
    password: str,
    now: datetime,
    seed: int = DEFAULT_SEED,
    chunk: int | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> ScaleReport:
    """Add `offices` new offices with `prosecutors` prosecutors in all and `cases` cases; the caller commits."""
    reason = refusal(cases, offices, prosecutors)
    if reason:
        raise ValueError(reason)
    started = time.monotonic()
    connection = db.session.connection()
    check_columns(db.metadata)
    first = _first_number()
    _refuse_taken(first, offices)
    existing = db.session.scalar(sa.select(sa.func.count()).select_from(sa.table("cases")))
    sink = sink_for(connection, rebuild_indexes=cases >= REBUILD_INDEXES and cases >= existing)
    sink.prepare()
    try:
        ids = Ids(connection)
        values = Values(connection.dialect.name)
        generated = _offices(first, offices, prosecutors, password, ids, values, Draws(seed), now)
        sink.write_rows(
            {"offices": [office.row for office in generated], "users": [r for o in generated for r in o.user_rows]}
        )
        clock = RuleClock(current_rulebook(), values)
        mail_from = current_app.config["MAIL_FROM"]
        maker = CaseMaker(seed=seed, clock=clock, values=values, now=now, offices=generated, mail_from=mail_from)
        sink.start()
        made = _make_cases(
            maker,
            sink,
            ids,
            cases,
            chunk or CHUNK,
            lambda done: progress and progress(done, cases, time.monotonic() - started),
        )
        sink.finish()
    finally:
        sink.close()
    report = ScaleReport(
        offices=[(office.number, office.name, made.get(office.id, 0)) for office in generated],
        rows=ids.used(),
        computations=clock.computed,
    )
    _audit(generated, report, seed=seed, now=now)
    report.seconds = time.monotonic() - started
    return report


def _make_cases(maker: CaseMaker, sink, ids: Ids, cases: int, size: int, progress) -> dict[int, int]:
    """Make and write the cases chunk by chunk; return how many each office got, by office id."""
    made: dict[int, int] = {}
    for number, start in enumerate(range(0, cases, size)):
        batch = maker.chunk(number, start + 1, min(size, cases - start), ids)
        ids.advance(batch.counts())
        sink.write_rows(batch.rows)
        for office_id, count in batch.cases.items():
            made[office_id] = made.get(office_id, 0) + count
        progress(start + len(batch.rows["cases"]))
    return made


def _first_number() -> int:
    """The number after the highest scale office so far (its supervisor's address holds it)."""
    emails = db.session.scalars(sa.select(User.email).where(User.email.like(f"supervisor-%@{DEMO_DOMAIN}")))
    numbers = [email.split("@")[0].removeprefix("supervisor-") for email in emails]
    return max((int(number) for number in numbers if number.isdigit()), default=0) + 1


def _offices(first: int, count: int, prosecutors: int, password: str, ids: Ids, values: Values, rng, now) -> list:
    """The offices and their accounts, prosecutors shared out as evenly as they go."""
    password_hash = hash_password(password)
    stamp = values.moment(now)
    generated = []
    for index in range(count):
        number = first + index
        city = city_of(number)
        zone = OFFICE_TIMEZONES[city.jurisdiction]
        calendar = calendar_for(city.jurisdiction, city.subdivision)
        place = Place(city.jurisdiction, ZoneInfo(zone), calendar, _calendar_days(now))
        office = Office(
            office_id=ids.take("offices"),
            number=number,
            city=city,
            place=place,
            today=now.astimezone(place.zone).date(),
            supervisor=ids.take("users"),
            clerk=ids.take("users"),
        )
        office.name = office_name(number, city)
        office.row = (office.id, office.name, zone, city.jurisdiction, city.subdivision, stamp)
        staff = prosecutors // count + (1 if index < prosecutors % count else 0)
        accounts = [
            (office.supervisor, f"supervisor-{number}@{DEMO_DOMAIN}", _name(rng, city, "Dr."), Role.SUPERVISOR),
            (office.clerk, f"clerk-{number}@{DEMO_DOMAIN}", _name(rng, city, ""), Role.CLERK),
        ]
        for n in range(1, staff + 1):
            prosecutor = ids.take("users")
            office.prosecutors.append(prosecutor)
            title = rng.choice(PROSECUTOR_TITLES[city.jurisdiction])
            accounts.append(
                (prosecutor, f"prosecutor-{number}-{n}@{DEMO_DOMAIN}", _name(rng, city, title), Role.PROSECUTOR)
            )
        office.people = {user_id: (email, name) for user_id, email, name, _ in accounts}
        office.user_rows = [
            (user_id, email, name, role.value, office.id, True, password_hash, secrets.token_urlsafe(24), 0, None,
             None, stamp, None, stamp)
            for user_id, email, name, role in accounts
        ]  # fmt: skip
        generated.append(office)
    return generated


def _calendar_days(now: datetime) -> range:
    """The days whose working-day status decides any generated deadline: twelve years back, four ahead."""
    today = now.date().toordinal()
    return range(today - 12 * 366, today + 4 * 366)


def _name(rng: random.Random, city, title: str) -> str:
    source = "AT" if city.jurisdiction == "AT" else "RS"
    return " ".join(part for part in (title, rng.choice(FIRST_NAMES[source]), rng.choice(LAST_NAMES[source])) if part)


def _refuse_taken(first: int, offices: int) -> None:
    """Refuse when an account of the offices to add exists already (made by hand with a scale address)."""
    wanted = []
    for number in range(first, first + offices):
        wanted += [User.email.in_([f"supervisor-{number}@{DEMO_DOMAIN}", f"clerk-{number}@{DEMO_DOMAIN}"])]
        wanted += [User.email.like(f"prosecutor-{number}-%@{DEMO_DOMAIN}")]
    taken = db.session.scalars(sa.select(User.email).where(sa.or_(*wanted)).limit(3)).all()
    if taken:
        raise ValueError(f"accounts exist already: {', '.join(taken)}")


def _audit(generated: list, report: ScaleReport, *, seed: int, now: datetime) -> None:
    """One event per office added, and one for the whole load: who ran it, what and how many."""
    who = f"cli ({os.environ.get('USER') or os.environ.get('LOGNAME') or 'unknown user'})"
    cases = {number: count for number, _name, count in report.offices}
    for office in generated:
        staff = len(office.prosecutors)
        record(
            "demo.scale",
            actor=None,
            actor_label=who,
            now=now,
            object_type="office",
            object_id=office.id,
            changes={
                "office": office.name,
                "jurisdiction": office.place.jurisdiction,
                "accounts": {
                    "supervisor": f"supervisor-{office.number}@{DEMO_DOMAIN}",
                    "clerk": f"clerk-{office.number}@{DEMO_DOMAIN}",
                    "prosecutors": f"prosecutor-{office.number}-1 … prosecutor-{office.number}-{staff}@{DEMO_DOMAIN}",
                },
                "cases": cases[office.number],
            },
        )
    record(
        "demo.scale",
        actor=None,
        actor_label=who,
        now=now,
        changes={
            "generated": "national-size demo data (flask demo scale)",
            "offices": [number for number, _name, _cases in report.offices],
            "rows": report.rows,
            "seed": seed,
        },
    )
