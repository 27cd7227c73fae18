"""No hot row (issue 14, defect 1): terminals learn of changes through the change feed
(LISTEN/NOTIFY on PostgreSQL, PRAGMA data_version on SQLite), writes at different windows and
lanes never wait on each other, and a write blocked by a frozen terminal ends within the
session's lock timeout with a Chinese message."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from hall_app.config import Config
from hall_app.domain.errors import DatabaseBlocked, DatabaseError, DatabaseTimeout, KnownError
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall, open_hall
from hall_app.store.changes import CHANNEL
from hall_app.store.db import known_error
from tests.conftest import login


@pytest.fixture
def pg_hall(pg_server, clock: FakeClock) -> Iterator[Hall]:
    """Services on a fresh PostgreSQL database only."""
    name = pg_server.create()
    hall = open_hall(
        Config(db_url=pg_server.url_for(name), terminal="pytest"), upgrade=False, clock=clock
    )
    try:
        yield hall
    finally:
        hall.close()
        pg_server.drop(name)


def _other_pc(hall: Hall, clock: FakeClock, name: str = "pc-2") -> Hall:
    return open_hall(Config(db_url=hall.db.url, terminal=name), upgrade=False, clock=clock)


def _item_in(hall: Hall, lane: str) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


def _two_windows(hall: Hall) -> tuple[tuple[int, str], tuple[int, str]]:
    """Two windows serving one lane each, different lanes: (window, lane) each."""
    seen: dict[str, int] = {}
    lanes = {e.lane_code for e in hall.catalog.entries() if e.kind == "item"}
    for w in hall.queues.status().windows:
        if len(w.categories) == 1 and w.categories[0] in lanes and w.categories[0] not in seen:
            seen[w.categories[0]] = w.number
        if len(seen) == 2:
            break
    (lane_a, a), (lane_b, b) = seen.items()
    return (a, lane_a), (b, lane_b)


def _pg_conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def announcements(url: str) -> Iterator[Callable[[int], list[str]]]:
    """A listener of its own on the hall's channel: ``take(n)`` returns the next ``n``
    notifications' topics, in commit order."""
    with psycopg.connect(_pg_conninfo(url), autocommit=True) as conn:
        conn.execute("LISTEN " + CHANNEL)

        def take(count: int) -> list[str]:
            return [n.payload for n in conn.notifies(timeout=60, stop_after=count)]

        yield take


@contextmanager
def announced(hall: Hall) -> Iterator[Callable[[int], list[str]] | None]:
    """:func:`announcements` on PostgreSQL; None on SQLite (where the feed sees every commit
    and nothing is announced)."""
    if hall.db.is_sqlite:
        yield None
        return
    with announcements(hall.db.url) as take:
        yield take


def _in_thread(fn: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any], threading.Event]:
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as error:  # handed to the test
            box["error"] = error
        finally:
            done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, box, done


def _waiting_on_a_lock(url: str) -> bool:
    with psycopg.connect(_pg_conninfo(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()
    return bool(row and row[0])


# ------------------------------------------------------------------ the feed


def test_the_feed_moves_when_another_terminal_commits(hall: Hall, clock: FakeClock, qtbot) -> None:
    moves: list[int] = []
    hall.changes.subscribe(moves.append)
    before = hall.changes.version()
    other = _other_pc(hall, clock)
    try:
        reception = login(other, "2001")
        other.tickets.issue(reception, item_code=_item_in(other, "A"))
        qtbot.waitUntil(lambda: hall.changes.version() > before)
        qtbot.waitUntil(lambda: bool(moves))
        assert moves[-1] <= hall.changes.version()
        assert hall.queues.marker() == hall.changes.version()  # the poll's marker is the feed
    finally:
        other.close()
    hall.close()
    assert hall.changes.closed


@pytest.mark.postgres
def test_every_queue_change_is_announced_once_at_commit_and_a_heartbeat_is_not(
    pg_hall: Hall, clock: FakeClock
) -> None:
    hall = pg_hall
    window_a, _ = _two_windows(hall)
    reception = login(hall, "2001")
    clerk = login(hall, f"10{window_a[0]:02d}", window_a[0])
    with announcements(hall.db.url) as take:
        hall.tickets.issue(reception, item_code=_item_in(hall, window_a[1]))
        clock.advance(seconds=60)
        hall.terminals.poll(clerk)  # records the poll: nothing for others to see
        hall.tickets.call_next(clerk, window_a[0])
        hall.tickets.recall(clerk, window_a[0])
        hall.tickets.start(clerk, window_a[0])
        hall.tickets.finish(clerk, window_a[0])
        # a sentinel after them: a sixth announcement (the heartbeat's) would come before it
        with psycopg.connect(_pg_conninfo(hall.db.url), autocommit=True) as conn:
            conn.execute("SELECT pg_notify(%s, 'sentinel')", (CHANNEL,))
        assert take(6) == ["queue"] * 5 + ["sentinel"]
    with announcements(hall.db.url) as take:
        # a rolled-back write announces nothing: the next announcement is the later write
        with pytest.raises(KnownError):
            hall.tickets.finish(clerk, window_a[0])
        hall.tickets.issue(reception, item_code=_item_in(hall, window_a[1]))
        assert take(1) == ["queue"]


@pytest.mark.postgres
def test_the_feed_moves_once_it_listens_for_what_changed_before(
    pg_hall: Hall, clock: FakeClock, qtbot
) -> None:
    """Fails on the old code: a change committed between the screens' first load and the
    feed's first LISTEN was not announced to it, and the version moved only at the 20 s
    safety move; now it moves after every successful LISTEN, the first one included."""
    from hall_app.store.changes import open_feed

    feed = open_feed(pg_hall.db)  # a terminal starting up: its screens have read already
    try:
        qtbot.waitUntil(lambda: getattr(feed, "connected", False))
        assert feed.version() == 1
    finally:
        feed.close()


@pytest.mark.postgres
def test_the_feed_sees_a_change_after_the_server_drops_its_connection(
    pg_hall: Hall, clock: FakeClock, qtbot
) -> None:
    hall = pg_hall
    feed = hall.changes
    qtbot.waitUntil(lambda: getattr(feed, "connected", False))
    before = feed.version()
    # the server ends the feed's session (as a restart would): the feed reconnects and
    # moves, since what was announced meanwhile did not reach it
    with psycopg.connect(_pg_conninfo(hall.db.url), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = 'hall_app feed'"
        )
    qtbot.waitUntil(lambda: feed.version() > before)
    qtbot.waitUntil(lambda: getattr(feed, "connected", False))
    seen = feed.version()
    login(hall, "2001")
    hall.tickets.issue(login(hall, "2001"), item_code=_item_in(hall, "A"))
    qtbot.waitUntil(lambda: feed.version() > seen)


# ------------------------------------------------------------------ no hot row


@contextmanager
def _frozen_before_commit(other: Hall) -> Iterator[tuple[threading.Event, threading.Event]]:
    """``other``'s next write stops just before COMMIT (a terminal frozen there) until
    released: yields (frozen, release)."""
    frozen, release = threading.Event(), threading.Event()

    def hold(_session: Any) -> None:
        frozen.set()
        release.wait(120)

    event.listen(other.db._write, "before_commit", hold)
    try:
        yield frozen, release
    finally:
        release.set()
        event.remove(other.db._write, "before_commit", hold)


@pytest.mark.postgres
def test_a_frozen_transaction_at_one_window_does_not_stall_writes_at_another(
    pg_hall: Hall, clock: FakeClock, qtbot
) -> None:
    """Fails on the old code: every write ended by updating the one change_marker row, so a
    terminal frozen before COMMIT made every other issue and call in the hall wait."""
    hall = pg_hall
    (window_a, lane_a), (window_b, lane_b) = _two_windows(hall)
    reception = login(hall, "2001")
    for lane in (lane_a, lane_b):
        hall.tickets.issue(reception, item_code=_item_in(hall, lane))
    clerk_a = login(hall, f"10{window_a:02d}", window_a)
    other = _other_pc(hall, clock)
    try:
        clerk_b = login(other, f"10{window_b:02d}", window_b)
        with _frozen_before_commit(other) as (frozen, release):
            stuck, stuck_box, _ = _in_thread(lambda: other.tickets.call_next(clerk_b, window_b))
            qtbot.waitUntil(frozen.is_set)
            # window A calls, and reception issues in A's lane, while B's transaction is open
            _, box, done = _in_thread(
                lambda: (
                    hall.tickets.call_next(clerk_a, window_a),
                    hall.tickets.issue(reception, item_code=_item_in(hall, lane_a)),
                )
            )
            qtbot.waitUntil(lambda: done.is_set() or _waiting_on_a_lock(hall.db.url))
            blocked = not done.is_set()
            release.set()
            stuck.join(60)
            qtbot.waitUntil(done.is_set)
        assert not blocked, "a write at another window waited on the frozen transaction"
        assert "error" not in box, box.get("error")
        called, issued = box["result"]
        assert called.number.startswith(lane_a) and issued.ticket.number.startswith(lane_a)
        assert stuck_box["result"].number.startswith(lane_b)  # B's call went through too
    finally:
        other.close()


@pytest.mark.postgres
def test_a_write_blocked_by_a_frozen_terminal_ends_with_a_chinese_message(
    pg_hall: Hall, clock: FakeClock, qtbot
) -> None:
    """Fails on the old code: no lock_timeout, the call waited for ever without a word."""
    hall = pg_hall
    (window_a, lane_a), _ = _two_windows(hall)
    reception = login(hall, "2001")
    hall.tickets.issue(reception, item_code=_item_in(hall, lane_a))
    clerk = login(hall, f"10{window_a:02d}", window_a)
    # a terminal frozen inside a transaction that holds window A's row (its lock is what
    # this window's call needs)
    with psycopg.connect(_pg_conninfo(hall.db.url)) as frozen:
        frozen.execute('SELECT id FROM "window" WHERE number = %s FOR UPDATE', (window_a,))
        _, box, done = _in_thread(lambda: hall.tickets.call_next(clerk, window_a))
        try:
            qtbot.waitUntil(done.is_set)
        finally:
            frozen.rollback()
    error = box.get("error")
    assert isinstance(error, DatabaseBlocked), box
    assert "数据库写入受阻" in error.message and error.title == "数据库写入受阻"
    assert "lock" not in error.message.lower()
    # once the frozen terminal lets go, the same call succeeds
    assert hall.tickets.call_next(clerk, window_a).number.startswith(lane_a)


@pytest.mark.postgres
def test_sessions_run_with_the_configured_timeouts(pg_hall: Hall, clock: FakeClock) -> None:
    config = Config(
        db_url=pg_hall.db.url,
        terminal="t",
        lock_timeout=1.5,
        statement_timeout=20,
        idle_in_transaction_timeout=45,
    )
    hall = open_hall(config, upgrade=False, clock=clock)
    try:
        assert hall.db.effective_settings() == {
            "lock_timeout": "1500ms",
            "statement_timeout": "20s",
            "idle_in_transaction_session_timeout": "45s",
        }
        with hall.db.read() as s:  # a plain session too, not only the settings reader
            assert s.execute(text("SHOW lock_timeout")).scalar() == "1500ms"
    finally:
        hall.close()


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (
            psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"),
            DatabaseBlocked,
            "数据库写入受阻",
        ),
        (
            psycopg.errors.QueryCanceled("canceling statement due to statement timeout"),
            DatabaseTimeout,
            "数据库操作超时",
        ),
        (
            psycopg.errors.IdleInTransactionSessionTimeout(
                "terminating connection due to idle-in-transaction timeout"
            ),
            DatabaseError,
            "停顿过久",
        ),
    ],
)
def test_a_timeout_of_the_server_reads_as_chinese(error, kind, words) -> None:
    known = known_error(OperationalError("SELECT 1", {}, error))
    assert type(known) is kind and words in known.message
    assert "timeout" not in known.message
