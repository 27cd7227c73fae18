"""The audit trail's one writer: each entry hashed and chained into its hall-local day
(``domain.audit_chain``). The chain's head row is locked for the rest of the transaction
(``FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` writer lock already serialises
writers), so entries of concurrent terminals chain one after another, in commit order."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sqlalchemy import Connection, insert, select, update

from hall_app.domain import audit_chain
from hall_app.store.models import AuditAnchor, AuditEntry, AuditHead

_LOG = AuditEntry.__table__
_HEAD = AuditHead.__table__
_ANCHOR = AuditAnchor.__table__
_INSERT = insert(_LOG)
_HEAD_FOR_UPDATE = (
    select(_HEAD.c.day, _HEAD.c.seq, _HEAD.c.last_hash).where(_HEAD.c.id == 1).with_for_update()
)


class ChainMissing(RuntimeError):
    """The audit chain's head row is gone: the database was not made by the migrations, or
    the row was deleted (``hall-app audit verify`` tells which)."""


def append(
    conn: Connection,
    tz: zoneinfo.ZoneInfo,
    *,
    at: dt.datetime,
    staff_id: int | None,
    terminal: str,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: str,
) -> int:
    """Write one chained entry in ``conn``'s transaction; its id."""
    head = conn.execute(_HEAD_FOR_UPDATE).one_or_none()
    if head is None:
        raise ChainMissing("audit_head row 1 is missing")
    day = audit_chain.chain_day(at.astimezone(tz).date(), head.day)
    seq = head.seq + 1
    if head.day is not None and day != head.day:
        # the open day closes: its count and last hash become its anchor
        conn.execute(
            insert(_ANCHOR).values(
                day=head.day,
                entries=head.seq,
                last_id=select(_HEAD.c.last_id).where(_HEAD.c.id == 1).scalar_subquery(),
                last_hash=head.last_hash,
                closed_at=at,
            )
        )
        seq = 1
    values = {
        "at": at,
        "staff_id": staff_id,
        "terminal": terminal,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "detail": detail,
        "day": day,
        "seq": seq,
        "prev_hash": head.last_hash,
    }
    # the id is one of the hashed columns: written first, sealed once known
    entry_id = conn.execute(_INSERT, {**values, "hash": ""}).inserted_primary_key[0]
    digest = audit_chain.entry_hash(audit_chain.Entry(id=entry_id, **values))
    conn.execute(update(_LOG).where(_LOG.c.id == entry_id).values(hash=digest))
    conn.execute(
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(day=day, seq=seq, last_id=entry_id, last_hash=digest)
    )
    return int(entry_id)
