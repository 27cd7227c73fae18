"""The calling board's contract (issue 17): the calling services write a typed call event
(``domain.calls.CallEvent``, table ``call_event``) in the call's own transaction; the board and
its voice read those records, never the audit log's JSON detail. On SQLite and PostgreSQL,
with calls from other processes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event, select, update

from hall_app.config import Config
from hall_app.domain.calls import CallEvent
from hall_app.domain.tickets import GreenReason, Priority
from hall_app.services.hall import Hall, open_hall
from hall_app.store.call_events import record_call
from hall_app.store.models import AuditEntry, Ticket
from hall_app.ui.board import BoardWindow
from hall_app.ui.settings import Settings
from hall_app.ui.voice import Announcer, SilentBackend
from hall_app.ui.worker import Runner
from tests.conftest import login


def _item_in(hall: Hall, lane: str) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


def _statements(hall: Hall) -> tuple[list[str], Any]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement.lower())

    event.listen(hall.db.engine, "before_cursor_execute", record)
    return seen, record


def test_the_board_reads_typed_calls_and_never_the_audit_log(hall: Hall) -> None:
    """Fails on the old board: it parsed the audit entries' detail (number "?", window 0 once
    the keys are renamed) and its read path selected from audit_log."""
    reception = login(hall, "2001")
    clerk = login(hall, "1003", 3)
    item = _item_in(hall, "A")
    hall.tickets.issue(reception, item_code=item)
    green = hall.tickets.issue(reception, item_code=item, green_reason=GreenReason.ELDERLY).ticket
    assert hall.board.snapshot(None).calls == ()
    called = hall.tickets.call_next(clerk, 3)
    assert called is not None and called.number == green.number  # green channel first
    hall.tickets.recall(clerk, 3)
    # the audit wording changes: keys renamed and removed; the board must not notice
    with hall.db.write() as s:
        s.execute(update(AuditEntry).values(detail='{"ticket_no": "?", "counter": 0}'))
    seen, listener = _statements(hall)
    try:
        snap = hall.board.snapshot(0)
    finally:
        event.remove(hall.db.engine, "before_cursor_execute", listener)
    assert seen and not [s for s in seen if "audit_log" in s]
    assert [(e.number, e.window, e.lane, e.call_count, e.green) for e in snap.new] == [
        (green.number, 3, "L", 1, True),  # the green channel's lane
        (green.number, 3, "L", 2, True),
    ]
    assert [e.recall for e in snap.new] == [False, True]
    assert snap.calls == tuple(reversed(snap.new))  # newest first
    assert all(isinstance(e, CallEvent) and e.at.tzinfo is not None for e in snap.calls)
    # nothing new after the newest: the board announces each call once
    assert hall.board.snapshot(snap.calls[0].event_id).new == ()


def test_a_call_that_rolls_back_leaves_no_call_event(hall: Hall) -> None:
    """The record is written in the call's transaction: a failed call shows nothing."""
    reception = login(hall, "2001")
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    with pytest.raises(RuntimeError), hall.db.write() as s:
        ticket = s.scalars(select(Ticket)).first()
        assert ticket is not None
        ticket.call_count = 1
        record_call(s, ticket, 3, hall.ctx.now())
        s.flush()
        raise RuntimeError("the call fails after its record")
    assert hall.board.snapshot(None).calls == ()


@pytest.fixture
def board_hall(db_url: str) -> Iterator[Hall]:
    """Services with the real clock (the other processes use it too), on each backend."""
    hall = open_hall(Config(db_url=db_url, terminal="board-test"), upgrade=False)
    yield hall
    hall.close()


def _window_cli(url: str, staff: str, action: str, window: int) -> None:
    env = dict(os.environ, HALL_DB_URL=url, HALL_STAFF=staff, HALL_PASSWORD=f"demo{staff}")
    result = subprocess.run(
        [sys.executable, "-m", "hall_app", "ticket", action, "--window", str(window)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_board_shows_and_says_calls_from_two_processes_in_order(
    qtbot: QtBot, board_hall: Hall, runner: Runner, db_url: str
) -> None:
    reception = login(board_hall, "2001")
    for _ in range(2):
        board_hall.tickets.issue(reception, category_code="A")
    backend = SilentBackend()
    board = BoardWindow(board_hall, runner, Settings(), Announcer(backend, repeat=1))
    shown: list[CallEvent] = []
    board.call_shown.connect(shown.append)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None)
    _window_cli(db_url, "1003", "call", 3)  # one process
    qtbot.waitUntil(lambda: len(shown) == 1)
    _window_cli(db_url, "1004", "call", 4)  # another
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert board.latest_number.text() == "A002" and "4 号窗口" in board.latest_window.text()
    _window_cli(db_url, "1003", "recall", 3)
    qtbot.waitUntil(lambda: len(shown) == 3)
    assert [(e.number, e.window, e.call_count) for e in shown] == [
        ("A001", 3, 1),
        ("A002", 4, 1),
        ("A001", 3, 2),
    ]
    qtbot.waitUntil(lambda: len(backend.spoken) == 3)
    assert backend.spoken == [
        "请A001号到3号窗口办理",
        "请A002号到4号窗口办理",
        "请A001号到3号窗口办理，这是第二次呼叫",
    ]
    assert board.latest_number.text() == "A001" and "3 号窗口" in board.latest_window.text()
    board.close()


@pytest.mark.postgres
def test_a_call_committed_after_a_later_one_is_still_announced(
    qtbot: QtBot, pg_server: Any, runner: Runner
) -> None:
    """PostgreSQL: ids are handed out before commit, so a slow window's call (lower id) can
    commit after a quicker one's. The board announces both, each once."""
    name = pg_server.create()
    hall = open_hall(Config(db_url=pg_server.url_for(name), terminal="board-test"), upgrade=False)
    try:
        reception = login(hall, "2001")
        numbers = [hall.tickets.issue(reception, category_code="A").ticket.number for _ in "ab"]
        backend = SilentBackend()
        board = BoardWindow(hall, runner, Settings(), Announcer(backend, repeat=1))
        shown: list[CallEvent] = []
        board.call_shown.connect(shown.append)
        qtbot.addWidget(board)
        qtbot.waitUntil(lambda: board.snapshot is not None)
        with hall.db.write() as slow:  # the slow window: its record has its id, uncommitted
            ticket = slow.scalars(select(Ticket).where(Ticket.number == numbers[1])).one()
            ticket.call_count, ticket.priority = 1, int(Priority.NORMAL)
            record_call(slow, ticket, 4, hall.ctx.now())
            slow.flush()
            quick = hall.tickets.call_next(login(hall, "1003", 3), 3)
            assert quick is not None and quick.number == numbers[0]
            qtbot.waitUntil(lambda: len(shown) == 1)
        qtbot.waitUntil(lambda: len(shown) == 2)
        assert [(e.number, e.window) for e in shown] == [(numbers[0], 3), (numbers[1], 4)]
        assert shown[1].event_id < shown[0].event_id
        qtbot.waitUntil(lambda: len(backend.spoken) == 2)
        board.poll()  # a later look finds nothing to announce again
        qtbot.waitUntil(lambda: not board._polling)
        assert len(shown) == 2 and backend.spoken == [
            f"请{numbers[0]}号到3号窗口办理",
            f"请{numbers[1]}号到4号窗口办理",
        ]
        board.close()
    finally:
        hall.close()
        pg_server.drop(name)
