"""tickets: transfer source and reason, no-show time (undo), closing time (未办结（闭厅）)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 20:00:00
"""
from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('transfer_from', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('transfer_reason', sa.String(length=200),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('no_show_at',
                                      hall_app.store.types.AwareDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('closed_at',
                                      hall_app.store.types.AwareDateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
        batch_op.drop_column('no_show_at')
        batch_op.drop_column('transfer_reason')
        batch_op.drop_column('transfer_from')
