"""The stage for the scripted hall morning: one "PC" per role in one test process.

Each PC has its own :class:`Hall` (engine and sessions) on the one test database, its own
database worker (``Runner``) and its own per-PC preferences (a QSettings file), as separate
processes would; all share the one FakeClock, so the hall's time moves only when the story
says so. People log in through the real login dialog and work the real screens by keyboard.

Keeping it deterministic: the screens' own 1-second poll timers are stopped and each PC
polls when the story looks at it (``Morning.until``), through the same ``poll()`` the timer
calls; every expectation is waited for with ``qtbot.waitUntil``, never a sleep.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hall_app.config import Config
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall, open_hall
from hall_app.ui.board import BoardWindow
from hall_app.ui.clerk import ClerkView
from hall_app.ui.login import LoginDialog
from hall_app.ui.main_window import MainWindow
from hall_app.ui.models import LaneTableModel, WindowTableModel
from hall_app.ui.settings import PRINT_TICKETS, Settings
from hall_app.ui.voice import Announcer, SilentBackend
from hall_app.ui.worker import Runner
from tests.conftest import REFUSED_MODALS

HALL_TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
WAIT_MS = 20_000  # generous: a loaded 2-core machine, PostgreSQL, five PCs in one process
_WINDOW_CELL = re.compile(r"(\d+)号</span> <b>([^<]*)</b>")  # one window on the board


@dataclass
class PC:
    """One terminal of the hall: its services, worker and preferences, and who is at it."""

    name: str
    hall: Hall
    runner: Runner
    settings: Settings
    window: MainWindow | None = None
    actor: Actor | None = None

    @property
    def main(self) -> MainWindow:
        assert self.window is not None, f"nobody is logged in at {self.name}"
        return self.window

    @property
    def clerk(self) -> ClerkView:
        assert self.main.clerk is not None
        return self.main.clerk

    def poll(self) -> None:
        if self.window is not None:
            self.window.poll()


@dataclass
class Board:
    """The calling board on the hall's big screen, with a silent voice that keeps what it
    would have said."""

    pc: PC
    widget: BoardWindow
    voice: SilentBackend
    shown: list[Any] = field(default_factory=list)

    def poll(self) -> None:
        self.widget.poll()

    @property
    def latest(self) -> str:
        return self.widget.latest_number.text()

    @property
    def latest_window(self) -> str:
        return self.widget.latest_window.text()

    @property
    def windows(self) -> dict[int, str]:
        """The open windows on the board and the number each shows ("—" when none)."""
        return {int(n): cur for n, cur in _WINDOW_CELL.findall(self.widget.windows.text())}

    @property
    def lanes(self) -> str:
        return self.widget.lanes.text()

    @property
    def recent(self) -> str:
        return self.widget.recent.text()


class Morning:
    """The PCs of the hall and the small verbs of the story."""

    def __init__(
        self,
        qtbot: QtBot,
        db_url: str,
        clock: FakeClock,
        folder: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        self.qtbot = qtbot
        self.monkeypatch = monkeypatch  # to stub a modal dialog's ask() as a person answers
        self.db_url = db_url
        self.clock = clock
        self.folder = folder
        self.pcs: list[PC] = []
        self.board: Board | None = None

    # ------------------------------------------------------------ set-up and tear-down

    def pc(self, name: str) -> PC:
        """Switch on a PC: open the database as that terminal would."""
        hall = open_hall(Config(db_url=self.db_url, terminal=name), upgrade=False, clock=self.clock)
        runner = Runner()
        qs = QSettings(str(self.folder / f"{name}.ini"), QSettings.Format.IniFormat)
        settings = Settings(qs)
        settings.set(PRINT_TICKETS, False)  # no printer here: slips are kept as PDF files
        pc = PC(name, hall, runner, settings)
        self.pcs.append(pc)
        return pc

    def close(self) -> None:
        """Switch everything off: windows closed (logging out), workers idle, engines gone."""
        if self.board is not None:
            self.board.widget.close()
        for pc in self.pcs:
            if pc.window is not None and pc.window.isVisible():
                pc.window.close()
        for pc in self.pcs:
            pc.runner.wait(10_000)
            if pc.window is not None:
                pc.window.prober.wait(10_000)
        QApplication.processEvents()
        for pc in self.pcs:
            pc.hall.close()

    # ------------------------------------------------------------ the clock

    def at(self, hhmm: str) -> None:
        """The hall's clock moves on to HH:MM today (never back)."""
        hour, minute = map(int, hhmm.split(":"))
        local = self.clock.now.astimezone(HALL_TZ)
        target = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        assert target >= local, f"the clock does not go back ({local:%H:%M} → {hhmm})"
        self.clock.now = target

    # ------------------------------------------------------------ logging in

    def log_in(
        self,
        pc: PC,
        staff_no: str,
        window: int | None = None,
        look: Callable[[LoginDialog], None] | None = None,
    ) -> MainWindow:
        """At the login dialog: staff number, Tab, password, the PC's window, Enter; then
        the role's main window opens, as ``ui/app.py`` does. ``look`` reads the dialog as
        it first appears."""
        dialog = LoginDialog(pc.runner, pc.settings)
        self.qtbot.addWidget(dialog)
        dialog.set_hall(pc.hall, pc.hall.auth.windows())
        dialog.show()
        if look is not None:
            look(dialog)
        self.activate(dialog)
        dialog.staff_no.clear()
        dialog.staff_no.setFocus()
        self.qtbot.keyClicks(dialog.staff_no, staff_no)
        # Tab, not Enter: Enter in the staff number box also fires the dialog's default
        # button, which tries to log in with an empty password (noted for the issue)
        self.qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Tab)
        assert dialog.password.hasFocus()
        index = dialog.window_box.findData(window or 0)
        assert index >= 0, f"window {window} is not offered at login"
        dialog.window_box.setCurrentIndex(index)
        self.qtbot.keyClicks(dialog.password, f"demo{staff_no}")
        self.qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        self.qtbot.waitUntil(
            lambda: dialog.actor is not None or not dialog._pending, timeout=WAIT_MS
        )
        assert dialog.actor is not None, dialog.message.text()
        actor: Actor = dialog.actor
        main = MainWindow(pc.hall, pc.runner, actor, pc.settings)
        self.qtbot.addWidget(main)
        main.poll_timer.stop()  # the story polls (see the module notes)
        main.prepare_timer.stop()
        main.show()
        pc.window, pc.actor = main, actor
        self.settle(pc)
        return main

    def log_out(self, pc: PC) -> None:
        """系统 › 退出登录 (Ctrl+Q): the window closes and the clerk leaves the window."""
        main = pc.main
        self.press(pc, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.waitUntil(lambda: not main.isVisible(), timeout=WAIT_MS)
        pc.runner.wait(10_000)
        pc.window = None

    def switch_on_board(self, pc: PC) -> Board:
        voice = SilentBackend(seconds_per_token=0.001)
        widget = BoardWindow(pc.hall, pc.runner, pc.settings, Announcer(voice, repeat=1))
        widget.poll_timer.stop()
        self.qtbot.addWidget(widget)
        widget.resize(1920, 1080)
        widget.show()
        board = Board(pc, widget, voice)
        widget.call_shown.connect(board.shown.append)
        self.qtbot.waitUntil(lambda: widget.snapshot is not None, timeout=WAIT_MS)
        self.board = board
        return board

    # ------------------------------------------------------------ keyboard

    def activate(self, widget: QWidget) -> None:
        """The person sits down at that screen: its window becomes the active one (window
        shortcuts such as F1 only work in the active window, as on a real desktop)."""
        top = widget.window()
        top.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is top, timeout=WAIT_MS)

    def press(
        self,
        pc: PC | QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        """A key press at that screen goes to whatever has the keyboard focus there."""
        widget = pc.main if isinstance(pc, PC) else pc
        self.activate(widget)
        self.qtbot.keyClick(QApplication.focusWidget() or widget.window(), key, modifier)

    def type(self, widget: QWidget, text: str, enter: bool = False) -> None:
        self.activate(widget)
        widget.setFocus()
        self.qtbot.keyClicks(widget, text)
        if enter:
            self.qtbot.keyClick(widget, Qt.Key.Key_Return)

    # ------------------------------------------------------------ looking

    def settle(self, *pcs: PC) -> None:
        """Wait until the PCs' workers have delivered every result (screens up to date with
        what they asked for)."""
        for pc in pcs or self.pcs:
            self.qtbot.waitUntil(lambda pc=pc: not pc.runner.busy, timeout=WAIT_MS)

    def until(
        self, predicate: Callable[[], bool], *watching: PC | Board, timeout: int = WAIT_MS
    ) -> None:
        """Wait until a screen shows something; the PCs watching poll meanwhile, as their
        timers would (a poll already under way is not doubled)."""

        def check() -> bool:
            if REFUSED_MODALS:  # an un-stubbed modal dialog: fail now, not at the timeout
                raise AssertionError(REFUSED_MODALS[0])
            for screen in watching:
                screen.poll()
            return predicate()

        self.qtbot.waitUntil(check, timeout=timeout)


# ---------------------------------------------------------------- reading tables


def rows(model: Any, columns: Iterable[int] | None = None) -> list[tuple[str, ...]]:
    """What a table shows, row by row (display texts)."""
    cols = list(columns) if columns is not None else list(range(model.columnCount()))
    return [
        tuple(str(model.data(model.index(r, c)) or "") for c in cols)
        for r in range(model.rowCount())
    ]


def lane(model: LaneTableModel, prefix: str) -> dict[str, str]:
    """One lane's row in a lane table: waiting, green, longest, estimate, open windows."""
    for row in rows(model):
        if row[0].split()[0] == prefix:
            return dict(
                zip(
                    ("lane", "waiting", "green", "longest", "estimate", "windows"), row, strict=True
                )
            )
    return {}


def window_row(model: WindowTableModel, number: int) -> dict[str, str]:
    """One window's row in the supervisor's overview: status, staff, categories, ticket."""
    for row in rows(model):
        if row[0] == f"{number}号":
            return dict(
                zip(("window", "status", "staff", "categories", "current"), row, strict=True)
            )
    return {}
