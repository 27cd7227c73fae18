"""call events: the typed record of each call and recall that the calling board reads (issue 17)

``call_event``: one row per call or recall of a ticket at a window (day, time, ticket, its
number, the window's number, the lane, which call it was, green channel), written by the
calling services in the call's own transaction. Until now the board parsed the audit log's
JSON detail; it reads this table instead.

The calls and recalls already in the audit log are copied here in id order (the board shows
today's calls at once after an upgrade during the day): the ticket gives the day, lane and
green flag; the detail's window and call count are taken where they can be read, else the
ticket's window and the count of the ticket's calls since its last first call. The audit
log is not changed.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02 05:33:03
"""
import json

from alembic import op
import sqlalchemy as sa
import hall_app.store.types


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

_BATCH = 2000


def upgrade() -> None:
    table = op.create_table(
        'call_event',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('at', hall_app.store.types.AwareDateTime(timezone=True), nullable=False),
        sa.Column('ticket_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                  nullable=False),
        sa.Column('number', sa.String(length=8), nullable=False),
        sa.Column('window', sa.Integer(), nullable=False),
        sa.Column('lane_id', sa.Integer(), nullable=False),
        sa.Column('call_count', sa.Integer(), nullable=False),
        sa.Column('green', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['lane_id'], ['category.id'],
                                name=op.f('fk_call_event_lane_id_category')),
        sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'],
                                name=op.f('fk_call_event_ticket_id_ticket')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_call_event')),
    )
    _copy_from_audit(table)
    with op.batch_alter_table('call_event', schema=None) as batch_op:
        batch_op.create_index('ix_call_event_day', ['day', 'id'], unique=False)


def _copy_from_audit(table: sa.Table) -> None:
    log = sa.table(
        'audit_log',
        sa.column('id', sa.BigInteger()),
        sa.column('at', hall_app.store.types.AwareDateTime()),
        sa.column('action', sa.String()),
        sa.column('entity', sa.String()),
        sa.column('entity_id', sa.BigInteger()),
        sa.column('detail', sa.Text()),
    )
    ticket = sa.table(
        'ticket',
        sa.column('id', sa.BigInteger()),
        sa.column('service_date', sa.Date()),
        sa.column('number', sa.String()),
        sa.column('category_id', sa.Integer()),
        sa.column('priority', sa.SmallInteger()),
        sa.column('window_id', sa.Integer()),
    )
    window = sa.table('window', sa.column('id', sa.Integer()), sa.column('number', sa.Integer()))
    conn = op.get_bind()
    numbers = dict(conn.execute(sa.select(window.c.id, window.c.number)).all())
    query = (
        sa.select(
            log.c.id, log.c.at, log.c.action, log.c.detail, ticket.c.id, ticket.c.service_date,
            ticket.c.number, ticket.c.category_id, ticket.c.priority, ticket.c.window_id,
        )
        .join(ticket, ticket.c.id == log.c.entity_id)
        .where(log.c.entity == 'ticket', log.c.action.in_(['call', 'recall']))
        .order_by(log.c.id)
    )
    calls: dict[int, int] = {}  # ticket id -> calls so far (when a recall's detail does not say)
    last = 0
    while True:
        rows = conn.execute(query.where(log.c.id > last).limit(_BATCH)).all()
        if not rows:
            return
        batch = []
        for audit_id, at, action, detail, ticket_id, day, number, lane, priority, window_id in rows:
            last = audit_id
            data = _detail(detail)
            if action == 'call':  # a call is the first (a requeued ticket starts again)
                count = 1
            else:
                count = _int(data.get('calls')) or calls.get(ticket_id, 0) + 1
            calls[ticket_id] = count
            where = _int(data.get('window')) or numbers.get(window_id)
            if where is None:
                continue  # neither the entry nor the ticket says which window: not shown
            batch.append({
                'day': day, 'at': at, 'ticket_id': ticket_id,
                'number': str(data.get('number') or number)[:8], 'window': where,
                'lane_id': lane, 'call_count': count, 'green': priority == 0,
            })
        if batch:
            op.bulk_insert(table, batch)


def _detail(text: str | None) -> dict:
    try:
        data = json.loads(text or '{}')
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _int(value: object) -> int | None:
    try:
        number = int(value)  # type: ignore[call-overload]  # anything from old JSON
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def downgrade() -> None:
    with op.batch_alter_table('call_event', schema=None) as batch_op:
        batch_op.drop_index('ix_call_event_day')
    op.drop_table('call_event')
