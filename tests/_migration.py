"""What the migration tests share: an empty database on each backend, and an upgrade to the
revision before the one under test, rows written there, then the upgrade under test. The
previous revision is read from the script, so a test survives re-chaining."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection

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

    def write(conn: Connection) -> None:
        for statement in rows:
            conn.execute(text(statement))

    return upgrade_with(url, revision, write)


def upgrade_with(url: str, revision: str, write: Callable[[Connection], None]) -> Database:
    """As :func:`upgrade_holding`, the rows written by ``write`` at the previous revision."""
    db = Database(url)
    cfg = migrate.alembic_config(db.url)
    previous = ScriptDirectory.from_config(cfg).get_revision(revision).down_revision
    assert isinstance(previous, str)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, previous)
        write(conn)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return db


def upgrade_to(db: Database, revision: str) -> None:
    """Carry on upgrading ``db`` (to ``head``, say)."""
    cfg = migrate.alembic_config(db.url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


_AT = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC)


def _filler(column: sa.Column[Any]) -> object:
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = str
    if kind is bool:
        return False
    if kind is int:
        return 1
    if kind is dt.datetime:
        return _AT
    if kind is dt.date:
        return _AT.date()
    return "x"


def insert_row(conn: Connection, table: str, **values: object) -> None:
    """Insert into ``table`` as it is at the current revision (reflected): ``values``, and a
    plain value for every other required column (1, "x", false, a date), so a test names
    only the columns it checks."""
    reflected = sa.Table(table, sa.MetaData(), autoload_with=conn)
    row = dict(values)
    for column in reflected.columns:
        if column.name in row or column.nullable or column.server_default is not None:
            continue
        if (
            column.primary_key
            and column.autoincrement in (True, "auto")
            and len(reflected.primary_key.columns) == 1
            and kind_is_int(column)
        ):
            continue
        row[column.name] = _filler(column)
    conn.execute(sa.insert(reflected).values(row))


def kind_is_int(column: sa.Column[Any]) -> bool:
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False
