"""Debian's Chromium, which Playwright launches, and the folder its screenshots go to."""

import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def browser_required() -> bool:
    """In CI (DOCKET_REQUIRE_BROWSER=1) a missing Chromium fails the browser tests instead of skipping them."""
    return os.environ.get("DOCKET_REQUIRE_BROWSER") == "1"
