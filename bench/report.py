"""The benchmark's report: one table of measurements against the goals, and the machine it ran on."""

import os
import platform
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
MB = 2**20


@dataclass(frozen=True)
class Goal:
    text: str
    met: Callable[[object], bool]


#: The goals of issue 13, set for 1,000,000 cases, by measurement key; other measurements are reported only.
GOALS: dict[str, Goal] = {
    "prosecutor/case list, first page": Goal("p95 ≤ 50 ms", lambda page: page.p95_ms <= 50),
    "prosecutor/case list, stage filter": Goal("p95 ≤ 50 ms", lambda page: page.p95_ms <= 50),
    "prosecutor/case list, name search": Goal("p95 ≤ 50 ms", lambda page: page.p95_ms <= 50),
    "supervisor/case list, name search": Goal("p95 ≤ 50 ms", lambda page: page.p95_ms <= 50),
    "supervisor/case list, first page": Goal("p95 ≤ 50 ms", lambda page: page.p95_ms <= 50),
    "supervisor/case list, page 50": Goal("p95 ≤ 50 ms", lambda page: page.p95_ms <= 50),
    "supervisor/throughput": Goal("≥ 0.5× reference", lambda load: load.ratio >= 0.5),
    "prosecutor/throughput": Goal("≥ 0.5× reference", lambda load: load.ratio >= 0.5),
    "reminder pass": Goal("≤ 30 s, ≤ 500 MB", lambda job: job.seconds <= 30 and job.peak_bytes <= 500 * MB),
    "weekly digest": Goal("≤ 60 s", lambda job: job.seconds <= 60),
    "import 100,000 arrests": Goal("≤ 60 s", lambda job: job.seconds <= 60),
}


@dataclass(frozen=True)
class Line:
    what: str
    measured: str
    statements: str = ""
    goal: str = ""
    within: str = ""


def line(result) -> Line:
    """The table's line for a page, throughput or job result."""
    goal = GOALS.get(result.key)
    failed = getattr(result, "returncode", 0) or getattr(result, "errors", 0)
    if goal is None or getattr(result, "skipped", ""):
        within = ""
    else:
        within = "yes" if goal.met(result) and not failed else "**no**"
    return Line(describe(result), measured(result), statements(result), goal.text if goal else "", within)


def describe(result) -> str:
    role, _, what = result.key.partition("/")
    if what == "throughput":
        return f"{role} · case list throughput"
    return f"{role} · {what}" if what else result.key


def measured(result) -> str:
    if getattr(result, "skipped", ""):
        return f"— ({result.skipped})"
    if hasattr(result, "p95_ms"):
        return f"p50 {result.p50_ms:.1f} ms, p95 {result.p95_ms:.1f} ms; allocates {result.peak_bytes / MB:.1f} MB"
    if hasattr(result, "ratio"):
        text = (
            f"{result.requests_per_second:.1f} req/s vs reference {result.reference_per_second:.1f} req/s "
            f"= **{result.ratio:.2f}×**; worker peak {result.worker_peak_bytes / MB:.0f} MB"
        )
        return text + (f"; {result.errors} failed requests" if result.errors else "")
    if result.timed_out:
        return f"> {result.seconds:.0f} s: **stopped**, peak {result.peak_bytes / MB:.0f} MB by then"
    text = f"{result.seconds:.1f} s, peak {result.peak_bytes / MB:.0f} MB"
    return text + (f"; **failed** (exit {result.returncode})" if result.returncode else "")


def statements(result) -> str:
    return str(result.statements) if getattr(result, "statements", 0) else ""


def machine() -> str:
    """CPU, cores, memory, system and Python of this machine, in a line."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in read("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    memory = next((int(line.split()[1]) * 1024 for line in read("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory / 2**30:.1f} GiB RAM; {platform.platform()}; "
        f"Python {platform.python_version()}"
    )


def read(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def revision() -> str:
    """The commit measured, and whether the working tree differed from it."""
    try:
        commit = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return commit + (" with uncommitted changes" if changed else "")


def git(*arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=RESULTS.parent.parent, capture_output=True, text=True, check=True
    ).stdout.strip()


def document(*, title: str, facts: list[tuple[str, str]], results: list, said: list[tuple[str, str]]) -> str:
    """The whole report of one database as Markdown."""
    lines = [f"# {title}", ""]
    lines += [f"- **{name}:** {value}" for name, value in facts]
    lines += ["", "| what | measured | SQL statements | goal (at 1,000,000 cases) | within? |", "|---|---|---|---|---|"]
    for entry in map(line, results):
        lines.append(f"| {entry.what} | {entry.measured} | {entry.statements} | {entry.goal} | {entry.within} |")
    if said:
        lines += ["", "What the commands said:", ""]
        lines += [f"- {name}: `{text}`" for name, text in said]
    return "\n".join(lines) + "\n"


def write(text: str, *, kind: str, cases: int, when: datetime | None = None) -> Path:
    when = when or datetime.now(UTC)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{when:%Y-%m-%d}-{kind}-{cases}.md"
    path.write_text(text)
    return path
