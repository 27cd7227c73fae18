"""no hot row: drop change_marker (issue 14)

Every write used to end by updating the one ``change_marker`` row, so on PostgreSQL all
writers queued behind each other and one frozen transaction stopped the whole hall. Terminals
now learn of changes through ``LISTEN/NOTIFY`` (PostgreSQL) or ``PRAGMA data_version``
(SQLite), see ``hall_app/store/changes.py``. The downgrade recreates the table with its row.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 02:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('change_marker')


def downgrade() -> None:
    op.create_table(
        'change_marker',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_change_marker')),
    )
    op.bulk_insert(
        sa.table("change_marker", sa.column("id", sa.Integer), sa.column("seq", sa.BigInteger)),
        [{"id": 1, "seq": 0}],
    )
