"""Turn outbox rows into e-mails and hand them to a backend: SMTP, or .eml files for a local run.

`MAIL_URL` picks the backend:
- `smtp://user:password@host:587` — plain SMTP, upgraded with STARTTLS whenever the server offers it;
- `smtps://user:password@host:465` — SMTP over implicit TLS;
- `file://` (the default) — each message written as an .eml file under instance/outbox/;
  `file:///some/dir` writes there instead.
"""

import hashlib
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from urllib.parse import unquote, urlsplit

from app.notifications.models import Notification


def sender_domain(mail_from: str) -> str:
    """The domain of the sender address, which names Docket's Message-IDs."""
    return parseaddr(mail_from)[1].rpartition("@")[2] or "docket.localhost"


def message_id_for(key: str, mail_from: str) -> str:
    """The Message-ID of the message with this idempotency key: the same key, the same id."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{sender_domain(mail_from)}>"


def build_message(notification: Notification, *, mail_from: str, now: datetime) -> EmailMessage:
    """Build the e-mail of an outbox row: plain text, with the HTML body as an alternative."""
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = formataddr((notification.recipient.name, notification.address))
    message["Subject"] = notification.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = notification.message_id
    # RFC 3834: out-of-office robots must not answer reminders.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Docket-Kind"] = notification.kind
    message.set_content(notification.body_text)
    if notification.body_html:
        message.add_alternative(notification.body_html, subtype="html")
    return message


class FileBackend:
    """Write each message as an .eml file, named after its Message-ID, so a resend overwrites it."""

    def __init__(self, directory: Path):
        self.directory = directory

    def __enter__(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *_exc):
        return False

    def send(self, message: EmailMessage) -> None:
        name = hashlib.sha256(message["Message-ID"].encode()).hexdigest()[:24] + ".eml"
        partial = self.directory / (name + ".part")
        partial.write_bytes(bytes(message))
        partial.replace(self.directory / name)  # readers never see half a message


class SmtpBackend:
    """Deliver over one SMTP connection per pass, reconnecting after a failure."""

    def __init__(self, url: str, *, timeout: float, mail_from: str):
        parts = urlsplit(url)
        self.implicit_tls = parts.scheme == "smtps"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if self.implicit_tls else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout
        self.envelope_sender = parseaddr(mail_from)[1]
        self.connection: smtplib.SMTP | None = None

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.close()
        return False

    def connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.implicit_tls:
            connection = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            connection.ehlo()
            if not self.implicit_tls and connection.has_extn("starttls"):
                connection.starttls(context=context)
                connection.ehlo()
            if self.username:
                connection.login(self.username, self.password or "")
        except BaseException:
            connection.close()
            raise
        return connection

    def send(self, message: EmailMessage) -> None:
        if self.connection is None:
            self.connection = self.connect()
        recipient = parseaddr(message["To"])[1]
        try:
            self.connection.send_message(message, from_addr=self.envelope_sender, to_addrs=[recipient])
        except OSError as error:  # smtplib's errors are OSErrors too
            if isinstance(error, smtplib.SMTPServerDisconnected) or not isinstance(error, smtplib.SMTPException):
                self.close()  # the connection is gone: the next message starts on a fresh one
            raise

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                self.connection.close()
            self.connection = None


def backend_for(mail_url: str, *, instance_path: str, mail_from: str, timeout: float):
    """Return the backend `MAIL_URL` names."""
    scheme = urlsplit(mail_url).scheme
    if scheme == "file":
        path = unquote(urlsplit(mail_url).path)
        return FileBackend(Path(path) if path not in ("", "/") else Path(instance_path) / "outbox")
    if scheme in ("smtp", "smtps"):
        return SmtpBackend(mail_url, timeout=timeout, mail_from=mail_from)
    raise ValueError(f"MAIL_URL must start with smtp://, smtps:// or file://, not {mail_url!r}")
