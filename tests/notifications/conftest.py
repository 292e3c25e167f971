"""A real SMTP server on 127.0.0.1 (aiosmtpd) and helpers to fill the outbox."""
import asyncio
import socket
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from app.notifications import services

#: The moment the tests queue and deliver at: the day of the operation's latest arrests.
NOW = datetime(2019, 8, 26, 7, 0, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message it accepts."""

    def __init__(self, delay: float = 0):
        self.messages: list[EmailMessage] = []
        self.envelopes = []
        self.delay = delay

    async def handle_DATA(self, _server, _session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for message in self.messages]


class SmtpServer:
    """A real SMTP server on a fixed free port that a test can stop and start again."""

    def __init__(self, inbox: Inbox | None = None, **kwargs):
        self.inbox = inbox or Inbox()
        self.port = free_port()
        self.kwargs = kwargs
        self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> "SmtpServer":
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **self.kwargs)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


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

    def enqueue(recipient, *, key=None, kind="reminder", subject=None, text="Detention review due.",
                html=None, now=None) -> bool:
        number = next(counter)
        return services.enqueue(recipient=recipient, kind=kind, key=key or f"test:{number}",
                                subject=subject or f"Reminder {number}", text=text, html=html,
                                now=now or NOW)

    return enqueue
