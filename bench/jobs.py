"""The jobs and the import, each run as the command an operator runs, for wall time and peak memory.

They change the database (reminders and digests are queued, arrests recorded), so
`bench.run` runs them on a copy of the benchmark database, after the pages: the
generated database stays as it was for the next run.
"""

import csv
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from bench.memory import peak_memory

ROOT = Path(__file__).resolve().parent.parent
#: Where the import's rows take their arrests: open cases, not closed ones.
OPEN_STAGES = ("intake", "investigation", "charging", "indicted")
#: One row in this many names a person the office knows already (same name and date of birth).
KNOWN_PERSON_EVERY = 5
FIRST_NAMES = ("Marko", "Nikola", "Stefan", "Milan", "Dragan", "Jovan", "Luka", "Ana", "Jelena", "Thomas", "Lukas")
LAST_NAMES = ("Petrović", "Jovanović", "Nikolić", "Đorđević", "Ilić", "Marković", "Huber", "Gruber", "Wagner")
#: The zone of the moments the jobs run at (Docket's default TIMEZONE).
ZONE = "Europe/Vienna"
#: How often a running command's peak memory (VmHWM) is read.
SAMPLE_SECONDS = 0.02
SEIZED = ("", "", "heroin 0,5 kg", "cocaine 120 g", "cash 2400 EUR", "pistol 1 pieces; cash 800 EUR")


@dataclass
class JobResult:
    name: str
    seconds: float
    peak_bytes: int
    returncode: int
    timed_out: bool
    #: The command's last line of output, e.g. "Reminders: 120 reminders and 3 escalations queued."
    said: str

    @property
    def key(self) -> str:
        return self.name


def measure(
    environment: dict, url: str, *, office_id: int, importer: str, import_sizes: tuple[int, ...], timeout: float
):
    """Run the reminder pass, the weekly digest and the imports against the database at `url`."""
    environment = {**environment, "DATABASE_URL": url}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    results = [
        run("reminder pass", flask + ["reminders", "run", "--as-of", tomorrow_morning()], environment, timeout),
        run("weekly digest", flask + ["digest", "send", "--as-of", next_monday_morning()], environment, timeout),
    ]
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        for size in import_sizes:
            path = Path(folder) / f"arrests-{size}.csv"
            write_arrests(path, size, url, office_id)
            # One file of `size` rows: bench.cli raises the per-file limits (5,000 rows, 5 MiB) for it.
            command = [sys.executable, "-m", "bench.cli", "import", "arrests", str(path), "--as", importer]
            results.append(run(f"import {size:,} arrests", command, environment, timeout))
    return results


def run(name: str, command: list[str], environment: dict, timeout: float) -> JobResult:
    """Run a command to its end, or stop it after `timeout` seconds; its wall time and peak resident memory."""
    peak = 0
    with tempfile.TemporaryFile("w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=environment, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        while process.poll() is None:
            peak = max(peak, peak_memory(process.pid))
            if time.perf_counter() - started > timeout:
                process.kill()
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        output.seek(0)
        lines = [line.strip() for line in output.read().splitlines() if line.strip()]
    timed_out = process.returncode == -signal.SIGKILL
    if process.returncode and not timed_out:
        print(f"{name} failed ({process.returncode}):", *lines[-20:], sep="\n  ", file=sys.stderr)
    said = f"stopped after {timeout:,.0f} s" if timed_out else (lines[-1] if lines else "")
    return JobResult(name, seconds, peak, process.returncode, timed_out, said)


def tomorrow_morning(zone: str = ZONE) -> str:
    """Tomorrow 07:30: the pass that queues a whole day's reminders, the busiest one of a day."""
    tomorrow = datetime.now(ZoneInfo(zone)).date() + timedelta(days=1)
    return datetime.combine(tomorrow, clock(7, 30), tzinfo=ZoneInfo(zone)).isoformat()


def next_monday_morning(zone: str = ZONE) -> str:
    """Monday 07:30 of the coming week: a week whose digests no earlier pass has sent."""
    today = datetime.now(ZoneInfo(zone)).date()
    monday = today + timedelta(days=7 - today.weekday())
    return datetime.combine(monday, clock(7, 30), tzinfo=ZoneInfo(zone)).isoformat()


def write_arrests(path: Path, rows: int, url: str, office_id: int) -> None:
    """A valid arrests CSV of `rows` rows for the office's open cases; some rows name known persons."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        references = connection.scalars(
            sa.text("SELECT reference FROM cases WHERE office_id = :office AND stage IN :stages ORDER BY id LIMIT 5000")
            .bindparams(sa.bindparam("stages", expanding=True))
            .bindparams(office=office_id, stages=OPEN_STAGES)
        ).all()
        known = connection.execute(
            sa.text(
                "SELECT first_name, last_name, date_of_birth FROM persons "
                "WHERE office_id = :office AND date_of_birth IS NOT NULL ORDER BY id LIMIT 2000"
            ),
            {"office": office_id},
        ).all()
    engine.dispose()
    if not references:
        raise SystemExit("The benchmark database has no open case to import arrests into.")
    chance = random.Random(rows)
    now = datetime.now(UTC)
    stamp = now.strftime("%Y%m%d%H%M%S")
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["external_id", "case_reference", "first_name", "last_name", "date_of_birth", "nationality"]
            + ["arrested_at", "place", "agency", "custody", "seized"]
        )
        for number in range(rows):
            if known and number % KNOWN_PERSON_EVERY == 0:
                first, last, born = chance.choice(known)
                born = born if isinstance(born, date) else date.fromisoformat(born)
            else:
                first, last = chance.choice(FIRST_NAMES), chance.choice(LAST_NAMES)
                born = date(1960, 1, 1) + timedelta(days=chance.randrange(15_000))
            arrested = now - timedelta(days=chance.randrange(1, 90), minutes=chance.randrange(1440))
            writer.writerow(
                [
                    f"bench-{stamp}-{rows}-{number}",
                    chance.choice(references),
                    first,
                    last,
                    born.isoformat(),
                    chance.choice(("RS", "RS", "ME", "AT")),
                    arrested.isoformat(timespec="minutes"),
                    "Wien, Favoriten",
                    "LPD Wien, LKA Suchtmittel",
                    "yes" if chance.random() < 0.1 else "no",
                    chance.choice(SEIZED),
                ]
            )
