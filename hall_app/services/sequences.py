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
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(model)
        .values(**keys, value=1)
        .on_conflict_do_update(
            index_elements=[getattr(model, k) for k in keys],
            set_={"value": model.value + 1},
        )
        .returning(model.value)
    )
    return int(session.execute(stmt).scalar_one())
