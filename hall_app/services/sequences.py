"""Counters that hand out the next number of a sequence, atomically, never twice.

One upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING) in the caller's transaction: the
row lock serialises concurrent callers on PostgreSQL, BEGIN IMMEDIATE does on SQLite, and a
rolled-back transaction gives its number back (no gaps, no repeats).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def next_value(session: Session, dialect: str, model: Any, **keys: object) -> int:
    return take_block(session, dialect, model, 1, **keys)[1]


def take_block(
    session: Session, dialect: str, model: Any, count: int, **keys: object
) -> tuple[int, int]:
    """Take ``count`` numbers at once from the same counter: (first, last), never handed
    out by :func:`next_value` afterwards, so a terminal can use them without the server."""
    if count < 1:
        raise ValueError("count must be positive")
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(model)
        .values(**keys, value=count)
        .on_conflict_do_update(
            index_elements=[getattr(model, k) for k in keys],
            set_={"value": model.value + count},
        )
        .returning(model.value)
    )
    last = int(session.execute(stmt).scalar_one())
    return last - count + 1, last
