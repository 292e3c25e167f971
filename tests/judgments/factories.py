"""factory_boy factories for judgments."""

from datetime import date

import factory

from app.judgments.models import Judgment
from tests.cases.factories import DefendantFactory
from tests.factories import BaseFactory


class JudgmentFactory(BaseFactory):
    """A judgment on a defendant of its case, as a clerk would enter its heading (no verdicts or sentence)."""

    class Meta:
        model = Judgment

    defendant = factory.SubFactory(DefendantFactory)
    case = factory.SelfAttribute("defendant.case")
    court = "Landesgericht Wien"
    announced_on = date(2019, 11, 4)
