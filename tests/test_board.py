"""The calling board and the voice queue, with pytest-qt and a second process calling."""

from __future__ import annotations

import os
import subprocess
import sys

from pytestqt.qtbot import QtBot

from hall_app.domain.announce import announcement
from hall_app.services.hall import Hall
from hall_app.speech import join_clips
from hall_app.ui import voice
from hall_app.ui.board import BoardSettingsDialog, BoardWindow
from hall_app.ui.settings import Settings
from hall_app.ui.voice import Announcer, SilentBackend
from hall_app.ui.worker import Runner
from tests.conftest import login


def test_announcements_queue_in_order_and_never_overlap(qtbot: QtBot, monkeypatch) -> None:
    monkeypatch.setattr(voice, "PAUSE_MS", 10)
    backend = SilentBackend(seconds_per_token=0.005)
    announcer = Announcer(backend, repeat=2)
    events: list[tuple[str, str]] = []
    announcer.started.connect(lambda a: events.append(("start", a.number)))
    announcer.finished.connect(lambda a: events.append(("end", a.number)))
    for number in ("A001", "B002", "L003"):
        announcer.announce(announcement(number, 5))
    qtbot.waitUntil(lambda: len(events) == 12, timeout=5000)
    assert [n for kind, n in events if kind == "start"] == [
        "A001",
        "A001",
        "B002",
        "B002",
        "L003",
        "L003",
    ]
    # strictly alternating: an announcement starts only after the previous one ended
    assert [kind for kind, _ in events] == ["start", "end"] * 6
    assert backend.spoken[0] == "请A001号到5号窗口办理"
    announcer.muted = True
    announcer.announce(announcement("C004", 1))
    assert announcer.current is None and not announcer.queue


def test_shipped_clips_join_into_one_announcement() -> None:
    wav, seconds = join_clips(announcement("A100", 11, call_count=2).tokens)
    assert wav[:4] == b"RIFF" and 3 < seconds < 20


def test_board_follows_another_process_calling(
    qtbot: QtBot, live_hall: Hall, runner: Runner, sqlite_url: str
) -> None:
    reception = login(live_hall, "2001")
    for _ in range(2):
        live_hall.tickets.issue(reception, category_code="A")
    backend = SilentBackend()
    board = BoardWindow(live_hall, runner, Settings(), Announcer(backend, repeat=1))
    shown: list = []
    board.call_shown.connect(shown.append)
    qtbot.addWidget(board)
    board.resize(1920, 1080)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None)
    assert board.latest_number.text() == "—"
    env = dict(os.environ, HALL_DB_URL=sqlite_url, HALL_STAFF="1003", HALL_PASSWORD="demo1003")
    result = subprocess.run(
        [sys.executable, "-m", "hall_app", "ticket", "call", "--window", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)  # within one poll or two
    assert shown[0].number == "A001"
    assert board.latest_number.text() == "A001"
    assert "3 号窗口" in board.latest_window.text()
    assert "3号" in board.windows.text() and "A001" in board.windows.text()
    qtbot.waitUntil(lambda: backend.spoken == ["请A001号到3号窗口办理"])
    # a recall is announced again
    subprocess.run(
        [sys.executable, "-m", "hall_app", "ticket", "recall", "--window", "3"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    qtbot.waitUntil(lambda: len(backend.spoken) == 2, timeout=5000)
    assert backend.spoken[1] == "请A001号到3号窗口办理，这是第二次呼叫"
    board.close()


def test_only_a_supervisor_changes_the_board(qtbot: QtBot, live_hall: Hall, runner: Runner) -> None:
    board = BoardWindow(live_hall, runner, Settings(), Announcer(SilentBackend()))
    qtbot.addWidget(board)
    qtbot.waitUntil(lambda: board.snapshot is not None)
    dialog = BoardSettingsDialog(board)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.staff_no, "2001")
    qtbot.keyClicks(dialog.password, "demo2001")
    dialog.notice.setText("今天下午16:00后暂停不动产业务")
    dialog.english.setChecked(True)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "不能修改叫号屏设置" in dialog.message.text())
    dialog.staff_no.setText("3001")
    dialog.password.setText("demo3001")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: board.snapshot is not None and board.snapshot.english)
    assert board.snapshot.notice == "今天下午16:00后暂停不动产业务"
    board.close()
