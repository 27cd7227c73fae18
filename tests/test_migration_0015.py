"""Migration 0015 (no hot row) upgrades a database holding data from its previous revision, on
both backends: ``change_marker`` is gone, every other row survives; the downgrade brings the
table back with its one row."""

from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from hall_app.store import migrate
from tests._migration import upgrade_holding

_ROWS = (
    "UPDATE change_marker SET seq = 4711 WHERE id = 1",
    "INSERT INTO staff (id, staff_no, name, role, password_hash, phone, active, failed_logins) "
    "VALUES (1, '1001', '王敏', 'clerk', 'x', '', true, 0)",
    "INSERT INTO hall_setting (key, value) VALUES ('hall.name', '某县政务服务中心')",
)


def test_the_change_marker_goes_and_the_data_stays(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0015", _ROWS)
    try:
        assert "change_marker" not in inspect(db.engine).get_table_names()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT staff_no, name FROM staff")).all() == [
                ("1001", "王敏")
            ]
            assert (
                conn.execute(
                    text("SELECT value FROM hall_setting WHERE key = 'hall.name'")
                ).scalar()
                == "某县政务服务中心"
            )
        cfg = migrate.alembic_config(db.url)
        previous = ScriptDirectory.from_config(cfg).get_revision("0015").down_revision
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, str(previous))
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT id, seq FROM change_marker")).all() == [(1, 0)]
            assert conn.execute(text("SELECT count(*) FROM staff")).scalar() == 1
    finally:
        db.dispose()
