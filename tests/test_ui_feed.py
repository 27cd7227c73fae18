"""The screens ride on the change feed (issue 14, defect 1): the main window and the calling
board refresh when another terminal commits, without waiting for a poll; the main window
tells a hall whose writes are stuck from a server that does not answer."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from hall_app.config import Config
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall, open_hall
from hall_app.ui.board import BoardWindow
from hall_app.ui.main_window import MainWindow
from hall_app.ui.settings import Settings
from hall_app.ui.voice import Announcer, SilentBackend
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_changes import _pg_conninfo


def _other_pc(hall: Hall) -> Hall:
    return open_hall(Config(db_url=hall.db.url, terminal="pc-2"), upgrade=False)


def _main(
    qtbot: QtBot,
    hall: Hall,
    runner: Runner,
    settings: Settings,
    staff: str,
    window: int | None = None,
) -> MainWindow:
    main = MainWindow(hall, runner, login(hall, staff, window), settings)
    qtbot.addWidget(main)
    main.poll_timer.stop()  # no poll: only the feed can bring others' changes
    with qtbot.waitSignal(main.prepared, timeout=10000):
        main.show()
    return main


def test_the_main_window_refreshes_when_another_terminal_issues(
    qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings
) -> None:
    """Fails on the old code: only the once-a-second poll of the hot row refreshed."""
    main = _main(qtbot, live_hall, runner, settings, "3001")
    qtbot.waitUntil(lambda: not runner.busy)
    before = _waiting(main)
    other = _other_pc(live_hall)
    try:
        reception = login(other, "2001")
        with qtbot.waitSignal(main.refreshed, timeout=10000):
            other.tickets.issue(reception, category_code="A")
        qtbot.waitUntil(lambda: _waiting(main) == before + 1)
    finally:
        other.close()
    main.close()
    runner.wait(10000)


def _waiting(main: MainWindow) -> int:
    assert main.overview is not None
    return sum(lane.waiting for lane in main.overview.lanes._rows)


def test_the_board_shows_a_call_made_elsewhere_without_polling(
    qtbot: QtBot, live_hall: Hall, runner: Runner
) -> None:
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, category_code="A")
    backend = SilentBackend()
    board = BoardWindow(live_hall, runner, Settings(), Announcer(backend, repeat=1))
    board.poll_timer.stop()  # the feed alone
    shown: list = []
    board.call_shown.connect(shown.append)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None)
    other = _other_pc(live_hall)
    try:
        other.tickets.call_next(login(other, "1003", 3), 3)
        qtbot.waitUntil(lambda: len(shown) == 1)
        assert shown[0].number == "A001" and board.latest_number.text() == "A001"
    finally:
        other.close()
    qtbot.waitUntil(lambda: backend.spoken == ["请A001号到3号窗口办理"])
    board.close()
    runner.wait(10000)


@pytest.fixture
def pg_hall(pg_server, clock: FakeClock) -> Iterator[Hall]:
    name = pg_server.create()
    hall = open_hall(
        Config(
            db_url=pg_server.url_for(name), terminal="pytest", lock_timeout=1, statement_timeout=10
        ),
        upgrade=False,
        clock=clock,
    )
    try:
        yield hall
    finally:
        hall.close()
        pg_server.drop(name)


@pytest.mark.postgres
def test_stuck_writes_are_reported_apart_from_an_unreachable_server(
    qtbot: QtBot, pg_hall: Hall, clock: FakeClock, runner: Runner, settings: Settings
) -> None:
    main = _main(qtbot, pg_hall, runner, settings, "1001", 1)
    session_id = main.actor.session_id
    with psycopg.connect(_pg_conninfo(pg_hall.db.url)) as frozen:
        # a frozen transaction holds this terminal's session row: its heartbeat cannot write
        frozen.execute("SELECT id FROM terminal_session WHERE id = %s FOR UPDATE", (session_id,))
        clock.advance(seconds=31)
        with qtbot.waitSignal(main.writes.changed, timeout=30000) as blocked:
            main.poll()
        assert blocked.args[0].startswith("数据库写入受阻")
        assert main.conn_label.text() == "● 数据库写入受阻"
        assert "数据库写入受阻" in main.statusBar().currentMessage()
        assert not main.detector.offline  # reads answer: not an outage
        main.poll()  # the probe's answer keeps the stuck state on screen
        qtbot.waitUntil(lambda: not main._polling)
        assert main.conn_label.text() == "● 数据库写入受阻"
        frozen.rollback()
    main.poll_timer.start(200)  # polling again: the next heartbeat goes through
    qtbot.waitUntil(lambda: not main.writes.blocked)
    qtbot.waitUntil(lambda: main.conn_label.text().startswith("● 已连接"))
    main.close()
    main.writes.wait(10000)
    runner.wait(10000)


@pytest.mark.postgres
def test_a_call_blocked_by_a_frozen_terminal_shows_a_chinese_message(
    qtbot: QtBot, pg_hall: Hall, clock: FakeClock, runner: Runner, settings: Settings
) -> None:
    pg_hall.tickets.issue(login(pg_hall, "2001"), category_code="A")
    main = _main(qtbot, pg_hall, runner, settings, "1003", 3)
    clerk = main.clerk
    assert clerk is not None
    qtbot.waitUntil(lambda: clerk.actions["call"].isEnabled())
    with psycopg.connect(_pg_conninfo(pg_hall.db.url)) as frozen:
        # another PC frozen in a transaction holding window 3's row
        frozen.execute('SELECT id FROM "window" WHERE number = 3 FOR UPDATE')
        clerk.actions["call"].trigger()
        qtbot.waitUntil(lambda: "数据库写入受阻" in clerk.message.text())
        assert main.conn_label.text() == "● 数据库写入受阻"
        frozen.rollback()
    main.poll_timer.start(200)  # the next poll's heartbeat goes through: the state clears
    qtbot.waitUntil(lambda: main.conn_label.text().startswith("● 已连接"))
    qtbot.waitUntil(lambda: clerk.actions["call"].isEnabled())
    clerk.actions["call"].trigger()
    qtbot.waitUntil(lambda: clerk.current is not None and clerk.current.number == "A001")
    main.close()
    main.writes.wait(10000)
    runner.wait(10000)


# ------------------------------------------------------------------ review of issue 14


def _settle(qtbot: QtBot, main: MainWindow, runner: Runner) -> None:
    """Wait until no refresh round is queued, running or due."""
    gate = getattr(main, "gate", None)
    qtbot.waitUntil(
        lambda: (
            not runner.busy
            and (
                gate is None
                or (not gate.in_flight and not gate.dirty and not gate._quiet.isActive())
            )
        ),
        timeout=20000,
    )


def test_a_burst_of_changes_queues_one_refresh_round_at_a_time(
    qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings
) -> None:
    """Fails on the old code: each feed signal queued a whole round of the supervisor
    console's reads on the one worker, however many were still waiting (review: 96 queued
    jobs, a user's call waiting 1.7 s behind them)."""
    main = _main(qtbot, live_hall, runner, settings, "3001")
    main.feed.close()  # the burst below is the only source of changes
    _settle(qtbot, main, runner)
    rounds: list[int] = []
    main.refreshed.connect(lambda: rounds.append(1))
    main.refresh_views()
    per_round = runner.pending  # one round's reads (and its end marker)
    assert per_round >= 5
    _settle(qtbot, main, runner)
    rounds.clear()
    peak = 0
    for _ in range(40):  # the feed announcing changes faster than a round reads them
        main.feed.changed.emit()
        QCoreApplication.processEvents()
        peak = max(peak, runner.pending)
    # a user's action now waits behind one round at most
    ahead: list[int] = [runner.pending]
    done: list[bool] = []
    runner.run(lambda: None, lambda _r: done.append(True))
    assert ahead[0] <= per_round
    assert peak <= per_round
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    _settle(qtbot, main, runner)
    # the round under way, and one more for what changed meanwhile
    assert 1 <= len(rounds) <= 2
    main.close()
    runner.wait(10000)


def test_a_poll_does_not_refresh_again_what_the_feed_brings(
    qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings
) -> None:
    """Fails on the old code: the poll compared the feed's version too and started a round of
    its own for the same move the feed's signal had already refreshed."""
    main = _main(qtbot, live_hall, runner, settings, "3001")
    main.feed.close()  # only the poll could refresh now
    _settle(qtbot, main, runner)
    rounds: list[int] = []
    main.refreshed.connect(lambda: rounds.append(1))
    for _ in range(3):
        main.poll()
        qtbot.waitUntil(lambda: not main._polling, timeout=20000)
        _settle(qtbot, main, runner)
    assert rounds == []
    main.close()
    runner.wait(10000)


def test_a_statement_timeout_is_not_shown_as_stuck_writes(
    qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings
) -> None:
    """Fails on the old code: a statement timeout (a slow read, say) was a DatabaseBlocked and
    painted "数据库写入受阻…可能有终端卡住"; only a lock timeout means the writes are stuck."""
    from sqlalchemy.exc import OperationalError

    from hall_app.store.db import known_error

    main = _main(qtbot, live_hall, runner, settings, "3001")
    _settle(qtbot, main, runner)
    slow = known_error(OperationalError("SELECT", {}, psycopg.errors.QueryCanceled("timeout")))
    assert slow.title == "数据库操作超时"

    def read() -> None:
        raise slow

    failed: list[object] = []
    runner.run(read, None, failed.append)
    qtbot.waitUntil(lambda: bool(failed))
    assert main.writes.blocked == ""
    assert main.conn_label.text().startswith("● 已连接")
    locked = known_error(
        OperationalError("SELECT", {}, psycopg.errors.LockNotAvailable("lock timeout"))
    )

    def write() -> None:
        raise locked

    runner.run(write, None, failed.append)
    qtbot.waitUntil(lambda: len(failed) == 2)
    assert main.writes.blocked.startswith("数据库写入受阻")
    assert main.conn_label.text() == "● 数据库写入受阻"
    main.close()
    main.writes.wait(10000)
    runner.wait(10000)


@pytest.mark.postgres
def test_stuck_writes_stay_reported_while_the_frozen_terminal_still_holds_the_row(
    qtbot: QtBot, pg_hall: Hall, clock: FakeClock, runner: Runner, settings: Settings
) -> None:
    """Fails on the old code: once stuck, every poll sent the heartbeat, which writes only
    this terminal's own session row; it went through and cleared "数据库写入受阻" within a
    second while the window's row, and so every call at this window, was still blocked."""
    pg_hall.tickets.issue(login(pg_hall, "2001"), category_code="A")
    main = _main(qtbot, pg_hall, runner, settings, "1003", 3)
    clerk = main.clerk
    assert clerk is not None
    qtbot.waitUntil(lambda: clerk.actions["call"].isEnabled())
    main.poll_timer.start(100)  # polling as the app does (every second), only faster
    finished: list[object] = []
    with psycopg.connect(_pg_conninfo(pg_hall.db.url)) as frozen:
        frozen.execute('SELECT id FROM "window" WHERE number = 3 FOR UPDATE')
        clerk.actions["call"].trigger()
        qtbot.waitUntil(lambda: bool(main.writes.blocked), timeout=20000)
        clock.advance(seconds=31)  # the heartbeat is due as well
        # the write watch's attempts while the row is still held: none clears the state
        main.writes.runner.busy_changed.connect(lambda busy: busy or finished.append(busy))
        qtbot.waitUntil(lambda: len(finished) >= 3 or not main.writes.blocked, timeout=30000)
        assert main.writes.blocked
        assert main.conn_label.text() == "● 数据库写入受阻"
        frozen.rollback()
    qtbot.waitUntil(lambda: main.conn_label.text().startswith("● 已连接"), timeout=20000)
    qtbot.waitUntil(lambda: clerk.actions["call"].isEnabled())
    clerk.actions["call"].trigger()
    qtbot.waitUntil(lambda: clerk.current is not None and clerk.current.number == "A001")
    main.poll_timer.stop()
    main.close()
    main.writes.wait(10000)
    runner.wait(10000)
