"""Deadlines of cases (computed by the rules or entered by hand) and personal calendar feeds.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 13:01:50.115655

"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash')),
    sa.UniqueConstraint('user_id', name=op.f('uq_calendar_feeds_user_id'))
    )
    op.create_table('deadlines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('defendant_id', sa.Integer(), nullable=True),
    sa.Column('rule_id', sa.String(length=60), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('period', 'limit', name='deadlinekind', native_enum=False, length=14), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('act_by', sa.Date(), nullable=False),
    sa.Column('all_day', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('open', 'met', 'missed', 'waived', 'superseded', name='deadlinestatus', native_enum=False, length=18), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('steps', sa.JSON(), nullable=False),
    sa.Column('reminder_offsets', sa.JSON(), nullable=False),
    sa.Column('trigger_event', sa.String(length=60), nullable=True),
    sa.Column('trigger_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('offence_class', sa.String(length=40), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closing_event', sa.String(length=60), nullable=True),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('waive_reason', sa.Text(), nullable=False),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_deadlines_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_deadlines_closed_by_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_deadlines_created_by_id_users')),
    sa.ForeignKeyConstraint(['defendant_id'], ['defendants.id'], name=op.f('fk_deadlines_defendant_id_defendants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['deadlines.id'], name=op.f('fk_deadlines_superseded_by_id_deadlines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadlines'))
    )
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadlines_act_by'), ['act_by'], unique=False)
        batch_op.create_index('ix_deadlines_case_id_status', ['case_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadlines_defendant_id'), ['defendant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadlines_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadlines_rule_id'), ['rule_id'], unique=False)
        batch_op.create_index('ix_deadlines_status_due_at', ['status', 'due_at'], unique=False)


def downgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_index('ix_deadlines_status_due_at')
        batch_op.drop_index(batch_op.f('ix_deadlines_rule_id'))
        batch_op.drop_index(batch_op.f('ix_deadlines_kind'))
        batch_op.drop_index(batch_op.f('ix_deadlines_defendant_id'))
        batch_op.drop_index('ix_deadlines_case_id_status')
        batch_op.drop_index(batch_op.f('ix_deadlines_act_by'))

    op.drop_table('deadlines')
    op.drop_table('calendar_feeds')
