"""conflict payload and offline reserve: conflicts settled for real, ranges shown (issue 15)

``fallback_record.payload``: the journal record as the terminal wrote it (JSON), kept for
records that conflicted, so a supervisor who settles the conflict with the offline outcome
can apply it (the offline finish with its time and window). Rows from before keep NULL:
their offline outcome cannot be applied, only the online one or a manual state.

``offline_reserve``: what each terminal last reported holding of its offline number blocks
(kind → numbers left for the day), written when it tops its blocks up, read by the
supervisor console.

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-01 05:00:00
"""
from alembic import op
import sqlalchemy as sa

import hall_app.store.types


revision = '0019'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('fallback_record') as batch:
        batch.add_column(sa.Column('payload', sa.Text(), nullable=True))
    op.create_table(
        'offline_reserve',
        sa.Column('terminal', sa.String(64), primary_key=True),
        sa.Column('kind', sa.String(4), primary_key=True),
        sa.Column('service_date', sa.Date(), nullable=False),
        sa.Column('remaining', sa.Integer(), nullable=False),
        sa.Column('block_size', sa.Integer(), nullable=False),
        sa.Column('reported_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('offline_reserve')
    with op.batch_alter_table('fallback_record') as batch:
        batch.drop_column('payload')
