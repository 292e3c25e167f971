"""A real Docket server in a thread, and Debian's Chromium driven by Playwright.

Browsers cannot be downloaded here, so Playwright launches /usr/bin/chromium. Without
it the browser tests are skipped, unless DOCKET_REQUIRE_BROWSER=1 (as in CI) makes
its absence a failure.
"""

import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.deadlines.check import find_contradictions
from app.extensions import db
from tests.browser.chromium import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, browser_required


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.own_database)


@pytest.fixture
def live_app(scratch_database_url):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": scratch_database_url, "WTF_CSRF_ENABLED": True})
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        # Whatever the journey did, no open deadline may contradict its case or defendant.
        contradictions = [str(found) for found in find_contradictions()]
        db.session.remove()
        db.engine.dispose()
    if contradictions:
        pytest.fail("The journey left open deadlines that contradict their cases:\n" + "\n".join(contradictions))


@pytest.fixture
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if browser_required():
            pytest.fail("DOCKET_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
