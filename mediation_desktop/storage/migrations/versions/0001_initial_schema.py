"""initial schema: the whole domain of a mediation committee

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('display_name', sa.String(length=50), nullable=False),
    sa.Column('role', sa.Enum('mediator', 'director', 'clerk', name='role', native_enum=False, length=24), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_user_change_seq'), ['change_seq'], unique=False)

    op.create_table('audit_entry',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=50), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=80), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_entry')),
    sa.UniqueConstraint('id', name=op.f('uq_audit_entry_id'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_case_id'), ['case_id'], unique=False)

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_seq', sa.BigInteger(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('case_number_counter',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_serial', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_case_number_counter'))
    )
    op.create_table('change_counter',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_counter'))
    )
    op.create_table('installation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('org_code', sa.String(length=12), nullable=False),
    sa.Column('org_name', sa.String(length=100), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=False),
    sa.Column('level', sa.Enum('village', 'township', 'county', name='orglevel', native_enum=False, length=24), nullable=False),
    sa.Column('parent_code', sa.String(length=12), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_installation'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('mediation_case',
    sa.Column('case_no', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('owner_org_code', sa.String(length=12), nullable=False),
    sa.Column('owner_installation_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category_code', sa.String(length=40), nullable=False),
    sa.Column('category_scheme', sa.String(length=10), nullable=False),
    sa.Column('source', sa.Enum('application', 'initiative', 'court', 'police', 'procuratorate', 'petitions', 'other_body', name='casesource', native_enum=False, length=24), nullable=False),
    sa.Column('source_detail', sa.String(length=200), nullable=True),
    sa.Column('status', sa.Enum('registered', 'accepted', 'declined', 'investigating', 'mediating', 'suspended', 'agreed', 'failed', 'performed', 'referred', 'archived', name='casestatus', native_enum=False, length=24), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('requests', sa.JSON(), nullable=False),
    sa.Column('amount_involved', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('escalation_risk', sa.Boolean(), nullable=False),
    sa.Column('risk_note', sa.Text(), nullable=True),
    sa.Column('non_public', sa.Boolean(), nullable=False),
    sa.Column('mediator_id', sa.Uuid(), nullable=True),
    sa.Column('mediator_name', sa.String(length=50), nullable=False),
    sa.Column('recorder_name', sa.String(length=50), nullable=False),
    sa.Column('prevented_criminal', sa.Boolean(), nullable=False),
    sa.Column('prevented_petition', sa.Boolean(), nullable=False),
    sa.Column('prevented_suicide', sa.Boolean(), nullable=False),
    sa.Column('stopped_group_fight', sa.Boolean(), nullable=False),
    sa.Column('prevented_persons', sa.Integer(), nullable=False),
    sa.Column('referred_from_case_id', sa.Uuid(), nullable=True),
    sa.Column('archive_retention', sa.String(length=20), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['mediator_id'], ['app_user.id'], name=op.f('fk_mediation_case_mediator_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_case')),
    sa.UniqueConstraint('owner_org_code', 'year', 'serial', name=op.f('uq_mediation_case_owner_org_code_year_serial'))
    )
    with op.batch_alter_table('mediation_case', schema=None) as batch_op:
        batch_op.create_index('ix_mediation_case_accepted_on', ['accepted_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_case_case_no'), ['case_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_case_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index('ix_mediation_case_status', ['status'], unique=False)

    op.create_table('agreement',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('form', sa.Enum('written', 'oral', name='agreementform', native_enum=False, length=24), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('supersedes_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'signed', 'superseded', name='agreementstatus', native_enum=False, length=24), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('terms', sa.JSON(), nullable=False),
    sa.Column('performance_method', sa.Text(), nullable=False),
    sa.Column('performance_place', sa.String(length=200), nullable=False),
    sa.Column('performance_deadline', sa.Date(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('mediator_name', sa.String(length=50), nullable=False),
    sa.Column('recorder_name', sa.String(length=50), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('signed_recorded_by', sa.String(length=50), nullable=True),
    sa.Column('effective_on', sa.Date(), nullable=True),
    sa.Column('locked_at', sa.DateTime(), nullable=True),
    sa.Column('performance', sa.Enum('pending', 'done', 'partial', 'not_done', name='performance', native_enum=False, length=24), nullable=False),
    sa.Column('confirmation_applied_on', sa.Date(), nullable=True),
    sa.Column('confirmation_court', sa.String(length=100), nullable=True),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_agreement_case_id_mediation_case')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['agreement.id'], name=op.f('fk_agreement_supersedes_id_agreement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement')),
    sa.UniqueConstraint('case_id', 'version', name=op.f('uq_agreement_case_id_version'))
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_change_seq'), ['change_seq'], unique=False)

    op.create_table('investigation',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('held_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('participants', sa.String(length=300), nullable=False),
    sa.Column('interviewee', sa.String(length=100), nullable=False),
    sa.Column('investigator', sa.String(length=100), nullable=False),
    sa.Column('recorder', sa.String(length=50), nullable=False),
    sa.Column('record', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_investigation_case_id_mediation_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_investigation'))
    )
    with op.batch_alter_table('investigation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_investigation_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_investigation_change_seq'), ['change_seq'], unique=False)

    op.create_table('mediation_session',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('held_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('participants', sa.String(length=300), nullable=False),
    sa.Column('parties_present', sa.String(length=500), nullable=False),
    sa.Column('back_to_back', sa.Boolean(), nullable=False),
    sa.Column('rights_told', sa.Boolean(), nullable=False),
    sa.Column('record', sa.Text(), nullable=False),
    sa.Column('risk_warning', sa.Text(), nullable=False),
    sa.Column('result', sa.Enum('agreed', 'not_agreed', 'postponed', name='sessionresult', native_enum=False, length=24), nullable=False),
    sa.Column('mediator', sa.String(length=100), nullable=False),
    sa.Column('recorder', sa.String(length=50), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_mediation_session_case_id_mediation_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_session'))
    )
    with op.batch_alter_table('mediation_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_session_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_session_change_seq'), ['change_seq'], unique=False)

    op.create_table('party',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('applicant', 'respondent', 'third_party', name='partyrole', native_enum=False, length=24), nullable=False),
    sa.Column('kind', sa.Enum('person', 'organisation', name='partykind', native_enum=False, length=24), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sex', sa.String(length=8), nullable=True),
    sa.Column('ethnicity', sa.String(length=20), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('age', sa.Integer(), nullable=True),
    sa.Column('occupation', sa.String(length=100), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('id_type', sa.Enum('resident_id', 'credit_code', 'passport', 'other', 'none', name='idtype', native_enum=False, length=24), nullable=False),
    sa.Column('id_number', sa.String(length=40), nullable=True),
    sa.Column('representative', sa.String(length=50), nullable=True),
    sa.Column('representative_title', sa.String(length=50), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_party_case_id_mediation_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party'))
    )
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_party_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_party_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_party_name'), ['name'], unique=False)

    op.create_table('referral',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('to_org_code', sa.String(length=12), nullable=False),
    sa.Column('to_org_name', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('target_case_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_referral_case_id_mediation_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral'))
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_change_seq'), ['change_seq'], unique=False)

    op.create_table('attachment',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('agreement_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sa.Enum('signed_agreement', 'evidence', 'photo', 'performance_proof', 'other', name='attachmentkind', native_enum=False, length=24), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_attachment_agreement_id_agreement')),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_attachment_case_id_mediation_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)

    op.create_table('follow_up',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('agreement_id', sa.Uuid(), nullable=True),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('visitee', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('performance', sa.Enum('pending', 'done', 'partial', 'not_done', name='performance', native_enum=False, length=24), nullable=False),
    sa.Column('satisfied', sa.Boolean(), nullable=True),
    sa.Column('new_lawsuit', sa.Boolean(), nullable=False),
    sa.Column('hidden_risks', sa.Text(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('visitor', sa.String(length=50), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_follow_up_agreement_id_agreement')),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_case.id'], name=op.f('fk_follow_up_case_id_mediation_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up'))
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_change_seq'), ['change_seq'], unique=False)

    # The counters start at zero; the audit chain starts at the genesis hash.
    op.execute("INSERT INTO change_counter (id, last_seq) VALUES (1, 0)")
    op.execute("INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '" + "0" * 64 + "')")
    _audit_append_only()


def _audit_append_only() -> None:
    """The audit log may only grow: the database itself refuses UPDATE and DELETE on it."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entry_no_{verb.lower()} BEFORE {verb} ON audit_entry "
                "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_change_seq'))
        batch_op.drop_index(batch_op.f('ix_follow_up_case_id'))

    op.drop_table('follow_up')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_change_seq'))
        batch_op.drop_index(batch_op.f('ix_attachment_case_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_change_seq'))
        batch_op.drop_index(batch_op.f('ix_referral_case_id'))

    op.drop_table('referral')
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_name'))
        batch_op.drop_index(batch_op.f('ix_party_id_number'))
        batch_op.drop_index(batch_op.f('ix_party_change_seq'))
        batch_op.drop_index(batch_op.f('ix_party_case_id'))

    op.drop_table('party')
    with op.batch_alter_table('mediation_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_session_change_seq'))
        batch_op.drop_index(batch_op.f('ix_mediation_session_case_id'))

    op.drop_table('mediation_session')
    with op.batch_alter_table('investigation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_investigation_change_seq'))
        batch_op.drop_index(batch_op.f('ix_investigation_case_id'))

    op.drop_table('investigation')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_change_seq'))
        batch_op.drop_index(batch_op.f('ix_agreement_case_id'))

    op.drop_table('agreement')
    with op.batch_alter_table('mediation_case', schema=None) as batch_op:
        batch_op.drop_index('ix_mediation_case_status')
        batch_op.drop_index(batch_op.f('ix_mediation_case_change_seq'))
        batch_op.drop_index(batch_op.f('ix_mediation_case_case_no'))
        batch_op.drop_index('ix_mediation_case_accepted_on')

    op.drop_table('mediation_case')
    op.drop_table('setting')
    op.drop_table('installation')
    op.drop_table('change_counter')
    op.drop_table('case_number_counter')
    op.drop_table('audit_head')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_case_id'))

    op.drop_table('audit_entry')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_user_change_seq'))

    op.drop_table('app_user')
