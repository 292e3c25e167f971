"""What the office and the courts did with each case of the plan, up to the story's end.

The street gives each case its arrests; this module gives it its road through the
pipeline, placed so that its present is one a real office could have:

- a case has waited at its stage as long as cases usually wait there (WAITING): a
  few weeks to months at charging, indicted or trial; an appeal lodged within the 3
  days after its judgment and now before the appeal court; a case still at `judgment`
  only when its judgment was announced in the last days, so its appeal period runs;
- every indictment is served some days after it was filed (the office records it then,
  with both days) and takes effect the day after the 14-day objection period (§ 213
  StPO) when nobody objects; the court's notice of it sets the main hearing, and the
  case moves to trial with the day it took effect, which ends its detention reviews
  (§ 175 Abs. 5 StPO);
- most of the detained (couriers, helpers) are released at the first detention
  hearing; of those who would be held more than six months, only the main
  suspects are; a detained person whose maximum detention before the main hearing
  (§ 178 StPO) would pass first is released in time. The court releases on milder
  means or for want of grounds, each time with a reason courts give;
- final cases became final the day after their appeal periods passed unused.

The person whose first detention review fell due last before the present stays detained:
their hearing is the one whose decision has not reached the office yet (`late_review`).

One indictment (of the youngest indicted case against a single accused) is the present's
late court fact: its objection period ended on the last day it could before the present,
and the court has not yet confirmed that no objection came in (`late_objection`).

Times are Vienna wall-clock times of the historical story; `shift` is how many days later
they will be shown, so office work falls on days that are working days as shown.
"""

import random
from datetime import date, datetime, time, timedelta

import holidays
from dateutil.easter import EASTER_WESTERN, easter

from app.cases.models import SeizureCategory, Stage

DAY = timedelta(days=1)
#: The historical present (8:00 in Vienna) and the end of the story: nothing happens after it.
PRESENT = datetime(2019, 9, 2, 8, 0)
STORY_ENDS = datetime(2019, 9, 1, 12, 0)
#: When the court decides on detention after an arrest with custody (within 48 hours, § 174 StPO).
CUSTODY_DECISION = timedelta(hours=44)
#: The first detention review falls due 14 days after detention was imposed (§ 175 Abs. 2 StPO).
FIRST_REVIEW = timedelta(days=14)

#: Days a case has waited at its stage by the present, at least and at most.
WAITING = {Stage.CHARGING: (14, 110), Stage.INDICTED: (8, 60), Stage.TRIAL: (6, 60), Stage.APPEAL: (20, 80)}
#: Days from reaching the stage before to reaching this one, at least and at most. From the
#: indictment to the trial it is service, the 14 days for objections and the court's notice.
BEFORE = {Stage.CHARGING: (60, 110), Stage.INDICTED: (30, 90), Stage.TRIAL: (22, 28), Stage.JUDGMENT: (14, 45)}
#: Days from filing the indictment to serving it.
SERVICE = (3, 9)
OBJECTION_DAYS, APPEAL_DAYS = 14, 3
#: Days from an appealed judgment to the service of its written copy, and from that to the written grounds.
COPY_SERVED, GROUNDS_FILED = (21, 42), (14, 26)
GROUNDS_WEEKS = 4

#: Months of detention before the main hearing by the case's gravest charge (§ 178 Abs. 1 StPO):
#: trafficking (over 5 years) two years, dealing (a misdemeanour) six months.
MAXIMUM_MONTHS = {True: 24, False: 6}
#: The share of the detained whom the court releases at the first detention hearing (couriers, helpers).
EARLY_RELEASES = 0.7
#: Detention longer than this before the main hearing is for the main suspects only, a share of
#: those it would concern: the court releases the others on milder means before.
LONG_DETENTION, MAIN_SUSPECTS = timedelta(days=180), 0.3
RELEASES = [
    "released by the court: gelindere Mittel (§ 173 Abs. 5 StPO), reporting to the police twice a week",
    "released by the court against bail and surrender of the passport (§§ 173 Abs. 5, 180 StPO)",
    "released by the court at the detention hearing: further detention no longer proportionate (§ 173 Abs. 1 StPO)",
    "released on the public prosecutor's application: grounds of detention no longer given (§ 177 Abs. 2 StPO)",
]

_HOLIDAYS = holidays.country_holidays("AT", subdiv="9")


def place_cases(rng: random.Random, cases, arrests, shift: timedelta) -> None:
    """Give every case its stage moves, the court facts they record and the court's other events."""
    for case in cases:
        _place(rng, case, arrests, shift)
    # The youngest indictment of a single accused: one objection period (they run per accused).
    indicted = [
        case for case in cases if case.stage == Stage.INDICTED and len({arrests[i].suspect for i in case.arrests}) == 1
    ]
    if indicted:
        _late_objection(indicted[-1], shift)


def place_custody(rng: random.Random, cases, arrests, seizures, shift: timedelta) -> None:
    """Decide who of the detained is released before the main hearing, when and why."""
    _late_review(arrests)
    for case in cases:
        trafficking = any(seizures[i].category == SeizureCategory.DRUG for i in case.seizures)
        trial = next((moment for stage, moment in case.transitions if stage == Stage.TRIAL), None)
        for number in case.arrests:
            arrest = arrests[number]
            if arrest.detained and not arrest.late_review:
                _release(rng, arrest, trial, MAXIMUM_MONTHS[trafficking], shift)


def _late_review(arrests) -> None:
    """Keep detained the person whose first review fell due last before the present: its hearing is the
    one whose decision the office has not yet received (app/demo/detention.py)."""

    def first_review(arrest) -> date:
        return (arrest.at + CUSTODY_DECISION).date() + FIRST_REVIEW

    due = [arrest for arrest in arrests if arrest.detained and first_review(arrest) < PRESENT.date()]
    if due:
        max(due, key=first_review).late_review = True


def _release(rng: random.Random, arrest, trial: datetime | None, months: int, shift: timedelta) -> None:
    detained = arrest.at + CUSTODY_DECISION
    limit = detained + timedelta(days=30 * months)  # a little short of the calendar months: on the safe side
    until = trial or PRESENT
    if rng.random() < EARLY_RELEASES:  # at the first detention hearing, before the first period ends
        earliest, latest = detained + 8 * DAY, detained + FIRST_REVIEW - 2 * DAY
    elif until <= limit - 14 * DAY and (until - detained <= LONG_DETENTION or rng.random() < MAIN_SUSPECTS):
        return  # held until the main hearing, or still held at the present
    else:
        earliest, latest = detained + 60 * DAY, min(limit - 21 * DAY, detained + LONG_DETENTION)
    latest = min(latest, STORY_ENDS - 3 * DAY, until - 2 * DAY)
    if latest <= detained + 3 * DAY:
        return  # detained only days before the present or the trial: nothing to release them from yet
    moment = earliest + (latest - earliest) * rng.random() if latest > earliest else latest
    arrest.released_at = in_the_story(rng, moment, shift)
    arrest.release_reason = rng.choice(RELEASES)


def _place(rng: random.Random, case, arrests, shift: timedelta) -> None:
    if case.stage == Stage.INTAKE:
        return
    times = [arrests[i].at for i in case.arrests]
    investigation = office_hours(rng, min(times) + 2 * DAY, shift)
    start = max(max(times) + 3 * DAY, investigation + 7 * DAY)
    if case.stage == Stage.INVESTIGATION:
        raw = []
    else:
        raw = _forward(rng, start) if case.stage == Stage.FINAL else _backward(rng, case.stage, shift)
    road = [(Stage.INVESTIGATION, investigation)]
    for stage, moment in raw:
        moment = max(moment, start, road[-1][1] + timedelta(hours=1))
        if stage == Stage.INDICTED:  # recorded once served, with both days
            moment = _indict(rng, case, office_hours(rng, moment, shift), shift)
        elif stage == Stage.TRIAL:  # the main hearing is set when the court reports the indictment in effect
            moment = _take_notice(case)
        else:
            moment = in_the_story(rng, moment, shift)
        road.append((stage, min(max(moment, road[-1][1] + timedelta(hours=1)), STORY_ENDS)))
        if stage == Stage.APPEAL:
            _appeal_papers(rng, case, road[-2][1], shift)
    if case.stage == Stage.FINAL:  # the day after the appeal period passed unused
        judged = road[-1][1]
        road.append(
            (
                Stage.FINAL,
                office_hours(
                    rng, datetime.combine(_period_end(judged.date(), APPEAL_DAYS, shift) + DAY, time(0)), shift
                ),
            )
        )
    case.transitions = road


def _forward(rng: random.Random, start: datetime) -> list[tuple[Stage, datetime]]:
    """A final case's road up to its judgment, stage after stage at usual intervals."""
    road, at = [], start
    for stage in (Stage.CHARGING, Stage.INDICTED, Stage.TRIAL, Stage.JUDGMENT):
        at = at + rng.uniform(*BEFORE[stage]) * DAY
        road.append((stage, at))
    return road


def _backward(rng: random.Random, stage: Stage, shift: timedelta) -> list[tuple[Stage, datetime]]:
    """A pending case's road, placed back from how long it has waited at its stage."""
    if stage == Stage.JUDGMENT:
        at = _recent_judgment(rng, shift)
    else:
        low, high = WAITING[stage]
        at = PRESENT - rng.uniform(low, high) * DAY
    road = [(stage, at)]
    if stage == Stage.APPEAL:  # lodged the next working day; the judgment the day before
        road.insert(0, (Stage.JUDGMENT, at - DAY))
    while road[0][0] != Stage.CHARGING:
        current, at = road[0]
        low, high = BEFORE[current]
        road.insert(0, (_previous(current), at - rng.uniform(low, high) * DAY))
    return road


def _previous(stage: Stage) -> Stage:
    order = [Stage.INVESTIGATION, Stage.CHARGING, Stage.INDICTED, Stage.TRIAL, Stage.JUDGMENT]
    return order[order.index(stage) - 1]


def _recent_judgment(rng: random.Random, shift: timedelta) -> datetime:
    """A judgment announced on one of the last working days whose 3-day appeal period still runs."""
    days = [PRESENT.date() - k * DAY for k in range(1, APPEAL_DAYS + 1)]
    days = [day for day in days if not office_closed(day + shift)] or [PRESENT.date() - DAY]
    return min(datetime.combine(rng.choice(days), time(9)) + timedelta(minutes=rng.randrange(150)), STORY_ENDS)


def _indict(rng: random.Random, case, filed: datetime, shift: timedelta) -> datetime:
    """File the indictment, serve it some days later, let it take effect the day after the objection
    period; return when the office records it (once served, or at filing while service is pending)."""
    served = office_hours(rng, filed + rng.uniform(*SERVICE) * DAY, shift)
    while True:
        effective_on = _period_end(served.date(), OBJECTION_DAYS, shift) + DAY
        notice = office_hours(rng, datetime.combine(effective_on, time(0)), shift)
        if notice <= STORY_ENDS or effective_on > PRESENT.date():
            break
        # The court's notice would come only after the present: serve it a day later, so that its
        # period still runs then (only the `late_objection` indictment is left waiting for its notice).
        served = office_hours(rng, served + DAY, shift)
    case.facts[Stage.INDICTED] = {"filed_on": filed.date()}
    case.facts[Stage.TRIAL] = {"effective_on": effective_on}
    if served > STORY_ENDS:
        return filed
    case.facts[Stage.INDICTED]["served_on"] = served.date()
    if notice <= STORY_ENDS:
        case.court_events = [("indictment_effective", notice)]
    return served


def _take_notice(case) -> datetime:
    """The court's notice that the indictment took effect, recorded with the move to trial instead of alone."""
    notice = next(at for kind, at in case.court_events if kind == "indictment_effective")
    case.court_events.remove(("indictment_effective", notice))
    return notice


def _appeal_papers(rng: random.Random, case, judged: datetime, shift: timedelta) -> None:
    """The written judgment copy served weeks after an appealed judgment, the written grounds within 4 weeks."""
    served = office_hours(rng, judged + rng.uniform(*COPY_SERVED) * DAY, shift)
    if served > STORY_ENDS:
        return
    case.court_events.append(("judgment_copy_served", served))
    grounds = office_hours(rng, served + rng.uniform(*GROUNDS_FILED) * DAY, shift)
    if grounds > STORY_ENDS:
        if _period_end(served.date(), GROUNDS_WEEKS * 7, shift) >= PRESENT.date():
            return  # the 4 weeks still run at the present
        grounds = in_the_story(rng, grounds, shift)
    case.court_events.append(("appeal_grounds_filed", grounds))


def _late_objection(case, shift: timedelta) -> None:
    """Serve this indictment so its objection period ends on the last day it can before the present."""
    served_on = PRESENT.date() - (OBJECTION_DAYS + 1) * DAY
    while office_closed(served_on + shift) or _period_end(served_on, OBJECTION_DAYS, shift) >= PRESENT.date():
        served_on -= DAY
    filed_on = served_on - 7 * DAY
    while office_closed(filed_on + shift):
        filed_on -= DAY
    case.transitions[-1] = (Stage.INDICTED, datetime.combine(served_on, time(11)))
    case.facts = {Stage.INDICTED: {"filed_on": filed_on, "served_on": served_on}}
    case.court_events = []
    case.late_objection = True


def _period_end(day: date, days: int, shift: timedelta) -> date:
    """The last day of a period of `days` from `day` (§ 84 StPO): moved past weekends and holidays as shown."""
    end = day + days * DAY
    while legal_holiday(end + shift):
        end += DAY
    return end


def in_the_story(rng: random.Random, moment: datetime, shift: timedelta) -> datetime:
    """Office hours on the moment's working day, but no later than the story's last working day."""
    placed = office_hours(rng, moment, shift)
    if placed <= STORY_ENDS:
        return placed
    day = STORY_ENDS.date()
    while office_closed(day + shift):
        day -= DAY
    return min(datetime.combine(day, time(9)) + timedelta(minutes=rng.randrange(180)), STORY_ENDS)


def office_hours(rng: random.Random, moment: datetime, shift: timedelta) -> datetime:
    """The same day, or the next working day (as the day will be shown, `shift` later), in office hours."""
    day = moment.date()
    while office_closed(day + shift):
        day += DAY
    return datetime.combine(day, datetime.min.time()) + timedelta(minutes=8 * 60 + rng.randrange(8 * 60))


def legal_holiday(day: date) -> bool:
    """A day that does not end a period: weekend, public holiday, Good Friday (§ 84 StPO)."""
    return day.weekday() >= 5 or day in _HOLIDAYS or day == easter(day.year, EASTER_WESTERN) - 2 * DAY


def office_closed(day: date) -> bool:
    """A day the office does no work on: a legal holiday, Christmas Eve or New Year's Eve."""
    return legal_holiday(day) or (day.month, day.day) in ((12, 24), (12, 31))
