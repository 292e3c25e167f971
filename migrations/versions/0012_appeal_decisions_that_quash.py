"""Judgments quashed on appeal stay on record beside the judgment of the new trial.

An appeal court may quash a judgment and order a new trial (appeal decision "quashed",
which fits the decision column as it is). The quashed judgment is kept and marked with
`judgments.quashed_on`; the new trial ends in a new judgment on the same defendant. So
a defendant no longer has one judgment for ever but one standing (not quashed) judgment
at a time: the unique constraint on `defendant_id` becomes a partial unique index over
the judgments not quashed, beside a plain index for lookups by defendant.

Downgrading is refused while a quashed judgment exists: the one-judgment-per-defendant
constraint could not hold without deleting it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 20:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

STANDING = sa.text('quashed_on IS NULL')


def upgrade():
    with op.batch_alter_table('judgments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quashed_on', sa.Date(), nullable=True))
        batch_op.drop_constraint('uq_judgments_defendant_id', type_='unique')
        batch_op.create_index(batch_op.f('ix_judgments_defendant_id'), ['defendant_id'], unique=False)
    op.create_index('uq_judgments_defendant_id_standing', 'judgments', ['defendant_id'], unique=True,
                    sqlite_where=STANDING, postgresql_where=STANDING)


def downgrade():
    quashed = op.get_bind().scalar(sa.text('SELECT count(*) FROM judgments WHERE quashed_on IS NOT NULL'))
    if quashed:
        raise RuntimeError(f'{quashed} quashed judgment(s) exist; revision 0011 keeps one judgment per defendant '
                           'and would lose them. Downgrading is refused.')
    op.drop_index('uq_judgments_defendant_id_standing', table_name='judgments')
    with op.batch_alter_table('judgments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_judgments_defendant_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_judgments_defendant_id'), ['defendant_id'])
        batch_op.drop_column('quashed_on')
