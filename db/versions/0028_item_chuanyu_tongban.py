"""items flagged 川渝通办 (issue 18 §2)

``service_item.chuanyu_tongban``: the item is handled to one standard across Sichuan and
Chongqing (the catalog's ``chuanyu_tongban: true``), shown on the reception list and printed on
the 办事指引. False for every item already there; the next catalog import sets it.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-02 15:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (SQLite supports it): a batch copy of ``service_item`` would have
    # to drop the table that materials, tickets and cases reference
    op.add_column(
        'service_item',
        sa.Column('chuanyu_tongban', sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column('service_item', 'chuanyu_tongban')  # SQLite 3.35+ drops a column in place
