"""Detention reviews in the demo: the court holds each one on its act-by day.

The story imposes detention; the review periods that follow (§ 175 StPO) depend on the
deadline engine's own counting, so they cannot be planned in advance. Instead, each
time detention is imposed or continued, the next review's hearing is scheduled on the
replay for the review's act-by day, and held then (continuing the detention) if the
person is still detained and the review still open: a release or the indictment taking
effect ends the reviews first.

One hearing is left unrecorded on purpose: of the reviews that fell due in the last
days before the present and were still open at their hearing, the latest (the story
keeps the person of one such review detained: `late_review`). The court held it; its
decision has not reached the office yet, so the review stands overdue by a day or so,
a true alarm.
"""

from collections.abc import Callable
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from app.cases.models import Custody, Defendant
from app.deadlines.models import Deadline, DeadlineStatus
from app.deadlines.services import record_trigger
from app.extensions import db

#: The review rules, and the event a hearing that continues the detention records for each.
REVIEW_RULES = {
    "at_detention_review_first": "detention_continued_first",
    "at_detention_review_second": "detention_continued",
    "at_detention_review_next": "detention_continued",
}
#: Hearings are held in the morning of the act-by day.
HEARING = time(10)
#: Reviews due this long before the present compete for the one hearing not yet recorded.
LATE_WINDOW = timedelta(days=4)


class ReviewHearings:
    """Schedule and hold the detention review hearings of the replay."""

    def __init__(
        self,
        schedule: Callable[[datetime, Callable[[datetime], None]], None],
        *,
        present: datetime,
        story_ends: datetime,
    ):
        self.schedule, self.present, self.story_ends = schedule, present, story_ends
        #: Reviews due just before the present, by deadline id.
        self.late: set[int] = set()

    def after_detention(self, defendant: Defendant) -> None:
        """Schedule the hearing of the review that imposing detention opened."""
        review = db.session.scalar(
            sa.select(Deadline)
            .where(
                Deadline.defendant_id == defendant.id,
                Deadline.status == DeadlineStatus.OPEN,
                Deadline.rule_id.in_(REVIEW_RULES),
            )
            .order_by(Deadline.id.desc())
            .limit(1)
        )
        if review is not None:
            self._schedule(review)

    def _schedule(self, review: Deadline) -> None:
        hearing = datetime.combine(review.act_by, HEARING, tzinfo=review.case.office.zone)
        if hearing > self.story_ends:
            return  # still ahead at the present
        if self.present - LATE_WINDOW <= review.due_at < self.present:
            self.late.add(review.id)
        self.schedule(hearing, lambda now, review_id=review.id: self.hold(review_id, now))

    def hold(self, review_id: int, now: datetime) -> None:
        """Continue the detention at the hearing, unless the review ended before or is the one not yet recorded."""
        review = db.session.get(Deadline, review_id)
        defendant = review.defendant
        if review.status != DeadlineStatus.OPEN or defendant.custody != Custody.DETAINED:
            return
        if review_id in self.late and review_id == self._last_due():
            return
        case = review.case
        opened = record_trigger(
            case, REVIEW_RULES[review.rule_id], now, defendant=defendant, actor=case.prosecutor, now=now
        )
        for deadline in opened:
            if deadline.rule_id in REVIEW_RULES:
                self._schedule(deadline)

    def _last_due(self) -> int | None:
        """The review, of those due just before the present and still open, that fell due last."""
        still_open = [
            review
            for review in db.session.scalars(
                sa.select(Deadline).where(Deadline.id.in_(self.late), Deadline.status == DeadlineStatus.OPEN)
            )
            if review.defendant.custody == Custody.DETAINED
        ]
        latest = max(still_open, key=lambda review: (review.due_at, review.id), default=None)
        return latest.id if latest else None
