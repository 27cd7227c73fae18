"""catalog v2 in the database (issue 18): standard materials, situations, references

New tables ``standard_material`` (标准材料) and ``situation`` (业务情形, answers as JSON).
``material`` rows gain the standard material, the role, the condition (``when_json``) and the
reference's overrides; items gain their questions, ``produces`` and review points (JSON
lists); bundles gain their questions and bundle members their condition; notices and cases
keep the answers the check was made under. Rows already there get empty values and behave
as v1 rows.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-10 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def _text(name: str, default: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False, server_default=default)


def upgrade() -> None:
    op.create_table(
        'standard_material',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('form', sa.String(length=16), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('standard', sa.Text(), nullable=False),
        sa.Column('shared_from', sa.Text(), nullable=False),
        sa.Column('obtain_from', sa.Text(), nullable=False),
        sa.Column('sample', sa.String(length=120), nullable=False),
        sa.Column('review_points', sa.Text(), nullable=False),
        sa.Column('deferrable', sa.Boolean(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_standard_material')),
        sa.UniqueConstraint('code', name=op.f('uq_standard_material_code')),
    )
    op.create_table(
        'situation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('question', sa.String(length=100), nullable=False),
        sa.Column('answers', sa.Text(), nullable=False),
        sa.Column('default', sa.String(length=20), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_situation')),
        sa.UniqueConstraint('code', name=op.f('uq_situation_code')),
    )
    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.add_column(sa.Column('standard_material_id', sa.Integer(), sa.ForeignKey(
            'standard_material.id', name='fk_material_standard_material_id_standard_material'),
            nullable=True))
        batch_op.add_column(sa.Column('role', sa.String(length=16), nullable=False,
                                      server_default=''))
        batch_op.add_column(_text('when_json', ''))
        batch_op.add_column(_text('overrides', ''))
    with op.batch_alter_table('service_item', schema=None) as batch_op:
        for name in ('situations', 'produces', 'review_points'):
            batch_op.add_column(_text(name, '[]'))
    with op.batch_alter_table('bundle', schema=None) as batch_op:
        batch_op.add_column(_text('situations', '[]'))
    with op.batch_alter_table('bundle_item', schema=None) as batch_op:
        batch_op.add_column(_text('when_json', ''))
    for table in ('notice', 'service_case'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(_text('answers', '{}'))


def downgrade() -> None:
    for table in ('service_case', 'notice'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('answers')
    with op.batch_alter_table('bundle_item', schema=None) as batch_op:
        batch_op.drop_column('when_json')
    with op.batch_alter_table('bundle', schema=None) as batch_op:
        batch_op.drop_column('situations')
    with op.batch_alter_table('service_item', schema=None) as batch_op:
        for name in ('review_points', 'produces', 'situations'):
            batch_op.drop_column(name)
    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.drop_constraint('fk_material_standard_material_id_standard_material',
                                 type_='foreignkey')
        for name in ('overrides', 'when_json', 'role', 'standard_material_id'):
            batch_op.drop_column(name)
    op.drop_table('situation')
    op.drop_table('standard_material')
