"""Throughput: Docket's signed-in case list against the bare reference page, in alternating rounds.

Both apps run under the same gunicorn with the same sync workers, against the same
database. Client processes (more than the workers, so none waits for work) request one
page as fast as it answers for a round of some seconds, then the next app has its round:
reference, supervisor, prosecutor, reference, supervisor, … so that both see the same
machine. Requests per second are summed over the rounds; the ratio is Docket's to the
reference's.
"""

import http.client
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from bench.memory import peak_memory
from bench.pages import csrf_token

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2
WARM_UP_SECONDS = 2


@dataclass
class ThroughputResult:
    role: str
    requests_per_second: float
    reference_per_second: float
    errors: int
    #: The highest resident memory any Docket worker reached (VmHWM), in bytes.
    worker_peak_bytes: int

    @property
    def key(self) -> str:
        return f"{self.role}/throughput"

    @property
    def ratio(self) -> float:
        return self.requests_per_second / self.reference_per_second if self.reference_per_second else 0.0


def measure(environment: dict, emails: dict, password: str, *, rounds: int, seconds: float, clients: int):
    """Serve Docket and the reference page, and compare their case lists' throughput."""
    with serve("wsgi:app", environment, "/healthz") as docket, serve("bench.reference:app", environment) as reference:
        targets = {"reference": (reference.port, "/cases/", "")}
        for role in ("supervisor", "prosecutor"):
            targets[role] = (docket.port, "/cases/", sign_in(docket.port, emails[role], password))
        served = {name: 0 for name in targets}
        errors = {name: 0 for name in targets}
        with ProcessPoolExecutor(clients, mp_context=get_context("fork")) as pool:
            for target in targets.values():
                load(pool, clients, target, WARM_UP_SECONDS)
            for _ in range(rounds):
                for name, target in targets.items():
                    ok, failed = load(pool, clients, target, seconds)
                    served[name] += ok
                    errors[name] += failed
        worker_peak = max((peak_memory(pid) for pid in docket.workers()), default=0)
    elapsed = rounds * seconds
    return [
        ThroughputResult(
            role,
            served[role] / elapsed,
            served["reference"] / elapsed,
            errors[role] + errors["reference"],
            worker_peak,
        )
        for role in ("supervisor", "prosecutor")
    ]


@dataclass
class Server:
    process: subprocess.Popen
    port: int

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


@contextmanager
def serve(app: str, environment: dict, ready_path: str = "/cases/"):
    """Run `app` under gunicorn with WORKERS sync workers on a free port until the block ends."""
    port = free_port()
    with tempfile.NamedTemporaryFile("w+", prefix="bench-gunicorn-", suffix=".log") as log:
        command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--worker-class", "sync"]
        command += ["--bind", f"{HOST}:{port}", "--chdir", str(ROOT), app]
        process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_ready(process, port, ready_path, log)
            yield Server(process, port)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_ready(process: subprocess.Popen, port: int, path: str, log) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise SystemExit(f"gunicorn stopped at start-up:\n{log.read()}")
        try:
            if request(port, "GET", path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {path} on port {port} within a minute.")


def request(port: int, method: str, path: str, headers: dict | None = None, body: str | None = None):
    """One request on a fresh connection (sync workers close each one); the status, headers and body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def sign_in(port: int, email: str, password: str) -> str:
    """The Cookie header of a session signed in through the login form."""
    status, headers, body = request(port, "GET", "/login")
    cookie = session_cookie(headers)
    form = {"email": email, "password": password, "csrf_token": csrf_token(body.decode())}
    status, headers, _ = request(
        port,
        "POST",
        "/login",
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        urllib.parse.urlencode(form),
    )
    if status != 302:
        raise SystemExit(f"Signing in to gunicorn as {email} failed (status {status}).")
    return session_cookie(headers)


def session_cookie(headers) -> str:
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith("session="):
            return value.split(";", 1)[0]
    raise SystemExit("The server set no session cookie.")


def load(pool: ProcessPoolExecutor, clients: int, target: tuple, seconds: float) -> tuple[int, int]:
    """Run `clients` client processes against one target for `seconds`; requests answered 200, and others."""
    port, path, cookie = target
    answers = list(pool.map(hammer, [port] * clients, [path] * clients, [cookie] * clients, [seconds] * clients))
    return sum(ok for ok, _ in answers), sum(failed for _, failed in answers)


def hammer(port: int, path: str, cookie: str, seconds: float) -> tuple[int, int]:
    headers = {"Cookie": cookie} if cookie else {}
    ok = failed = 0
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        try:
            status = request(port, "GET", path, headers)[0]
        except OSError:
            status = 0
        if status == 200:
            ok += 1
        else:
            failed += 1
    return ok, failed
