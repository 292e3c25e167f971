"""How Docket's features work together, in one screen.

`create_app` calls `register_domain` once. Everything one feature does because of
another is listed here and nowhere else: which subscriber hears which domain event,
which guards the pipeline asks before a stage, which panels the case page shows, which
entries the navigation bar has, and the deadline rule book every feature counts with.
The periodic jobs are listed in app/jobs.py. Nothing registers itself when imported.
"""

from flask import Flask


def register_domain(app: Flask) -> None:
    from app.assignments import subscribers as assignments
    from app.assignments.queries import case_panel_context as assignments_panel
    from app.auth.permissions import PERMISSIONS, Can
    from app.cases.models import Stage
    from app.cases.panels import PANELS, CasePanel
    from app.cases.pipeline import FEATURE_GUARDS
    from app.core.nav import NAVIGATION, NavItem
    from app.deadlines import subscribers as deadlines
    from app.deadlines.queries import DEADLINE_FILTERS
    from app.deadlines.queries import case_panel_context as deadlines_panel
    from app.deadlines.services import install_rulebook
    from app.events import ArrestRecorded, CaseOpened, CaseTransitioned, ChargeAdded, CustodyChanged, install
    from app.judgments import guards as judgments
    from app.judgments.queries import case_panel_context as judgments_panel
    from app.measures.policy import deadline_visibility as measure_deadlines_visibility
    from app.measures.queries import case_panel_context as measures_panel

    # A broken rule file stops start-up here, with the file and the rule named.
    install_rulebook(app)

    install(
        app,
        {
            CaseOpened: (assignments.assign_opened_case,),
            ArrestRecorded: (deadlines.arrest_opens_custody_limit,),
            CustodyChanged: (deadlines.custody_opens_or_closes_detention,),
            ChargeAdded: (deadlines.charge_changes_offence_class,),
            CaseTransitioned: (deadlines.stage_opens_or_closes,),
        },
    )

    app.extensions[FEATURE_GUARDS] = {
        Stage.JUDGMENT: (judgments.verdict_for_every_defendant,),
        Stage.FINAL: (judgments.every_judgment_final,),
    }

    # What each feature hides of deadlines: filter(user) -> SQL condition on Deadline, all applied.
    app.extensions[DEADLINE_FILTERS] = (measure_deadlines_visibility,)

    app.extensions[PANELS] = (
        CasePanel(
            "deadlines/_case_panel.html", PERMISSIONS[Can.SEE_CASES], order=20, place="top", context=deadlines_panel
        ),
        CasePanel("assignments/_case_panel.html", PERMISSIONS[Can.SEE_CASES], order=20, context=assignments_panel),
        CasePanel("judgments/_case_panel.html", PERMISSIONS[Can.READ_JUDGMENTS], order=60, context=judgments_panel),
        CasePanel("measures/_case_panel.html", PERMISSIONS[Can.HANDLE_MEASURES], order=60, context=measures_panel),
    )

    #: The navigation bar: (endpoint, label, the capability whose roles see it, order).
    app.extensions[NAVIGATION] = tuple(
        NavItem(endpoint, label, PERMISSIONS[capability], order=order)
        for endpoint, label, capability, order in (
            ("assignments.my_cases", "My cases", Can.KEEP_A_CASELOAD, 10),
            ("cases.index", "Cases", Can.SEE_CASES, 20),
            ("operations.index", "Operations", Can.SIGN_IN, 20),
            ("assignments.dashboard", "Caseloads", Can.BALANCE_CASELOADS, 30),
            ("deadlines.index", "Deadlines", Can.SEE_CASES, 30),
            ("deadlines.month", "Calendar", Can.SEE_CASES, 31),
            ("judgments.queue", "Judgments", Can.ENTER_JUDGMENTS, 40),
            ("measures.index", "Measures", Can.HANDLE_MEASURES, 40),
            ("cooperation.index", "Cooperation", Can.COOPERATE, 45),
            ("imports.arrests", "Import arrests", Can.IMPORT_ARRESTS, 60),
            ("judgments.statistics", "Outcomes", Can.READ_STATISTICS, 70),
            ("deadlines.rules", "Rules", Can.SIGN_IN, 80),
            ("users.index", "Users", Can.ADMINISTER, 90),
            ("notifications.outbox", "Outbox", Can.ADMINISTER, 92),
            ("audit.index", "Audit trail", Can.ADMINISTER, 95),
        )
    )
