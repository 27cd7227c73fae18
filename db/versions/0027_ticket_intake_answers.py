"""a ticket carries the guided intake's answers (issue 18 §3)

``ticket.intake_answers``: the situation answers reception took down (业务情形, the encoded
form of ``domain/intake.py``), ``''`` for tickets without them, which is every ticket already
there. The clerk's material check starts from them.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-02 13:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (SQLite supports it): a batch copy of ``ticket`` would have to drop
    # the table that ratings, transfers and call events reference
    op.add_column(
        'ticket', sa.Column('intake_answers', sa.Text(), nullable=False, server_default='')
    )


def downgrade() -> None:
    op.drop_column('ticket', 'intake_answers')  # SQLite 3.35+ drops a column in place
