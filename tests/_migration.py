"""What the migration tests share: an empty database on each backend, and an upgrade to the
revision before the one under test, rows written there, then the upgrade under test. The
previous revision is read from the script, so a test survives re-chaining."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from hall_app.store import migrate
from hall_app.store.db import Database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server")
    name = f"mig_{uuid.uuid4().hex[:8]}"
    server.exec(f'CREATE DATABASE "{name}"')
    yield server.url_for(name)
    server.drop(name)


def upgrade_holding(url: str, revision: str, rows: Iterable[str]) -> Database:
    """A database at ``revision``'s previous revision holding ``rows`` (SQL inserts), then
    upgraded to ``revision``. The caller disposes of the returned database."""
    db = Database(url)
    cfg = migrate.alembic_config(db.url)
    previous = ScriptDirectory.from_config(cfg).get_revision(revision).down_revision
    assert isinstance(previous, str)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, previous)
        for statement in rows:
            conn.execute(text(statement))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return db
