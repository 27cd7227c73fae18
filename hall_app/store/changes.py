"""The change feed: how a terminal learns that another terminal changed something, without a
row that every write updates (issue 14: that row serialised every writer in the hall, and one
frozen transaction stopped them all).

PostgreSQL: a write announces itself with ``pg_notify('hall_change', topic)`` inside its own
transaction (:func:`announce_change`; delivered at commit, dropped on rollback, no row lock).
The feed holds one dedicated autocommit connection with ``LISTEN hall_change`` on a daemon
thread. After every successful LISTEN it moves the version once (what was committed before,
while the screens first loaded or while a lost server was away, was not announced to it), and
it moves the version every ``SAFETY_SECONDS`` anyway, as a safety net.

SQLite: ``PRAGMA data_version`` on a connection of the feed's own changes whenever *another*
connection commits; the feed reads it every ``SQLITE_POLL_SECONDS`` (a read of a few bytes of
shared memory, no lock). :func:`announce_change` does nothing there.

The version is a number of this process, monotonic, starting at 0; subscribers are called on
the feed's thread with the new version (the UI turns that into a queued Qt signal).

A notification says *that* something committed, never *what*: a subscriber reads what it
shows from the tables it trusts, so nothing is lost when notifications are merged, dropped
with a lost connection or replaced by the safety poll. What changed is typed there: the
calling board's events are rows of ``call_event`` (``store/call_events.py``), written in the
call's transaction by ``record_call``, which announces here.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from hall_app.store.db import PG_KEEPALIVES, Database
from hall_app.store.standby import libpq_url

log = logging.getLogger("hall_app.store")

CHANNEL = "hall_change"
SQLITE_POLL_SECONDS = 0.15
LISTEN_WAIT_SECONDS = 0.25  # how long one wait for notifications lasts (and so close())
SAFETY_SECONDS = 20.0  # PostgreSQL: the version moves at least this often
RECONNECT_SECONDS = 1.0

_NOTIFY = text("SELECT pg_notify('" + CHANNEL + "', :topic)")

Callback = Callable[[int], None]


def announce_change(session: Session, topic: str = "queue") -> None:
    """Tell the other terminals, at commit, that something changed (PostgreSQL: NOTIFY in the
    caller's write transaction; SQLite: nothing, the feed sees every commit)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(_NOTIFY, {"topic": topic[:64]})


class ChangeFeed:
    """A monotonic version that moves after any committed change, with subscribers."""

    def __init__(self) -> None:
        self._version = 0
        self._lock = threading.Lock()
        self._subscribers: list[Callback] = []
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    def version(self) -> int:
        return self._version

    def subscribe(self, callback: Callback) -> None:
        """``callback(version)`` after each move, on the feed's thread."""
        with self._lock:
            self._subscribers.append(callback)

    def unsubscribe(self, callback: Callback) -> None:
        with self._lock:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

    def close(self) -> None:
        self._closed.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)
        with self._lock:
            self._subscribers.clear()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def _move(self) -> None:
        with self._lock:
            self._version += 1
            version = self._version
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(version)
            except Exception:  # one broken subscriber must not stop the feed for the others
                log.exception("change feed subscriber failed")

    def _start(self, target: Callable[[], None]) -> None:
        self._thread = threading.Thread(target=target, name="hall-change-feed", daemon=True)
        self._thread.start()


class _SqliteFeed(ChangeFeed):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self._start(self._run)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=1, isolation_level=None, check_same_thread=False)
        return conn

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        seen: int | None = None
        while not self._closed.is_set():
            try:
                if conn is None:
                    conn = self._connect()
                    if seen is not None:
                        self._move()  # a new connection has a new data_version: look again
                    seen = None
                current = int(conn.execute("PRAGMA data_version").fetchone()[0])
                if seen is not None and current != seen:
                    self._move()
                seen = current
            except sqlite3.Error as error:
                log.warning("change feed: %s", error)
                if conn is not None:
                    conn.close()
                    conn = None
            self._closed.wait(SQLITE_POLL_SECONDS)
        if conn is not None:
            conn.close()


class _PostgresFeed(ChangeFeed):
    def __init__(self, conninfo: str) -> None:
        super().__init__()
        self.conninfo = conninfo
        self.connected = False
        self._start(self._run)

    def _run(self) -> None:
        import psycopg

        ever = failing = False
        while not self._closed.is_set():
            try:
                conn = psycopg.connect(
                    self.conninfo,
                    autocommit=True,
                    connect_timeout=3,
                    application_name="hall_app feed",
                    **PG_KEEPALIVES,
                )
            except psycopg.Error as error:
                if not failing:  # once per outage, not every second
                    log.warning("change feed cannot connect: %s", error)
                failing = True
                self._closed.wait(RECONNECT_SECONDS)
                continue
            failing = False
            try:
                with conn:
                    conn.execute("LISTEN " + CHANNEL)
                    if ever:
                        log.info("change feed reconnected")
                    ever = True
                    # what changed before LISTEN was not announced to it: after a loss, and
                    # also at the start, between the screens' first load and this LISTEN
                    self._move()
                    self.connected = True
                    self._listen(conn)
            except psycopg.Error as error:
                log.warning("change feed lost its connection: %s", error)
            finally:
                self.connected = False
            self._closed.wait(RECONNECT_SECONDS)

    def _listen(self, conn: Any) -> None:
        last = time.monotonic()
        while not self._closed.is_set():
            for _note in conn.notifies(timeout=LISTEN_WAIT_SECONDS):
                self._move()
                last = time.monotonic()
                if self._closed.is_set():
                    return
            if time.monotonic() - last >= SAFETY_SECONDS:
                self._move()
                last = time.monotonic()


class _StillFeed(ChangeFeed):
    """An in-memory SQLite database has no other connection to hear from."""


def open_feed(db: Database) -> ChangeFeed:
    url = make_url(db.url)
    if db.dialect == "postgresql":
        # a primary and its standby: libpq's multi-host form (store/standby.py)
        return _PostgresFeed(libpq_url(url))
    if db.is_sqlite and url.database and url.database != ":memory:":
        return _SqliteFeed(url.database)
    return _StillFeed()
