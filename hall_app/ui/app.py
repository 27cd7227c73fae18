"""The composition root of the GUI: application, fonts, translators, login, main window.

Start-up shows the login window first and opens (and upgrades) the database on the worker
thread, so SQLAlchemy, Alembic and the migration check stay off the path to first paint.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from hall_app.domain.errors import KnownError
from hall_app.ui import crash
from hall_app.ui.gc import GuiThreadCollector
from hall_app.ui.language import choose_language, install_translators
from hall_app.ui.login import LoginDialog
from hall_app.ui.settings import LANGUAGE, Settings
from hall_app.ui.worker import Runner

if TYPE_CHECKING:
    from hall_app.services.context import Actor
    from hall_app.services.hall import Hall

log = logging.getLogger("hall_app.ui")
_T0 = time.perf_counter()


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def setup_application(argv: list[str] | None = None) -> QApplication:
    os.environ.setdefault("LANG", "C.UTF-8")
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("hall_app")
    app.setApplicationName("hall_app")
    setup_font(app)
    install_translators(app, choose_language(Settings().get(LANGUAGE)))
    # after the translators: every window title ends with it
    app.setApplicationDisplayName(app.translate("App", "政务服务大厅窗口系统"))
    return app


def setup_font(app: QApplication) -> None:
    """Set the application font explicitly: with several CJK fonts Qt's fallback varies."""
    from hall_app.printing.fonts import find_font

    try:
        font_file = find_font()
    except KnownError:
        log.warning("no CJK font file found; relying on the system fallback")
        return
    families = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(font_file))
    )
    if families:
        app.setFont(QFont(families[0], 11))


class GuiSession:
    """Login → main window → (logout) → login again, on one opened hall."""

    def __init__(self, app: QApplication, demo: bool) -> None:
        self.app = app
        self.demo = demo
        self.settings = Settings()
        self.runner = Runner(app)
        self.collector = GuiThreadCollector(app)
        self.hall: Hall | None = None
        self.window = None
        self.login: LoginDialog | None = None

    def start(self) -> None:
        self.show_login()
        self.runner.run(self._open, self._opened, self._open_failed)

    def _open(self) -> tuple[Hall, list, str | None]:
        from hall_app.config import load_config
        from hall_app.services.hall import open_hall, seed_demo

        hall = open_hall(load_config())
        note = seed_demo(hall) if self.demo else None
        return hall, hall.auth.windows(), note

    def _opened(self, result: tuple[Hall, list, str | None]) -> None:
        self.hall, windows, note = result
        self._windows = windows
        if self.login is not None:
            self.login.set_hall(self.hall, windows, note)

    def _open_failed(self, error: KnownError) -> None:
        from hall_app.config import load_config
        from hall_app.services.hall import recovery_options

        damaged, backup = recovery_options(load_config(), error)
        if self.login is not None:
            self.login.set_failed(error, damaged_file=damaged, has_backup=backup)

    def _recover(self, action: str) -> None:
        """The login window's way out: retry, restore the newest backup, or start empty
        (the damaged file is always kept under another name)."""
        from hall_app.config import load_config
        from hall_app.services.hall import recover_database

        def work() -> tuple[Hall, list, str | None]:
            note = recover_database(load_config(), action)
            hall, windows, seeded = self._open()
            return hall, windows, "；".join(x for x in (note, seeded) if x) or None

        self.runner.run(work, self._opened, self._open_failed)

    def show_login(self) -> None:
        self.login = LoginDialog(self.runner, self.settings)
        self.login.logged_in.connect(self._logged_in)
        self.login.recover.connect(self._recover)
        self.login.rejected.connect(self.app.quit)
        if self.hall is not None:  # who holds which window now, not at start-up
            hall, login = self.hall, self.login
            self.runner.run(hall.auth.windows, lambda windows: login.set_hall(hall, windows))
        self.login.show()

    def _logged_in(self, actor: Actor) -> None:
        from hall_app.ui.main_window import MainWindow

        assert self.hall is not None
        self.login = None
        self.window = MainWindow(self.hall, self.runner, actor, self.settings)
        self.window.destroyed.connect(self.show_login)
        self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.window.show()


def run_gui(demo: bool = False) -> int:
    if not _has_display():
        print("错误：没有可用的图形显示（未设置 DISPLAY）。请在桌面环境中运行，"
              "或设置 QT_QPA_PLATFORM=offscreen 进行无界面测试。", file=sys.stderr)
        return 1
    app = setup_application()
    crash.install()
    session = GuiSession(app, demo)
    session.start()
    if os.environ.get("HALL_SMOKE"):  # scripts/bundle-smoke only; see ui/smoke.py
        from hall_app.ui import smoke

        if smoke.requested(demo):
            smoke.attach(session)
    if os.environ.get("HALL_BENCH_STARTUP"):
        def shown() -> None:
            print(f"HALL_LOGIN_SHOWN {time.perf_counter() - _T0:.4f}", flush=True)
            app.quit()
        QTimer.singleShot(0, shown)
    code = app.exec()
    session.runner.wait(5000)
    if session.hall is not None:
        session.hall.close()
    return code


def run_board(screen: int = 0, windowed: bool = False) -> int:
    """``hall-app board``: the calling board on monitor ``screen``, full screen."""
    if not _has_display():
        print("错误：没有可用的图形显示（未设置 DISPLAY），叫号屏无法打开。", file=sys.stderr)
        return 1
    app = setup_application()
    crash.install()
    collector = GuiThreadCollector(app)
    settings = Settings()
    runner = Runner(app)
    screens = app.screens()
    if not 0 <= screen < len(screens):
        print(f"错误：没有第 {screen} 号显示器（本机共有 {len(screens)} 个，编号从 0 开始）",
              file=sys.stderr)
        return 2
    holder: dict[str, object] = {}

    def opened(hall: Hall) -> None:
        from hall_app.ui.board import MUTED, REPEAT, VOLUME, BoardWindow
        from hall_app.ui.voice import Announcer, best_backend

        announcer = Announcer(best_backend(app), repeat=int(settings.get(REPEAT)),
                              volume=int(settings.get(VOLUME)) / 100,
                              muted=bool(settings.get(MUTED)), parent=app)
        board = BoardWindow(hall, runner, settings, announcer)
        board.setGeometry(screens[screen].geometry())
        holder.update(hall=hall, board=board)
        board.show() if windowed else board.showFullScreen()

    def failed(error: KnownError) -> None:
        print(f"错误：{error.message}", file=sys.stderr)
        app.exit(1)

    def open_db() -> Hall:
        from hall_app.config import load_config
        from hall_app.services.hall import open_hall

        return open_hall(load_config())

    runner.run(open_db, opened, failed)
    code = app.exec()
    runner.wait(5000)
    hall = holder.get("hall")
    if hall is not None:
        hall.close()  # type: ignore[attr-defined]
    del collector
    return code
