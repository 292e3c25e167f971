"""The case pipeline: operations and their teams, cases, persons, defendants, charges,
arrests, seizures and the case timeline.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 12:52:48.289030

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('operations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('countries', sa.JSON(), nullable=False),
    sa.Column('partner_agencies', sa.JSON(), nullable=False),
    sa.Column('legal_framework', sa.String(length=300), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_operations_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operations')),
    sa.UniqueConstraint('code', name=op.f('uq_operations_code'))
    )
    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_operations_office_id'), ['office_id'], unique=False)

    op.create_table('persons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('nationality', sa.String(length=2), nullable=True),
    sa.Column('search_name', sa.String(length=400), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_persons_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons'))
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_date_of_birth'), ['date_of_birth'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_search_name'), ['search_name'], unique=False)

    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('jurisdiction', sa.Enum('AT', 'RS', name='jurisdiction', native_enum=False, length=10), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=True),
    sa.Column('prosecutor_id', sa.Integer(), nullable=True),
    sa.Column('court', sa.String(length=200), nullable=False),
    sa.Column('stage', sa.Enum('intake', 'investigation', 'charging', 'indicted', 'trial', 'judgment', 'appeal', 'final', 'discontinued', 'diverted', 'transferred', name='stage', native_enum=False, length=21), nullable=False),
    sa.Column('sealed', sa.Boolean(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('stage_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_activity_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_cases_office_id_offices')),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_cases_operation_id_operations')),
    sa.ForeignKeyConstraint(['prosecutor_id'], ['users.id'], name=op.f('fk_cases_prosecutor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('office_id', 'reference', name='uq_cases_office_reference')
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_jurisdiction'), ['jurisdiction'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_last_activity_at'), ['last_activity_at'], unique=False)
        batch_op.create_index('ix_cases_office_stage_id', ['office_id', 'stage', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_operation_id'), ['operation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_prosecutor_id'), ['prosecutor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_stage'), ['stage'], unique=False)

    op.create_table('operation_members',
    sa.Column('operation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_operation_members_operation_id_operations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_operation_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('operation_id', 'user_id', name=op.f('pk_operation_members'))
    )
    op.create_table('arrests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('arrested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('agency', sa.String(length=200), nullable=False),
    sa.Column('custody_followed', sa.Boolean(), nullable=False),
    sa.Column('external_id', sa.String(length=100), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_arrests_case_id_cases')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_arrests_person_id_persons')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_arrests_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrests')),
    sa.UniqueConstraint('external_id', name=op.f('uq_arrests_external_id'))
    )
    with op.batch_alter_table('arrests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arrests_arrested_at'), ['arrested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_arrests_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_arrests_person_id'), ['person_id'], unique=False)

    op.create_table('defendants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('custody', sa.Enum('at_liberty', 'arrested', 'detained', 'released', name='custody', native_enum=False, length=18), nullable=False),
    sa.Column('custody_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_defendants_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_defendants_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_defendants')),
    sa.UniqueConstraint('case_id', 'person_id', name='uq_defendants_case_person')
    )
    with op.batch_alter_table('defendants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_defendants_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_defendants_custody'), ['custody'], unique=False)
        batch_op.create_index(batch_op.f('ix_defendants_person_id'), ['person_id'], unique=False)

    op.create_table('timeline_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('created', 'edited', 'stage', 'note', 'defendant', 'charge', 'custody', 'arrest', 'seizure', 'assignment', name='timelinekind', native_enum=False, length=18), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_timeline_entries_actor_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_timeline_entries_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timeline_entries'))
    )
    with op.batch_alter_table('timeline_entries', schema=None) as batch_op:
        batch_op.create_index('ix_timeline_entries_case_id_id', ['case_id', 'id'], unique=False)

    op.create_table('charges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('defendant_id', sa.Integer(), nullable=False),
    sa.Column('statute', sa.String(length=80), nullable=False),
    sa.Column('offence_class', sa.Enum('misdemeanour', 'felony', name='offenceclass', native_enum=False, length=20), nullable=False),
    sa.Column('max_penalty_months', sa.Integer(), nullable=True),
    sa.Column('life_possible', sa.Boolean(), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['defendant_id'], ['defendants.id'], name=op.f('fk_charges_defendant_id_defendants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_charges'))
    )
    with op.batch_alter_table('charges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_charges_defendant_id'), ['defendant_id'], unique=False)

    op.create_table('seizures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('arrest_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.Enum('drug', 'weapon', 'cash', 'vehicle', 'other', name='seizurecategory', native_enum=False, length=15), nullable=False),
    sa.Column('substance', sa.String(length=100), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('unit', sa.Enum('kg', 'g', 'pieces', 'EUR', name='unit', native_enum=False, length=14), nullable=False),
    sa.Column('seized_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['arrest_id'], ['arrests.id'], name=op.f('fk_seizures_arrest_id_arrests')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_seizures_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_seizures_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seizures'))
    )
    with op.batch_alter_table('seizures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seizures_arrest_id'), ['arrest_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_seizures_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_seizures_category'), ['category'], unique=False)



def downgrade():
    with op.batch_alter_table('seizures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seizures_category'))
        batch_op.drop_index(batch_op.f('ix_seizures_case_id'))
        batch_op.drop_index(batch_op.f('ix_seizures_arrest_id'))

    op.drop_table('seizures')
    with op.batch_alter_table('charges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_charges_defendant_id'))

    op.drop_table('charges')
    with op.batch_alter_table('timeline_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_timeline_entries_case_id_id')

    op.drop_table('timeline_entries')
    with op.batch_alter_table('defendants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_defendants_person_id'))
        batch_op.drop_index(batch_op.f('ix_defendants_custody'))
        batch_op.drop_index(batch_op.f('ix_defendants_case_id'))

    op.drop_table('defendants')
    with op.batch_alter_table('arrests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arrests_person_id'))
        batch_op.drop_index(batch_op.f('ix_arrests_case_id'))
        batch_op.drop_index(batch_op.f('ix_arrests_arrested_at'))

    op.drop_table('arrests')
    op.drop_table('operation_members')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_stage'))
        batch_op.drop_index(batch_op.f('ix_cases_prosecutor_id'))
        batch_op.drop_index(batch_op.f('ix_cases_operation_id'))
        batch_op.drop_index('ix_cases_office_stage_id')
        batch_op.drop_index(batch_op.f('ix_cases_last_activity_at'))
        batch_op.drop_index(batch_op.f('ix_cases_jurisdiction'))

    op.drop_table('cases')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_search_name'))
        batch_op.drop_index(batch_op.f('ix_persons_office_id'))
        batch_op.drop_index(batch_op.f('ix_persons_date_of_birth'))

    op.drop_table('persons')
    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_operations_office_id'))

    op.drop_table('operations')
