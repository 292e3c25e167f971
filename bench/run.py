"""`python -m bench.run` (`make bench`): measure Docket at scale on PostgreSQL and on SQLite.

For each database: generate BENCH_CASES cases (or reuse them, BENCH_REUSE=1), time every
page for a supervisor, a prosecutor and an admin, compare the case list's throughput with
the bare reference page (bench/reference.py), then run the reminder pass, the weekly
digest and the imports on a copy of the database. Print one table against the goals and
write it to bench/results/. Settings come from the environment:

    BENCH_CASES          cases to generate (200000; 1000000 for the record)
    BENCH_DATABASE_URL   PostgreSQL database, dropped and generated again
                         (postgresql+psycopg://postgres@127.0.0.1:5432/docket_bench)
    BENCH_SQLITE         0 skips SQLite; BENCH_POSTGRESQL=0 skips PostgreSQL
    BENCH_SQLITE_PATH    SQLite file (instance/bench-<BENCH_CASES>.sqlite3)
    BENCH_REUSE          1 keeps a database that already holds BENCH_CASES cases
    BENCH_REQUESTS       timed requests per page (30)
    BENCH_ROUNDS, BENCH_ROUND_SECONDS, BENCH_CLIENTS
                         throughput rounds (3) of seconds (10) per app, client processes (4)
    BENCH_IMPORTS        rows of the arrest files imported (10000,100000)
    BENCH_JOB_TIMEOUT    seconds after which a job or import is stopped and reported so (900)
    BENCH_PASSWORD       password of the generated accounts
"""

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import database, jobs, pages, report, throughput
from bench.database import Target
from config import normalize_database_url

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    cases: int
    targets: tuple[Target, ...]
    reuse: bool
    requests: int
    rounds: int
    round_seconds: float
    clients: int
    import_sizes: tuple[int, ...]
    job_timeout: float
    password: str

    @classmethod
    def from_environment(cls, env=os.environ) -> "Settings":
        cases = int(env.get("BENCH_CASES", "200000"))
        url = env.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/docket_bench")
        sqlite_path = Path(env.get("BENCH_SQLITE_PATH", ROOT / "instance" / f"bench-{cases}.sqlite3")).resolve()
        targets = []
        if env.get("BENCH_POSTGRESQL", "1") != "0":
            targets.append(Target("postgresql", normalize_database_url(url)))
        if env.get("BENCH_SQLITE", "1") != "0":
            targets.append(Target("sqlite", f"sqlite:///{sqlite_path}"))
        return cls(
            cases=cases,
            targets=tuple(targets),
            reuse=env.get("BENCH_REUSE", "0") == "1",
            requests=int(env.get("BENCH_REQUESTS", "30")),
            rounds=int(env.get("BENCH_ROUNDS", "3")),
            round_seconds=float(env.get("BENCH_ROUND_SECONDS", "10")),
            clients=int(env.get("BENCH_CLIENTS", "4")),
            import_sizes=tuple(int(size) for size in env.get("BENCH_IMPORTS", "10000,100000").split(",") if size),
            job_timeout=float(env.get("BENCH_JOB_TIMEOUT", "900")),
            password=env.get("BENCH_PASSWORD", "bench-password"),
        )


def environment(settings: Settings) -> dict:
    """What Docket's commands and servers run with: production, without HTTPS, no scheduler."""
    return {
        **os.environ,
        "DOCKET_CONFIG": "production",
        "SECRET_KEY": "bench-secret-key",
        "FORCE_HTTPS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "SCHEDULER_ENABLED": "0",
        "DOCKET_DEMO_PASSWORD": settings.password,
        "PYTHONPATH": str(ROOT),
    }


def bench(target: Target, settings: Settings) -> str:
    """Measure one database; return its report."""
    started = datetime.now(UTC)
    env = environment(settings)
    print(f"== {target.label}, {settings.cases:,} cases: preparing the data", flush=True)
    generated = database.prepare(target, settings.cases, env, reuse=settings.reuse)
    facts = [
        ("Date", f"{started:%Y-%m-%d %H:%M} UTC, Docket {report.revision()}"),
        ("Machine", report.machine()),
        ("Database", f"{database.version(target)}, {database.size(target)}"),
        ("Data", f"{database.contents(target.url)}; {generated}"),
    ]

    print("== pages", flush=True)
    page_results, accounts = pages.measure(target.url, env["SECRET_KEY"], settings.password, settings.requests)
    print("== throughput", flush=True)
    load_results = throughput.measure(
        {**env, "DATABASE_URL": target.url},
        accounts.emails,
        settings.password,
        rounds=settings.rounds,
        seconds=settings.round_seconds,
        clients=settings.clients,
    )
    print("== jobs and imports, on a copy of the database", flush=True)
    copied = database.copy(target)
    try:
        job_results = jobs.measure(
            env,
            copied.url,
            office_id=accounts.office_id,
            importer=accounts.emails["supervisor"],
            import_sizes=settings.import_sizes,
            timeout=settings.job_timeout,
        )
    finally:
        database.drop(copied)

    facts += [
        ("Signed in as", ", ".join(f"{role} {email}" for role, email in accounts.emails.items())),
        (
            "Pages",
            f"{settings.requests} timed requests each after {pages.WARM_UP} to warm up, in a Flask test client "
            f"signed in through the login form; case page: case {accounts.case_id}; name search: "
            f"“{accounts.surname}”; stage filter: {pages.STAGE}; “allocates” is the peak of Python memory "
            "one request allocates (tracemalloc)",
        ),
        (
            "Throughput",
            f"gunicorn, {throughput.WORKERS} sync workers for each app, {settings.clients} client processes "
            f"on the same machine, {settings.rounds} rounds of {settings.round_seconds:g} s per app, alternating "
            "reference, supervisor, prosecutor; the reference is bench/reference.py on the same database",
        ),
        (
            "Jobs",
            "run after the pages, on a copy of the database: `flask reminders run --as-of` tomorrow 07:30 (when "
            "a day's reminders fall due), `flask digest send --as-of` the coming Monday 07:30, `flask import "
            "arrests FILE --as` the supervisor (one file each, the per-file limits raised by bench/cli.py); "
            "wall time of the whole command, start-up included, and its peak resident memory",
        ),
    ]
    title = f"Docket benchmark: {target.label}, {settings.cases:,} cases"
    said = [(job.name, job.said) for job in job_results]
    return report.document(title=title, facts=facts, results=page_results + load_results + job_results, said=said)


def main() -> None:
    settings = Settings.from_environment()
    if not settings.targets:
        raise SystemExit("Both BENCH_POSTGRESQL and BENCH_SQLITE are 0: nothing to measure.")
    for target in settings.targets:
        started = time.monotonic()
        text = bench(target, settings)
        path = report.write(text, kind=target.kind, cases=settings.cases)
        print(f"\n{text}\n(written to {path.relative_to(ROOT)}; {time.monotonic() - started:,.0f} s)\n", flush=True)


if __name__ == "__main__":
    main()
