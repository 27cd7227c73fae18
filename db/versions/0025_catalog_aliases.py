"""catalog aliases (俗称) of items and bundles (issue 18 §4)

``service_item.aliases`` and ``bundle.aliases``: the everyday names citizens use (上户口,
办社保卡), a JSON list of strings, ``'[]'`` for the rows already there. ``catalog import``
writes them; the reception assistant (``hall-app ask``, the reception search box) ranks them.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('service_item', 'bundle'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('aliases', sa.Text(), nullable=False, server_default='[]')
            )


def downgrade() -> None:
    for table in ('bundle', 'service_item'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('aliases')
