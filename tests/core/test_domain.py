"""The wiring between features is what app/domain.py lists: nothing registers itself on import."""

import dataclasses

import pytest

from app import events
from app.cases.models import Stage
from app.cases.panels import PANELS
from app.cases.pipeline import FEATURE_GUARDS, guards_for
from app.core.nav import NAVIGATION
from app.events import ArrestRecorded, CaseOpened, CaseTransitioned, ChargeAdded, CustodyChanged, Event


def test_every_event_has_its_subscribers_and_every_subscriber_takes_the_event(app):
    subscriptions = app.extensions[events.SUBSCRIPTIONS]
    assert set(subscriptions) == {CaseOpened, ArrestRecorded, CustodyChanged, ChargeAdded, CaseTransitioned}
    for event, handlers in subscriptions.items():
        assert handlers, f"{event.__name__} is published but nobody hears it"
        for handler in handlers:
            assert handler.__annotations__.get("event") is event, handler


def test_an_event_with_a_misspelt_field_fails_where_it_is_made():
    with pytest.raises(TypeError):
        CaseOpened(kase=None, actor=None, now=None)
    assert all(
        dataclasses.is_dataclass(cls) and issubclass(cls, Event)
        for cls in (CaseOpened, ArrestRecorded, CustodyChanged, ChargeAdded, CaseTransitioned)
    )


def test_the_judgment_guards_reach_the_pipeline(app):
    with app.app_context():
        names = {guard.__name__ for guard in guards_for(Stage.JUDGMENT) + guards_for(Stage.FINAL)}
    assert names == {"verdict_for_every_defendant", "every_judgment_final"}
    assert set(app.extensions[FEATURE_GUARDS]) == {Stage.JUDGMENT, Stage.FINAL}


def test_every_panel_and_navigation_entry_names_something_that_exists(app):
    for panel in app.extensions[PANELS]:
        assert app.jinja_env.get_template(panel.template)
    endpoints = {item.endpoint for item in app.extensions[NAVIGATION]}
    assert endpoints <= set(app.view_functions), endpoints - set(app.view_functions)


def test_two_apps_get_the_same_wiring_without_sharing_it(app):
    from app import create_app

    other = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert other.extensions[events.SUBSCRIPTIONS] == app.extensions[events.SUBSCRIPTIONS]
    assert other.extensions[events.SUBSCRIPTIONS] is not app.extensions[events.SUBSCRIPTIONS]
    assert not hasattr(events, "_subscribers")
