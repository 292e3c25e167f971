"""factory_boy factories for deadlines, with the values a rule would give them."""

from datetime import UTC, date, datetime, time

import factory

from app.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from tests.cases.factories import CaseFactory
from tests.factories import BaseFactory
from tests.moments import VIENNA


class DeadlineFactory(BaseFactory):
    """A first detention review, all day: due at the last moment of `act_by` in Vienna.

    `hour_limit=True` makes it a limit counted in hours, due at the moment `due_at`;
    `manual=True` a deadline entered by hand, with no rule, reference or explanation.
    """

    class Meta:
        model = Deadline

    class Params:
        hour_limit = factory.Trait(
            all_day=False,
            act_by=factory.LazyAttribute(lambda d: d.due_at.astimezone(VIENNA).date()),
        )
        manual = factory.Trait(rule_id=None, reference="", explanation="")

    case = factory.SubFactory(CaseFactory)
    defendant = None
    rule_id = "at_detention_review_first"
    title = "First detention review"
    kind = DeadlineKind.LIMIT
    reference = "§ 175 StPO"
    explanation = "Detention imposed + 14 days"
    status = DeadlineStatus.OPEN
    all_day = True
    act_by = date(2019, 9, 10)
    due_at = factory.LazyAttribute(lambda d: datetime.combine(d.act_by, time.max, tzinfo=VIENNA).astimezone(UTC))
    due_date = factory.LazyAttribute(lambda d: d.due_at.astimezone(VIENNA).date())
    reminder_offsets = factory.LazyFunction(list)
