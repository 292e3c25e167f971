"""The administrators' Outbox page and each user's own notifications with the unread count."""

import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.extensions import db
from app.notifications.models import Notification, NotificationStatus


def set_status(key: str, status: NotificationStatus, error: str | None = None) -> Notification:
    message = db.session.scalars(sa.select(Notification).where(Notification.key == key)).one()
    message.status, message.last_error, message.attempts = status, error, 12 if error else 1
    db.session.commit()
    return message


def test_the_outbox_lists_messages_by_status_and_shows_failures(client, make_user, login, queue):
    prosecutor = make_user(name="Lena Koller")
    queue(prosecutor, key="a", subject="Detention review in 7 days")
    queue(prosecutor, key="b", subject="Weekly digest")
    queue(prosecutor, key="c", subject="Objection period ends")
    set_status("b", NotificationStatus.SENT)
    set_status("c", NotificationStatus.DEAD, "SMTPRecipientsRefused: mailbox unavailable")
    login(make_user(Role.ADMIN))

    page = client.get("/admin/outbox/").text
    assert all(s in page for s in ("Detention review in 7 days", "Weekly digest", "Objection period ends"))
    assert "1 message could not be delivered" in page
    assert "mailbox unavailable" in page

    dead = client.get("/admin/outbox/?status=dead").text
    assert "Objection period ends" in dead and "Weekly digest" not in dead
    assert "Weekly digest" in client.get("/admin/outbox/?status=sent").text
    assert client.get("/admin/outbox/?status=bogus").status_code == 200  # an unknown filter shows everything


def test_the_outbox_costs_the_same_statements_for_10_or_30_messages(client, make_user, login, queue, count_statements):
    login(make_user(Role.ADMIN))

    def statements_for(n: int) -> int:
        for _ in range(n):
            queue(make_user())  # a recipient each, so loading them lazily would show
        db.session.commit()
        with count_statements() as counted:
            assert client.get("/admin/outbox/").status_code == 200
        return len(counted)

    assert statements_for(10) == statements_for(20)


def test_an_admin_reads_a_message_and_retries_a_dead_one(client, make_user, login, queue):
    queue(
        make_user(email="koller@office.example"),
        key="dead",
        subject="Detention expires",
        text="Release or bring before the judge.",
        html="<p>Release <b>now</b></p>",
    )
    message = set_status("dead", NotificationStatus.DEAD, "ConnectionRefusedError: [Errno 111] Connection refused")
    admin = make_user(Role.ADMIN)
    login(admin)

    page = client.get(f"/admin/outbox/{message.id}").text
    assert "Release or bring before the judge." in page and "koller@office.example" in page
    assert "Connection refused" in page and "Retry delivery" in page and message.message_id.strip("<>") in page

    html = client.get(f"/admin/outbox/{message.id}/html")
    assert html.text == "<p>Release <b>now</b></p>"
    assert "sandbox" in html.headers["Content-Security-Policy"]
    assert "script-src" not in html.headers["Content-Security-Policy"]  # default-src 'none' covers scripts

    response = client.post(f"/admin/outbox/{message.id}/retry")
    assert response.status_code == 302
    db.session.refresh(message)
    assert (message.status, message.attempts) == (NotificationStatus.PENDING, 0)
    assert "will be sent again" in client.get(response.headers["Location"]).text
    assert (
        db.session.scalar(
            sa.select(sa.func.count(AuditEvent.id)).where(
                AuditEvent.action == "notification.retry", AuditEvent.actor_id == admin.id
            )
        )
        == 1
    )

    again = client.post(f"/admin/outbox/{message.id}/retry", follow_redirects=True)
    assert "Only a message that was given up on can be retried." in again.text
    assert client.get("/admin/outbox/999999").status_code == 404


def test_a_message_without_html_has_no_html_page(client, make_user, login, queue):
    queue(make_user(), key="plain")
    message = set_status("plain", NotificationStatus.PENDING)
    login(make_user(Role.ADMIN))
    assert client.get(f"/admin/outbox/{message.id}/html").status_code == 404


def test_users_see_their_own_notifications_and_the_unread_count(client, make_user, login, queue):
    mine, other = make_user(), make_user()
    queue(mine, key="m1", subject="Detention review in 2 days")
    queue(mine, key="m2", subject="Your week in Docket")
    queue(other, key="o1", subject="Someone else's reminder")
    login(mine)

    page = client.get("/notifications/").text
    assert "Detention review in 2 days" in page and "Your week in Docket" in page
    assert "Someone else&#39;s reminder" not in page and "Someone else's reminder" not in page
    assert 'data-unread="2"' in client.get("/account/password").text

    assert client.post("/notifications/read").status_code == 302
    assert "data-unread" not in client.get("/account/password").text
    assert "Mark all as read" not in client.get("/notifications/").text
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Notification.id)).where(
                Notification.recipient_id == other.id, Notification.read_at.is_(None)
            )
        )
        == 1
    )
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "notification.read")).all()
    assert len(events) == 1 and events[0].actor_id == mine.id


def test_the_notification_list_is_constant_in_statements(client, make_user, login, queue, count_statements):
    user = make_user()
    login(user)

    def statements_for(n: int) -> int:
        for _ in range(n):
            queue(user)
        db.session.commit()
        with count_statements() as counted:
            assert client.get("/notifications/").status_code == 200
        return len(counted)

    assert statements_for(10) == statements_for(20)


def test_the_outbox_is_in_the_admins_navigation_only(client, make_user, login):
    login(make_user(Role.ADMIN))
    assert 'href="/admin/outbox/"' in client.get("/account/password").text
    client.post("/logout")
    login(make_user(Role.PROSECUTOR))
    home = client.get("/account/password").text
    assert 'href="/admin/outbox/"' not in home and 'href="/notifications/"' in home


def test_users_choose_which_kinds_come_by_email(client, make_user, login):
    from app.notifications import services

    user = make_user()
    login(user)
    page = client.get("/notifications/settings").text
    assert "Reminders before a deadline" in page and "limits are always e-mailed" in page
    response = client.post("/notifications/settings", data={"reminder": "", "escalation": "y", "digest": "y"})
    assert response.status_code == 302
    assert services.email_choices(user) == {"reminder": False, "escalation": True, "digest": True}
    assert services.wants_email(user, "reminder") is False and services.wants_email(user, "digest") is True
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "notification.preferences")).one()
    assert event.changes == {"reminder": [True, False]}
