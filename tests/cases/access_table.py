"""Who may open the case pages; the sample case belongs to another prosecutor and no operation team."""

from app.auth.models import Role
from app.cases.models import Stage
from tests.access import FORBIDDEN, NOT_FOUND, OK, answers
from tests.cases.factories import CaseFactory, DefendantFactory, OperationFactory

CASE_USERS = answers(OK, viewer=FORBIDDEN)
OPENERS = answers(FORBIDDEN, admin=OK, supervisor=OK, prosecutor=OK)
#: Admins and the office's supervisors see and change it; clerks only see it; the others get 404.
READERS = answers(NOT_FOUND, admin=OK, supervisor=OK, clerk=OK, viewer=FORBIDDEN)
EDITORS = answers(NOT_FOUND, admin=OK, supervisor=OK, viewer=FORBIDDEN)
MOVERS = answers(NOT_FOUND, admin=302, supervisor=302, viewer=FORBIDDEN)

ACCESS = {
    "cases.index": ("GET", "/cases/", CASE_USERS),
    "cases.create": ("GET", "/cases/new", OPENERS),
    "cases.detail": ("GET", "/cases/{case}", READERS),
    "cases.edit": ("GET", "/cases/{case}/edit", EDITORS),
    "cases.add_defendant": ("GET", "/cases/{case}/defendants/new", EDITORS),
    "cases.add_charge": ("GET", "/cases/{case}/charges/new", EDITORS),
    "cases.change_custody": ("GET", "/cases/{case}/defendants/{defendant}/custody", EDITORS),
    "cases.record_arrest": ("GET", "/cases/{case}/arrests/new", EDITORS),
    "cases.record_seizure": ("GET", "/cases/{case}/seizures/new", EDITORS),
    "cases.add_note": ("GET", "/cases/{case}/notes/new", EDITORS),
    "cases.transition": ("POST", "/cases/{case}/transition", MOVERS),
    "cases.move": ("GET", "/cases/{case}/move/discontinued", EDITORS),
    "cases.record_fact": ("POST", "/cases/{indicted}/facts/served_on", MOVERS),
}


def samples(office, make_user) -> dict:
    other = make_user(Role.PROSECUTOR)
    case = CaseFactory(office=office, prosecutor=other, operation=OperationFactory(office=office))
    defendant = DefendantFactory(case=case)
    indicted = CaseFactory(office=office, prosecutor=other, stage=Stage.INDICTED, jurisdiction="AT")
    return {"case": case.id, "defendant": defendant.id, "indicted": indicted.id}
