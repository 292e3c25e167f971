"""Operations: investigation umbrellas spanning many cases, and the teams working on them."""

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import Office, User
from app.database import TimestampMixin, office_fk
from app.extensions import PkModel, db

if TYPE_CHECKING:
    from app.cases.models import Case


operation_members = sa.Table(
    "operation_members",
    db.metadata,
    sa.Column("operation_id", sa.ForeignKey("operations.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Operation(TimestampMixin, PkModel):
    """An investigation umbrella spanning many cases."""

    __tablename__ = "operations"

    office_id: Mapped[office_fk] = mapped_column(index=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    #: ISO 3166 alpha-2 codes of the countries involved, e.g. ["AT", "RS", "HU"].
    countries: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: Partner agencies by name, e.g. "Directorate of Criminal Investigations, Belgrade police".
    partner_agencies: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: e.g. "Police Cooperation Convention for Southeast Europe (PCC SEE)".
    legal_framework: Mapped[str] = mapped_column(sa.String(300), default="")
    started_on: Mapped[date]
    description: Mapped[str] = mapped_column(sa.Text, default="")

    office: Mapped[Office] = relationship()
    team: Mapped[list[User]] = relationship(secondary=operation_members, order_by=User.name)
    cases: Mapped[list["Case"]] = relationship(back_populates="operation")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
