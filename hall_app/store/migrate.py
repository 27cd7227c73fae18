"""Schema upgrades through Alembic, the only way the schema is made.

A SQLite file is backed up (online backup API, WAL included, to ``backups/``) before an
upgrade changes it.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import exc
from sqlalchemy.engine import make_url

from hall_app import paths
from hall_app.store import backup
from hall_app.store.db import Database, known_error

log = logging.getLogger("hall_app.store")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest revision of the migration scripts (read again only when they change)."""
    versions = paths.migrations_dir() / "versions"
    listing = tuple(sorted((e.name, e.stat().st_mtime_ns) for e in os.scandir(versions)))
    return _head_revision(str(versions.parent), listing)


@functools.lru_cache(maxsize=4)
def _head_revision(_location: str, _listing: tuple[tuple[str, int], ...]) -> str:
    # loading the scripts compiles each of them: ~50 ms, and every open_hall() asks
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    try:
        with db.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except exc.DBAPIError as error:
        raise known_error(error, db.path) from error


def upgrade(db: Database) -> bool:
    """Bring the database to the newest schema; True if anything changed."""
    head = head_revision()
    current = current_revision(db)
    if current == head:
        return False
    if db.is_sqlite and current is not None:
        _backup_sqlite(db, current)
    log.info("upgrading schema from %s to %s", current, head)
    cfg = alembic_config(db.url)
    try:
        with db.engine.begin() as conn:
            if not db.is_sqlite:  # a long data migration is not a stuck statement
                conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except exc.DBAPIError as error:
        raise known_error(error, db.path) from error
    return True


def _backup_sqlite(db: Database, revision: str) -> None:
    database = make_url(db.url).database
    if not database or database == ":memory:":
        return
    source = Path(database)
    if source.exists():
        target = backup.backup_sqlite(source, revision)
        log.info("database backed up to %s before upgrading", target)
