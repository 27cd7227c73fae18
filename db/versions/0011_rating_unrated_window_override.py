"""rating level nullable (未评价), window change override reason

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 20:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 未评价: the citizen declined to rate; the service is still recorded, without a level
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.alter_column('level', existing_type=sa.SmallInteger(), nullable=True)
    # a supervisor's written reason for a change the coverage rules refused (who: staff_id)
    with op.batch_alter_table('window_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('override_reason', sa.Text(), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('window_change', schema=None) as batch_op:
        batch_op.drop_column('override_reason')
    # an unrated service never opens a follow-up: its rows can go
    op.execute("DELETE FROM rating WHERE level IS NULL")
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.alter_column('level', existing_type=sa.SmallInteger(), nullable=False)
