"""The smoke run: log in as each demo role, open every tab of the main window, check a
clerk's materials through to the PDF preview, and report whether anything failed.

``scripts/bundle-smoke`` uses it to prove a frozen bundle holds every module a screen needs
(a module left out of ``build.spec`` only fails when the screen that imports it is built);
``tests/test_smoke_hook.py`` runs it in-process on the source tree.

It starts only when ALL of these hold, so it cannot be triggered in normal use:
``HALL_SMOKE=1``, ``hall-app gui --demo`` and ``QT_QPA_PLATFORM=offscreen``. ``ui/app.py``
imports this module only then. It drives the real login dialog, services and main window;
any exception (including one that reaches ``sys.excepthook``, which would open the crash
dialog) or any known error nobody handled counts as a failure. Nothing is shown: the
result goes to stdout, to the log, and to the exit code (0 passed, 1 failed).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.materials import Mark

if TYPE_CHECKING:
    from hall_app.ui.app import GuiSession
    from hall_app.ui.main_window import MainWindow

log = logging.getLogger("hall_app.smoke")

ENV = "HALL_SMOKE"
#: the demo roles: (staff number, window or None); the password is "demo" + staff number
ROLES: tuple[tuple[str, int | None], ...] = (
    ("1001", 1),  # clerk at window 1
    ("2001", None),  # reception
    ("3001", None),  # supervisor
    ("9001", None),  # admin
)
#: every PySide6 module the app imports, some only in one screen or lazily (the board's voice):
#: a module left out of the bundle degrades or breaks that screen alone.
#: tests/test_smoke_hook.py checks this list against the sources.
QT_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtCharts",
    "QtMultimedia",
    "QtPdf",
    "QtPdfWidgets",
    "QtPrintSupport",
    "QtTextToSpeech",
)
STEP_SECONDS = 120.0  # generous: a loaded 2-core machine, first import of a frozen module
OPEN_SECONDS = 600.0  # creating, migrating and seeding the demo database
TICK_MS = 20


def requested(demo: bool) -> bool:
    """True only for ``HALL_SMOKE=1 hall-app gui --demo`` on the offscreen platform."""
    if os.environ.get(ENV) != "1":
        return False
    if not demo or os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        log.warning("%s ignored: it needs `gui --demo` and QT_QPA_PLATFORM=offscreen", ENV)
        return False
    return True


def attach(session: GuiSession) -> SmokeRun:
    """Drive ``session`` (already started); at the end the process exits with 0 or 1."""
    run = SmokeRun(session)
    # run_gui closes the database after the event loop ends
    run.finished.connect(lambda: QApplication.exit(0 if not run.failures else 1))
    run.start()
    return run


@dataclass
class _Wait:
    what: str  # shown on a timeout: "中文 / English"
    ready: Callable[[], bool]
    seconds: float | None = None  # None: the run's step limit
    detail: Callable[[], str] | None = None  # more to say on a timeout


class SmokeRun(QObject):
    """A script of steps run from a timer on the GUI thread; each step waits for a condition.

    ``finished`` is emitted once; ``failures`` says what went wrong, ``passed`` what was
    done. ``sys.excepthook`` is replaced while the run lasts (restored at the end).
    """

    finished = Signal()

    def __init__(
        self,
        session: GuiSession,
        roles: tuple[tuple[str, int | None], ...] = ROLES,
        *,
        material_check: bool = True,
        step_seconds: float = STEP_SECONDS,
    ) -> None:
        super().__init__(session.app)
        self.session = session
        self.roles = roles
        self.material_check = material_check
        self.step_seconds = step_seconds
        self.failures: list[str] = []
        self.passed: list[str] = []
        self.tabs: dict[str, list[str]] = {}  # staff number -> the tabs its main window has
        self.done = False
        self._script: Iterator[_Wait] | None = None
        self._waiting: tuple[_Wait, float] | None = None
        self._stepping = False
        self._step_started = 0.0
        self._hook: Callable[..., Any] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # ------------------------------------------------------------ running

    def start(self) -> None:
        self._hook = sys.excepthook
        sys.excepthook = self._excepthook
        self.session.runner.known_error.connect(self._known_error)
        self._script = self._steps()
        self._step_started = time.monotonic()
        self._timer.start()
        log.info("smoke run started: roles %s", ", ".join(s for s, _w in self.roles))

    def _excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        log.critical("unhandled exception:\n%s", text)
        self.failures.append(f"未处理的异常 / unhandled exception:\n{text}")

    def _known_error(self, error: KnownError) -> None:
        self.failures.append(
            f"未处理的已知错误 / unhandled known error: {error.title}：{error.message}"
        )

    def _tick(self) -> None:
        if self.done:
            return
        if self._stepping:  # a step opened a blocking dialog: its nested loop runs this timer
            if time.monotonic() - self._step_started > self.step_seconds:
                modal = QApplication.activeModalWidget()
                self.failures.append(
                    "卡在模态对话框 / stuck in a modal dialog: "
                    + (modal.windowTitle() if modal is not None else "?")
                )
                if modal is not None:
                    modal.close()
            return
        if self.failures:
            self._finish()
            return
        self._stepping = True
        try:
            self._advance()
        except Exception as error:  # a step itself failed: that is a failure, not a crash
            text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            self.failures.append(f"步骤出错 / step failed:\n{text}")
        finally:
            self._stepping = False
        if self.failures or self._script is None:
            self._finish()

    def _advance(self) -> None:
        assert self._script is not None
        if self._waiting is not None:
            wait, deadline = self._waiting
            if not wait.ready():
                if time.monotonic() > deadline:
                    more = wait.detail() if wait.detail is not None else ""
                    self.failures.append(
                        f"超时 / timed out: {wait.what}" + (f"（{more}）" if more else "")
                    )
                return
            self.passed.append(wait.what)
            self._waiting = None
        self._step_started = time.monotonic()
        try:
            wait = next(self._script)
        except StopIteration:
            self._script = None
            return
        self._waiting = (wait, time.monotonic() + (wait.seconds or self.step_seconds))

    def _finish(self) -> None:
        if self.done:
            return
        self.done = True
        self._timer.stop()
        if sys.excepthook == self._excepthook and self._hook is not None:
            sys.excepthook = self._hook
        ok = not self.failures
        if ok:
            summary = f"HALL_SMOKE OK: {len(self.passed)} steps"
            log.info("%s\n  %s", summary, "\n  ".join(self.passed))
            print(summary, flush=True)
        else:
            summary = "HALL_SMOKE FAILED:\n" + "\n".join(self.failures)
            log.error("%s\npassed before: %s", summary, "; ".join(self.passed))
            print(summary, file=sys.stderr, flush=True)
        self.finished.emit()

    # ------------------------------------------------------------ the script

    def _idle(self) -> bool:
        return not self.session.runner.busy

    def _login_detail(self) -> str:
        login = self.session.login
        return login.message.text() if login is not None else ""

    def _steps(self) -> Iterator[_Wait]:
        session = self.session
        for name in QT_MODULES:
            importlib.import_module(f"PySide6.{name}")
        self.passed.append("PySide6: " + ", ".join(QT_MODULES))
        yield _Wait(
            "打开数据库 / open the database",
            lambda: session.login is not None and session.login.ok_button.isEnabled(),
            seconds=OPEN_SECONDS,
            detail=self._login_detail,
        )
        for staff_no, window_number in self.roles:
            login = session.login
            assert login is not None
            index = login.window_box.findData(window_number or 0)
            if index < 0:
                raise AssertionError(f"登录窗口没有 {window_number} 号窗口 / window not offered")
            login.staff_no.setText(staff_no)
            login.password.setText("demo" + staff_no)
            login.window_box.setCurrentIndex(index)
            before = session.window
            login.try_login()  # the OK button's and Enter's path

            def logged_in(b: object = before) -> bool:
                return session.window is not None and session.window is not b

            yield _Wait(f"{staff_no} 登录 / log in", logged_in, detail=self._login_detail)
            window = session.window
            assert window is not None
            yield from self._tabs(staff_no, window)
            if self.material_check and window.clerk is not None:
                yield from self._check_materials(staff_no, window)
            if window.clerk is not None and window.clerk.current is not None:
                # logging out with a ticket in hand asks first: the clerk returns it
                QTimer.singleShot(0, lambda: self._answer_leave(attempts=200))
            window.close()  # 退出登录: logout, and the login dialog again

            def logged_out(lg: object = login) -> bool:
                return (
                    session.login is not None
                    and session.login is not lg
                    and session.login.ok_button.isEnabled()
                )

            yield _Wait(f"{staff_no} 退出登录 / log out", logged_out)

    def _answer_leave(self, attempts: int) -> None:
        """Click 退回队列 on the 'ticket in hand' question once it is shown."""
        modal = QApplication.activeModalWidget()
        button = modal.findChild(QPushButton, "leave_return") if modal is not None else None
        if button is not None:
            self.passed.append("退出前退回队列 / ticket returned before logout")
            button.click()
        elif attempts > 0:
            QTimer.singleShot(50, lambda: self._answer_leave(attempts - 1))

    def _tabs(self, staff_no: str, window: MainWindow) -> Iterator[_Wait]:
        yield _Wait(f"{staff_no} 主窗口加载 / main window loaded", self._idle)
        tabs = window.normal
        pages = (
            [(tabs.tabText(i), i) for i in range(tabs.count())]
            if isinstance(tabs, QTabWidget)
            else [(type(tabs).__name__, -1)]
        )
        self.tabs[staff_no] = [name for name, _i in pages]
        for name, index in pages:
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentIndex(index)
            page = tabs.currentWidget() if isinstance(tabs, QTabWidget) else tabs
            page.grab()  # paint it, as a screen would (charts, tables, delegates)
            yield _Wait(f"{staff_no} 标签页 / tab {name}", self._idle)

    def _check_materials(self, staff_no: str, window: MainWindow) -> Iterator[_Wait]:
        """Call a ticket, check its materials with one missing, and preview the notice slip
        (reportlab, the CJK font, QtPdf and QtPdfWidgets)."""
        clerk = window.clerk
        assert clerk is not None
        if isinstance(window.normal, QTabWidget):
            window.normal.setCurrentWidget(clerk)
        clerk.call_next()
        yield _Wait(
            f"{staff_no} 叫号 / call a ticket",
            lambda: clerk.current is not None,
            detail=clerk.message.text,
        )
        opened: list[Any] = []
        clerk.casework.dialog_opened.connect(opened.append)
        clerk.casework.preview_opened.connect(opened.append)
        clerk.check_materials()
        yield _Wait(
            f"{staff_no} 材料核验 / material check", lambda: bool(opened), detail=clerk.message.text
        )
        dialog = opened[0]
        dialog.name.setText("冒烟测试")
        dialog.id_number.setText("11010519491231002X")
        dialog.id_number.editingFinished.emit()
        for check in dialog.model.checks:
            if check.material.conditional:
                check.applies = False
        dialog.all_received()
        row = next(
            (i for i, c in enumerate(dialog.model.checks) if c.applies and not c.material.shared),
            None,
        )
        if row is None:
            raise AssertionError("该事项没有可缺失的材料 / no material can be missing")
        dialog.table.selectRow(row)
        dialog._set_mark(Mark.MISSING)
        if not dialog.notice_button.isEnabled():
            raise AssertionError(f"无法出具告知单 / notice not possible: {dialog.summary.text()}")
        dialog.notice_button.click()
        yield _Wait(
            f"{staff_no} 一次性告知单预览 / notice preview",
            lambda: len(opened) > 1,
            detail=dialog.message.text,
        )
        preview = opened[1]
        yield _Wait(
            f"{staff_no} 预览已载入 PDF / preview loaded the PDF",
            lambda: preview.document.pageCount() >= 1,
        )
        preview.grab()
        preview.accept()
        yield _Wait(f"{staff_no} 材料核验完成 / material check done", self._idle)
