"""`flask demo scale` adds offices, accounts and cases in bulk that agree with the rules and the audit trail."""

import re

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.audit.services import verify_chain
from app.auth.models import Office, Role, User
from app.cases.grounds import CLOSING_STAGES
from app.cases.models import TERMINAL_STAGES, Case, Charge, Custody, Defendant, Person, Stage, StageMove
from app.database import utcnow
from app.deadlines.check import find_contradictions
from app.deadlines.models import Deadline, DeadlineStatus
from app.demo.scale_writer import COLUMNS
from app.extensions import db
from app.judgments.guards import every_judgment_final, verdict_for_every_defendant
from app.judgments.models import Appeal, Judgment, Sentence, Verdict
from app.judgments.services import finalize_unappealed
from app.notifications.models import Notification
from app.notifications.reminders import send_reminders

PASSWORD = "scale demo password"
CASES, OFFICES, PROSECUTORS = 400, 2, 8


def scale(app, *args):
    return app.test_cli_runner().invoke(args=["demo", "scale", "--password", PASSWORD, *args])


@pytest.fixture
def scaled(app):
    result = scale(app, "--cases", str(CASES), "--offices", str(OFFICES), "--prosecutors", str(PROSECUTORS))
    assert result.exit_code == 0, result.output
    return result


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_adds_offices_accounts_and_cases_in_the_proportions_of_a_national_register(scaled):
    assert count(Office) == OFFICES
    assert count(User, User.role == Role.SUPERVISOR) == OFFICES
    assert count(User, User.role == Role.CLERK) == OFFICES
    assert count(User, User.role == Role.PROSECUTOR) == PROSECUTORS
    emails = set(db.session.scalars(sa.select(User.email)))
    assert {"supervisor-1@docket.example", "clerk-2@docket.example", "prosecutor-2-4@docket.example"} <= emails
    assert count(Case) == CASES
    assert 1.15 <= count(Person) / CASES <= 1.45
    assert 1.5 <= count(Defendant) / CASES <= 1.8
    assert 1.8 <= count(Charge) / CASES <= 2.2
    deadlines = count(Deadline)
    assert 2.5 <= deadlines / CASES <= 4.0  # both offices are Austrian: their rules open more deadlines
    open_ = count(Deadline, Deadline.status == DeadlineStatus.OPEN)
    assert 0.04 <= open_ / deadlines <= 0.12
    overdue = count(Deadline, Deadline.status == DeadlineStatus.OPEN, Deadline.due_at < sa.func.now())
    assert 0 < overdue < open_ / 3
    assert count(Deadline, Deadline.status == DeadlineStatus.MET) > deadlines / 2
    assert count(Notification) > 0
    names = " ".join(db.session.scalars(sa.select(Person.last_name)))
    assert re.search("[ĐđŠšČčĆćŽžÜüÖöÄä]", names)


def test_every_stage_of_the_pipeline_has_cases_with_their_history(scaled):
    stages = dict(db.session.execute(sa.select(Case.stage, sa.func.count()).group_by(Case.stage)).all())
    assert set(stages) == set(Stage)
    for case in db.session.scalars(sa.select(Case)):
        moves = db.session.scalars(sa.select(StageMove).where(StageMove.case_id == case.id).order_by(StageMove.id))
        moves = list(moves)
        assert case.version == len(moves) + 1
        if case.stage == Stage.INTAKE:
            assert not moves
            continue
        assert moves[0].from_stage == Stage.INTAKE and moves[-1].to_stage == case.stage
        assert all(earlier.to_stage == later.from_stage for earlier, later in zip(moves, moves[1:]))
        assert (moves[-1].grounds is not None) == (case.stage in CLOSING_STAGES)


def test_judged_cases_pass_the_pipelines_guards(scaled):
    judged = db.session.scalars(sa.select(Case).where(Case.stage.in_((Stage.JUDGMENT, Stage.APPEAL, Stage.FINAL))))
    for case in judged:
        assert verdict_for_every_defendant(case) is None
        if case.stage == Stage.FINAL:
            assert every_judgment_final(case) is None
        if case.stage == Stage.APPEAL:
            assert count(Appeal, Appeal.judgment_id.in_(sa.select(Judgment.id).where(Judgment.case_id == case.id)))
    assert count(Sentence) == count(Judgment) > 0
    assert count(Verdict) >= count(Judgment)
    closed = db.session.scalars(sa.select(Case).where(Case.stage.in_(TERMINAL_STAGES)))
    for case in closed:
        assert not [defendant for defendant in case.defendants if defendant.custody.in_custody]
    assert count(Defendant, Defendant.custody == Custody.DETAINED) > 0


def test_no_open_deadline_contradicts_its_case_and_every_row_has_its_parents(scaled, app):
    assert find_contradictions() == []
    assert finalize_unappealed(now=utcnow()) == []  # no judgment waits for finality its periods have given it
    report = send_reminders(now=utcnow())  # every reminder and escalation due was sent already
    assert (report.reminders, report.escalations) == (0, 0)
    result = app.test_cli_runner().invoke(args=["deadlines", "check"])
    assert result.exit_code == 0 and result.output.strip().endswith("0 contradictions")
    for table in COLUMNS:
        for key in db.metadata.tables[table].foreign_keys:
            child, parents = key.parent, key.column.table.alias()
            parent = parents.c[key.column.name]
            orphans = sa.select(sa.func.count()).where(child.is_not(None), ~sa.exists().where(parent == child))
            assert db.session.scalar(orphans) == 0, f"{table}.{child.name} without its {key.column.table.name}"


def test_the_load_is_in_the_audit_trail_and_the_chain_holds(scaled):
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "demo.scale")).all()
    assert len(events) == OFFICES + 1
    summary = events[-1]
    assert summary.actor_label.startswith("cli")
    assert summary.changes["rows"]["cases"] == CASES
    assert sum(event.changes.get("cases", 0) for event in events[:-1]) == CASES
    assert verify_chain() is None


def test_a_generated_prosecutor_signs_in_and_sees_their_cases(scaled, client):
    response = client.post("/login", data={"email": "prosecutor-1-1@docket.example", "password": PASSWORD})
    assert response.status_code == 302
    prosecutor = db.session.scalar(sa.select(User).where(User.email == "prosecutor-1-1@docket.example"))
    theirs = set(db.session.scalars(sa.select(Case.reference).where(Case.prosecutor_id == prosecutor.id)))
    listed = re.findall(r'<a href="/cases/\d+">([^<]+)</a>', client.get("/cases/").text)
    assert listed and set(listed) <= theirs
    assert len(listed) == min(len(theirs), 50)


def test_a_large_load_on_postgresql_builds_the_indexes_it_dropped_again(app, monkeypatch):
    monkeypatch.setattr("app.demo.scale.REBUILD_INDEXES", 1)
    tables = list(COLUMNS)

    def indexes():
        inspector = sa.inspect(db.session.connection())
        return {table: sorted(index["name"] for index in inspector.get_indexes(table)) for table in tables}

    before = indexes()
    result = scale(app, "--cases", "60", "--offices", "1", "--prosecutors", "2")
    assert result.exit_code == 0, result.output
    assert indexes() == before
    assert count(Case) == 60
    assert find_contradictions() == []


def test_cases_made_and_written_in_chunks_fit_together(app, monkeypatch):
    monkeypatch.setattr("app.demo.scale.CHUNK", 40)
    result = scale(app, "--cases", "200", "--offices", "3", "--prosecutors", "6")
    assert result.exit_code == 0, result.output
    assert count(Case) == 200
    ids = db.session.scalars(sa.select(Case.id).order_by(Case.id)).all()
    assert ids == list(range(ids[0], ids[0] + 200))
    references = db.session.execute(sa.select(Case.office_id, Case.reference)).all()
    assert len(set(references)) == 200
    assert find_contradictions() == []
    assert verify_chain() is None
    keys = db.session.scalars(sa.select(Notification.key)).all()
    deadline_ids = {int(key.split(":")[2]) for key in keys}
    assert deadline_ids <= set(db.session.scalars(sa.select(Deadline.id).where(Deadline.status == DeadlineStatus.OPEN)))


def test_a_second_run_adds_offices_with_the_next_numbers(app):
    assert scale(app, "--cases", "30", "--offices", "1", "--prosecutors", "2").exit_code == 0
    again = scale(app, "--cases", "30", "--offices", "1", "--prosecutors", "2")
    assert again.exit_code == 0, again.output
    assert "offices K = 2…2" in again.output
    assert db.session.scalar(sa.select(User.id).where(User.email == "prosecutor-2-2@docket.example"))
    assert count(Case) == 60
    assert find_contradictions() == []
    assert verify_chain() is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cases", "0"], "--cases must be at least 1"),
        (["--cases", "-5"], "--cases must be at least 1"),
        (["--cases", "10", "--offices", "0"], "--offices must be at least 1"),
        (["--cases", "10", "--offices", "3", "--prosecutors", "2"], "--prosecutors must be at least"),
    ],
)
def test_refuses_numbers_it_cannot_generate(app, args, message):
    result = scale(app, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert count(Case) == 0 and count(Office) == 0


def test_refuses_to_take_over_an_account_made_by_hand(app, make_user):
    make_user(Role.CLERK, email="clerk-1@docket.example")
    result = scale(app, "--cases", "10", "--offices", "1")
    assert result.exit_code == 2
    assert "accounts exist already: clerk-1@docket.example" in result.output
    assert count(Case) == 0
