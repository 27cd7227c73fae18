"""The calling board reports failing audio: a marker on the board, a row written by the system
actor (audited), and an alarm on the supervisor console of another terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.config import Config
from hall_app.services import devices
from hall_app.services.hall import Hall, open_hall
from hall_app.speech import clip_dir
from hall_app.store.models import AuditEntry
from hall_app.ui import voice
from hall_app.ui.board import BoardWindow
from hall_app.ui.settings import Settings
from hall_app.ui.tidal import TidalView
from hall_app.ui.voice import Announcer, ClipBackend, SilentBackend
from hall_app.ui.worker import Runner
from tests.conftest import login


@pytest.fixture
def board_hall(sqlite_url: str) -> Iterator[Hall]:
    """The board's own process: same database, its own terminal name, nobody logged in."""
    hall = open_hall(Config(db_url=sqlite_url, terminal="board-east"), upgrade=False)
    yield hall
    hall.close()


def _board(qtbot: QtBot, hall: Hall, runner: Runner, announcer: Announcer) -> BoardWindow:
    board = BoardWindow(hall, runner, Settings(), announcer)
    qtbot.addWidget(board)
    board.resize(1366, 768)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None)
    return board


def _call_one(hall: Hall) -> None:
    hall.tickets.issue(login(hall, "2001"), category_code="A")
    hall.tickets.call_next(login(hall, "1003", 3), 3)


def _supervisor_sees(qtbot: QtBot, hall: Hall, runner: Runner, text: str) -> None:
    view = TidalView(hall, runner, login(hall, "3001"))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed, timeout=10000):
        view.refresh()
    alerts = [view.alerts.item(i).text() for i in range(view.alerts.count())]
    assert any("叫号屏（board-east）语音播报故障" in a and text in a for a in alerts), alerts


# importing QtMultimedia says which audio libraries this PC lacks: not the test's concern
@pytest.mark.qt_log_ignore("pipewire", "PulseAudio", "pa_context", "symbols")
@pytest.mark.parametrize("kind", ["missing", "broken"])
def test_a_clip_that_will_not_play_is_shown_and_reaches_the_supervisor(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    live_hall: Hall,
    board_hall: Hall,
    runner: Runner,
    kind: str,
) -> None:
    monkeypatch.setattr(voice, "PAUSE_MS", 10)
    clips = tmp_path / "voice"
    if kind == "broken":  # every clip present, none of them a WAV
        clips.mkdir()
        for clip in clip_dir().glob("*.wav"):
            (clips / clip.name).write_bytes(b"not a wav file")
    board = _board(qtbot, board_hall, runner, Announcer(ClipBackend(clips=clips), repeat=1))
    assert not board.audio_marker.isVisible()
    _call_one(live_hall)
    qtbot.waitUntil(lambda: board.audio_marker.isVisible(), timeout=5000)
    assert "叫号语音故障" in board.audio_marker.text()
    assert board.latest_number.text() == "A001"  # the call is still shown
    qtbot.waitUntil(lambda: bool(devices.problems(live_hall.ctx)), timeout=5000)
    [problem] = devices.problems(live_hall.ctx)
    assert (problem.terminal, problem.device, problem.part) == ("board-east", "board", "audio")
    assert "语音文件缺失或损坏" in problem.problem
    with live_hall.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "device_fault")).one()
        assert entry.staff_id is None and entry.terminal == "board-east"  # the system actor
    _supervisor_sees(qtbot, live_hall, runner, "语音文件缺失或损坏")
    board.poll_timer.stop()


def test_no_audio_device_is_shown_from_the_start(
    qtbot: QtBot, live_hall: Hall, board_hall: Hall, runner: Runner
) -> None:
    backend = SilentBackend(problem="本机没有可用的音频输出设备，叫号无法播报")
    board = _board(qtbot, board_hall, runner, Announcer(backend))
    assert board.audio_marker.isVisible()
    assert "没有可用的音频输出设备" in board.audio_marker.text()
    qtbot.waitUntil(lambda: bool(devices.problems(live_hall.ctx)), timeout=5000)
    _supervisor_sees(qtbot, live_hall, runner, "没有可用的音频输出设备")
    board.poll_timer.stop()


def test_a_fault_is_audited_once_and_its_recovery_clears_the_alert(hall: Hall) -> None:
    assert hall.board.report_audio(None) is False  # nothing to say
    assert hall.board.report_audio("语音合成出错：engine") is True
    assert hall.board.report_audio("语音合成出错：engine") is False  # no flood
    assert [a.level for a in devices.device_alerts(hall.ctx)] == ["alarm"]
    assert hall.board.report_audio(None) is True
    assert devices.device_alerts(hall.ctx) == []
    with hall.db.read() as s:
        actions = list(
            s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity == "device_status")
                .order_by(AuditEntry.id)
            )
        )
    assert actions == ["device_fault", "device_recovered"]


def test_the_board_shows_the_hall_clock_and_the_no_window_text(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    """The hall's time (the services' clock, in the hall's zone), not the PC's; a lane with
    people waiting and no open window gives no number."""
    reception = login(sqlite_hall, "2001")
    for _ in range(2):
        sqlite_hall.tickets.issue(reception, category_code="B")
    board = _board(qtbot, sqlite_hall, runner, Announcer(SilentBackend()))
    assert board.clock.text() == "2026-11-25 09:00:00"  # the fake clock: Wednesday 09:00
    assert "B 不动产登记：2 人<br>" in board.lanes.text()
    assert "暂无窗口办理，请咨询导服台" in board.lanes.text()
    assert "分钟" not in board.lanes.text()
    board.poll_timer.stop()
