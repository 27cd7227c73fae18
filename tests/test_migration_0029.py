"""Migration 0029: the rota's tables (``rota_day``, ``rota_shift``, ``rota_minimum``,
``staffing_change``) are created empty beside what is stored, take a day's rota, and the
downgrade drops them and keeps the rest (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from hall_app.store import migrate
from tests._migration import insert_row, upgrade_to, upgrade_with

TABLES = {"rota_day", "rota_shift", "rota_minimum", "staffing_change"}
DAY = dt.date(2026, 12, 7)
AT = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)


def _old_rows(conn: Connection) -> None:
    insert_row(conn, "staff", id=5, staff_no="1033", name="傅强", role="clerk", password_hash="x")


def test_rota_tables_come_and_go_and_the_staff_stay(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0029", _old_rows)
    try:
        with db.engine.begin() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
            for table in TABLES:
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
            insert_row(conn, "rota_day", service_date=DAY, saved_at=AT, saved_by=5)
            insert_row(conn, "rota_shift", service_date=DAY, kind="backoffice", staff_id=5,
                       window_number=None, start_minute=510, end_minute=1020)  # fmt: skip
            insert_row(conn, "rota_minimum", service_date=None, lane="C", count=2)
            insert_row(conn, "staffing_change", at=AT, service_date=DAY, kind="call_in",
                       staff_id=5, window_number=11, from_minute=600, to_minute=1020,
                       figures='{"p95": [41, 28]}', reason="社保排队", by_id=5)  # fmt: skip
            row = conn.execute(
                text("SELECT kind, window_number, from_minute, figures FROM staffing_change")
            ).one()
            assert tuple(row) == ("call_in", 11, 600, '{"p95": [41, 28]}')
            minimum = conn.execute(text("SELECT service_date, lane, count FROM rota_minimum"))
            assert tuple(minimum.one()) == (None, "C", 2)
        cfg = migrate.alembic_config(db.url)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0028")
        with db.engine.connect() as conn:
            assert not TABLES & set(inspect(conn).get_table_names())
            assert conn.execute(text("SELECT name FROM staff WHERE id = 5")).scalar() == "傅强"
        upgrade_to(db, "head")
    finally:
        db.dispose()
