"""The case list: what each user sees, filters, search without accents, sorting, keyset pages, query budget."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from app.auth.models import Role
from app.cases.models import Custody, Jurisdiction, Stage
from app.cases.queries import PAGE_SIZE
from tests.cases.factories import CaseFactory, DefendantFactory, OperationFactory, PersonFactory

T0 = datetime(2019, 8, 1, 8, 0, tzinfo=UTC)


def references(response) -> list[str]:
    return re.findall(r'<a href="/cases/\d+">([^<]+)</a>', response.text)


@pytest.fixture
def supervisor(make_user, login):
    user = make_user(Role.SUPERVISOR)
    login(user)
    return user


def test_search_ignores_case_and_accents_in_names_and_finds_references(office, supervisor, client):
    petrovic = PersonFactory(office=office, first_name="Marko", last_name="Petrović")
    djordjevic = PersonFactory(office=office, first_name="Đorđe", last_name="Đorđević", aliases=["Đole"])
    DefendantFactory(case=CaseFactory(office=office, reference="712 St 1/19k"), person=petrovic)
    DefendantFactory(case=CaseFactory(office=office, reference="712 St 2/19k"), person=djordjevic)
    CaseFactory(office=office, reference="712 St 3/19k")
    assert references(client.get("/cases/?q=petrovic")) == ["712 St 1/19k"]
    assert references(client.get("/cases/?q=PETROVIĆ marko")) == ["712 St 1/19k"]
    assert references(client.get("/cases/?q=djordjevic")) == ["712 St 2/19k"]
    assert references(client.get("/cases/?q=Djole")) == ["712 St 2/19k"]
    assert references(client.get("/cases/?q=st 3/19")) == ["712 St 3/19k"]
    assert references(client.get("/cases/?q=100%25")) == []


def test_filters_narrow_the_list(office, supervisor, make_user, client):
    prosecutor = make_user(Role.PROSECUTOR)
    operation = OperationFactory(office=office)
    CaseFactory(office=office, reference="A", stage=Stage.CHARGING, operation=operation)
    CaseFactory(office=office, reference="B", prosecutor=prosecutor, jurisdiction=Jurisdiction.RS)
    held = CaseFactory(office=office, reference="C")
    DefendantFactory(case=held, custody=Custody.DETAINED)
    DefendantFactory(case=CaseFactory(office=office, reference="D"), custody=Custody.RELEASED)
    assert references(client.get("/cases/?stage=charging")) == ["A"]
    assert references(client.get(f"/cases/?operation={operation.id}")) == ["A"]
    assert references(client.get(f"/cases/?prosecutor={prosecutor.id}")) == ["B"]
    assert references(client.get("/cases/?jurisdiction=RS")) == ["B"]
    assert references(client.get("/cases/?custody=y")) == ["C"]
    response = client.get("/cases/?stage=nonsense&sort=bogus")
    assert response.status_code == 200
    assert "Not a valid choice" in response.text
    assert sorted(references(response)) == ["A", "B", "C", "D"]


def test_sorting_by_each_key(office, supervisor, client):
    CaseFactory(
        office=office, reference="712 St 2/19k", opened_on=date(2019, 1, 2), stage=Stage.TRIAL, last_activity_at=T0
    )
    CaseFactory(
        office=office,
        reference="712 St 1/19k",
        opened_on=date(2019, 1, 3),
        stage=Stage.INTAKE,
        last_activity_at=T0 + timedelta(days=2),
    )
    CaseFactory(
        office=office,
        reference="712 St 3/19k",
        opened_on=date(2019, 1, 1),
        stage=Stage.CHARGING,
        last_activity_at=T0 + timedelta(days=1),
    )
    assert references(client.get("/cases/?sort=reference&order=asc")) == [
        "712 St 1/19k",
        "712 St 2/19k",
        "712 St 3/19k",
    ]
    assert references(client.get("/cases/?sort=opened&order=desc")) == ["712 St 1/19k", "712 St 2/19k", "712 St 3/19k"]
    assert references(client.get("/cases/?sort=stage&order=asc")) == ["712 St 1/19k", "712 St 3/19k", "712 St 2/19k"]
    assert references(client.get("/cases/")) == ["712 St 1/19k", "712 St 3/19k", "712 St 2/19k"]


def next_link(response, rel="next") -> str | None:
    found = re.search(rf'href="([^"]+)" rel="{rel}"', response.text)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.mark.parametrize("sort", ["activity", "reference", "opened", "stage"])
def test_keyset_pages_walk_every_case_once_forward_and_back(office, supervisor, client, sort):
    total = PAGE_SIZE * 2 + 5
    stages = list(Stage)
    for n in range(total):
        # Many equal sort values, so the id must break ties for the pages to be exact.
        CaseFactory(
            office=office,
            reference=f"R{n:04d}",
            opened_on=date(2019, 1, 1 + n % 3),
            stage=stages[n % 4],
            last_activity_at=T0 + timedelta(hours=n % 7),
        )
    pages, url = [], f"/cases/?sort={sort}&order=asc"
    while url:
        response = client.get(url)
        pages.append(references(response))
        url = next_link(response)
    seen = [ref for page in pages for ref in page]
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 5]
    assert sorted(seen) == [f"R{n:04d}" for n in range(total)]
    back = client.get(next_link(client.get(next_link(client.get(f"/cases/?sort={sort}&order=asc"))), "prev"))
    assert references(back) == pages[0]


def test_the_list_costs_the_same_statements_for_10_or_40_cases(office, make_user, client, login, count_statements):
    user = make_user(Role.SUPERVISOR)
    operation = OperationFactory(office=office)

    def add(n):
        for _ in range(n):
            case = CaseFactory(office=office, operation=operation, prosecutor=make_user(Role.PROSECUTOR))
            DefendantFactory(case=case)
            DefendantFactory(case=case, custody=Custody.ARRESTED)

    login(user)
    add(10)
    with count_statements() as small:
        assert len(references(client.get("/cases/?q=jovanovic"))) == 10
    add(30)
    with count_statements() as large:
        assert len(references(client.get("/cases/?q=jovanovic"))) == 40
    assert len(small) == len(large)


def test_a_prosecutor_lists_only_visible_cases(office, make_user, login, client):
    prosecutor = make_user(Role.PROSECUTOR)
    CaseFactory(office=office, reference="mine", prosecutor=prosecutor)
    CaseFactory(office=office, reference="theirs", prosecutor=make_user(Role.PROSECUTOR))
    login(prosecutor)
    assert references(client.get("/cases/")) == ["mine"]
    assert references(client.get("/cases/?q=theirs")) == []
