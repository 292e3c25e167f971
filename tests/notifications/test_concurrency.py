"""Two delivery passes at once, each with its own connection: every message leaves exactly once."""

import threading
from collections import Counter

import pytest

from app import create_app
from app.auth.models import Role, User
from app.extensions import db
from app.notifications import services
from tests.notifications.outbox import NOW, Inbox, SmtpServer


@pytest.fixture
def scratch_app(scratch_database_url):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": scratch_database_url})
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.own_database
def test_two_concurrent_passes_send_nothing_twice(scratch_app):
    # A slow server keeps each pass busy, so the two really overlap.
    server = SmtpServer(Inbox(delay=0.02)).start()
    scratch_app.config.update(MAIL_URL=server.url)
    with scratch_app.app_context():
        user = User(email="koller@office.example", name="Lena Koller", role=Role.PROSECUTOR, password_hash="x")
        db.session.add(user)
        db.session.flush()
        for number in range(40):
            services.enqueue(
                recipient=user,
                kind="reminder",
                key=f"reminder:{number}",
                subject=f"Reminder {number}",
                text="Detention review due.",
                now=NOW,
            )
        db.session.commit()

    start = threading.Barrier(2)
    reports, errors = [], []

    def deliver():
        with scratch_app.app_context():  # its own session and connection
            try:
                start.wait()
                reports.append(services.deliver_due(now=NOW, batch=4))
            except Exception as error:  # surfaced below; a thread cannot fail the test itself
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.stop()

    assert errors == []
    assert sorted(report.sent for report in reports) != [0, 40], "the passes did not overlap"
    assert sum(report.sent for report in reports) == 40
    counts = Counter(server.inbox.message_ids())
    assert len(counts) == 40 and set(counts.values()) == {1}
