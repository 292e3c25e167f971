"""`flask outbox deliver`: the operator's "retry now"."""

from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.notifications import services
from app.notifications.models import Notification, NotificationStatus
from tests.notifications.outbox import NOW, SmtpServer


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


def test_reminders_then_delivery_by_hand_sends_each_reminder_once(app, smtp_server, office, make_user):
    from datetime import date

    from app.auth.models import Role
    from tests.cases.factories import CaseFactory
    from tests.deadlines.factories import DeadlineFactory

    prosecutor = make_user(Role.PROSECUTOR, email="berger@office.example")
    DeadlineFactory(case=CaseFactory(office=office, prosecutor=prosecutor), act_by=date(2019, 9, 10))
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["reminders", "run", "--as-of", "2019-09-08T09:00:00+02:00"])
        assert result.exit_code == 0, result.output
        assert runner.invoke(args=["outbox", "deliver"]).exit_code == 0
    [message] = smtp_server.inbox.messages
    assert message["To"].addresses[0].addr_spec == "berger@office.example"
    assert "act in 2 days" in message["Subject"]
    digest = runner.invoke(args=["digest", "send", "--as-of", "2019-09-04T12:00"])
    assert digest.exit_code == 0 and "Digest: 1 queued." in digest.output
    assert "Digest: 0 queued." in runner.invoke(args=["digest", "send", "--as-of", "2019-09-04T12:00"]).output
    bad = runner.invoke(args=["reminders", "run", "--as-of", "next tuesday"])
    assert bad.exit_code == 2 and "not an ISO 8601 moment" in bad.output
