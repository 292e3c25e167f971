"""The weekly digest: its content in text and HTML, once per person and week, Monday 07:00 local across DST."""

from datetime import date, timedelta

import pytest

from app.auth.models import Role
from app.cases.models import Custody, Stage
from app.deadlines.models import DeadlineKind
from app.notifications.digest import send_digests
from tests.cases.factories import CaseFactory, DefendantFactory, PersonFactory
from tests.deadlines.factories import DeadlineFactory
from tests.moments import vienna
from tests.notifications.outbox import queued

MONDAY = vienna(2019, 9, 2, 7, 0)  # the week of Mon 2 Sep 2019


@pytest.fixture
def busy_week(office, prosecutor):
    case = CaseFactory(
        office=office,
        prosecutor=prosecutor,
        reference="712 St 45/19k",
        stage=Stage.INVESTIGATION,
        last_activity_at=MONDAY,
    )
    quiet = CaseFactory(
        office=office,
        prosecutor=prosecutor,
        reference="712 St 12/19k",
        title="Cocaine courier",
        stage=Stage.CHARGING,
        last_activity_at=vienna(2019, 7, 1, 10),
    )
    defendant = DefendantFactory(
        case=case,
        custody=Custody.DETAINED,
        person=PersonFactory(office=office, first_name="Marko", last_name="Petrović"),
    )
    DeadlineFactory(case=case, title="Objection to the indictment", act_by=date(2019, 8, 30), kind=DeadlineKind.PERIOD)
    DeadlineFactory(case=case, title="First detention review", act_by=date(2019, 9, 6), defendant=defendant)
    DeadlineFactory(case=case, title="Appeal grounds", act_by=date(2019, 9, 13), kind=DeadlineKind.PERIOD)
    DeadlineFactory(case=case, title="Maximum detention", act_by=date(2020, 2, 27), defendant=defendant)
    return case, quiet


def test_a_prosecutors_digest_lists_the_week_in_text_and_html(busy_week, prosecutor, supervisor):
    send_digests(now=MONDAY)
    [digest] = [m for m in queued("digest") if m.recipient_id == prosecutor.id]
    assert digest.subject == "Your week from Mon 2 Sep 2019: 1 overdue, 1 due this week, 1 next week"
    expected = """Mag. Anna Berger,

OVERDUE (1)
  Fri 30 Aug 2019  Objection to the indictment — 712 St 45/19k

DUE THIS WEEK (1)
  Fri 6 Sep 2019  First detention review — 712 St 45/19k, Marko Petrović

DUE NEXT WEEK (1)
  Fri 13 Sep 2019  Appeal grounds — 712 St 45/19k

IN CUSTODY (1)
  Marko Petrović (Detained) — 712 St 45/19k: next limit First detention review, act by Fri 6 Sep 2019

NO ACTIVITY FOR 30 DAYS (1)
  712 St 12/19k Cocaine courier — last change Mon 1 Jul 2019
"""
    assert digest.body_text.startswith(expected), digest.body_text
    assert "Your deadlines: http://127.0.0.1:5000/deadlines/" in digest.body_text
    html = digest.body_html
    for fragment in (
        '<h2 style="font-size: 1.05em; margin-top: 1.5em;">Overdue (1)</h2>',
        "Objection to the indictment",
        "Marko Petrović (Detained)",
        "First detention review, act by Fri 6 Sep 2019",
        f'href="http://127.0.0.1:5000/deadlines/case/{busy_week[1].id}">712 St 12/19k</a>',
    ):
        assert fragment in html


def test_the_supervisor_gets_the_team_table_and_the_overdue_list(busy_week, prosecutor, supervisor, make_user):
    make_user(Role.PROSECUTOR, name="Mag. Lena Koller")
    send_digests(now=MONDAY)
    [team] = [m for m in queued("digest") if m.recipient_id == supervisor.id]
    assert team.subject.startswith("Team week from Mon 2 Sep 2019: 1 overdue in ")
    lines = team.body_text.splitlines()
    assert any(
        line.split() == ["Mag.", "Anna", "Berger", "2", *line.split()[-2:]] and line.split()[-1] == "1"
        for line in lines
    ), team.body_text
    assert any(line.startswith("Mag. Lena Koller") and line.split()[-1] == "0" for line in lines)
    assert "  Fri 30 Aug 2019  Objection to the indictment — 712 St 45/19k (Mag. Anna Berger)" in lines
    assert '<th style="text-align: right;">Relative load</th>' in team.body_html


def test_someone_with_nothing_to_report_gets_a_short_digest(prosecutor):
    send_digests(now=MONDAY)
    [digest] = queued("digest")
    assert digest.subject == "Your week from Mon 2 Sep 2019: nothing due"
    assert "Nothing of yours is overdue or due in the next two weeks" in digest.body_text
    assert "OVERDUE" not in digest.body_text


def test_digests_go_once_per_person_and_week(busy_week, prosecutor, supervisor):
    assert send_digests(now=MONDAY) == 2
    assert send_digests(now=MONDAY + timedelta(hours=3)) == 0
    assert send_digests(now=MONDAY + timedelta(days=7)) == 2
    assert sorted(m.key.split(":")[1] for m in queued("digest")) == ["2019-W36"] * 2 + ["2019-W37"] * 2


@pytest.mark.parametrize(
    "monday, before_seven_utc_hour",
    [
        (date(2019, 4, 1), 4),  # the Monday after clocks went forward: 07:00 CEST = 05:00 UTC
        (date(2019, 10, 28), 5),  # the Monday after clocks went back: 07:00 CET = 06:00 UTC
        (date(2019, 9, 2), 4),
    ],
    ids=["spring-forward", "fall-back", "ordinary"],
)
def test_the_digest_waits_for_seven_oclock_local_in_both_dst_weeks(prosecutor, monday, before_seven_utc_hour):
    from datetime import UTC, datetime

    just_before = datetime(monday.year, monday.month, monday.day, before_seven_utc_hour, 59, tzinfo=UTC)
    assert send_digests(now=just_before) == 0
    assert send_digests(now=just_before + timedelta(minutes=1)) == 1
    [digest] = queued("digest")
    assert digest.subject.startswith(f"Your week from {monday:%a} {monday.day} {monday:%b %Y}")


def test_due_this_week_ends_on_sunday_night_local_in_the_fall_back_week(office, prosecutor):
    case = CaseFactory(office=office, prosecutor=prosecutor, last_activity_at=vienna(2019, 10, 28, 7))
    DeadlineFactory(case=case, title="Sunday", act_by=date(2019, 11, 3))
    DeadlineFactory(case=case, title="Monday", act_by=date(2019, 11, 4))
    send_digests(now=vienna(2019, 10, 28, 7, 0))
    text = queued("digest")[0].body_text
    assert text.index("Sunday") < text.index("DUE NEXT WEEK") < text.index("Monday")


def test_by_hand_the_digest_of_the_week_is_sent_at_once(prosecutor):
    assert send_digests(now=vienna(2019, 9, 2, 6, 0)) == 0
    assert send_digests(now=vienna(2019, 9, 2, 6, 0), wait_for_monday_morning=False) == 1
