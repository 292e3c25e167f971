"""Domain events: one small, synchronous publish/subscribe mechanism.

Services publish what happened (`arrest_recorded`, `custody_changed`, `case_transitioned`,
…); subscribers such as the deadline engine react inside the same transaction, so a
change and everything it causes are committed, or rolled back, together.
"""
from collections import defaultdict
from collections.abc import Callable

_subscribers: dict[str, list[Callable]] = defaultdict(list)


def subscribe(event: str) -> Callable:
    """Register the decorated function to be called with the payload of every `event`."""

    def register(handler: Callable) -> Callable:
        if handler not in _subscribers[event]:
            _subscribers[event].append(handler)
        return handler

    return register


def publish(event: str, **payload) -> None:
    """Call every subscriber of `event`, in the order they subscribed."""
    for handler in list(_subscribers[event]):
        handler(**payload)


def subscribers(event: str) -> list[Callable]:
    return list(_subscribers[event])
