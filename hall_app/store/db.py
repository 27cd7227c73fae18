"""Engines and transactions for SQLite (embedded default) and PostgreSQL (shared server).

SQLite: WAL, ``synchronous=FULL`` (a commit is on disk before it returns, so a ticket whose
slip was printed survives a power cut; cost measured by ``benchmarks/sqlite_sync.py``), a 5 s
busy timeout, foreign keys on. pysqlite's own
transaction handling is switched off and writes begin with ``BEGIN IMMEDIATE``, so a
read-then-update inside one :meth:`Database.write` block is atomic across processes.
PostgreSQL: READ COMMITTED with row locks (``FOR UPDATE SKIP LOCKED``) where it matters. Every
session bounds its waits (:class:`SessionLimits`: ``lock_timeout``, ``statement_timeout``,
``idle_in_transaction_session_timeout``, set at connect) and TCP keepalives drop a dead peer, so
one frozen terminal can neither stop the others nor keep its locks for long.
A URL may list a primary and its standby (``store/standby.py``): connections go to whichever
is the primary now; a lost connection empties the pool (SQLAlchemy's disconnect handling plus
``pool_pre_ping``) and a write refused as read-only (SQLSTATE 25006, a standby) disposes it,
so the next unit of work connects afresh and reaches the new primary without a restart.

Every database failure leaves as a :class:`KnownError` through :func:`known_error`
(``db_errors``): a Chinese message for the user, the driver's text in the log.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from hall_app.domain.errors import DatabaseUnavailable
from hall_app.store.db_errors import known_error, two_primaries
from hall_app.store.sqlite_writer import begin_immediate
from hall_app.store.standby import Sentinel, hosts_of, is_multi_host, normalize_url
from hall_app.store.sync_commit import CommitGuard

if TYPE_CHECKING:
    from hall_app.config import Config

__all__ = ["BUSY_TIMEOUT_MS", "Database", "SessionLimits", "database_for", "known_error"]

log = logging.getLogger("hall_app.store")

BUSY_TIMEOUT_MS = 5000
#: "cannot execute … in a read-only transaction": the session is on a standby
READ_ONLY_SQLSTATE = "25006"
#: FULL: each commit syncs the WAL. NORMAL would let a power cut roll back committed tickets
#: whose numbers were already printed, and hand those numbers out again.
SQLITE_SYNCHRONOUS = "FULL"

# a server that vanishes (power, cable) must not hang a terminal: let the kernel give up on a
# silent peer within ~3 s (the server side is docs/postgresql.md's tcp_keepalives_*)
PG_KEEPALIVES: dict[str, Any] = {
    "keepalives": 1,
    "keepalives_idle": 2,
    "keepalives_interval": 1,
    "keepalives_count": 2,
    "tcp_user_timeout": 3000,
}


@dataclass(frozen=True)
class SessionLimits:
    """How long a PostgreSQL session may wait (seconds); config file ``[database]``."""

    lock_timeout: float = 3.0
    statement_timeout: float = 15.0
    idle_in_transaction_timeout: float = 30.0

    def pg_options(self) -> str:
        return " ".join(
            f"-c {name}={round(seconds * 1000)}"
            for name, seconds in (
                ("lock_timeout", self.lock_timeout),
                ("statement_timeout", self.statement_timeout),
                ("idle_in_transaction_session_timeout", self.idle_in_transaction_timeout),
            )
        )

    @classmethod
    def of(cls, config: Config) -> SessionLimits:
        """The limits of the config file's ``[database]`` section."""
        return cls(
            config.lock_timeout, config.statement_timeout, config.idle_in_transaction_timeout
        )


def database_for(config: Config, *, echo: bool = False) -> Database:
    """The configured database, with the configured session limits: what every command and
    the app open (a bare ``Database(url)`` would run with the defaults)."""
    return Database(config.db_url, echo=echo, limits=SessionLimits.of(config))


def _sqlite_setup(engine: Engine, path: Path | None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we send BEGIN ourselves
        try:
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()
        except sqlite3.Error as error:  # raised here, SQLAlchemy would not wrap it
            raise known_error(error, path) from error

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("hall_write", False):
            # fair among processes: see sqlite_writer (SQLite's busy handler starves waiters)
            try:
                begin_immediate(
                    conn.connection.driver_connection, BUSY_TIMEOUT_MS / 1000, BUSY_TIMEOUT_MS
                )
            except sqlite3.OperationalError as error:
                raise exc.OperationalError("BEGIN IMMEDIATE", None, error) from error
        else:
            conn.exec_driver_sql("BEGIN")


# session.info key: callables run just before a write transaction commits (after the unit of
# work's own statements), e.g. the audit chain's entries (services.audit_log), so that the
# chain's head row is the last lock a transaction takes
BEFORE_COMMIT = "before_commit"
# session.info key: callables run with the Database after a write transaction committed, each
# in a transaction of its own (the audit chain's seal); a failure there is logged, not raised:
# the unit of work is committed, and the next write finishes what failed
AFTER_COMMIT = "after_commit"


class Database:
    """One engine per process; sessions are opened per unit of work, never shared."""

    def __init__(
        self, url: str, *, echo: bool = False, limits: SessionLimits | None = None
    ) -> None:
        url = normalize_url(url)
        self.url = url
        self.limits = limits or SessionLimits()
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        database = parsed.database if self.dialect == "sqlite" else None
        self.path = Path(database) if database and database != ":memory:" else None
        kwargs: dict[str, Any] = {"echo": echo}
        if self.dialect == "sqlite":
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        elif self.dialect == "postgresql":
            kwargs.update(
                pool_pre_ping=True,
                pool_size=2,
                max_overflow=4,
                # connect within 3 s; bounded waits on the server (lock, statement, idle)
                connect_args={
                    "connect_timeout": 3,
                    "application_name": "hall_app",
                    "options": self.limits.pg_options(),
                    **PG_KEEPALIVES,
                },
            )
        self.engine = create_engine(url, **kwargs)
        if self.dialect == "sqlite":
            _sqlite_setup(self.engine, self.path)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(hall_write=True), expire_on_commit=False
        )
        # a primary and its standby: watch for two primaries (split brain), and bound the
        # wait of a commit for a synchronous standby that is gone
        self.sentinel = Sentinel(url) if is_multi_host(url) else None
        self.commits = CommitGuard() if self.dialect == "postgresql" else None

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def describe(self) -> str:
        """Where the data lives, without a password: for the status bar."""
        parsed = make_url(self.url)
        if self.is_sqlite:
            return f"SQLite 本地库 {parsed.database}"
        if is_multi_host(parsed):
            hosts = "、".join(str(host) for host in hosts_of(parsed))
            return f"PostgreSQL {hosts}（主备）/{parsed.database}"
        return f"PostgreSQL {parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}"

    def server(self) -> str:
        """``host:port`` of the server this terminal's connections reach now (PostgreSQL: the
        primary, when the URL lists several hosts); the file on SQLite."""
        if self.is_sqlite:
            return str(self.path or ":memory:")
        try:
            with self.engine.connect() as conn:
                driver = conn.connection.driver_connection
                assert driver is not None  # psycopg's connection, while connected
                info = driver.info
                return f"{info.host}:{info.port}"
        except exc.DBAPIError as error:
            raise known_error(error, self.path) from error

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
        if self.sentinel is not None and self.sentinel.split:
            raise DatabaseUnavailable(two_primaries(self.sentinel.split))
        session = factory()
        guard = self.commits if factory is self._write else None
        try:
            if guard is not None:
                guard.begin(session)
            yield session
            for hook in session.info.pop(BEFORE_COMMIT, ()):  # the audit chain's entries
                hook(session)
            if guard is not None:
                guard.commit(session)
            else:
                session.commit()
        except exc.DBAPIError as error:
            _safe_rollback(session)
            if getattr(error.orig, "sqlstate", None) == READ_ONLY_SQLSTATE:
                # a standby (or a demoted server): drop every pooled connection so the next
                # unit of work connects afresh and libpq picks the primary
                log.warning("write refused as read-only; reconnecting")
                session.close()
                self.engine.dispose()
            raise known_error(error, self.path) from error
        except BaseException:
            _safe_rollback(session)
            raise
        finally:
            session.close()
        for after in session.info.pop(AFTER_COMMIT, ()):
            try:
                after(self)
            except Exception:
                log.warning("after-commit step failed; the next write retries it", exc_info=True)

    def effective_settings(self) -> dict[str, str]:
        """The settings a session really runs with, read back from the server or file:
        PostgreSQL's three timeouts (SHOW), SQLite's journal mode, synchronous and busy
        timeout (PRAGMA)."""
        names = (
            ("lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout")
            if not self.is_sqlite
            else ("journal_mode", "synchronous", "busy_timeout")
        )
        try:
            with self.engine.connect() as conn:
                found = {
                    name: str(
                        conn.exec_driver_sql(
                            f"PRAGMA {name}" if self.is_sqlite else f"SHOW {name}"
                        ).scalar()
                    )
                    for name in names
                }
        except exc.DBAPIError as error:
            raise known_error(error, self.path) from error
        if self.is_sqlite:
            levels = {"0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA"}
            found["synchronous"] = levels.get(found["synchronous"], found["synchronous"])
        return found

    def dispose(self) -> None:
        if self.sentinel is not None:
            self.sentinel.close()
        self.engine.dispose()


def _safe_rollback(session: Session) -> None:
    try:
        session.rollback()
    except exc.DBAPIError:  # the connection may be gone; nothing was committed
        log.warning("rollback failed; connection discarded")
