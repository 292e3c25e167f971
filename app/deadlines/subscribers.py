"""Open and close deadlines when the case services report what happened.

The domain events and the rule triggers they stand for:

| domain event                                   | rule event                                  |
|------------------------------------------------|---------------------------------------------|
| arrest_recorded, custody followed              | arrest_custody (at the time of arrest)      |
| custody_changed → detained                     | detention_imposed                           |
| custody_changed detained/arrested → released,  | released                                    |
|   at liberty                                   |                                             |
| case_transitioned intake → investigation       | investigation_opened                        |
| case_transitioned → indicted (facts: filed_on, | investigation_ended at filed_on; in RS also |
|   optionally served_on)                        | indictment_filed_detained per detained;     |
|                                                | indictment_served at served_on              |
| case_transitioned → trial (facts: effective_on | indictment_effective at effective_on (RS:   |
|   or, in RS, confirmed_on)                     | indictment_confirmed_detained), then        |
|                                                | trial_started                               |
| case_transitioned → discontinued, diverted,    | every deadline still open is closed with    |
|   transferred                                  | the case, naming the move (and its ground)  |
| case_transitioned discontinued/diverted →      | the deadlines the closing closed that still |
|   investigation (reopening)                    | apply are opened again                      |
| charge_added                                   | recompute deadlines that depend on the      |
|                                                | defendant's offence class (§ 178 StPO)      |

Events that need a court's or a registry's own date (detention continued, indictment
served, judgment announced, judgment copy served, measure ordered, EIO received or
recognised, …) are recorded with `services.record_trigger` from the case's deadlines
page, or by the features that own them. The responsible user is the case's prosecutor
and is read from the case, so `case_assigned` needs no subscriber.
"""

from datetime import date

from app.cases.grounds import CLOSING_STAGES, MoveKind, move_kind
from app.cases.models import Custody, Stage
from app.deadlines import services
from app.events import ArrestRecorded, CaseTransitioned, ChargeAdded, CustodyChanged


def arrest_opens_custody_limit(event: ArrestRecorded) -> None:
    arrest = event.arrest
    if arrest.custody_followed:
        services.apply_event(
            arrest.case,
            "arrest_custody",
            arrest.arrested_at,
            defendant=event.defendant,
            actor=event.actor,
            now=event.now,
        )


def custody_opens_or_closes_detention(event: CustodyChanged) -> None:
    defendant, before, after = event.defendant, event.before, event.after
    if after == Custody.DETAINED and before != Custody.DETAINED:
        services.apply_event(
            defendant.case, "detention_imposed", event.now, defendant=defendant, actor=event.actor, now=event.now
        )
    elif before.in_custody and not after.in_custody:
        services.apply_event(
            defendant.case, "released", event.now, defendant=defendant, actor=event.actor, now=event.now
        )


def stage_opens_or_closes(event: CaseTransitioned) -> None:
    case, move, actor, now = event.case, event.move, event.actor, event.now
    kind = move_kind(event.before, event.after)
    if kind == MoveKind.REOPENING:
        services.reopen_with_case(case, move, actor=actor, now=now)
    elif event.after in CLOSING_STAGES:
        services.close_with_case(case, move, actor=actor, now=now)
    elif kind == MoveKind.FORWARD:
        _forward(case, event.after, move, actor=actor, now=now)


def _forward(case, after, move, *, actor, now):
    def fact(name):
        day = move.facts.get(name)
        return services.day_moment(case, date.fromisoformat(day), now) if day else None

    if after == Stage.INVESTIGATION:
        services.apply_event(case, "investigation_opened", now, actor=actor, now=now)
    elif after == Stage.INDICTED:
        filed = fact("filed_on") or now
        services.apply_event(case, "investigation_ended", filed, actor=actor, now=now)
        _per_detained(case, "indictment_filed_detained", filed, actor=actor, now=now)
        if served := fact("served_on"):
            services.apply_event(case, "indictment_served", served, actor=actor, now=now)
    elif after == Stage.TRIAL:
        if effective := fact("effective_on"):
            services.apply_event(case, "indictment_effective", effective, actor=actor, now=now)
        if confirmed := fact("confirmed_on"):
            _per_detained(case, "indictment_confirmed_detained", confirmed, actor=actor, now=now)
        services.apply_event(case, "trial_started", now, actor=actor, now=now)


def _per_detained(case, event, when, *, actor, now):
    """Events about detained accused open one deadline each, where the case's rules know the event."""
    if not services.current_rulebook().rules_for(str(case.jurisdiction), event):
        return
    for defendant in case.defendants:
        if defendant.custody == Custody.DETAINED:
            services.apply_event(case, event, when, defendant=defendant, actor=actor, now=now)


def charge_changes_offence_class(event: ChargeAdded) -> None:
    defendant = event.charge.defendant
    if defendant.custody == Custody.DETAINED:
        services.recompute_for_offence_class(defendant, actor=event.actor, now=event.now)
