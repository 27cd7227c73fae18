"""overflow remedies (issue 19 §5)

``overflow_remedy``: a remedy a supervisor applied to a lane (booking_first,
bundle_to_general, call_staff) from a cut-off time, with the figures that justified it (JSON),
who applied and lifted it, and how reception's booking offers ended (offered / booked /
insisted). ``ticket.remedy_id`` and ``ticket.remedy_note``: the remedy that shaped a ticket
(moved to 综合受理, or issued after a declined booking offer) and the line it prints; no
foreign key, so the plain ADD COLUMN works on SQLite; empty for every ticket already there.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-02 18:30:00
"""
from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'overflow_remedy',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('service_date', sa.Date(), nullable=False),
        sa.Column('lane', sa.String(length=8), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('starts_at', hall_app.store.types.AwareDateTime(), nullable=False),
        sa.Column('ends_at', hall_app.store.types.AwareDateTime(), nullable=True),
        sa.Column('figures', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', hall_app.store.types.AwareDateTime(), nullable=False),
        sa.Column('lifted_at', hall_app.store.types.AwareDateTime(), nullable=True),
        sa.Column('lifted_by', sa.Integer(), nullable=True),
        sa.Column('offered', sa.Integer(), server_default='0', nullable=False),
        sa.Column('booked', sa.Integer(), server_default='0', nullable=False),
        sa.Column('insisted', sa.Integer(), server_default='0', nullable=False),
        sa.ForeignKeyConstraint(
            ['created_by'], ['staff.id'], name=op.f('fk_overflow_remedy_created_by_staff')
        ),
        sa.ForeignKeyConstraint(
            ['lifted_by'], ['staff.id'], name=op.f('fk_overflow_remedy_lifted_by_staff')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_overflow_remedy')),
    )
    op.create_index(
        'ix_overflow_remedy_day_lane', 'overflow_remedy', ['service_date', 'lane'], unique=False
    )
    # plain ADD COLUMNs: a batch copy of ``ticket`` would have to drop the table that
    # appointments, cases and call events reference
    op.add_column('ticket', sa.Column('remedy_id', sa.Integer(), nullable=True))
    op.add_column(
        'ticket',
        sa.Column('remedy_note', sa.String(length=200), server_default='', nullable=False),
    )


def downgrade() -> None:
    op.drop_column('ticket', 'remedy_note')  # SQLite 3.35+ drops a column in place
    op.drop_column('ticket', 'remedy_id')
    op.drop_index('ix_overflow_remedy_day_lane', table_name='overflow_remedy')
    op.drop_table('overflow_remedy')
