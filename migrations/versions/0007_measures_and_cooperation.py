"""Measures and cooperation: investigative measures with their renewals, partner agencies,
cooperation requests and their cases, joint meetings with their participants, and disclosures.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 13:12:32.363087
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('partner_agencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_agencies')),
    sa.UniqueConstraint('country', 'name', name='uq_partner_agencies_country_name')
    )
    with op.batch_alter_table('partner_agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_agencies_country'), ['country'], unique=False)

    op.create_table('cooperation_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('mutual_legal_assistance', 'european_investigation_order', 'pcc_see_exchange', 'joint_investigation_team', name='requestkind', native_enum=False, length=36), nullable=False),
    sa.Column('direction', sa.Enum('incoming', 'outgoing', name='direction', native_enum=False, length=16), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=80), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Enum('draft', 'sent', 'received', 'recognised', 'executed', 'answered', 'refused', 'withdrawn', name='requeststatus', native_enum=False, length=18), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('recognised_on', sa.Date(), nullable=True),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['partner_agencies.id'], name=op.f('fk_cooperation_requests_agency_id_partner_agencies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cooperation_requests_created_by_id_users')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_cooperation_requests_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cooperation_requests'))
    )
    with op.batch_alter_table('cooperation_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cooperation_requests_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cooperation_requests_direction'), ['direction'], unique=False)
        batch_op.create_index(batch_op.f('ix_cooperation_requests_kind'), ['kind'], unique=False)
        batch_op.create_index('ix_cooperation_requests_office_id_status', ['office_id', 'status'], unique=False)

    op.create_table('joint_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('outcomes', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_joint_meetings_created_by_id_users')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_joint_meetings_office_id_offices')),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_joint_meetings_operation_id_operations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_meetings'))
    )
    with op.batch_alter_table('joint_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_meetings_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_meetings_operation_id'), ['operation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_meetings_starts_on'), ['starts_on'], unique=False)

    op.create_table('cooperation_request_cases',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_cooperation_request_cases_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['cooperation_requests.id'], name=op.f('fk_cooperation_request_cases_request_id_cooperation_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'case_id', name=op.f('pk_cooperation_request_cases'))
    )
    with op.batch_alter_table('cooperation_request_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cooperation_request_cases_case_id'), ['case_id'], unique=False)

    op.create_table('meeting_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('names', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['partner_agencies.id'], name=op.f('fk_meeting_participants_agency_id_partner_agencies')),
    sa.ForeignKeyConstraint(['meeting_id'], ['joint_meetings.id'], name=op.f('fk_meeting_participants_meeting_id_joint_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participants'))
    )
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_participants_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('telephone_interception', 'undercover_operation', 'surveillance', 'search', name='measurekind', native_enum=False, length=30), nullable=False),
    sa.Column('status', sa.Enum('requested', 'authorised', 'running', 'expired', 'terminated', 'refused', name='measurestatus', native_enum=False, length=18), nullable=False),
    sa.Column('target_person_id', sa.Integer(), nullable=True),
    sa.Column('target_phone', sa.String(length=40), nullable=False),
    sa.Column('target_place', sa.String(length=200), nullable=False),
    sa.Column('ordering_court', sa.String(length=200), nullable=False),
    sa.Column('order_reference', sa.String(length=80), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.Column('ordered_on', sa.Date(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=500), nullable=False),
    sa.Column('results_summary', sa.Text(), nullable=False),
    sa.Column('expiry_deadline_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_measures_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_measures_created_by_id_users')),
    sa.ForeignKeyConstraint(['expiry_deadline_id'], ['deadlines.id'], name=op.f('fk_measures_expiry_deadline_id_deadlines'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['target_person_id'], ['persons.id'], name=op.f('fk_measures_target_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measures'))
    )
    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.create_index('ix_measures_case_id_status', ['case_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_measures_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_measures_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_measures_target_person_id'), ['target_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measures_valid_to'), ['valid_to'], unique=False)

    op.create_table('disclosures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('measure_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('material', sa.String(length=500), nullable=False),
    sa.Column('disclosed_on', sa.Date(), nullable=False),
    sa.Column('legal_basis', sa.String(length=200), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['partner_agencies.id'], name=op.f('fk_disclosures_agency_id_partner_agencies')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_disclosures_case_id_cases')),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_disclosures_measure_id_measures')),
    sa.ForeignKeyConstraint(['meeting_id'], ['joint_meetings.id'], name=op.f('fk_disclosures_meeting_id_joint_meetings')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_disclosures_office_id_offices')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_disclosures_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosures'))
    )
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosures_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_measure_id'), ['measure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_office_id'), ['office_id'], unique=False)

    op.create_table('measure_renewals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('ordering_court', sa.String(length=200), nullable=False),
    sa.Column('order_reference', sa.String(length=80), nullable=False),
    sa.Column('ordered_on', sa.Date(), nullable=False),
    sa.Column('previous_valid_to', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_measure_renewals_measure_id_measures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_measure_renewals_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_renewals'))
    )
    with op.batch_alter_table('measure_renewals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_renewals_measure_id'), ['measure_id'], unique=False)


def downgrade():
    with op.batch_alter_table('measure_renewals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_renewals_measure_id'))

    op.drop_table('measure_renewals')
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosures_office_id'))
        batch_op.drop_index(batch_op.f('ix_disclosures_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_disclosures_measure_id'))
        batch_op.drop_index(batch_op.f('ix_disclosures_case_id'))
        batch_op.drop_index(batch_op.f('ix_disclosures_agency_id'))

    op.drop_table('disclosures')
    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measures_valid_to'))
        batch_op.drop_index(batch_op.f('ix_measures_target_person_id'))
        batch_op.drop_index(batch_op.f('ix_measures_status'))
        batch_op.drop_index(batch_op.f('ix_measures_kind'))
        batch_op.drop_index('ix_measures_case_id_status')

    op.drop_table('measures')
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_participants_meeting_id'))

    op.drop_table('meeting_participants')
    with op.batch_alter_table('cooperation_request_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cooperation_request_cases_case_id'))

    op.drop_table('cooperation_request_cases')
    with op.batch_alter_table('joint_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_joint_meetings_starts_on'))
        batch_op.drop_index(batch_op.f('ix_joint_meetings_operation_id'))
        batch_op.drop_index(batch_op.f('ix_joint_meetings_office_id'))

    op.drop_table('joint_meetings')
    with op.batch_alter_table('cooperation_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_cooperation_requests_office_id_status')
        batch_op.drop_index(batch_op.f('ix_cooperation_requests_kind'))
        batch_op.drop_index(batch_op.f('ix_cooperation_requests_direction'))
        batch_op.drop_index(batch_op.f('ix_cooperation_requests_agency_id'))

    op.drop_table('cooperation_requests')
    with op.batch_alter_table('partner_agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_agencies_country'))

    op.drop_table('partner_agencies')
