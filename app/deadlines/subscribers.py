"""Open and close deadlines when the case services report what happened.

The domain events and the rule triggers they stand for:

| domain event                                   | rule event                                  |
|------------------------------------------------|---------------------------------------------|
| arrest_recorded, custody followed              | arrest_custody (at the time of arrest)      |
| custody_changed → detained                     | detention_imposed                           |
| custody_changed detained/arrested → released,  | released                                    |
|   at liberty                                   |                                             |
| case_transitioned → investigation              | investigation_opened                        |
| case_transitioned → indicted                   | investigation_ended; in RS also             |
|                                                | indictment_filed_detained per detained      |
| case_transitioned → trial                      | trial_started                               |
| case_transitioned → discontinued, diverted,    | investigation_ended                         |
|   transferred                                  |                                             |
| charge_added                                   | recompute deadlines that depend on the      |
|                                                | defendant's offence class (§ 178 StPO)      |

Events that need a court's or a registry's own date (detention continued, indictment
served, judgment announced, judgment copy served, measure ordered, EIO received or
recognised, …) are recorded with `services.record_trigger` from the case's deadlines
page, or by the features that own them. The responsible user is the case's prosecutor
and is read from the case, so `case_assigned` needs no subscriber.
"""
from app.cases.models import Custody, Stage
from app.deadlines import services
from app.events import subscribe

TERMINAL_WITHOUT_TRIAL = (Stage.DISCONTINUED, Stage.DIVERTED, Stage.TRANSFERRED)


@subscribe("arrest_recorded")
def arrest_opens_custody_limit(*, arrest, defendant, actor, now, **_):
    if arrest.custody_followed:
        services.apply_event(arrest.case, "arrest_custody", arrest.arrested_at, defendant=defendant,
                                actor=actor, now=now)


@subscribe("custody_changed")
def custody_opens_or_closes_detention(*, defendant, before, after, actor, now, **_):
    if after == Custody.DETAINED and before != Custody.DETAINED:
        services.apply_event(defendant.case, "detention_imposed", now, defendant=defendant,
                                actor=actor, now=now)
    elif before.in_custody and not after.in_custody:
        services.apply_event(defendant.case, "released", now, defendant=defendant, actor=actor, now=now)


@subscribe("case_transitioned")
def stage_opens_or_closes(*, case, before, after, actor, now, **_):
    if after == Stage.INVESTIGATION:
        services.apply_event(case, "investigation_opened", now, actor=actor, now=now)
    elif after == Stage.INDICTED:
        services.apply_event(case, "investigation_ended", now, actor=actor, now=now)
        if services.current_rulebook().rules_for(str(case.jurisdiction), "indictment_filed_detained"):
            for defendant in case.defendants:
                if defendant.custody == Custody.DETAINED:
                    services.apply_event(case, "indictment_filed_detained", now, defendant=defendant,
                                            actor=actor, now=now)
    elif after == Stage.TRIAL:
        services.apply_event(case, "trial_started", now, actor=actor, now=now)
    elif after in TERMINAL_WITHOUT_TRIAL:
        services.apply_event(case, "investigation_ended", now, actor=actor, now=now)


@subscribe("charge_added")
def charge_changes_offence_class(*, charge, actor, now, **_):
    defendant = charge.defendant
    if defendant.custody == Custody.DETAINED:
        services.recompute_for_offence_class(defendant, actor=actor, now=now)
