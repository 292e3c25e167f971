"""Who may open the measure pages: need to know.

Roles without measures (clerks, investigators, viewers) are refused every page with 404,
like a prosecutor of another case: to them, measures do not exist.
The sample measure is in a case of another prosecutor of the office: admins and the
office's supervisors see it; a prosecutor is told it does not exist (404).
"""

from app.auth.models import Role
from tests.access import NOT_FOUND, OK, answers
from tests.cases.factories import CaseFactory, OperationFactory
from tests.measures.factories import MeasureFactory

#: The list is the signed-in user's own: prosecutors see theirs (none here).
LISTERS = answers(NOT_FOUND, admin=OK, supervisor=OK, prosecutor=OK)
SEERS = answers(NOT_FOUND, admin=OK, supervisor=OK)
CHANGERS = answers(NOT_FOUND, admin=302, supervisor=302)

ACCESS = {
    "measures.index": ("GET", "/measures/", LISTERS),
    "measures.new": ("GET", "/cases/{measure_case}/measures/new", SEERS),
    "measures.detail": ("GET", "/measures/{measure}", SEERS),
    "measures.decide": ("GET", "/measures/{measure}/decision", SEERS),
    "measures.renew": ("GET", "/measures/{measure}/renew", SEERS),
    "measures.terminate": ("GET", "/measures/{measure}/terminate", SEERS),
    "measures.start": ("POST", "/measures/{measure}/start", CHANGERS),
    "measures.expire": ("POST", "/measures/{measure}/expire", CHANGERS),
    "measures.results": ("POST", "/measures/{measure}/results", CHANGERS),
}


def samples(office, make_user) -> dict:
    other = make_user(Role.PROSECUTOR)
    case = CaseFactory(
        office=office, reference="measure sample 1/19", prosecutor=other, operation=OperationFactory(office=office)
    )
    return {"measure_case": case.id, "measure": MeasureFactory(case=case).id}
