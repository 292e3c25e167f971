"""The outbox as the notification tests see it: their present, what is queued, and a real SMTP server."""

import asyncio
import socket
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

import sqlalchemy as sa
from aiosmtpd.controller import Controller

from app.extensions import db
from app.notifications.models import Notification

#: The moment the tests queue and deliver at: the day of the operation's latest arrests.
NOW = datetime(2019, 8, 26, 7, 0, tzinfo=UTC)


def queued(kind: str | None = None) -> list[Notification]:
    """The messages in the outbox, oldest first, of one kind ("reminder", "digest", …) if given."""
    query = sa.select(Notification).order_by(Notification.id)
    if kind:
        query = query.where(Notification.kind == kind)
    db.session.expire_all()
    return list(db.session.scalars(query))


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
    """A real SMTP server (aiosmtpd on 127.0.0.1) on a fixed free port that a test can stop and start again."""

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
