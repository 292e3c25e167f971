"""`flask outbox deliver`: the operator's "retry now"."""
from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.notifications import services
from app.notifications.models import Notification, NotificationStatus
from tests.notifications.conftest import NOW, SmtpServer


def test_deliver_sends_every_pending_message_at_once_ignoring_the_backoff(app, monkeypatch, make_user, queue):
    server = SmtpServer()
    monkeypatch.setitem(app.config, "MAIL_URL", server.url)
    user = make_user()
    queue(user, now=NOW)
    queue(user, now=NOW)
    services.deliver_due(now=NOW)  # the server is down: both wait for their backoff, hours from now
    runner = app.test_cli_runner()
    down = runner.invoke(args=["outbox", "deliver"])
    assert down.exit_code == 1 and "0 sent, 2 failed" in down.output

    server.start()
    try:
        result = runner.invoke(args=["outbox", "deliver"])
        assert result.exit_code == 0, result.output
        assert "2 sent, 0 failed" in result.output
        assert len(server.inbox.messages) == 2
        again = runner.invoke(args=["outbox", "deliver"])
        assert "0 sent" in again.output and len(server.inbox.messages) == 2
    finally:
        server.stop()
    statuses = db.session.scalars(sa.select(Notification.status)).all()
    assert statuses == [NotificationStatus.SENT] * 2


def test_deliver_also_sends_messages_not_yet_due(app, smtp_server, make_user, queue):
    # "Ignoring the backoff" means every pending message, including one queued to go later.
    queue(make_user(), now=NOW + timedelta(days=365 * 100))
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert "1 sent" in result.output and len(smtp_server.inbox.messages) == 1
