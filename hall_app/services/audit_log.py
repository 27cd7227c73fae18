"""The audit trail's one writer: each entry hashed and chained into its hall-local day
(``domain.audit_chain``).

An entry is written in its unit of work's transaction (``defer``: just before the commit,
after the unit's own statements). On PostgreSQL it is *sealed* (chained: day, seq, prev_hash,
hash) right after that commit, by a short transaction of its own (``seal``) that locks the
chain's head row ``FOR UPDATE`` and chains every committed entry not sealed yet, oldest id
first. So no business transaction ever holds the head: a terminal frozen before its COMMIT
stalls no other window (the hot-row rule of issue 14), and two transactions cannot deadlock
over it. An entry whose process died between its commit and its seal is sealed by the next
write of any terminal; the cost: a row written around the app with no hash is sealed like the
app's own (docs/audit.md). On SQLite, where one writer holds the whole file anyway
(``BEGIN IMMEDIATE``), entries are sealed in their own transaction, just before its commit."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from typing import Any, cast

from sqlalchemy import Connection, Table, event, insert, select, update
from sqlalchemy.orm import Session

from hall_app.domain import audit_chain
from hall_app.store.db import AFTER_COMMIT, BEFORE_COMMIT, Database
from hall_app.store.models import AuditAnchor, AuditEntry, AuditHead

# the declarative ``__table__`` is typed as any FromClause; these are plain tables
_LOG = cast(Table, AuditEntry.__table__)
_HEAD = cast(Table, AuditHead.__table__)
_ANCHOR = cast(Table, AuditAnchor.__table__)
_INSERT = insert(_LOG)
_HEAD_FOR_UPDATE = (
    select(_HEAD.c.day, _HEAD.c.seq, _HEAD.c.last_hash).where(_HEAD.c.id == 1).with_for_update()
)


_PENDING = "audit_pending"


def defer(session: Session, tz: zoneinfo.ZoneInfo, **values: Any) -> None:
    """Write an entry (``append``'s keywords) just before ``session`` commits; seal it after."""
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = []
        if session.get_bind().dialect.name == "sqlite":
            # one writer at a time holds the whole file already: sealed in the same
            # transaction, which saves a second commit (and its fsync)
            session.info.setdefault(BEFORE_COMMIT, []).append(write_and_seal)
        else:
            session.info.setdefault(BEFORE_COMMIT, []).append(write_pending)
            session.info.setdefault(AFTER_COMMIT, []).append(functools.partial(seal_after, tz))
    pending.append((tz, values))


def write_and_seal(session: Session) -> None:
    """Insert and seal the entries deferred in ``session`` in its own transaction."""
    pending = session.info.get(_PENDING)
    if pending:
        tz = pending[0][0]
        write_pending(session)
        seal(session.connection(), tz)


def write_pending(session: Session) -> None:
    """Insert the entries deferred in ``session``, in the order they were made, unsealed."""
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    conn = session.connection()
    for _tz, values in pending:
        conn.execute(_INSERT, {**values, "day": None, "seq": None, "prev_hash": None, "hash": None})


def seal_after(tz: zoneinfo.ZoneInfo, db: Database) -> None:
    """After a commit: seal what it wrote (and anything an earlier commit left unsealed)."""
    with db.write() as s:
        seal(s.connection(), tz)


@event.listens_for(Session, "before_commit")
def _commit_of_another_session(session: Session) -> None:
    # a session not made by Database.write() (which writes and seals through its hooks): its
    # entries are written and sealed in its own transaction
    write_and_seal(session)


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
    inserted = conn.execute(_INSERT, {**values, "hash": ""}).inserted_primary_key
    assert inserted is not None  # an INSERT of one row
    entry_id = inserted[0]
    digest = audit_chain.entry_hash(audit_chain.Entry(id=entry_id, **values))
    conn.execute(update(_LOG).where(_LOG.c.id == entry_id).values(hash=digest))
    conn.execute(
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(day=day, seq=seq, last_id=entry_id, last_hash=digest)
    )
    return int(entry_id)


_UNSEALED = (
    select(
        _LOG.c.id,
        _LOG.c.at,
        _LOG.c.staff_id,
        _LOG.c.terminal,
        _LOG.c.action,
        _LOG.c.entity,
        _LOG.c.entity_id,
        _LOG.c.detail,
    )
    .where(_LOG.c.hash.is_(None))
    .order_by(_LOG.c.id)
)


def seal(conn: Connection, tz: zoneinfo.ZoneInfo) -> int:
    """Chain every committed entry not sealed yet, oldest id first, in ``conn``'s transaction
    (which locks the head until it commits); how many were sealed."""
    head = conn.execute(_HEAD_FOR_UPDATE).one_or_none()
    if head is None:
        raise ChainMissing("audit_head row 1 is missing")
    rows = conn.execute(_UNSEALED).all()
    if not rows:
        return 0
    day, seq = head.day, head.seq
    last_id = conn.execute(select(_HEAD.c.last_id).where(_HEAD.c.id == 1)).scalar()
    last_hash = head.last_hash
    for row in rows:
        entry_day = audit_chain.chain_day(row.at.astimezone(tz).date(), day)
        if day is not None and entry_day != day:
            # the open day closes: its count and last hash become its anchor
            conn.execute(
                insert(_ANCHOR).values(
                    day=day, entries=seq, last_id=last_id, last_hash=last_hash, closed_at=row.at
                )
            )
            seq = 0
        day, seq = entry_day, seq + 1
        entry = audit_chain.Entry(
            id=row.id,
            day=day,
            seq=seq,
            at=row.at,
            staff_id=row.staff_id,
            terminal=row.terminal,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            detail=row.detail,
            prev_hash=last_hash,
        )
        digest = audit_chain.entry_hash(entry)
        conn.execute(
            update(_LOG)
            .where(_LOG.c.id == row.id)
            .values(day=day, seq=seq, prev_hash=last_hash, hash=digest)
        )
        last_id, last_hash = row.id, digest
    conn.execute(
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(day=day, seq=seq, last_id=last_id, last_hash=last_hash)
    )
    return len(rows)
