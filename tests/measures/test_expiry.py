"""An ordered measure's end opens a limit in the deadline engine; renewal moves it, ending closes it."""

from datetime import date

import pytest

from app.deadlines.engine import reminder_times
from app.deadlines.models import DeadlineStatus
from app.errors import DomainError
from app.measures import services
from app.measures.models import MeasureKind, MeasureStatus
from tests.moments import VIENNA, vienna

NOW = vienna(2019, 8, 26, 10, 0)


def order(case, prosecutor, *, valid_to=date(2019, 9, 29), phone="+381 64 123 4567", **kwargs):
    return services.record_measure(
        case,
        kind=MeasureKind.TELEPHONE_INTERCEPTION,
        status=MeasureStatus.RUNNING,
        target_phone=phone,
        ordering_court="Landesgericht für Strafsachen Wien",
        order_reference=kwargs.pop("reference", "331 HR 12/19t"),
        ordered_on=date(2019, 7, 29),
        valid_from=date(2019, 7, 30),
        valid_to=valid_to,
        actor=prosecutor,
        now=NOW,
        **kwargs,
    )


def test_an_order_ending_on_a_sunday_must_be_renewed_by_the_friday_before(case, prosecutor):
    measure = order(case, prosecutor, valid_to=date(2019, 9, 29))  # a Sunday
    deadline = measure.expiry_deadline
    assert deadline.status == DeadlineStatus.OPEN and deadline.case_id == case.id
    assert deadline.rule_id == "at_measure_expiry" and deadline.kind == "limit"
    assert deadline.due_date == date(2019, 9, 29)
    assert deadline.act_by == date(2019, 9, 27)  # Friday
    assert "act by Fri 27 Sep 2019" in deadline.explanation
    assert deadline.title.endswith("order 331 HR 12/19t")


def test_renewal_reminders_fall_7_and_2_days_before_the_act_by_day(case, prosecutor):
    deadline = order(case, prosecutor).expiry_deadline
    assert deadline.reminder_offsets == ["7d", "2d", "0d"]
    from app.deadlines.services import current_rulebook

    moments = [
        moment.astimezone(VIENNA).date() for moment in reminder_times(deadline, deadline.reminder_offsets, VIENNA)
    ]
    assert moments == [date(2019, 9, 20), date(2019, 9, 25), date(2019, 9, 27)]
    assert current_rulebook().get("at_measure_expiry").reminders


def test_renewal_supersedes_the_limit_with_one_on_the_new_end(case, prosecutor):
    measure = order(case, prosecutor)
    first = measure.expiry_deadline
    renewal = services.renew(
        measure,
        ordering_court="Landesgericht für Strafsachen Wien",
        order_reference="331 HR 12/19t-2",
        ordered_on=date(2019, 8, 23),
        valid_to=date(2019, 11, 29),
        actor=prosecutor,
        now=NOW,
    )
    assert renewal.previous_valid_to == date(2019, 9, 29) and measure.valid_to == date(2019, 11, 29)
    assert first.status == DeadlineStatus.SUPERSEDED and first.superseded_by == measure.expiry_deadline
    assert measure.expiry_deadline.status == DeadlineStatus.OPEN
    assert measure.expiry_deadline.due_date == date(2019, 11, 29)


def test_terminating_one_measure_closes_only_its_own_limit(case, prosecutor):
    first = order(case, prosecutor, reference="331 HR 1/19t")
    second = order(case, prosecutor, reference="331 HR 2/19t", phone="+381 63 999 0000")
    first_deadline = first.expiry_deadline
    services.terminate(first, ended_on=date(2019, 8, 20), reason="Number no longer in use", actor=prosecutor, now=NOW)
    assert first.status == MeasureStatus.TERMINATED and first.expiry_deadline is None
    assert first_deadline.status == DeadlineStatus.MET and first_deadline.closing_event == "measure_ended"
    assert second.expiry_deadline.status == DeadlineStatus.OPEN


def test_a_requested_measure_opens_its_limit_when_the_court_orders_it(case, prosecutor):
    measure = services.record_measure(
        case,
        kind=MeasureKind.SURVEILLANCE,
        status=MeasureStatus.REQUESTED,
        target_place="Café Europa, Favoritenstraße",
        requested_on=date(2019, 8, 1),
        actor=prosecutor,
        now=NOW,
    )
    assert measure.expiry_deadline is None
    services.decide(
        measure,
        authorised=True,
        ordering_court="LG Wien",
        order_reference="331 HR 40/19t",
        ordered_on=date(2019, 8, 2),
        valid_from=date(2019, 8, 5),
        valid_to=date(2019, 10, 4),
        actor=prosecutor,
        now=NOW,
    )
    assert measure.status == MeasureStatus.AUTHORISED
    assert measure.expiry_deadline.due_date == date(2019, 10, 4)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"valid_to": date(2019, 7, 1)}, "valid_to"),
        ({"order_reference": ""}, "order_reference"),
        ({"valid_to": None}, "valid_to"),
    ],
)
def test_an_order_that_does_not_add_up_is_refused(case, prosecutor, changes, field):
    with pytest.raises(DomainError) as refused:
        order(
            case,
            prosecutor,
            **{k: v for k, v in changes.items() if k == "valid_to"},
            **({"reference": changes["order_reference"]} if "order_reference" in changes else {}),
        )
    assert refused.value.field == field


def test_a_renewal_must_end_later(case, prosecutor):
    measure = order(case, prosecutor)
    with pytest.raises(DomainError, match="must end after the current end"):
        services.renew(
            measure,
            ordering_court="LG Wien",
            order_reference="x",
            ordered_on=date(2019, 8, 20),
            valid_to=date(2019, 9, 1),
            actor=prosecutor,
            now=NOW,
        )
    assert measure.renewals == []


def test_a_measure_cannot_end_before_its_last_renewal(case, prosecutor):
    measure = order(case, prosecutor)
    services.renew(
        measure,
        ordering_court="LG Wien",
        order_reference="331 HR 12/19t-2",
        ordered_on=date(2019, 8, 23),
        valid_to=date(2019, 11, 29),
        actor=prosecutor,
        now=NOW,
    )
    with pytest.raises(DomainError, match="before its last renewal") as refused:
        services.terminate(
            measure, ended_on=date(2019, 8, 22), reason="Number no longer in use", actor=prosecutor, now=NOW
        )
    assert refused.value.field == "ended_on"
    services.terminate(measure, ended_on=date(2019, 8, 23), reason="Number no longer in use", actor=prosecutor, now=NOW)
    assert measure.status == MeasureStatus.TERMINATED


def test_the_renewal_reminders_reach_the_prosecutor_through_the_reminder_pipeline(case, prosecutor):
    import sqlalchemy as sa

    from app.extensions import db
    from app.notifications.models import Notification
    from app.notifications.reminders import send_reminders

    deadline = order(case, prosecutor, valid_to=date(2019, 9, 29)).expiry_deadline  # act by Fri 27 Sep

    def reminders() -> list[str]:
        return list(
            db.session.scalars(
                sa.select(Notification.key)
                .where(Notification.recipient_id == prosecutor.id, Notification.kind == "reminder")
                .order_by(Notification.id)
            )
        )

    send_reminders(now=vienna(2019, 9, 19, 12, 0))
    assert reminders() == []
    send_reminders(now=vienna(2019, 9, 20, 7, 30))  # a week before the act-by Friday
    send_reminders(now=vienna(2019, 9, 25, 7, 30))  # two days before
    assert reminders() == [f"reminder:deadline:{deadline.id}:7d", f"reminder:deadline:{deadline.id}:2d"]
