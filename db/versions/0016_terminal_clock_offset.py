"""terminal clock offset: each session's PC clock minus the server's (issue 14, one clock)

The offset a terminal measured against the database server's clock, written with its
heartbeat, so the supervisor console can list PCs whose clocks are more than 5 s off.
Sessions from before the upgrade keep NULL (not measured).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 02:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('terminal_session') as batch:
        batch.add_column(sa.Column('clock_offset_ms', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('terminal_session') as batch:
        batch.drop_column('clock_offset_ms')
