"""Page latency: each page, signed in as each role through the real login form, in a Flask test client.

Each page is requested a few times to warm up, then `requests` times; p50 and p95 are of
those. The SQL statements of one request are counted on the engine, and one further
request runs under tracemalloc for the peak of Python memory it allocated.
"""

import html
import re
import statistics
import time
import tracemalloc
from dataclasses import dataclass

import sqlalchemy as sa

from app import create_app
from app.auth.models import Role, User
from app.cases.models import Case, Person
from app.extensions import db

WARM_UP = 3
ROLES = ("supervisor", "prosecutor", "admin")
#: The stage the stage filter picks: the pre-trial stage that holds the most open cases.
STAGE = "investigation"
DEEP_PAGE = 50


@dataclass(frozen=True)
class Accounts:
    """Whom the benchmark signs in as, and what it looks at."""

    emails: dict[str, str]
    office_id: int
    case_id: int
    surname: str


@dataclass
class PageResult:
    role: str
    page: str
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    statements: int = 0
    peak_bytes: int = 0
    #: Why there is no measurement: a status the role gets, or a page that does not exist at this size.
    skipped: str = ""

    @property
    def key(self) -> str:
        return f"{self.role}/{self.page}"


def docket_app(url: str, secret_key: str):
    """Docket as production runs it, minus HTTPS (the benchmark talks plain HTTP on localhost)."""
    return create_app(
        "production",
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": secret_key,
            "FORCE_HTTPS": False,
            "SESSION_COOKIE_SECURE": False,
        },
    )


def find_accounts(app) -> Accounts:
    """The first supervisor, the prosecutor of their office with most cases, the first admin, and a case."""
    with app.app_context():
        supervisor = first_user(Role.SUPERVISOR)
        admin = first_user(Role.ADMIN)
        busiest = db.session.execute(
            sa.select(Case.prosecutor_id)
            .join(User, User.id == Case.prosecutor_id)
            .where(Case.office_id == supervisor.office_id, User.active.is_(True))
            .group_by(Case.prosecutor_id)
            .order_by(sa.func.count().desc(), Case.prosecutor_id)
            .limit(1)
        ).scalar_one()
        prosecutor = db.session.get(User, busiest)
        case_id = db.session.scalar(
            sa.select(Case.id)
            .where(Case.prosecutor_id == prosecutor.id)
            .order_by(Case.last_activity_at.desc(), Case.id.desc())
            .limit(1)
        )
        surname = db.session.scalar(
            sa.select(Person.last_name)
            .where(Person.office_id == supervisor.office_id)
            .group_by(Person.last_name)
            .order_by(sa.func.count().desc(), Person.last_name)
            .limit(1)
        )
        return Accounts(
            emails={"supervisor": supervisor.email, "prosecutor": prosecutor.email, "admin": admin.email},
            office_id=supervisor.office_id,
            case_id=case_id,
            surname=surname,
        )


def first_user(role: Role) -> User:
    user = db.session.scalar(sa.select(User).where(User.role == role, User.active.is_(True)).order_by(User.id))
    if user is None:
        raise SystemExit(f"The benchmark database has no active {role.value} account.")
    return user


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    if match is None:
        raise SystemExit("No CSRF token on the login page.")
    return match.group(1)


def next_page_url(page: str) -> str | None:
    """The address of the case list's "Next page" link, if the page has one."""
    for tag in re.findall(r"<a\b[^>]*>", page):
        if 'rel="next"' in tag and (href := re.search(r'href="([^"]+)"', tag)):
            return html.unescape(href.group(1))
    return None


def signed_in_client(app, email: str, password: str):
    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    answer = client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_token(form)})
    if answer.status_code != 302:
        raise SystemExit(f"Signing in as {email} failed (status {answer.status_code}); is the password right?")
    return client


def page_addresses(client, accounts: Accounts) -> dict[str, str | None]:
    """Each page's address for this client's user; page 50 is reached by following "Next page"."""
    return {
        "case list, first page": "/cases/",
        "case list, stage filter": f"/cases/?stage={STAGE}",
        "case list, name search": f"/cases/?q={accounts.surname}",
        f"case list, page {DEEP_PAGE}": deep_page(client),
        "case page": f"/cases/{accounts.case_id}",
        "My cases": "/my-cases",
        "deadlines": "/deadlines/",
        "caseload dashboard": "/caseload/",
    }


def deep_page(client) -> str | None:
    address = "/cases/"
    for _ in range(DEEP_PAGE - 1):
        address = next_page_url(client.get(address).get_data(as_text=True))
        if address is None:
            return None
    return address


def measure(url: str, secret_key: str, password: str, requests: int, accounts: Accounts | None = None):
    """Time every page for every role; return the results and the accounts used."""
    app = docket_app(url, secret_key)
    accounts = accounts or find_accounts(app)
    statements = count_statements(app)
    results = []
    for role in ROLES:
        client = signed_in_client(app, accounts.emails[role], password)
        for page, address in page_addresses(client, accounts).items():
            results.append(time_page(client, role, page, address, requests, statements))
    with app.app_context():
        db.engine.dispose()
    return results, accounts


def count_statements(app) -> list[int]:
    """A one-item counter of the statements the app's engine executes."""
    counter = [0]
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *_: counter.__setitem__(0, counter[0] + 1))
    return counter


def time_page(client, role: str, page: str, address: str | None, requests: int, statements: list[int]) -> PageResult:
    result = PageResult(role, page)
    if address is None:
        result.skipped = f"fewer than {DEEP_PAGE} pages"
        return result
    status = client.get(address).status_code
    if status != 200:
        result.skipped = f"refused to the {role}: {status}"
        return result
    for _ in range(WARM_UP):
        client.get(address)
    timings = []
    for _ in range(requests):
        statements[0] = 0
        started = time.perf_counter()
        client.get(address)
        timings.append((time.perf_counter() - started) * 1000)
    result.statements = statements[0]
    result.p50_ms = statistics.median(timings)
    result.p95_ms = percentile(timings, 95)
    tracemalloc.start()
    client.get(address)
    result.peak_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result


def percentile(values: list[float], percent: int) -> float:
    """The nearest-rank percentile: the value that `percent` % of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * percent // 100) - 1)]
