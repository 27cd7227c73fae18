"""The audit trail's chain state (issue 16): the head of the open day's chain, locked by
every audited write, and the anchor of each closed day (re-exported by ``store.models``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base
from hall_app.store.types import AwareDateTime


class AuditHead(Base):
    """One row (id 1): the open day's chain, its entry count and last hash. Every audited
    write locks it (``FOR UPDATE`` on PostgreSQL), so entries chain one after another."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[dt.date | None] = mapped_column(Date)  # None: no entry yet
    seq: Mapped[int] = mapped_column(Integer, default=0)
    last_id: Mapped[int | None] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


class AuditAnchor(Base):
    """A closed day's chain: how many entries and the last one's hash (the next day's first
    entry links to it), so a deleted whole day or a cut-off end of day is noticed."""

    __tablename__ = "audit_anchor"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    entries: Mapped[int] = mapped_column(Integer)
    last_id: Mapped[int | None] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
