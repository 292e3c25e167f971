"""Domain events: what happened, as typed records, delivered synchronously inside the transaction.

A service publishes an event after its change (`publish(ArrestRecorded(...))`); the
subscribers that `app.domain.register_domain` lists for that event's class run at once,
in the same transaction, so a change and everything it causes are committed, or rolled
back, together. An event is a frozen dataclass: a misspelt or missing field fails where
the event is made, not silently in a subscriber.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, dataclass_transform

from flask import current_app

#: Where the app keeps its subscriptions: {event class: (handler, …)}.
SUBSCRIPTIONS = "docket.subscriptions"


@dataclass_transform(kw_only_default=True, frozen_default=True)
@dataclass(frozen=True, kw_only=True)
class Event:
    """What every event carries; a subclass is made a frozen, keyword-only dataclass when declared."""

    actor: Any  #: the User who caused it, or None for the system
    now: datetime

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        dataclass(frozen=True, kw_only=True)(cls)


class CaseOpened(Event):
    case: Any


class ArrestRecorded(Event):
    arrest: Any
    defendant: Any


class CustodyChanged(Event):
    defendant: Any
    before: Any  #: Custody
    after: Any  #: Custody


class ChargeAdded(Event):
    charge: Any


class CaseTransitioned(Event):
    case: Any
    before: Any  #: Stage
    after: Any  #: Stage
    move: Any  #: the StageMove, with its ground and court facts


Handler = Callable[[Event], None]


def install(app, subscriptions: dict[type[Event], tuple[Handler, ...]]) -> None:
    """Give the app its subscriptions (called once, by register_domain)."""
    for event in subscriptions:
        if not (isinstance(event, type) and issubclass(event, Event)):
            raise TypeError(f"{event!r} is not an event class")
    app.extensions[SUBSCRIPTIONS] = dict(subscriptions)


def publish(event: Event) -> None:
    """Call every subscriber of the event's class, in the order register_domain lists them."""
    for handler in current_app.extensions[SUBSCRIPTIONS].get(type(event), ()):
        handler(event)
