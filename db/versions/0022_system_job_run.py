"""system job runs: one row per automatic job and slot, claimed by one terminal (issue 17)

``system_job_run``: the no-show sweep runs from every terminal's timer and from
``hall-app appointments sweep``; the terminal that inserts the slot's row runs it, the others
leave it. Nothing existing changes.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02 06:00:00
"""
from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('system_job_run',
    sa.Column('job', sa.String(length=32), nullable=False),
    sa.Column('slot', sa.String(length=16), nullable=False),
    sa.Column('terminal', sa.String(length=64), nullable=False),
    sa.Column('claimed_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('job', 'slot', name=op.f('pk_system_job_run'))
    )


def downgrade() -> None:
    op.drop_table('system_job_run')
