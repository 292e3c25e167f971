"""The declarative base, shared column types, labelled enums and the clock every model uses."""

import enum
from datetime import UTC, datetime
from typing import Annotated

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry

# Named constraints let Alembic alter tables on SQLite (batch mode) and on PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite has no time zone type, so values are normalised to UTC before they are
    written and marked as UTC when read; naive datetimes are refused outright.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: Docket stores only timezone-aware times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


# Column types the models share, e.g. `actor_id: Mapped[user_fk | None]`; a mapped_column() on the
# right adds to them: `to_id: Mapped[user_fk | None] = mapped_column(index=True)`.
#: A moment that defaults to the time the row is inserted.
timestamp = Annotated[datetime, mapped_column(default=utcnow)]
user_fk = Annotated[int, mapped_column(sa.ForeignKey("users.id"))]
office_fk = Annotated[int, mapped_column(sa.ForeignKey("offices.id"))]
#: A case's own row, deleted with the case.
case_fk = Annotated[int, mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"))]


class TimestampMixin:
    created_at: Mapped[timestamp]


class LabelledEnum(enum.StrEnum):
    """A choice stored by its value and shown by its label.

    The label is the value in words ("at_liberty" reads "At liberty") unless the member
    names its own: `QUASHED = "quashed", "Judgment quashed, new trial ordered"`.
    """

    def __new__(cls, value: str, label: str | None = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label or value.replace("_", " ").capitalize()
        return member

    @property
    def label(self) -> str:
        return self._label


def enum_column(enum_cls: type) -> sa.Enum:
    """Store an enum by its values ("prosecutor"), as a string column that both databases share."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=max(len(member.value) for member in enum_cls) + 8,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )
