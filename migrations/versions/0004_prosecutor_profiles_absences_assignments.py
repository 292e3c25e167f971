"""Caseloads and assignment: prosecutor profiles, absences, the specialisation a case requires,
each office's caseload weights and the history of every assignment.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 13:06:07.099876

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('caseload_settings',
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('stage_weights', sa.JSON(), nullable=False),
    sa.Column('extra_defendant_weight', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('custody_weight', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('spread_target', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('assign_new_cases', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_caseload_settings_office_id_offices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('office_id', name=op.f('pk_caseload_settings'))
    )
    op.create_table('absences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('deputy_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_absences_ends_after_start')),
    sa.ForeignKeyConstraint(['deputy_id'], ['users.id'], name=op.f('fk_absences_deputy_id_users')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_absences_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_absences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absences'))
    )
    with op.batch_alter_table('absences', schema=None) as batch_op:
        batch_op.create_index('ix_absences_user_id_ends_on', ['user_id', 'ends_on'], unique=False)
    op.create_table('prosecutor_profiles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Numeric(precision=4, scale=2), nullable=False),
    sa.Column('specialisations', sa.JSON(), nullable=False),
    sa.Column('load_cap', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_prosecutor_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_prosecutor_profiles'))
    )
    op.create_table('assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_id', sa.Integer(), nullable=True),
    sa.Column('to_id', sa.Integer(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('automatic', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_assignments_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assignments_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_id'], ['users.id'], name=op.f('fk_assignments_from_id_users')),
    sa.ForeignKeyConstraint(['to_id'], ['users.id'], name=op.f('fk_assignments_to_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index('ix_assignments_case_id_id', ['case_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignments_to_id'), ['to_id'], unique=False)
    op.create_table('case_specialisations',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('specialisation', sa.Enum('narcotics', 'organised_crime', 'homicide', 'economic_crime', 'cybercrime', 'corruption', 'sexual_offences', name='specialisation', native_enum=False, length=23), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_specialisations_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_case_specialisations_set_by_id_users')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_specialisations'))
    )


def downgrade():
    op.drop_table('case_specialisations')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_to_id'))
        batch_op.drop_index('ix_assignments_case_id_id')
    op.drop_table('assignments')
    op.drop_table('prosecutor_profiles')
    with op.batch_alter_table('absences', schema=None) as batch_op:
        batch_op.drop_index('ix_absences_user_id_ends_on')
    op.drop_table('absences')
    op.drop_table('caseload_settings')
