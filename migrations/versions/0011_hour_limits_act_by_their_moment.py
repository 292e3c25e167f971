"""Open hour limits act by their due moment: act_by becomes the local date of due_at.

A limit counted in hours (a 48-hour custody limit) runs from moment to moment, but the
engine gave it a working-day act-by like a dated limit: one due Sunday 23:30 was to be
acted on by the Friday before, and its day reminders aimed at that Friday. It is now
acted on by its moment, so its act-by day is the day of its due moment in the office's
time zone. Open hour limits (all_day false, kind limit) are corrected; closed ones keep
what was shown while they were open. No column changes.

Downgrading changes nothing: the earlier act-by dates were wrong, and the code of the
earlier revisions shows hour limits correctly with either date.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 19:30:00.000000

"""
from datetime import UTC
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    deadlines = sa.table('deadlines', sa.column('id', sa.Integer), sa.column('case_id', sa.Integer),
                         sa.column('kind', sa.String), sa.column('status', sa.String),
                         sa.column('all_day', sa.Boolean), sa.column('due_at', sa.DateTime(timezone=True)),
                         sa.column('act_by', sa.Date))
    cases = sa.table('cases', sa.column('id', sa.Integer), sa.column('office_id', sa.Integer))
    offices = sa.table('offices', sa.column('id', sa.Integer), sa.column('timezone', sa.String))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(deadlines.c.id, deadlines.c.due_at, deadlines.c.act_by, offices.c.timezone)
        .select_from(deadlines.join(cases, cases.c.id == deadlines.c.case_id)
                     .join(offices, offices.c.id == cases.c.office_id))
        .where(deadlines.c.status == 'open', deadlines.c.all_day.is_(False), deadlines.c.kind == 'limit')
        .order_by(deadlines.c.id)).all()
    changed = [{'deadline_id': row.id, 'new_act_by': new} for row in rows
               if (new := local_date(row.due_at, row.timezone)) != row.act_by]
    if changed:
        connection.execute(deadlines.update().where(deadlines.c.id == sa.bindparam('deadline_id'))
                           .values(act_by=sa.bindparam('new_act_by')), changed)


def local_date(due_at, timezone):
    """The date of a stored UTC moment in the office's zone (SQLite hands it back without a zone)."""
    if due_at.tzinfo is None:
        due_at = due_at.replace(tzinfo=UTC)
    return due_at.astimezone(ZoneInfo(timezone)).date()


def downgrade():
    pass
