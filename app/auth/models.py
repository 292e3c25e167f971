"""Offices, users and their roles."""

import secrets
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.database import LabelledEnum, TimestampMixin, enum_column, office_fk
from app.extensions import PkModel


class Role(LabelledEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    PROSECUTOR = "prosecutor"
    CLERK = "clerk"
    INVESTIGATOR = "investigator"
    VIEWER = "viewer"


class Office(TimestampMixin, PkModel):
    __tablename__ = "offices"

    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    #: IANA zone in which the office's dates and deadlines are shown.
    timezone: Mapped[str] = mapped_column(sa.String(64), default="Europe/Vienna")
    #: ISO 3166 country whose rules and holidays apply by default (AT or RS).
    jurisdiction: Mapped[str] = mapped_column(sa.String(2), default="AT")
    #: ISO 3166-2 subdivision for regional holidays (Vienna is "9").
    subdivision: Mapped[str | None] = mapped_column(sa.String(8))

    users: Mapped[list["User"]] = relationship(back_populates="office")

    @property
    def zone(self) -> ZoneInfo:
        """The office's time zone (ZoneInfo keeps one instance per name, so this costs nothing twice)."""
        return ZoneInfo(self.timezone)

    def today(self, now: datetime) -> date:
        """The office's calendar day at the moment `now`."""
        return now.astimezone(self.zone).date()

    def __str__(self) -> str:
        return self.name


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, TimestampMixin, PkModel):
    __tablename__ = "users"

    #: Stored lower-cased, so uniqueness holds regardless of case.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    office_id: Mapped[office_fk | None] = mapped_column(index=True)
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    #: Part of the login cookie; replacing it ends every session of the user.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    deactivated_at: Mapped[datetime | None]

    office: Mapped[Office | None] = relationship(back_populates="users")

    @validates("email")
    def normalize_email(self, _key, value: str) -> str:
        return value.strip().lower()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def end_sessions(self) -> None:
        """Invalidate every session of this user by rotating the session token."""
        self.session_token = new_session_token()

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
