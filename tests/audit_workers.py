"""Helpers of the audit chain tests: entries written on given days, rows tampered with
through plain SQL (as someone with the database's password would), and a writer process."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sqlalchemy import select, text

from hall_app.config import Config
from hall_app.domain import audit_chain
from hall_app.services.context import FakeClock, audit
from hall_app.services.hall import Hall, open_hall
from hall_app.store.models import AuditEntry

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def write_days(hall: Hall, clock: FakeClock, days: list[dt.date], per_day: int) -> None:
    """``per_day`` entries on each of ``days`` (hall time 10:00, a minute apart), as the
    supervisor 3001 at terminal pytest."""
    actor = hall.auth.login("3001", "demo3001")
    for day in days:
        clock.now = dt.datetime.combine(day, dt.time(10, 0), SHANGHAI).astimezone(dt.UTC)
        for i in range(per_day):
            clock.advance(minutes=1)
            with hall.db.write() as s:
                audit(s, hall.ctx, actor, "test_note", "ticket", 100 + i, note=f"第{i}条")


def sql(hall: Hall, statement: str, **params: object) -> None:
    with hall.db.engine.begin() as conn:
        conn.execute(text(statement), params)


def row(hall: Hall, day: dt.date, seq: int) -> audit_chain.Entry:
    t = AuditEntry
    with hall.db.read() as s:
        r = s.execute(
            select(
                t.id,
                t.day,
                t.seq,
                t.at,
                t.staff_id,
                t.terminal,
                t.action,
                t.entity,
                t.entity_id,
                t.detail,
                t.prev_hash,
                t.hash,
            ).where(t.day == day, t.seq == seq)
        ).one()
    return audit_chain.Entry(*r)


def write_entries(args: tuple[str, str, int]) -> int:
    """A terminal process: ``count`` audited writes, each its own transaction, on the real
    clock (PostgreSQL: the server's). The number written."""
    url, terminal, count = args
    hall = open_hall(Config(db_url=url, terminal=terminal), upgrade=False)
    try:
        actor = hall.auth.login("3001", "demo3001")
        for i in range(count):
            with hall.db.write() as s:
                audit(s, hall.ctx, actor, "test_note", "ticket", i, terminal=terminal)
        return count
    finally:
        hall.close()
