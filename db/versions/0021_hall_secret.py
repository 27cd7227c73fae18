"""hall secrets: each terminal's offline-journal MAC key (issue 16)

``hall_secret``: a secret per purpose and owner, named by its fingerprint. A terminal
registers the key it signs its offline journal with when it prepares for offline; reconcile
verifies every journal record with it (forged, replayed, cross-terminal and missing records
are refused). Nothing existing changes.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 01:00:00
"""
from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hall_secret',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('owner', sa.String(length=64), nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.Column('created_at', hall_app.store.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name=op.f('fk_hall_secret_created_by_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hall_secret')),
    sa.UniqueConstraint('purpose', 'owner', 'fingerprint', name=op.f('uq_hall_secret_purpose'))
    )


def downgrade() -> None:
    op.drop_table('hall_secret')
