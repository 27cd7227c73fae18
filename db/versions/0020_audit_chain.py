"""tamper-evident audit trail: each entry hashed and chained per hall day (issue 16)

``audit_log`` gains ``day`` (the hall-local day whose chain holds the entry), ``seq`` (its
place in that day, from 1), ``prev_hash`` and ``hash`` (SHA-256 over every stored column,
``domain.audit_chain``). ``audit_head`` (one row) is the open day's chain, locked by every
audited write; ``audit_anchor`` holds each closed day's entry count and last hash.

Existing entries are chained here in id order, each into the local day of its time in
Asia/Shanghai (or the hall's ``timezone`` handed in as ``cfg.attributes["timezone"]``), a
day never going back (an entry whose time is before the newest day joins that day, as the
writer does for a lagging terminal clock).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 01:00:00
"""
import datetime as dt
import zoneinfo

from alembic import context, op
import sqlalchemy as sa

import hall_app.store.types
from hall_app.domain import audit_chain


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

_BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table('audit_log') as batch:
        batch.add_column(sa.Column('day', sa.Date(), nullable=True))
        batch.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('prev_hash', sa.String(64), nullable=True))
        batch.add_column(sa.Column('hash', sa.String(64), nullable=True))
    head = op.create_table(
        'audit_head',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('day', sa.Date(), nullable=True),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('last_id', sa.BigInteger(), nullable=True),
        sa.Column('last_hash', sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head')),
    )
    anchor = op.create_table(
        'audit_anchor',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('entries', sa.Integer(), nullable=False),
        sa.Column('last_id', sa.BigInteger(), nullable=True),
        sa.Column('last_hash', sa.String(64), nullable=False),
        sa.Column('closed_at', hall_app.store.types.AwareDateTime(timezone=True),
                  nullable=False),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_audit_anchor')),
    )
    state = _chain_existing(anchor)
    op.bulk_insert(head, [{'id': 1, **state}])
    with op.batch_alter_table('audit_log') as batch:
        # day, seq, prev_hash and hash stay NULL between an entry's commit and its seal
        # (services.audit_log.seal), so no business transaction holds the chain's head
        batch.create_index('ix_audit_chain', ['day', 'seq'], unique=True)
        batch.create_index('ix_audit_unsealed', ['id'], postgresql_where=sa.text('hash IS NULL'),
                           sqlite_where=sa.text('hash IS NULL'))


def _chain_existing(anchor: sa.Table) -> dict:
    tz = zoneinfo.ZoneInfo(context.config.attributes.get('timezone', 'Asia/Shanghai'))
    log = sa.table(
        'audit_log',
        sa.column('id', sa.BigInteger()),
        sa.column('at', hall_app.store.types.AwareDateTime()),
        sa.column('staff_id', sa.Integer()),
        sa.column('terminal', sa.String()),
        sa.column('action', sa.String()),
        sa.column('entity', sa.String()),
        sa.column('entity_id', sa.BigInteger()),
        sa.column('detail', sa.Text()),
        sa.column('day', sa.Date()),
        sa.column('seq', sa.Integer()),
        sa.column('prev_hash', sa.String()),
        sa.column('hash', sa.String()),
    )
    conn = op.get_bind()
    day: dt.date | None = None
    seq = 0
    last_id = None
    prev = audit_chain.GENESIS
    after = None
    while True:
        query = sa.select(log.c.id, log.c.at, log.c.staff_id, log.c.terminal, log.c.action,
                          log.c.entity, log.c.entity_id, log.c.detail).order_by(log.c.id)
        if after is not None:
            query = query.where(log.c.id > after)
        rows = conn.execute(query.limit(_BATCH)).all()
        if not rows:
            break
        updates = []
        for row in rows:
            row_day = audit_chain.chain_day(row.at.astimezone(tz).date(), day)
            if day is not None and row_day != day:
                conn.execute(anchor.insert().values(day=day, entries=seq, last_id=last_id,
                                                    last_hash=prev, closed_at=row.at))
                seq = 0
            day = row_day
            seq += 1
            entry = audit_chain.Entry(row.id, day, seq, row.at, row.staff_id, row.terminal,
                                      row.action, row.entity, row.entity_id,
                                      row.detail or '', prev)
            digest = audit_chain.entry_hash(entry)
            updates.append({'b_id': row.id, 'b_day': day, 'b_seq': seq, 'b_prev': prev,
                            'b_hash': digest, 'b_detail': row.detail or ''})
            prev = digest
            last_id = row.id
        conn.execute(
            log.update().where(log.c.id == sa.bindparam('b_id')).values(
                day=sa.bindparam('b_day'), seq=sa.bindparam('b_seq'),
                prev_hash=sa.bindparam('b_prev'), hash=sa.bindparam('b_hash'),
                detail=sa.bindparam('b_detail')),
            updates,
        )
        after = rows[-1].id
    return {'day': day, 'seq': seq, 'last_id': last_id, 'last_hash': prev}


def downgrade() -> None:
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_index('ix_audit_unsealed')
        batch.drop_index('ix_audit_chain')
        batch.drop_column('hash')
        batch.drop_column('prev_hash')
        batch.drop_column('seq')
        batch.drop_column('day')
    op.drop_table('audit_anchor')
    op.drop_table('audit_head')
