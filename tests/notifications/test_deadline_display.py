"""Deadlines in reminders, escalations and digests: hour limits with their time, dated deadlines without 23:59,
and day reminders of an hour limit aimed at the day of its moment."""

from datetime import date, timedelta

import pytest

from app.auth.models import Role
from app.cases.models import Custody, Stage
from app.deadlines.models import DeadlineKind
from app.extensions import db
from app.notifications.digest import send_digests
from app.notifications.reminders import send_reminders
from tests.cases.factories import CaseFactory, DefendantFactory
from tests.deadlines.factories import DeadlineFactory
from tests.moments import vienna
from tests.notifications.outbox import queued

#: Arrested Fri 29 Mar 2019 22:30; 48 real hours later, across the clock change, it is Sun 23:30 CEST.
CUSTODY_DUE = vienna(2019, 3, 31, 23, 30)


@pytest.fixture
def case(office, prosecutor):
    return CaseFactory(
        office=office,
        prosecutor=prosecutor,
        reference="712 St 45/19k",
        title="Heroin transit",
        stage=Stage.INVESTIGATION,
        last_activity_at=vienna(2019, 3, 25, 7),
    )


def custody_limit(case, **kwargs):
    return DeadlineFactory(
        case=case,
        title="Deliver the arrested person to the prison",
        hour_limit=True,
        due_at=CUSTODY_DUE,
        reminder_offsets=["24h", "6h", "1h"],
        **kwargs,
    )


def test_a_reminder_of_an_hour_limit_gives_its_moment_as_act_by_and_due(case):
    custody_limit(case)
    send_reminders(now=vienna(2019, 3, 31, 18, 0))
    [reminder] = queued("reminder")
    assert reminder.subject == "Deliver the arrested person to the prison — act in 6 hours (712 St 45/19k)"
    assert "Act by:  Sun 31 Mar 2019 23:30\n" in reminder.body_text
    assert "Due:     Sun 31 Mar 2019 23:30\n" in reminder.body_text
    assert reminder.body_html.count("<td>Sun 31 Mar 2019 23:30</td>") == 2


def test_a_reminder_of_a_dated_limit_on_a_sunday_gives_days_without_23_59(case):
    limit = DeadlineFactory(case=case, act_by=date(2024, 6, 14))
    limit.due_date, limit.due_at = date(2024, 6, 16), vienna(2024, 6, 16, 23, 59, 59, 999999)  # a Sunday
    db.session.commit()
    send_reminders(now=vienna(2024, 6, 12, 8))
    [reminder] = queued("reminder")
    assert "Act by:  Fri 14 Jun 2024\n" in reminder.body_text and "Due:     Sun 16 Jun 2024\n" in reminder.body_text
    assert "<td>Fri 14 Jun 2024</td>" in reminder.body_html and "<td>Sun 16 Jun 2024</td>" in reminder.body_html
    assert "23:59" not in reminder.body_text + reminder.body_html


@pytest.mark.parametrize(("limit", "was_due"), [("hours", "Sun 31 Mar 2019 23:30"), ("days", "Fri 29 Mar 2019")])
def test_an_escalation_says_when_it_was_due(case, make_user, limit, was_due):
    make_user(Role.SUPERVISOR)
    custody_limit(case) if limit == "hours" else DeadlineFactory(case=case, act_by=date(2019, 3, 29))
    send_reminders(now=vienna(2019, 4, 1, 9))
    [escalation] = queued("escalation")
    assert f"Was due:     {was_due}\n" in escalation.body_text
    assert f"<td>{was_due}</td>" in escalation.body_html
    assert "23:59" not in escalation.body_text + escalation.body_html


def test_the_digests_show_an_hour_limit_with_its_time_and_dated_deadlines_as_days(office, case, prosecutor, make_user):
    make_user(Role.SUPERVISOR, name="Dr. Karl Weiss")
    defendant = DefendantFactory(case=case, custody=Custody.ARRESTED)
    custody_limit(case, defendant=defendant)
    DeadlineFactory(case=case, title="Objection to the indictment", act_by=date(2019, 3, 29), kind=DeadlineKind.PERIOD)
    DeadlineFactory(case=case, title="Appeal grounds", act_by=date(2019, 3, 22), kind=DeadlineKind.PERIOD)  # overdue
    send_digests(now=vienna(2019, 3, 25, 7, 0))
    [digest] = [m for m in queued("digest") if m.recipient_id == case.prosecutor_id]
    text = digest.body_text
    assert "  Sun 31 Mar 2019 23:30  Deliver the arrested person to the prison — 712 St 45/19k" in text
    assert "  Fri 29 Mar 2019  Objection to the indictment — 712 St 45/19k" in text
    assert "next limit Deliver the arrested person to the prison, act by Sun 31 Mar 2019 23:30" in text
    assert ">Sun 31 Mar 2019 23:30</td>" in digest.body_html
    assert "act by Sun 31 Mar 2019 23:30" in digest.body_html
    [team] = [m for m in queued("digest") if m.recipient_id != case.prosecutor_id]
    assert ">Fri 22 Mar 2019</td>" in team.body_html and "  Fri 22 Mar 2019  Appeal grounds" in team.body_text
    for message in (digest, team):
        assert "23:59" not in message.body_text + message.body_html


def hourly_passes(start, end):
    moment = start
    while moment <= end:
        send_reminders(now=moment)
        moment += timedelta(hours=1)


def test_day_reminders_of_an_hour_limit_aim_at_the_day_of_its_moment(case):
    """A row from before hour limits were acted on by their moment still says act by Friday: 0d means Sunday."""
    custody = DeadlineFactory(case=case, hour_limit=True, due_at=CUSTODY_DUE, reminder_offsets=["2d", "0d"])
    custody.act_by = date(2019, 3, 29)
    db.session.commit()
    hourly_passes(vienna(2019, 3, 28, 0), vienna(2019, 3, 31, 23))
    assert [(m.key.rsplit(":", 1)[1], m.created_at) for m in queued("reminder")] == [
        ("2d", vienna(2019, 3, 29, 7)),
        ("0d", vienna(2019, 3, 31, 7)),
    ]


def test_the_same_day_reminder_of_an_hour_limit_due_before_seven_comes_the_morning_before(case):
    DeadlineFactory(case=case, hour_limit=True, due_at=vienna(2019, 9, 10, 5, 0), reminder_offsets=["2d", "0d"])
    hourly_passes(vienna(2019, 9, 7, 0), vienna(2019, 9, 10, 4))
    assert [(m.key.rsplit(":", 1)[1], m.created_at) for m in queued("reminder")] == [
        ("2d", vienna(2019, 9, 8, 7)),
        ("0d", vienna(2019, 9, 9, 7)),
    ]
