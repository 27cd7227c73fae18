"""legal bases, limits, one correction per case (issue 13)

Items cite their own correction and refusal basis and state the unit of each limit; materials
say where to obtain them and how long a 容缺 material may follow; a department names its
reconsideration body; notices link a further correction to the first and record agents; cases
carry the legal limit beside the promised one, the one legal extension, delivery and the 容缺
commitment; pauses have a kind. Existing rows are filled so old cases keep their dates.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 23:00:00
"""
from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

ART32_CORRECTION = "《中华人民共和国行政许可法》第三十二条第一款第（四）项"
ART32_REFUSAL = "《中华人民共和国行政许可法》第三十二条第一款"
NEUTRAL_CORRECTION = "本中心一次性告知制度"

_ADDED = {
    'service_item': ('promised_limit_unit', 'legal_limit_unit', 'refusal_grounds', 'refusal_basis', 'correction_terms', 'correction_basis'),
    'service_case': ('agent_relation', 'agent_phone', 'agent_id_number', 'agent_id_type', 'agent_name', 'legal_rep', 'commitment_signed', 'delivery_address', 'delivery_method', 'restarted_on', 'legal_extension_on', 'legal_extension_reason', 'legal_extension_approver', 'legal_extension_days', 'legal_limit_unit', 'legal_limit_days', 'limit_unit', 'item_type'),
    'notice': ('agent_relation', 'agent_phone', 'agent_id_number', 'agent_id_type', 'agent_name', 'legal_rep', 'refusal_ground', 'approved_by', 'further_reason', 'first_notice_id', 'closed_at', 'reprinted_at'),
    'material': ('defer_days', 'obtain_from'),
    'document_material': ('received_on', 'due_on', 'obtain_from'),
    'case_pause': ('kind',),
}
_LINKS = {('notice', 'first_notice_id'), ('notice', 'approved_by')}


def upgrade() -> None:
    op.create_table('department',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('reconsideration_body', sa.String(length=200), nullable=False),
    sa.Column('vertical', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department')),
    sa.UniqueConstraint('name', name=op.f('uq_department_name'))
    )
    with op.batch_alter_table('case_pause', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), nullable=False, server_default=''))

    with op.batch_alter_table('document_material', schema=None) as batch_op:
        batch_op.add_column(sa.Column('obtain_from', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('received_on', sa.Date(), nullable=True))

    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.add_column(sa.Column('obtain_from', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('defer_days', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reprinted_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('further_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('refusal_ground', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('legal_rep', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_name', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_id_type', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_id_number', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_phone', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_relation', sa.String(length=32), nullable=False, server_default=''))
    present = {c['name'] for c in sa.inspect(op.get_bind()).get_columns('notice')}
    with op.batch_alter_table('notice', schema=None) as batch_op:
        if 'first_notice_id' not in present:
            batch_op.add_column(sa.Column('first_notice_id', sa.Integer(), sa.ForeignKey(
                'notice.id', name='fk_notice_first_notice_id_notice'), nullable=True))
        if 'approved_by' not in present:
            batch_op.add_column(sa.Column('approved_by', sa.Integer(), sa.ForeignKey(
                'staff.id', name='fk_notice_approved_by_staff'), nullable=True))
    op.create_index('ix_notice_open', 'notice', ['id_number', 'subject_code', 'closed_at'])

    with op.batch_alter_table('service_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('item_type', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('limit_unit', sa.String(length=8), nullable=False, server_default='工作日'))
        batch_op.add_column(sa.Column('legal_limit_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('legal_limit_unit', sa.String(length=8), nullable=False, server_default='工作日'))
        batch_op.add_column(sa.Column('legal_extension_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('legal_extension_approver', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('legal_extension_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('legal_extension_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('restarted_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('delivery_method', sa.String(length=16), nullable=False, server_default='窗口领取'))
        batch_op.add_column(sa.Column('delivery_address', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('commitment_signed', sa.Boolean(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('legal_rep', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_name', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_id_type', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_id_number', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_phone', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_relation', sa.String(length=32), nullable=False, server_default=''))

    with op.batch_alter_table('service_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('correction_basis', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('correction_terms', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('refusal_basis', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('refusal_grounds', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('legal_limit_unit', sa.String(length=8), nullable=False, server_default='工作日'))
        batch_op.add_column(sa.Column('promised_limit_unit', sa.String(length=8), nullable=False, server_default='工作日'))


    # existing rows: a licence cites Art. 32, everything else the neutral rule; old cases keep
    # their promised limit as the legal one (the catalog had both, the case only one)
    op.execute(sa.text(
        "UPDATE service_item SET correction_basis = :art32, refusal_basis = :art32r "
        "WHERE type = '行政许可'").bindparams(art32=ART32_CORRECTION, art32r=ART32_REFUSAL))
    op.execute(sa.text(
        "UPDATE service_item SET correction_basis = :neutral WHERE type <> '行政许可'"
    ).bindparams(neutral=NEUTRAL_CORRECTION))
    op.execute(sa.text(
        "UPDATE service_case SET legal_limit_days = COALESCE((SELECT i.legal_limit_days "
        "FROM service_item i WHERE i.id = service_case.item_id), service_case.limit_days), "
        "item_type = COALESCE((SELECT i.type FROM service_item i "
        "WHERE i.id = service_case.item_id), '')"))
    op.execute(sa.text(
        "UPDATE notice SET closed_at = issued_at WHERE case_id IS NOT NULL OR kind = 'refusal'"))


def downgrade() -> None:
    # native DROP COLUMN (SQLite ≥ 3.35, PostgreSQL): a batch rebuild would drop and recreate
    # tables that other rows reference, which SQLite refuses while foreign keys are on. The two
    # links of a notice (foreign keys) cannot be dropped natively on SQLite: there they stay,
    # nullable and unused, and the upgrade adds them only when missing.
    op.drop_index('ix_notice_open', table_name='notice')
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, columns in _ADDED.items():
        for column in columns:
            if sqlite and (table, column) in _LINKS:
                continue
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    op.drop_table('department')
