"""The figures service counts what the operation's data says, and nothing else."""
from decimal import Decimal

from app.cases.models import Custody, Stage
from app.cases.pipeline import transition
from app.cases.services import add_charge, add_defendant
from app.operations.services import figures
from tests.operations import builders as b


def test_figures_sum_arrests_seizures_stages_and_nationalities(office, make_user):
    prosecutors = [make_user(), make_user()]
    op = b.operation(office, team=[*prosecutors, make_user(role="investigator")])
    first, second = b.case(office, op), b.case(office, op)
    marko, ana, milan, hans = (b.person(office, "RS"), b.person(office, "RS", "Ana Ilić"),
                               b.person(office, "ME", "Milan Vuković"), b.person(office, "AT", "Hans Gruber"))
    arrest = b.arrest(first, marko)
    b.arrest(first, ana)
    b.arrest(second, milan)
    b.arrest(second, marko, days_ago=0)  # the same person again, in another case
    add_defendant(second, hans, actor=None, now=b.NOW)
    b.seizure(first, "drug", "heroin", "1.5", "kg", arrest=arrest)
    b.seizure(second, "drug", "Heroin ", "250", "g")
    b.seizure(second, "drug", "cocaine", "800", "g")
    b.seizure(first, "weapon", "pistol", "2", "pieces")
    b.seizure(second, "weapon", "machine pistol", "1", "pieces")
    b.seizure(second, "cash", "cash", "5000", "EUR")
    transition(first, Stage.INVESTIGATION, actor=None, now=b.NOW)
    _elsewhere(office)

    result = figures(op)

    assert result.arrests == 4
    assert result.latest_arrest_at == b.NOW
    assert result.total("heroin").quantity == Decimal("1.75") and result.total("heroin").unit == "kg"
    assert result.total("heroin").seizures == 2
    assert (result.total("cocaine").amount, result.total("cocaine").unit) == ("800", "g")
    assert result.total("cash").amount == "5000"
    assert result.weapons == 3
    assert result.cases_by_stage == {Stage.INTAKE: 1, Stage.INVESTIGATION: 1}
    assert (result.cases, result.pre_trial) == (2, 1)
    assert result.prosecutors == 2
    assert result.suspects == 4
    assert [(s.code, s.persons, s.percent) for s in result.nationalities] == [
        ("RS", 2, Decimal("50.0")), ("AT", 1, Decimal("25.0")), ("ME", 1, Decimal("25.0"))]
    assert result.serbia_or_montenegro == Decimal("75.0")


def _elsewhere(office):
    """Data of another operation, which must not leak into the figures."""
    other = b.operation(office)
    kase = b.case(office, other)
    b.arrest(kase, b.person(office, "HU", "László Nagy"))
    b.seizure(kase, "drug", "heroin", "9", "kg")
    b.seizure(kase, "weapon", "pistol", "5", "pieces")


def test_pre_trial_counts_investigation_charging_and_indicted(office, make_user):
    op = b.operation(office)
    stages = [Stage.INTAKE, Stage.INVESTIGATION, Stage.CHARGING, Stage.INDICTED, Stage.TRIAL]
    for target in stages:
        kase = b.case(office, op)
        kase.court = "Landesgericht für Strafsachen Wien"
        defendant = add_defendant(kase, b.person(office, "RS"), actor=None, now=b.NOW, custody=Custody.DETAINED)
        add_charge(defendant, statute="§ 28a SMG", offence_class="felony", description="Drug trafficking",
                   max_penalty_months=180, life_possible=False, actor=None, now=b.NOW)
        path = stages[1:stages.index(target) + 1]
        for stage in path:
            transition(kase, stage, actor=None, now=b.NOW)

    result = figures(op)

    assert result.cases_by_stage == dict.fromkeys(stages, 1)
    assert result.pre_trial == 3


def test_an_empty_operation_has_zero_figures_and_no_share(office):
    result = figures(b.operation(office))
    assert (result.arrests, result.weapons, result.cases, result.suspects) == (0, 0, 0, 0)
    assert result.seized == [] and result.nationalities == []
    assert result.serbia_or_montenegro is None and result.latest_arrest_at is None


def test_small_masses_read_in_grams_and_kilograms_add_up_exactly(office):
    op = b.operation(office)
    kase = b.case(office, op)
    for grams in ("0.1", "0.2", "999.7"):
        b.seizure(kase, "drug", "heroin", grams, "g")
    b.seizure(kase, "drug", "cannabis", "0.4", "kg")
    result = figures(op)
    assert (result.total("heroin").amount, result.total("heroin").unit) == ("1", "kg")
    assert (result.total("cannabis").amount, result.total("cannabis").unit) == ("400", "g")
