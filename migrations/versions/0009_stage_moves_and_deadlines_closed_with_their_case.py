"""Stage moves with their grounds and facts; deadlines closed with their case; two custody states.

A case's moves between stages were recorded only as timeline lines. They become rows
of their own (`stage_moves`: from, to, legal ground, reason, court facts, who, when),
so a closing or reversing move can be shown, explained and undone, and a deadline
closed because its case was closed can point at the move that closed it. The
existing moves are copied from the timeline. Custody gains "handed over" (a transfer)
and "serving sentence" (after a final judgment).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 18:09:13.366193

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stage_moves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_stage', sa.Enum('intake', 'investigation', 'charging', 'indicted', 'trial', 'judgment', 'appeal', 'final', 'discontinued', 'diverted', 'transferred', name='stage', native_enum=False, length=21), nullable=False),
    sa.Column('to_stage', sa.Enum('intake', 'investigation', 'charging', 'indicted', 'trial', 'judgment', 'appeal', 'final', 'discontinued', 'diverted', 'transferred', name='stage', native_enum=False, length=21), nullable=False),
    sa.Column('grounds', sa.String(length=40), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('moved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_stage_moves_actor_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_stage_moves_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_moves'))
    )
    with op.batch_alter_table('stage_moves', schema=None) as batch_op:
        batch_op.create_index('ix_stage_moves_case_id_id', ['case_id', 'id'], unique=False)

    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_by_move_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_deadlines_closed_by_move_id'), ['closed_by_move_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_deadlines_closed_by_move_id_stage_moves'), 'stage_moves', ['closed_by_move_id'], ['id'])

    with op.batch_alter_table('defendants', schema=None) as batch_op:
        batch_op.alter_column('custody',
               existing_type=sa.VARCHAR(length=18),
               type_=sa.Enum('at_liberty', 'arrested', 'detained', 'released', 'handed_over', 'serving_sentence', name='custody', native_enum=False, length=24),
               existing_nullable=False)

    copy_moves_from_timeline()


def copy_moves_from_timeline():
    """One stage move per "stage" line of the timeline, with its reason, actor and time."""
    timeline = sa.table('timeline_entries', sa.column('case_id'), sa.column('occurred_at'),
                        sa.column('actor_id'), sa.column('kind'), sa.column('details', sa.JSON))
    moves = sa.table('stage_moves', sa.column('case_id'), sa.column('from_stage'), sa.column('to_stage'),
                     sa.column('grounds'), sa.column('reason'), sa.column('facts', sa.JSON),
                     sa.column('actor_id'), sa.column('moved_at'))
    connection = op.get_bind()
    rows = connection.execute(sa.select(timeline).where(timeline.c.kind == 'stage').order_by(sa.text('id')))
    copied = [{'case_id': row.case_id, 'from_stage': row.details['from'], 'to_stage': row.details['to'],
               'grounds': None, 'reason': row.details.get('reason') or '', 'facts': {},
               'actor_id': row.actor_id, 'moved_at': row.occurred_at} for row in rows]
    if copied:
        connection.execute(moves.insert(), copied)


def downgrade():
    # The two new custody states did not exist before: a handed-over person left this office's
    # custody (released, for it), a sentenced one is still held (detained).
    op.execute("UPDATE defendants SET custody = 'released' WHERE custody = 'handed_over'")
    op.execute("UPDATE defendants SET custody = 'detained' WHERE custody = 'serving_sentence'")
    op.execute("UPDATE deadlines SET status = 'waived', waive_reason = 'case closed' WHERE status = 'closed'")
    with op.batch_alter_table('defendants', schema=None) as batch_op:
        batch_op.alter_column('custody',
               existing_type=sa.Enum('at_liberty', 'arrested', 'detained', 'released', 'handed_over', 'serving_sentence', name='custody', native_enum=False, length=24),
               type_=sa.VARCHAR(length=18),
               existing_nullable=False)

    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_deadlines_closed_by_move_id_stage_moves'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_deadlines_closed_by_move_id'))
        batch_op.drop_column('closed_by_move_id')

    with op.batch_alter_table('stage_moves', schema=None) as batch_op:
        batch_op.drop_index('ix_stage_moves_case_id_id')

    op.drop_table('stage_moves')
