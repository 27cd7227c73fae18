"""paper kits: a kit number and its paper number ranges, valid on any day (issue 15)

A kit printed in advance and kept in a drawer carries no date: its tickets are S07-015 and
its serials BZ-130534-K07-0003. The kit table records each kit's number, when and by whom it
was printed, the ranges it holds per kind, and the incident it was used in. The incidents
already recorded keep their date-bound number blocks (number_block rows with incident_id).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 05:00:00
"""
from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(length=64), nullable=False),
    sa.Column('ranges', sa.Text(), nullable=False),
    sa.Column('reserved_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('reserved_by', sa.Integer(), nullable=True),
    sa.Column('printed_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('printed_by', sa.String(length=64), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], name=op.f('fk_kit_incident_id_incident')),
    sa.ForeignKeyConstraint(['reserved_by'], ['staff.id'], name=op.f('fk_kit_reserved_by_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kit')),
    sa.UniqueConstraint('number', name=op.f('uq_kit_number'))
    )
    with op.batch_alter_table('kit') as batch:
        batch.create_index(batch.f('ix_kit_incident_id'), ['incident_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('kit') as batch:
        batch.drop_index(batch.f('ix_kit_incident_id'))
    op.drop_table('kit')
