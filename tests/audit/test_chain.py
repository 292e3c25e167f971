"""The audit trail is append-only and tamper-evident."""

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.audit.services import record, verify_chain
from app.auth.models import Role
from app.database import utcnow
from app.extensions import db


def write_events(actor, n=5):
    events = [
        record(
            "test.event", actor=actor, now=utcnow(), object_type="user", object_id=actor.id, changes={"n": [i, i + 1]}
        )
        for i in range(n)
    ]
    db.session.commit()
    return events


def test_intact_chain_verifies(make_user):
    write_events(make_user())
    assert verify_chain() is None


def test_each_event_links_to_the_previous_one(make_user):
    events = write_events(make_user(), 3)
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash


def test_a_row_changed_by_hand_is_named(make_user):
    events = write_events(make_user())
    target = events[2]
    db.session.execute(sa.text("UPDATE audit_events SET action = 'innocent.looking' WHERE id = :id"), {"id": target.id})
    db.session.expire_all()
    broken = verify_chain()
    assert broken is not None and broken.event_id == target.id
    assert "changed" in broken.reason


def test_a_deleted_row_breaks_the_chain_at_its_successor(make_user):
    ids = [event.id for event in write_events(make_user())]
    db.session.execute(sa.text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[1]})
    db.session.expire_all()
    assert verify_chain().event_id == ids[2]


def test_removing_the_newest_events_is_detected(make_user):
    newest = write_events(make_user())[-1].id
    db.session.execute(sa.text("DELETE FROM audit_events WHERE id = :id"), {"id": newest})
    db.session.expire_all()
    assert verify_chain().event_id == newest


def test_the_orm_refuses_to_change_or_delete_events(make_user):
    event = write_events(make_user(), 1)[0]
    event.action = "rewritten"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()


def test_verify_command_names_the_tampered_row(app, make_user):
    events = write_events(make_user())
    runner = app.test_cli_runner()
    assert runner.invoke(args=["audit", "verify"]).output.strip() == "Audit trail intact."
    db.session.execute(sa.text("UPDATE audit_events SET changes = '{}' WHERE id = :id"), {"id": events[3].id})
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"Audit trail broken at event {events[3].id}" in result.output


def test_admin_page_filters_the_trail(client, make_user, login):
    admin, other = make_user(Role.ADMIN), make_user()
    login(admin)
    record("case.create", actor=other, now=utcnow(), object_type="case", object_id=7)
    db.session.commit()
    page = client.get("/admin/audit/?action=case.").text
    assert "case.create" in page and "auth.login" not in page
    page = client.get("/admin/audit/?outcome=success&actor=" + admin.email).text
    assert "auth.login" in page and "case.create" not in page
