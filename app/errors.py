"""The one error type a service raises when it refuses a change.

A refusal carries its messages by field, `{"due_date": ["Enter the due date."]}`, with
the key None for a message about the whole change. Views hand it to
`app.core.web.refuse`, which rolls the request's changes back and shows each message
beside its field; the form then answers 422 (see `app.core.web.render_form`). The
API will turn the same errors into a problem document.
"""


class DomainError(ValueError):
    """A change that cannot be made, with messages a person can act on, by field."""

    def __init__(
        self, message: str | None = None, field: str | None = None, *, errors: dict[str | None, list[str]] | None = None
    ):
        self.errors: dict[str | None, list[str]] = {name: list(messages) for name, messages in (errors or {}).items()}
        if message:
            self.errors.setdefault(field, []).append(message)
        super().__init__(" ".join(message for messages in self.errors.values() for message in messages))

    @property
    def field(self) -> str | None:
        """The first field named, for callers that show one message."""
        return next(iter(self.errors), None)


class Refusals:
    """Collects several refusals of one change and raises them together."""

    def __init__(self):
        self.errors: dict[str | None, list[str]] = {}

    def add(self, field: str | None, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_any(self) -> None:
        if self.errors:
            raise DomainError(errors=self.errors)


class Conflict(Exception):
    """Someone else saved the same record since it was read; nothing was overwritten."""

    def __init__(self, current):
        super().__init__("the record changed since it was read")
        self.current = current
