"""`flask deadlines explain` prints what an event would open, and touches no case."""

import sqlalchemy as sa

from app.deadlines.models import Deadline
from app.extensions import db


def explain(app, *args):
    return app.test_cli_runner().invoke(args=["deadlines", "explain", *args])


def test_explain_prints_every_deadline_with_its_steps_and_reference(app):
    result = explain(app, "AT", "detention_imposed", "2026-03-01 10:00", "--offence-class", "felony")
    assert result.exit_code == 0, result.output
    assert "First detention review (Haftfrist ends)  [at_detention_review_first, limit]" in result.output
    assert "due:       2026-03-15  " in result.output and "act by:    2026-03-13\n" in result.output
    assert "reference: § 175 Abs. 2 StPO" in result.output
    assert "6. Act by the last working day before it: Fri 13 Mar 2026." in result.output
    assert "Offence class 'felony' (Felony (Verbrechen): maximum penalty over 3 years): 12 months." in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deadline)) == 0


def test_explain_shows_hour_limits_in_office_time(app):
    result = explain(app, "RS", "arrest_custody", "2026-10-24T10:00")
    assert result.exit_code == 0, result.output
    # Clocks go back on 25 October: 48 real hours end at 09:00 local time.
    assert "due:       2026-10-26 09:00 CET" in result.output


def test_explain_gives_an_hour_limits_moment_as_its_act_by(app):
    # Fri 22:30 + 48 real hours, across the clocks going forward, is Sunday 23:30: no Friday act-by.
    result = explain(app, "AT", "arrest_custody", "2019-03-29 22:30")
    assert result.exit_code == 0, result.output
    assert "due:       2019-03-31 23:30 CEST  (Europe/Vienna)" in result.output
    assert "act by:    2019-03-31 23:30\n" in result.output
    assert "whatever the day, with no working-day shift: act by Sun 31 Mar 2019 23:30 CEST." in result.output
    assert "Fri 29 Mar 2019 22:30 CET + 48 hours = Sun 31 Mar 2019 23:30 CEST (§ 172 Abs. 1 StPO)" in result.output


def test_explain_says_when_an_event_opens_nothing(app):
    result = explain(app, "RS", "indictment_served", "2026-03-01")
    assert result.exit_code == 0 and "opens no deadline in a RS case" in result.output


def test_explain_needs_the_end_date_of_an_order(app):
    assert "pass end_at" in explain(app, "AT", "measure_ordered", "2026-03-01").output
    result = explain(app, "AT", "measure_ordered", "2026-03-01", "--end", "2026-05-31")
    assert result.exit_code == 0 and "act by:    2026-05-29" in result.output


def test_explain_refuses_bad_input_clearly(app):
    assert "is not a date and time" in explain(app, "AT", "detention_imposed", "yesterday").output
    assert "Invalid value for 'EVENT'" in explain(app, "AT", "coffee_break", "2026-03-01").output
    assert "Invalid value for 'JURISDICTION'" in explain(app, "DE", "detention_imposed", "2026-03-01").output
