"""The figures service counts what the operation's data says, and nothing else."""

from decimal import Decimal

from app.cases.models import Custody, SeizureCategory, Stage, Unit
from app.cases.pipeline import transition
from app.cases.services import add_charge, add_defendant
from app.operations.services import figures
from tests.cases.factories import (
    OpenedCaseFactory,
    OperationFactory,
    PersonFactory,
    RecordedArrestFactory,
    SeizureFactory,
)
from tests.moments import NOW


def test_figures_sum_arrests_seizures_stages_and_nationalities(office, make_user):
    prosecutors = [make_user(), make_user()]
    op = OperationFactory(office=office, team=[*prosecutors, make_user(role="investigator")])
    first, second = OpenedCaseFactory.create_batch(2, office=office, operation=op)
    marko, ana = PersonFactory(office=office), PersonFactory(office=office, first_name="Ana", last_name="Ilić")
    milan = PersonFactory(office=office, nationality="ME", first_name="Milan", last_name="Vuković")
    hans = PersonFactory(office=office, nationality="AT", first_name="Hans", last_name="Gruber")
    arrest = RecordedArrestFactory(case=first, person=marko)
    RecordedArrestFactory(case=first, person=ana)
    RecordedArrestFactory(case=second, person=milan)
    RecordedArrestFactory(case=second, person=marko, arrested_at=NOW)  # the same person again, in another case
    add_defendant(second, hans, actor=None, now=NOW)
    SeizureFactory(case=first, substance="heroin", quantity=Decimal("1.5"), unit=Unit.KG, arrest=arrest)
    SeizureFactory(case=second, substance="Heroin ", quantity=250, unit=Unit.G)
    SeizureFactory(case=second, substance="cocaine", quantity=800, unit=Unit.G)
    SeizureFactory(case=first, category=SeizureCategory.WEAPON, substance="pistol", quantity=2, unit=Unit.PIECES)
    SeizureFactory(
        case=second, category=SeizureCategory.WEAPON, substance="machine pistol", quantity=1, unit=Unit.PIECES
    )
    SeizureFactory(case=second, category=SeizureCategory.CASH, substance="cash", quantity=5000, unit=Unit.EUR)
    transition(first, Stage.INVESTIGATION, actor=None, now=NOW)
    _elsewhere(office)

    result = figures(op)

    assert result.arrests == 4
    assert result.latest_arrest_at == NOW
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
        ("RS", 2, Decimal("50.0")),
        ("AT", 1, Decimal("25.0")),
        ("ME", 1, Decimal("25.0")),
    ]
    assert result.serbia_or_montenegro == Decimal("75.0")


def _elsewhere(office):
    """Data of another operation, which must not leak into the figures."""
    other = OperationFactory(office=office)
    kase = OpenedCaseFactory(office=office, operation=other)
    RecordedArrestFactory(
        case=kase, person=PersonFactory(office=office, nationality="HU", first_name="László", last_name="Nagy")
    )
    SeizureFactory(case=kase, substance="heroin", quantity=9, unit=Unit.KG)
    SeizureFactory(case=kase, category=SeizureCategory.WEAPON, substance="pistol", quantity=5, unit=Unit.PIECES)


def test_pre_trial_counts_investigation_charging_and_indicted(office, make_user):
    op = OperationFactory(office=office)
    stages = [Stage.INTAKE, Stage.INVESTIGATION, Stage.CHARGING, Stage.INDICTED, Stage.TRIAL]
    for target in stages:
        kase = OpenedCaseFactory(office=office, operation=op)
        kase.court = "Landesgericht für Strafsachen Wien"
        defendant = add_defendant(kase, PersonFactory(office=office), actor=None, now=NOW, custody=Custody.DETAINED)
        add_charge(
            defendant,
            statute="§ 28a SMG",
            offence_class="felony",
            description="Drug trafficking",
            max_penalty_months=180,
            life_possible=False,
            actor=None,
            now=NOW,
        )
        path = stages[1 : stages.index(target) + 1]
        for stage in path:
            transition(kase, stage, actor=None, now=NOW)

    result = figures(op)

    assert result.cases_by_stage == dict.fromkeys(stages, 1)
    assert result.pre_trial == 3


def test_an_empty_operation_has_zero_figures_and_no_share(office):
    result = figures(OperationFactory(office=office))
    assert (result.arrests, result.weapons, result.cases, result.suspects) == (0, 0, 0, 0)
    assert result.seized == [] and result.nationalities == []
    assert result.serbia_or_montenegro is None and result.latest_arrest_at is None


def test_small_masses_read_in_grams_and_kilograms_add_up_exactly(office):
    op = OperationFactory(office=office)
    kase = OpenedCaseFactory(office=office, operation=op)
    for grams in ("0.1", "0.2", "999.7"):
        SeizureFactory(case=kase, substance="heroin", quantity=Decimal(grams), unit=Unit.G)
    SeizureFactory(case=kase, substance="cannabis", quantity=Decimal("0.4"), unit=Unit.KG)
    result = figures(op)
    assert (result.total("heroin").amount, result.total("heroin").unit) == ("1", "kg")
    assert (result.total("cannabis").amount, result.total("cannabis").unit) == ("400", "g")
