"""Migration 0028: items get ``chuanyu_tongban`` (川渝通办), false for every item already
there, the rest of the item unchanged; the downgrade drops it and keeps the items (SQLite and
PostgreSQL)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection

from hall_app.store import migrate
from tests._migration import insert_row, upgrade_to, upgrade_with


def _old_rows(conn: Connection) -> None:
    insert_row(conn, "category", id=1, code="D", name="公安户政", prefix="D", active=True)
    insert_row(conn, "service_item", id=7, code="11500231MB1509842M5000105002000",
               basic_code="000105002000", name="出生登记", category_id=1, active=True)  # fmt: skip


def test_existing_items_are_not_flagged_and_keep_the_rest(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0028", _old_rows)
    try:
        with db.engine.connect() as conn:
            row = conn.execute(
                text("SELECT basic_code, name, active, chuanyu_tongban FROM service_item")
            ).one()
            assert tuple(row) == ("000105002000", "出生登记", True, False)
        cfg = migrate.alembic_config(db.url)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0027")
        with db.engine.connect() as conn:
            columns = conn.execute(text("SELECT * FROM service_item")).keys()
            assert "chuanyu_tongban" not in columns and "name" in columns
            assert conn.execute(text("SELECT name FROM service_item")).scalar() == "出生登记"
        upgrade_to(db, "head")
    finally:
        db.dispose()
