"""Engines and transactions for SQLite (embedded default) and PostgreSQL (shared server).

SQLite: WAL, ``synchronous=NORMAL``, a 5 s busy timeout, foreign keys on. pysqlite's own
transaction handling is switched off and writes begin with ``BEGIN IMMEDIATE``, so a
read-then-update inside one :meth:`Database.write` block is atomic across processes.
PostgreSQL: READ COMMITTED with row locks (``FOR UPDATE SKIP LOCKED``) where it matters.

Every database failure leaves as a :class:`KnownError` through :func:`known_error`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from hall_app.domain.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseUnavailable,
    KnownError,
)
from hall_app.store.sqlite_writer import begin_immediate

log = logging.getLogger("hall_app.store")

BUSY_TIMEOUT_MS = 5000


def known_error(error: BaseException) -> KnownError:
    """Map a database driver failure to a known error with a Chinese message."""
    text = str(getattr(error, "orig", error)).lower()
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLocked("数据库正忙（被其他终端锁定），请稍后重试；如持续出现请联系管理员")
    if "malformed" in text or "not a database" in text or "disk image" in text:
        return DatabaseCorrupt("数据库文件已损坏或不是本系统的数据库，请联系管理员从备份恢复")
    if "unable to open database" in text or "readonly" in text or "read-only" in text:
        return DatabaseUnavailable("无法打开数据库文件：请检查文件夹是否存在、是否有写入权限")
    if "disk" in text and "full" in text:
        return DatabaseError("磁盘已满，数据未能保存，请清理磁盘后重试")
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return DatabaseUnavailable("与数据库服务器的连接已断开，本次操作未完成，请检查网络后重试")
    if isinstance(error, exc.OperationalError | exc.InterfaceError) or any(
        s in text
        for s in ("connection refused", "could not connect", "server closed", "connection")
    ):
        return DatabaseUnavailable("无法连接数据库服务器，本次操作未完成，请检查网络或联系管理员")
    return DatabaseError(f"数据库操作失败：{str(getattr(error, 'orig', error))[:200]}")


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we send BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("hall_write", False):
            # fair among processes: see sqlite_writer (SQLite's busy handler starves waiters)
            try:
                begin_immediate(conn.connection.driver_connection, BUSY_TIMEOUT_MS / 1000,
                                BUSY_TIMEOUT_MS)
            except sqlite3.OperationalError as error:
                raise exc.OperationalError("BEGIN IMMEDIATE", None, error) from error
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """One engine per process; sessions are opened per unit of work, never shared."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        kwargs: dict[str, Any] = {"echo": echo}
        if self.dialect == "sqlite":
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        elif self.dialect == "postgresql":
            kwargs.update(
                pool_pre_ping=True,
                pool_size=2,
                max_overflow=4,
                # a server that vanishes (power, cable) must not hang a terminal: connect
                # within 3 s, and let the kernel give up on a silent peer within ~3 s
                connect_args={"connect_timeout": 3, "application_name": "hall_app",
                              "keepalives": 1, "keepalives_idle": 2, "keepalives_interval": 1,
                              "keepalives_count": 2, "tcp_user_timeout": 3000},
            )
        self.engine = create_engine(url, **kwargs)
        if self.dialect == "sqlite":
            _sqlite_setup(self.engine)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(hall_write=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def describe(self) -> str:
        """Where the data lives, without a password: for the status bar."""
        parsed = make_url(self.url)
        if self.is_sqlite:
            return f"SQLite 本地库 {parsed.database}"
        return f"PostgreSQL {parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction; committed at the end, rolled back on any error."""
        with self._session(self._write) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._session(self._read) as session:
            yield session

    @contextmanager
    def _session(self, factory: sessionmaker[Session]) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            session.commit()
        except exc.DBAPIError as error:
            _safe_rollback(session)
            raise known_error(error) from error
        except BaseException:
            _safe_rollback(session)
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _safe_rollback(session: Session) -> None:
    try:
        session.rollback()
    except exc.DBAPIError:  # the connection may be gone; nothing was committed
        log.warning("rollback failed; connection discarded")
