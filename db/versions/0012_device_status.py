"""device status: the calling board's audio faults, for the supervisor console

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 20:00:00
"""
from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('device_status',
    sa.Column('terminal', sa.String(length=64), nullable=False),
    sa.Column('part', sa.String(length=16), nullable=False),
    sa.Column('device', sa.String(length=16), nullable=False),
    sa.Column('problem', sa.String(length=200), nullable=False),
    sa.Column('since', hall_app.store.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('terminal', 'part', name=op.f('pk_device_status'))
    )


def downgrade() -> None:
    op.drop_table('device_status')
