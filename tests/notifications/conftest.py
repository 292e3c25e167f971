"""A running SMTP server the app delivers to, and a helper to fill the outbox."""

import pytest

from app.notifications import services
from tests.notifications.outbox import NOW, SmtpServer


@pytest.fixture
def smtp_server(app, monkeypatch):
    """A running SMTP server that the app's MAIL_URL points at."""
    server = SmtpServer().start()
    monkeypatch.setitem(app.config, "MAIL_URL", server.url)
    yield server
    server.stop()


@pytest.fixture
def queue():
    """Queue a message for a user; keys are unique unless given."""
    counter = iter(range(1, 10_000))

    def enqueue(
        recipient, *, key=None, kind="reminder", subject=None, text="Detention review due.", html=None, now=None
    ) -> bool:
        number = next(counter)
        return services.enqueue(
            recipient=recipient,
            kind=kind,
            key=key or f"test:{number}",
            subject=subject or f"Reminder {number}",
            text=text,
            html=html,
            now=now or NOW,
        )

    return enqueue
