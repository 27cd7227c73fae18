"""Alembic builds the schema: an empty database upgraded to head matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hall_app.services.hall import Hall
from hall_app.store import migrate
from hall_app.store.db import Database
from hall_app.store.models import Base


def test_upgraded_database_matches_the_models(hall: Hall) -> None:
    assert migrate.current_revision(hall.db) == migrate.head_revision()
    with hall.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_with_busy_timeout_and_foreign_keys(tmp_path) -> None:
    path = tmp_path / "hall.sqlite3"
    db = Database(f"sqlite:///{path}")
    assert migrate.upgrade(db) is True
    assert migrate.upgrade(db) is False
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    db.dispose()


def test_an_older_sqlite_file_is_backed_up_before_the_upgrade(tmp_path) -> None:
    from alembic import command

    path = tmp_path / "hall.sqlite3"
    db = Database(f"sqlite:///{path}")
    cfg = migrate.alembic_config(db.url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    assert migrate.current_revision(db) == "0006"
    assert migrate.upgrade(db) is True
    # through the online backup API, into backups/, named apart from any side file
    (made,) = (tmp_path / "backups").iterdir()
    assert made.name.startswith("hall-") and made.name.endswith("-0006.sqlite3backup")
    assert not list(tmp_path.glob("hall.sqlite3.bak-*"))
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()
