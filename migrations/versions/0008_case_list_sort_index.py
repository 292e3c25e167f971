"""An index for the case list's keyset pages sorted by opened date (opened_on, id).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 14:14:18.695928

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_opened_on_id', ['opened_on', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_opened_on_id')

