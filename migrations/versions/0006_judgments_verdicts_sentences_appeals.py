"""Judgments per defendant, verdicts per charge, sentences (first instance and modified on appeal),
appeals and the amendments of final judgments.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 13:14:18.502711

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('judgments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('defendant_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('court', sa.String(length=200), nullable=False),
    sa.Column('court_file_number', sa.String(length=60), nullable=False),
    sa.Column('announced_on', sa.Date(), nullable=False),
    sa.Column('served_on', sa.Date(), nullable=True),
    sa.Column('final_on', sa.Date(), nullable=True),
    sa.Column('finality_basis', sa.Enum('period_expired', 'appeal_decided', 'entered', name='finalitybasis', native_enum=False, length=22), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_judgments_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['defendant_id'], ['defendants.id'], name=op.f('fk_judgments_defendant_id_defendants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_judgments_entered_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judgments')),
    sa.UniqueConstraint('defendant_id', name=op.f('uq_judgments_defendant_id'))
    )
    with op.batch_alter_table('judgments', schema=None) as batch_op:
        batch_op.create_index('ix_judgments_case_id_final_on', ['case_id', 'final_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_judgments_court'), ['court'], unique=False)
        batch_op.create_index(batch_op.f('ix_judgments_final_on'), ['final_on'], unique=False)

    op.create_table('appeals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judgment_id', sa.Integer(), nullable=False),
    sa.Column('party', sa.Enum('prosecution', 'defence', name='party', native_enum=False, length=19), nullable=False),
    sa.Column('lodged_on', sa.Date(), nullable=False),
    sa.Column('grounds_filed_on', sa.Date(), nullable=True),
    sa.Column('decision', sa.Enum('dismissed', 'sentence_modified', 'withdrawn', name='appealdecision', native_enum=False, length=25), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_final', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['judgment_id'], ['judgments.id'], name=op.f('fk_appeals_judgment_id_judgments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeals'))
    )
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeals_judgment_id'), ['judgment_id'], unique=False)

    op.create_table('judgment_amendments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judgment_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('original', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_judgment_amendments_actor_id_users')),
    sa.ForeignKeyConstraint(['judgment_id'], ['judgments.id'], name=op.f('fk_judgment_amendments_judgment_id_judgments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judgment_amendments'))
    )
    with op.batch_alter_table('judgment_amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_judgment_amendments_judgment_id'), ['judgment_id'], unique=False)

    op.create_table('verdicts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judgment_id', sa.Integer(), nullable=False),
    sa.Column('charge_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('convicted', 'acquitted', 'dismissed', 'convicted_amended', name='outcome', native_enum=False, length=25), nullable=False),
    sa.Column('amended_statute', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['charge_id'], ['charges.id'], name=op.f('fk_verdicts_charge_id_charges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['judgment_id'], ['judgments.id'], name=op.f('fk_verdicts_judgment_id_judgments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verdicts')),
    sa.UniqueConstraint('judgment_id', 'charge_id', name='uq_verdicts_judgment_charge')
    )
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verdicts_charge_id'), ['charge_id'], unique=False)

    op.create_table('sentences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judgment_id', sa.Integer(), nullable=False),
    sa.Column('appeal_id', sa.Integer(), nullable=True),
    sa.Column('in_force', sa.Boolean(), nullable=False),
    sa.Column('prison_years', sa.Integer(), nullable=False),
    sa.Column('prison_months', sa.Integer(), nullable=False),
    sa.Column('prison_days', sa.Integer(), nullable=False),
    sa.Column('life', sa.Boolean(), nullable=False),
    sa.Column('conditional_years', sa.Integer(), nullable=False),
    sa.Column('conditional_months', sa.Integer(), nullable=False),
    sa.Column('conditional_days', sa.Integer(), nullable=False),
    sa.Column('probation_years', sa.Integer(), nullable=True),
    sa.Column('fine_daily_rates', sa.Integer(), nullable=True),
    sa.Column('fine_daily_rate', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('fine_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('confiscation_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('forfeiture_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('other_orders', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['appeal_id'], ['appeals.id'], name=op.f('fk_sentences_appeal_id_appeals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['judgment_id'], ['judgments.id'], name=op.f('fk_sentences_judgment_id_judgments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sentences')),
    sa.UniqueConstraint('appeal_id', name=op.f('uq_sentences_appeal_id'))
    )
    with op.batch_alter_table('sentences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sentences_in_force'), ['in_force'], unique=False)
        batch_op.create_index(batch_op.f('ix_sentences_judgment_id'), ['judgment_id'], unique=False)



def downgrade():
    with op.batch_alter_table('sentences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sentences_judgment_id'))
        batch_op.drop_index(batch_op.f('ix_sentences_in_force'))

    op.drop_table('sentences')
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verdicts_charge_id'))

    op.drop_table('verdicts')
    with op.batch_alter_table('judgment_amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_judgment_amendments_judgment_id'))

    op.drop_table('judgment_amendments')
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeals_judgment_id'))

    op.drop_table('appeals')
    with op.batch_alter_table('judgments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_judgments_final_on'))
        batch_op.drop_index(batch_op.f('ix_judgments_court'))
        batch_op.drop_index('ix_judgments_case_id_final_on')

    op.drop_table('judgments')
