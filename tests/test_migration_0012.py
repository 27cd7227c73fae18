"""Migration 0012 (device_status) upgrades a database holding data, on both backends."""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from hall_app.store import migrate
from hall_app.store.db import Database


def test_0012_keeps_the_data_of_the_revision_before(empty_url: str) -> None:
    db = Database(empty_url)
    cfg = migrate.alembic_config(db.url)
    previous = ScriptDirectory.from_config(cfg).get_revision("0012").down_revision
    assert isinstance(previous, str)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, previous)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO hall_setting (key, value) VALUES ('hall.name', '演示大厅')"))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0012")
    with db.engine.begin() as conn:
        assert (
            conn.execute(text("SELECT value FROM hall_setting WHERE key = 'hall.name'")).scalar()
            == "演示大厅"
        )
        assert "device_status" in inspect(conn).get_table_names()
        conn.execute(
            text(
                "INSERT INTO device_status (terminal, part, device, problem, since) "
                "VALUES ('board-1', 'audio', 'board', '', :at)"
            ),
            {"at": dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)},
        )
    db.dispose()
