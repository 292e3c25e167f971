"""The outbox against a real SMTP server: queued once, delivered once, retried when the server is down."""

import random
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.errors import DomainError
from app.extensions import db
from app.notifications import services
from app.notifications.mail import message_id_for
from app.notifications.models import Notification, NotificationStatus
from tests.notifications.outbox import NOW, SmtpServer


def outbox() -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Notification).order_by(Notification.id)))


def test_a_key_is_queued_once_and_names_the_message_id(app, make_user, queue):
    user = make_user(email="koller@office.example")
    assert queue(user, key="reminder:deadline:7:7d", subject="Detention review in 7 days") is True
    assert queue(user, key="reminder:deadline:7:7d", subject="Something else") is False
    [message] = outbox()
    assert (message.subject, message.address, message.status, message.attempts) == (
        "Detention review in 7 days",
        "koller@office.example",
        NotificationStatus.PENDING,
        0,
    )
    assert message.message_id == message_id_for("reminder:deadline:7:7d", app.config["MAIL_FROM"])
    assert message.message_id.endswith("@localhost>")
    assert message_id_for("reminder:deadline:7:2d", app.config["MAIL_FROM"]) != message.message_id


def test_a_duplicate_key_leaves_the_callers_transaction_usable(make_user, queue):
    user = make_user()
    queue(user, key="digest:2019-W35")
    queue(user, key="digest:2019-W35")
    user.name = "Still writable"  # ON CONFLICT DO NOTHING raised nothing, so the transaction goes on
    db.session.flush()
    assert len(outbox()) == 1


def test_messages_reach_the_smtp_server_with_text_and_html(app, smtp_server, make_user, queue):
    user = make_user(email="lena.koller@office.example", name="Lena Koller")
    queue(
        user,
        key="reminder:1",
        subject="Detention review due Tue 10 Sep 2019",
        text="Detention imposed Tue 27 Aug 2019 + 14 days.",
        html="<p>Detention imposed <b>Tue 27 Aug</b></p>",
    )
    report = services.deliver_due(now=NOW)
    assert (report.sent, report.failed, report.dead) == (1, 0, 0)
    [received] = smtp_server.inbox.messages
    assert received["To"] == "Lena Koller <lena.koller@office.example>"
    assert received["From"] == app.config["MAIL_FROM"]
    assert received["Subject"] == "Detention review due Tue 10 Sep 2019"
    assert received["Message-ID"] == message_id_for("reminder:1", app.config["MAIL_FROM"])
    assert received["Auto-Submitted"] == "auto-generated"
    assert received.get_body(("plain",)).get_content().strip() == "Detention imposed Tue 27 Aug 2019 + 14 days."
    assert "<b>Tue 27 Aug</b>" in received.get_body(("html",)).get_content()
    assert smtp_server.inbox.envelopes[0].rcpt_tos == ["lena.koller@office.example"]
    [message] = outbox()
    assert (message.status, message.sent_at, message.attempts) == (NotificationStatus.SENT, NOW, 1)


def test_delivering_twice_sends_nothing_twice(smtp_server, make_user, queue):
    user = make_user()
    for _ in range(3):
        queue(user)
    assert services.deliver_due(now=NOW).sent == 3
    assert services.deliver_due(now=NOW + timedelta(hours=1)).sent == 0
    assert services.deliver_due(now=NOW + timedelta(days=1), ignore_backoff=True).sent == 0
    assert len(smtp_server.inbox.messages) == 3
    assert len(set(smtp_server.inbox.message_ids())) == 3


def test_a_pass_walks_every_batch(smtp_server, make_user, queue):
    user = make_user()
    for _ in range(7):
        queue(user)
    assert services.deliver_due(now=NOW, batch=3).sent == 7
    assert len(smtp_server.inbox.messages) == 7


def test_messages_wait_while_the_server_is_down_and_go_once_it_is_back(app, monkeypatch, make_user, queue):
    server = SmtpServer()  # not started yet: connections are refused
    monkeypatch.setitem(app.config, "MAIL_URL", server.url)
    user = make_user()
    queue(user, key="reminder:a")
    queue(user, key="reminder:b")

    report = services.deliver_due(now=NOW)
    assert (report.sent, report.failed) == (0, 2)
    messages = outbox()
    assert [(m.status, m.attempts) for m in messages] == [(NotificationStatus.PENDING, 1)] * 2
    assert all("Connection refused" in m.last_error or "ConnectionRefused" in m.last_error for m in messages)
    assert all(m.next_attempt_at > NOW for m in messages)
    # Not due yet: the backoff holds them back.
    assert services.deliver_due(now=NOW + timedelta(seconds=1)).failed == 0

    later = NOW + timedelta(minutes=5)
    assert services.deliver_due(now=later).failed == 2
    assert [m.attempts for m in outbox()] == [2, 2]

    server.start()
    try:
        much_later = NOW + timedelta(hours=2)
        assert services.deliver_due(now=much_later).sent == 2
        assert services.deliver_due(now=much_later + timedelta(hours=1), ignore_backoff=True).sent == 0
        assert sorted(server.inbox.message_ids()) == sorted(m.message_id for m in outbox())
        assert [(m.status, m.attempts, m.sent_at) for m in outbox()] == [(NotificationStatus.SENT, 3, much_later)] * 2
    finally:
        server.stop()


def test_ignoring_the_backoff_tries_each_pending_message_once_per_pass(app, monkeypatch, make_user, queue):
    monkeypatch.setitem(app.config, "MAIL_URL", SmtpServer().url)  # nobody listens
    user = make_user()
    queue(user)
    queue(user)
    services.deliver_due(now=NOW)
    report = services.deliver_due(now=NOW, ignore_backoff=True)
    assert report.failed == 2
    assert [m.attempts for m in outbox()] == [2, 2]


def test_after_the_last_attempt_a_message_is_dead_and_an_admin_can_retry_it(app, monkeypatch, make_user, queue):
    monkeypatch.setitem(app.config, "MAIL_URL", SmtpServer().url)
    monkeypatch.setitem(app.config, "OUTBOX_MAX_ATTEMPTS", 3)
    queue(make_user())
    reports = [services.deliver_due(now=NOW, ignore_backoff=True) for _ in range(3)]
    assert [(r.failed, r.dead) for r in reports] == [(1, 0), (1, 0), (0, 1)]
    [message] = outbox()
    assert (message.status, message.attempts) == (NotificationStatus.DEAD, 3)
    assert services.deliver_due(now=NOW + timedelta(days=9), ignore_backoff=True).failed == 0  # dead stays dead

    admin = make_user(Role.ADMIN)
    services.retry(message, actor=admin, now=NOW + timedelta(days=1))
    assert (message.status, message.attempts, message.next_attempt_at) == (
        NotificationStatus.PENDING,
        0,
        NOW + timedelta(days=1),
    )
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "notification.retry")).one()
    assert (event.actor_id, event.object_id, event.changes["status"]) == (
        admin.id,
        str(message.id),
        ["dead", "pending"],
    )
    with pytest.raises(DomainError):
        services.retry(message, actor=admin, now=NOW)


def test_backoff_doubles_up_to_its_ceiling_with_jitter(app):
    rng = random.Random(7)
    with app.test_request_context():
        waits = [services.backoff(n, rng).total_seconds() for n in range(1, 12)]
    for attempt, wait in enumerate(waits, start=1):
        ceiling = min(6 * 3600, 60 * 2 ** (attempt - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert waits[0] < 60 and waits[4] > 480 and waits[-1] >= 3 * 3600
    assert len({services.backoff(3, rng) for _ in range(5)}) > 1  # jittered, not lockstep


def test_the_file_backend_writes_one_eml_per_message(app, monkeypatch, tmp_path, make_user, queue):
    monkeypatch.setitem(app.config, "MAIL_URL", f"file://{tmp_path}/outbox")
    user = make_user(email="clerk@office.example")
    queue(user, key="digest:1", subject="Your week", text="Nothing overdue.", html="<p>Nothing overdue.</p>")
    queue(user, key="digest:2", subject="Your next week", text="One deadline.")
    assert services.deliver_due(now=NOW).sent == 2
    files = sorted((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 2
    contents = [f.read_text() for f in files]
    assert any("Subject: Your week" in c and "text/html" in c for c in contents)
    assert all("To: " in c and "clerk@office.example" in c for c in contents)
    assert not list((tmp_path / "outbox").glob("*.part"))


def test_the_default_file_backend_writes_under_the_instance_folder(app, monkeypatch, tmp_path, make_user, queue):
    monkeypatch.setitem(app.config, "MAIL_URL", "file://")
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    queue(make_user())
    services.deliver_due(now=NOW)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1


def test_smtp_login_is_used_when_the_url_has_credentials(app, monkeypatch, make_user, queue):
    logins = []

    def authenticator(_server, _session, _envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        logins.append((mechanism, auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    server = SmtpServer(authenticator=authenticator, auth_require_tls=False).start()
    try:
        monkeypatch.setitem(app.config, "MAIL_URL", f"smtp://docket:s3cret@127.0.0.1:{server.port}")
        queue(make_user())
        assert services.deliver_due(now=NOW).sent == 1
        assert logins and logins[0][1:] == (b"docket", b"s3cret")
        assert len(server.inbox.messages) == 1
    finally:
        server.stop()


def test_an_unknown_mail_url_is_refused_clearly(app, monkeypatch, make_user, queue):
    monkeypatch.setitem(app.config, "MAIL_URL", "pigeon://loft")
    queue(make_user())
    with pytest.raises(ValueError, match="MAIL_URL must start with smtp://"):
        services.deliver_due(now=NOW)
