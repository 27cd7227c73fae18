"""Bad things from outside: a locked database, a server that disappears mid-transaction,
a printer that is not there. Each gets a clear Chinese message and loses nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from hall_app.config import Config
from hall_app.domain.errors import DatabaseLocked, DatabaseUnavailable
from hall_app.services.hall import Hall, open_hall
from hall_app.store import db as store_db
from tests.conftest import login


def test_a_locked_sqlite_database_is_reported_and_nothing_is_lost(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)
    hall = open_hall(Config(db_url=sqlite_url, terminal="t"), upgrade=False)
    reception = login(hall, "2001")
    other = sqlite3.connect(make_url(sqlite_url).database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(DatabaseLocked, match="数据库正忙"):
            hall.tickets.issue(reception, category_code="A")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert hall.tickets.issue(reception, category_code="A").ticket.number == "A001"
    hall.close()


@pytest.fixture
def pg_hall(request: pytest.FixtureRequest) -> Iterator[tuple[Hall, object, str]]:
    server = request.getfixturevalue("pg_server")
    name = server.create()
    hall = open_hall(Config(db_url=server.url_for(name), terminal="t"), upgrade=False)
    yield hall, server, name
    hall.close()
    server.drop(name)


@pytest.mark.postgres
def test_server_gone_mid_transaction_leaves_nothing_half_done(pg_hall):
    hall, server, name = pg_hall
    db_url = server.url_for(name)
    reception = login(hall, "2001")
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    fired = []

    @event.listens_for(hall.db.engine, "before_cursor_execute")
    def kill_on_ticket_insert(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO ticket ") and not fired:
            fired.append(True)
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            with admin.connect() as a:
                a.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    with pytest.raises(DatabaseUnavailable, match="连接"):
        hall.tickets.issue(reception, category_code="A")
    event.remove(hall.db.engine, "before_cursor_execute", kill_on_ticket_insert)
    admin.dispose()
    # the counter moved in the lost transaction too: the next number is still A001
    assert hall.tickets.issue(reception, category_code="A").ticket.number == "A001"
    assert [t.number for t in hall.tickets.today()] == ["A001"]


@pytest.mark.postgres
def test_main_window_shows_a_lost_server(qtbot, pg_hall) -> None:
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.settings import Settings
    from hall_app.ui.worker import Runner

    hall, server, name = pg_hall
    runner = Runner()
    window = MainWindow(hall, runner, login(hall, "2001"), Settings())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        window.poll()
    assert "已连接" in window.conn_label.text()
    assert "PostgreSQL" in window.db_label.text()
    server.drop(name)  # the server side goes away: every connection is cut
    with qtbot.waitSignal(window.connection_changed, timeout=15000) as blocker:
        pass
    assert blocker.args == [False]
    assert "数据库连接中断" in window.conn_label.text()
    window.poll_timer.stop()
    runner.wait()


@pytest.mark.postgres
def test_the_board_keeps_running_and_says_it_is_disconnected(qtbot, pg_hall) -> None:
    from hall_app.ui.board import BoardWindow
    from hall_app.ui.settings import Settings
    from hall_app.ui.voice import Announcer, SilentBackend
    from hall_app.ui.worker import Runner

    hall, server, name = pg_hall
    runner = Runner()
    board = BoardWindow(hall, runner, Settings(), Announcer(SilentBackend()))
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None)
    assert not board.offline.isVisible()
    server.drop(name)
    qtbot.waitUntil(lambda: board.offline.isVisible(), timeout=15000)
    assert board.isVisible() and board.title.text()  # still showing what it had
    board.poll_timer.stop()
    runner.wait()
