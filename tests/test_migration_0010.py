"""Migration 0010 (ticket transfer source and reason, no-show time, closing time) upgrades a
database holding tickets from its previous revision without losing them, on both backends."""

from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from hall_app.store import migrate
from hall_app.store.db import Database


def test_tickets_survive_the_upgrade_to_0010(empty_url: str) -> None:
    db = Database(empty_url)
    cfg = migrate.alembic_config(db.url)
    previous = ScriptDirectory.from_config(cfg).get_revision("0010").down_revision
    assert isinstance(previous, str)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, previous)
        conn.execute(
            text(
                "INSERT INTO category (id, code, name, prefix, green_channel, avg_service_minutes, "
                "description, active, search_key) VALUES (1, 'A', '综合受理', 'A', false, 10, '', true, '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO ticket (id, service_date, number, prefix, sequence, category_id, "
                "service_category_id, priority, green_note, state, issued_at, queued_at, call_count, "
                "requeue_count, transfer_count, terminal, citizen_name) VALUES (1, '2026-11-25', "
                "'A001', 'A', 1, 1, 1, 2, '', 'no_show', '2026-11-25 09:00:00+08:00', "
                "'2026-11-25 09:00:00+08:00', 2, 0, 1, 't', '')"
            )
        )
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0010")
    with db.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT number, state, call_count, transfer_count, transfer_from, transfer_reason, "
                "no_show_at, closed_at FROM ticket"
            )
        ).one()
    assert tuple(row) == ("A001", "no_show", 2, 1, None, "", None, None)
    db.dispose()
