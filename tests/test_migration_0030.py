"""Migration 0030: ``overflow_remedy`` is created empty, tickets already there get no remedy
(``remedy_id`` null, ``remedy_note`` empty) and keep the rest; the downgrade drops both and
keeps the tickets (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from hall_app.store import migrate
from tests._migration import insert_row, upgrade_to, upgrade_with

PREVIOUS = "0029"  # the revision 0030 follows
_AT = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


def _old_rows(conn: Connection) -> None:
    insert_row(conn, "category", id=1, code="B", name="不动产登记", prefix="B", active=True)
    insert_row(conn, "staff", id=3, staff_no="3001", name="刘洋", role="supervisor")
    insert_row(conn, "ticket", id=11, service_date=_AT.date(), number="B007", prefix="B",
               sequence=7, category_id=1, service_category_id=1, state="waiting",
               issued_at=_AT, queued_at=_AT)  # fmt: skip


def test_tickets_keep_their_rows_and_get_no_remedy_and_back(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0030", _old_rows)
    try:
        cfg = migrate.alembic_config(db.url)
        with db.engine.begin() as conn:
            row = conn.execute(
                text("SELECT number, state, remedy_id, remedy_note FROM ticket")
            ).one()
            assert tuple(row) == ("B007", "waiting", None, "")
            assert conn.execute(text("SELECT count(*) FROM overflow_remedy")).scalar() == 0
            insert_row(conn, "overflow_remedy", service_date=_AT.date(), lane="B",
                       kind="booking_first", starts_at=_AT, figures='{"limit_minutes": 60}',
                       reason="午前超限", created_by=3, created_at=_AT)  # fmt: skip
            offered = conn.execute(text("SELECT offered, booked, insisted FROM overflow_remedy"))
            assert tuple(offered.one()) == (0, 0, 0)
            conn.execute(text("UPDATE ticket SET remedy_id = 1, remedy_note = '分流'"))
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, PREVIOUS)
        with db.engine.connect() as conn:
            assert "overflow_remedy" not in inspect(conn).get_table_names()
            columns = conn.execute(text("SELECT * FROM ticket")).keys()
            assert "remedy_id" not in columns and "remedy_note" not in columns
            assert conn.execute(text("SELECT number FROM ticket")).scalar() == "B007"
        upgrade_to(db, "head")
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT remedy_note FROM ticket")).scalar() == ""
    finally:
        db.dispose()
