"""terminal sessions: who holds a window since when, and each terminal's last poll

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 19:50:00
"""
from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'terminal_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('terminal', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('window_number', sa.Integer(), nullable=True),
        sa.Column('started_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column('ended_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=True),
        sa.Column('end_reason', sa.String(length=12), nullable=False),
        sa.Column('ended_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['ended_by'], ['staff.id'],
                                name=op.f('fk_terminal_session_ended_by_staff')),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id'],
                                name=op.f('fk_terminal_session_staff_id_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_terminal_session')),
    )
    with op.batch_alter_table('terminal_session', schema=None) as batch_op:
        batch_op.create_index('ix_terminal_session_open', ['ended_at', 'window_number'],
                              unique=False)
    with op.batch_alter_table('window', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('window', schema=None) as batch_op:
        batch_op.drop_column('session_id')
    with op.batch_alter_table('terminal_session', schema=None) as batch_op:
        batch_op.drop_index('ix_terminal_session_open')
    op.drop_table('terminal_session')
