"""Reminders at each offset exactly once, late rather than never, to the deputy during an absence; escalations daily."""

from datetime import date, timedelta

import pytest

from app.auth.models import Role
from app.deadlines.models import DeadlineKind, DeadlineStatus
from app.extensions import db
from app.notifications import services
from app.notifications.models import NotificationStatus
from app.notifications.reminders import send_reminders
from tests.assignments.factories import AbsenceFactory
from tests.cases.factories import CaseFactory, DefendantFactory
from tests.deadlines.factories import DeadlineFactory
from tests.moments import vienna
from tests.notifications.outbox import queued


@pytest.fixture
def prosecutor(make_user):
    return make_user(Role.PROSECUTOR, name="Mag. Anna Berger", email="berger@office.example")


@pytest.fixture
def case(office, prosecutor):
    return CaseFactory(office=office, prosecutor=prosecutor, reference="712 St 45/19k", title="Heroin transit")


def hourly_passes(start, end):
    moment = start
    while moment <= end:
        send_reminders(now=moment)
        moment += timedelta(hours=1)


def test_each_day_offset_fires_exactly_once_across_hourly_passes(case, prosecutor):
    review = DeadlineFactory(case=case, act_by=date(2019, 9, 10))
    hourly_passes(vienna(2019, 9, 1, 0, 0), vienna(2019, 9, 10, 23, 0))
    reminders = queued("reminder")
    assert [m.key for m in reminders] == [f"reminder:deadline:{review.id}:{offset}" for offset in ("7d", "2d", "0d")]
    assert [m.created_at for m in reminders] == [vienna(2019, 9, 3, 7), vienna(2019, 9, 8, 7), vienna(2019, 9, 10, 7)]
    assert {m.recipient_id for m in reminders} == {prosecutor.id}
    assert [m.subject for m in reminders] == [
        "First detention review — act in 7 days (712 St 45/19k)",
        "First detention review — act in 2 days (712 St 45/19k)",
        "First detention review — act today (712 St 45/19k)",
    ]
    text = reminders[0].body_text
    assert "Act by:  Tue 10 Sep 2019\n" in text and "Due:     Tue 10 Sep 2019\n" in text and "23:59" not in text
    assert f"http://127.0.0.1:5000/deadlines/case/{case.id}" in text
    assert "<strong>First detention review</strong>" in reminders[0].body_html


def test_a_reminder_missed_while_docket_was_down_is_sent_late_once(case):
    review = DeadlineFactory(case=case, act_by=date(2019, 9, 10))
    send_reminders(now=vienna(2019, 9, 2, 12))  # before the 7-day reminder; then down until the 9th
    hourly_passes(vienna(2019, 9, 9, 12), vienna(2019, 9, 9, 18))
    assert [m.key for m in queued("reminder")] == [f"reminder:deadline:{review.id}:2d"]
    assert queued("reminder")[0].subject == "First detention review — act tomorrow (712 St 45/19k)"


def test_hour_limits_remind_24_6_and_1_hours_before(case):
    custody = DeadlineFactory(
        case=case, title="Court decides on detention", hour_limit=True, due_at=vienna(2019, 8, 28, 14, 5)
    )
    hourly_passes(vienna(2019, 8, 27, 0, 5), vienna(2019, 8, 28, 14, 0))
    assert [(m.key.rsplit(":", 1)[1], m.created_at) for m in queued("reminder")] == [
        ("24h", vienna(2019, 8, 27, 14, 5)),
        ("6h", vienna(2019, 8, 28, 8, 5)),
        ("1h", vienna(2019, 8, 28, 13, 5)),
    ]
    assert custody.all_day is False


def test_the_deputy_is_reminded_while_the_prosecutor_is_absent(case, prosecutor, make_user):
    deputy = make_user(Role.PROSECUTOR, name="Mag. Lena Koller")
    AbsenceFactory(user=prosecutor, deputy=deputy, starts_on=date(2019, 9, 2), ends_on=date(2019, 9, 9), reason="Leave")
    DeadlineFactory(case=case, act_by=date(2019, 9, 10))
    hourly_passes(vienna(2019, 9, 3, 6), vienna(2019, 9, 10, 8))
    reminders = queued("reminder")
    assert [m.recipient_id for m in reminders] == [deputy.id, deputy.id, prosecutor.id]
    assert "You are covering for Mag. Anna Berger, who is absent." in reminders[0].body_text
    assert "covering" not in reminders[2].body_text


def test_closed_deadlines_remind_nobody(case):
    DeadlineFactory(case=case, act_by=date(2019, 9, 10), status=DeadlineStatus.MET)
    DeadlineFactory(case=case, act_by=date(2019, 9, 10), status=DeadlineStatus.WAIVED)
    hourly_passes(vienna(2019, 9, 1), vienna(2019, 9, 12))
    assert queued() == []


def test_an_overdue_deadline_is_escalated_to_each_supervisor_once_a_day(case, office, make_user):
    chiefs = [make_user(Role.SUPERVISOR, name="Dr. Karl Weiss"), make_user(Role.SUPERVISOR, name="Dr. Eva Roth")]
    make_user(Role.SUPERVISOR, office=None)  # another office's supervisor hears nothing
    defendant = DefendantFactory(case=case)
    review = DeadlineFactory(case=case, act_by=date(2019, 9, 10), defendant=defendant)
    hourly_passes(vienna(2019, 9, 11, 0, 30), vienna(2019, 9, 12, 23, 30))
    escalations = queued("escalation")
    assert len(escalations) == 4  # two supervisors, two days
    assert {(m.recipient_id, m.key.split(":")[3]) for m in escalations} == {
        (chief.id, day) for chief in chiefs for day in ("2019-09-11", "2019-09-12")
    }
    assert escalations[0].subject == "Overdue limit: First detention review (712 St 45/19k)"
    assert "Prosecutor:  Mag. Anna Berger" in escalations[0].body_text
    assert f"Defendant:   {defendant.person}" in escalations[0].body_text
    review.status = DeadlineStatus.MET
    db.session.commit()
    send_reminders(now=vienna(2019, 9, 13, 9))
    assert len(queued("escalation")) == 4


def test_email_choices_keep_messages_in_the_app_except_escalated_limits(case, prosecutor, make_user):
    chief = make_user(Role.SUPERVISOR)
    services.set_email_choices(
        prosecutor, {"reminder": False, "escalation": True, "digest": True}, actor=prosecutor, now=vienna(2019, 9, 1)
    )
    services.set_email_choices(
        chief, {"reminder": True, "escalation": False, "digest": True}, actor=chief, now=vienna(2019, 9, 1)
    )
    DeadlineFactory(case=case, act_by=date(2019, 9, 10), kind=DeadlineKind.LIMIT, title="Detention review")
    DeadlineFactory(case=case, act_by=date(2019, 9, 10), kind=DeadlineKind.PERIOD, title="Objection to the indictment")
    send_reminders(now=vienna(2019, 9, 3, 8))
    assert {m.status for m in queued("reminder")} == {NotificationStatus.IN_APP}
    send_reminders(now=vienna(2019, 9, 11, 8))
    by_title = {m.subject.split(":")[1].split("(")[0].strip(): m.status for m in queued("escalation")}
    assert by_title == {
        "Detention review": NotificationStatus.PENDING,
        "Objection to the indictment": NotificationStatus.IN_APP,
    }


def test_a_case_without_a_prosecutor_reminds_the_supervisors(office, make_user):
    chief = make_user(Role.SUPERVISOR)
    unassigned = CaseFactory(office=office, prosecutor=None)
    DeadlineFactory(case=unassigned, act_by=date(2019, 9, 10))
    send_reminders(now=vienna(2019, 9, 3, 8))
    assert [m.recipient_id for m in queued("reminder")] == [chief.id]
