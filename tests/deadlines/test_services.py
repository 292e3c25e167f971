"""Recording events opens, closes and supersedes deadlines; manual deadlines, met and waived."""

from datetime import date, time

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.cases.models import Custody
from app.cases.services import add_charge, set_custody
from app.deadlines import services
from app.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from app.errors import DomainError
from app.extensions import db
from tests.cases.factories import ChargeFactory
from tests.moments import vienna


def deadlines_of(case, **where):
    query = sa.select(Deadline).where(Deadline.case_id == case.id).order_by(Deadline.id)
    for name, value in where.items():
        query = query.where(getattr(Deadline, name) == value)
    return list(db.session.scalars(query))


def open_by_rule(case) -> dict[str, Deadline]:
    return {d.rule_id: d for d in deadlines_of(case, status=DeadlineStatus.OPEN)}


def test_continued_detention_supersedes_the_pending_review_and_opens_the_next(make_case, make_defendant, prosecutor):
    case = make_case()
    defendant = make_defendant(case, months=180)
    set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 2, 10))
    first = open_by_rule(case)["at_detention_review_first"]
    assert first.due_date == date(2026, 3, 16)

    second = services.record_trigger(
        case,
        "detention_continued_first",
        vienna(2026, 3, 13, 11),
        defendant=defendant,
        actor=prosecutor,
        now=vienna(2026, 3, 13, 12),
    )
    assert [d.rule_id for d in second] == ["at_detention_review_second"]
    assert first.status == DeadlineStatus.SUPERSEDED and first.superseded_by == second[0]
    assert second[0].due_date == date(2026, 4, 13)  # one month: same day number
    assert second[0].kind == DeadlineKind.LIMIT and second[0].defendant == defendant

    later = services.record_trigger(
        case,
        "detention_continued",
        vienna(2026, 4, 10, 9),
        defendant=defendant,
        actor=prosecutor,
        now=vienna(2026, 4, 10, 9, 30),
    )
    assert second[0].status == DeadlineStatus.SUPERSEDED and second[0].superseded_by == later[0]
    assert later[0].rule_id == "at_detention_review_next" and later[0].due_date == date(2026, 6, 10)
    # The § 178 maximum runs on from the detention order, untouched by reviews.
    assert set(open_by_rule(case)) == {"at_detention_maximum", "at_detention_review_next"}
    assert open_by_rule(case)["at_detention_maximum"].due_date == date(2028, 3, 2)


def test_a_period_ending_on_good_friday_ends_on_the_tuesday_after_easter(make_case, make_defendant, prosecutor):
    case = make_case()
    defendant = make_defendant(case)
    [objection] = services.record_trigger(
        case,
        "indictment_served",
        vienna(2026, 3, 20, 10),
        defendant=defendant,
        actor=prosecutor,
        now=vienna(2026, 3, 20, 12),
    )
    assert objection.rule_id == "at_indictment_objection"
    assert (objection.due_date, objection.act_by) == (date(2026, 4, 7), date(2026, 4, 7))
    assert any("Fri 3 Apr 2026 is not a working day: Good Friday" in step for step in objection.steps)
    assert "The period ends on Tue 7 Apr 2026." in objection.steps


def test_a_limit_on_a_sunday_keeps_its_date_and_is_acted_on_the_friday_before(make_case, make_defendant, prosecutor):
    case = make_case()
    defendant = make_defendant(case)
    set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 1, 10))  # a Sunday
    review = open_by_rule(case)["at_detention_review_first"]
    assert (review.due_date, review.act_by) == (date(2026, 3, 15), date(2026, 3, 13))
    assert review.due_at == vienna(2026, 3, 15, 23, 59, 59, 999999)
    assert "Act by the last working day before it: Fri 13 Mar 2026." in review.steps


def test_release_meets_the_defendants_custody_deadlines_only(make_case, make_defendant, prosecutor):
    case = make_case()
    held, other = make_defendant(case), make_defendant(case)
    for defendant in (held, other):
        set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 2, 10))
    set_custody(held, Custody.RELEASED, actor=prosecutor, now=vienna(2026, 3, 5, 15))
    met = deadlines_of(case, status=DeadlineStatus.MET)
    assert {d.defendant_id for d in met} == {held.id}
    assert {d.rule_id for d in met} == {"at_detention_review_first", "at_detention_maximum"}
    assert all(d.met_on == date(2026, 3, 5) and d.closing_event == "released" for d in met)
    assert len(deadlines_of(case, status=DeadlineStatus.OPEN)) == 2


def test_a_repeated_event_opens_nothing_twice(make_case, make_defendant, prosecutor):
    case = make_case()
    defendant = make_defendant(case)
    when, now = vienna(2026, 3, 20, 10), vienna(2026, 3, 20, 12)
    services.record_trigger(case, "indictment_served", when, defendant=defendant, actor=prosecutor, now=now)
    again = services.record_trigger(case, "indictment_served", when, defendant=defendant, actor=prosecutor, now=now)
    assert again == [] and len(deadlines_of(case)) == 1


def test_a_case_event_opens_a_defendant_rule_for_every_defendant(make_case, make_defendant, prosecutor):
    case = make_case()
    make_defendant(case), make_defendant(case)
    opened = services.record_trigger(
        case, "indictment_served", vienna(2026, 3, 20, 10), actor=prosecutor, now=vienna(2026, 3, 20, 12)
    )
    assert len(opened) == 2 and {d.defendant_id for d in opened} == {d.id for d in case.defendants}


@pytest.mark.parametrize(
    "event, kwargs, field, message",
    [
        ("detention_continued", {}, "defendant_id", "Choose the defendant"),
        ("measure_ordered", {}, "end_at", "end date the order sets"),
        ("indictment_served", {"when": vienna(2026, 3, 21, 10)}, "when", "cannot lie in the future"),
        ("no_such_event", {}, "event", "Unknown event"),
    ],
)
def test_an_event_that_cannot_be_recorded_changes_nothing(make_case, prosecutor, event, kwargs, field, message):
    case = make_case()
    when = kwargs.pop("when", vienna(2026, 3, 20, 10))
    with pytest.raises(DomainError, match=message) as raised:
        services.record_trigger(case, event, when, actor=prosecutor, now=vienna(2026, 3, 20, 12), **kwargs)
    assert raised.value.field == field
    assert deadlines_of(case) == []


def test_a_measure_runs_until_the_end_date_its_order_sets(make_case, prosecutor):
    case = make_case()
    [expiry] = services.record_trigger(
        case,
        "measure_ordered",
        vienna(2026, 3, 2, 10),
        actor=prosecutor,
        now=vienna(2026, 3, 2, 11),
        end_at=date(2026, 5, 31),
    )
    assert expiry.rule_id == "at_measure_expiry"
    assert (expiry.due_date, expiry.act_by) == (date(2026, 5, 31), date(2026, 5, 29))  # Sunday → Friday


@pytest.mark.parametrize(
    "charges, expected",
    [
        ([], None),
        ([(12, False, "misdemeanour")], "misdemeanour"),
        ([(36, False, "misdemeanour")], "misdemeanour"),
        ([(37, False, "felony")], "felony"),
        ([(24, False, "felony")], "felony"),  # entered as a felony: at least a felony
        ([(60, False, "felony")], "felony"),
        ([(61, False, "felony")], "felony_over_5_years"),
        ([(None, True, "felony")], "felony_over_5_years"),  # life imprisonment
        ([(12, False, "misdemeanour"), (120, False, "felony")], "felony_over_5_years"),  # the gravest counts
    ],
)
def test_the_offence_class_comes_from_the_gravest_charge(make_case, make_defendant, charges, expected):
    defendant = make_defendant(make_case(), months=None)
    for months, life, offence_class in charges:
        ChargeFactory(defendant=defendant, max_penalty_months=months, life_possible=life, offence_class=offence_class)
    assert services.offence_class_of(defendant) == expected


def test_a_new_charge_recomputes_the_maximum_detention(make_case, make_defendant, prosecutor):
    case = make_case()
    defendant = make_defendant(case, months=None)
    set_custody(defendant, Custody.DETAINED, actor=prosecutor, now=vienna(2026, 3, 2, 10))
    maximum = open_by_rule(case)["at_detention_maximum"]
    assert maximum.due_date == date(2026, 5, 2) and maximum.offence_class is None  # unknown: the shortest
    add_charge(
        defendant,
        statute="§ 28a Abs. 4 SMG",
        offence_class="felony",
        description="Trafficking",
        max_penalty_months=180,
        life_possible=False,
        actor=prosecutor,
        now=vienna(2026, 3, 4, 9),
    )
    replacement = open_by_rule(case)["at_detention_maximum"]
    assert maximum.status == DeadlineStatus.SUPERSEDED and maximum.superseded_by == replacement
    assert replacement.due_date == date(2028, 3, 2) and replacement.offence_class == "felony_over_5_years"
    assert replacement.trigger_at == maximum.trigger_at


def test_an_entered_offence_class_overrides_the_charges(make_case, make_defendant, prosecutor):
    case = make_case()
    defendant = make_defendant(case, months=180)
    services.record_trigger(
        case,
        "detention_imposed",
        vienna(2026, 3, 2, 10),
        defendant=defendant,
        offence_class="collusion_only",
        actor=prosecutor,
        now=vienna(2026, 3, 2, 11),
    )
    maximum = open_by_rule(case)["at_detention_maximum"]
    # 2 months, not 2 years: Sat 2 May is kept; Fri 1 May is Labour Day, so act by Thu 30 Apr.
    assert (maximum.due_date, maximum.act_by) == (date(2026, 5, 2), date(2026, 4, 30))
    assert maximum.offence_class == "collusion_only"


def test_every_change_is_audited(make_case, make_defendant, prosecutor):
    case = make_case()
    defendant = make_defendant(case)
    services.record_trigger(
        case,
        "detention_imposed",
        vienna(2026, 3, 2, 10),
        defendant=defendant,
        actor=prosecutor,
        now=vienna(2026, 3, 2, 11),
    )
    services.record_trigger(
        case,
        "detention_continued_first",
        vienna(2026, 3, 13, 10),
        defendant=defendant,
        actor=prosecutor,
        now=vienna(2026, 3, 13, 11),
    )
    actions = db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.actor_id == prosecutor.id)).all()
    assert actions.count("deadline.open") == 3
    assert actions.count("deadline.supersede") == 1
    assert actions.count("deadline.event") == 2


def test_a_manual_limit_on_a_sunday_is_acted_on_the_friday_before(make_case, prosecutor):
    case = make_case()
    deadline = services.add_manual_deadline(
        case,
        title="Report to the Ministry of Justice",
        kind="limit",
        due_date=date(2026, 3, 15),
        reminders=["3d", "0d"],
        actor=prosecutor,
        now=vienna(2026, 3, 2, 10),
    )
    assert deadline.manual and deadline.all_day and deadline.status == DeadlineStatus.OPEN
    assert (deadline.due_date, deadline.act_by) == (date(2026, 3, 15), date(2026, 3, 13))
    assert deadline.reminder_offsets == ["3d", "0d"]
    assert deadline.due_at == vienna(2026, 3, 15, 23, 59, 59, 999999)


def test_a_manual_deadline_at_a_time_of_day(make_case, prosecutor):
    deadline = services.add_manual_deadline(
        make_case(),
        title="Hearing of the witness",
        kind="period",
        due_date=date(2026, 3, 10),
        due_time=time(14, 30),
        actor=prosecutor,
        now=vienna(2026, 3, 2, 10),
    )
    assert not deadline.all_day and deadline.due_at == vienna(2026, 3, 10, 14, 30)


def test_a_manual_limit_at_a_time_of_day_on_a_sunday_is_acted_on_at_its_moment(make_case, prosecutor):
    deadline = services.add_manual_deadline(
        make_case(),
        title="Hand over to Belgrade",
        kind="limit",
        due_date=date(2026, 3, 15),
        due_time=time(18),
        actor=prosecutor,
        now=vienna(2026, 3, 2, 10),
    )
    assert (deadline.due_date, deadline.act_by) == (date(2026, 3, 15), date(2026, 3, 15))
    assert "due at that moment" in deadline.steps[-1]


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"title": " "}, "title"),
        ({"due_date": date(2026, 3, 1)}, "due_date"),
        ({"reminders": ["soon"]}, "reminders"),
    ],
)
def test_a_bad_manual_deadline_is_refused(make_case, prosecutor, kwargs, field):
    values = {"title": "Report", "kind": "period", "due_date": date(2026, 3, 20), **kwargs}
    with pytest.raises(DomainError) as raised:
        services.add_manual_deadline(make_case(), actor=prosecutor, now=vienna(2026, 3, 2, 10), **values)
    assert raised.value.field == field


def test_mark_met_records_the_day(make_case, prosecutor):
    deadline = services.add_manual_deadline(
        make_case(),
        title="Report",
        kind="period",
        due_date=date(2026, 3, 20),
        actor=prosecutor,
        now=vienna(2026, 3, 2, 10),
    )
    with pytest.raises(DomainError, match="future"):
        services.mark_met(deadline, met_on=date(2026, 3, 6), actor=prosecutor, now=vienna(2026, 3, 5, 10))
    services.mark_met(deadline, met_on=date(2026, 3, 5), actor=prosecutor, now=vienna(2026, 3, 5, 10))
    assert deadline.status == DeadlineStatus.MET and deadline.met_on == date(2026, 3, 5)
    assert deadline.closed_by_id == prosecutor.id
    with pytest.raises(DomainError, match="already met"):
        services.mark_met(deadline, met_on=date(2026, 3, 5), actor=prosecutor, now=vienna(2026, 3, 5, 10))


def test_only_supervisors_waive_limits(make_case, prosecutor, supervisor):
    case = make_case()
    limit = services.add_manual_deadline(
        case, title="Limit", kind="limit", due_date=date(2026, 3, 20), actor=prosecutor, now=vienna(2026, 3, 2, 10)
    )
    period = services.add_manual_deadline(
        case, title="Period", kind="period", due_date=date(2026, 3, 20), actor=prosecutor, now=vienna(2026, 3, 2, 10)
    )
    with pytest.raises(DomainError, match="Only a supervisor"):
        services.waive(limit, reason="Moot", actor=prosecutor, now=vienna(2026, 3, 3, 10))
    with pytest.raises(DomainError, match="Say why"):
        services.waive(period, reason=" ", actor=prosecutor, now=vienna(2026, 3, 3, 10))
    services.waive(period, reason="The accused withdrew the objection.", actor=prosecutor, now=vienna(2026, 3, 3, 10))
    services.waive(limit, reason="Proceedings discontinued.", actor=supervisor, now=vienna(2026, 3, 3, 10))
    assert limit.status == period.status == DeadlineStatus.WAIVED
    assert limit.waive_reason == "Proceedings discontinued."
