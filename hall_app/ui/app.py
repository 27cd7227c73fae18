"""The composition root of the GUI: application, fonts, translators, login, main window.

Start-up shows the login window first and opens (and upgrades) the database on the worker
thread, so SQLAlchemy, Alembic and the migration check stay off the path to first paint.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from hall_app.domain.errors import KnownError
from hall_app.ui import crash
from hall_app.ui.gc import GuiThreadCollector
from hall_app.ui.language import choose_language, install_translators
from hall_app.ui.login import LoginDialog, OfflineAccess
from hall_app.ui.settings import LANGUAGE, Settings
from hall_app.ui.worker import Runner

if TYPE_CHECKING:
    from hall_app.config import Config
    from hall_app.services.context import Actor
    from hall_app.services.hall import Hall
    from hall_app.services.local_cache import LoginCache

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
    """Login → main window → (logout) → login again, on one opened hall.

    While the server is unreachable (at start-up or later) the login window tries again by
    itself on a second worker (``prober``), so a probe that waits for a connect timeout
    never holds up the desk's work, and offers the offline login (离线登录) to the staff
    this terminal keeps (services/local_cache.py); that opens the offline desk in an
    :class:`OfflineStartWindow`, on the opened hall or, from cold, on an unopened one."""

    def __init__(self, app: QApplication, demo: bool) -> None:
        self.app = app
        self.demo = demo
        self.settings = Settings()
        self.runner = Runner(app)
        self.prober = Runner(app)  # reconnecting, off the worker the screens use
        self.collector = GuiThreadCollector(app)
        self.hall: Hall | None = None
        self.window: Any = None
        self.login: LoginDialog | None = None
        self._cache: LoginCache | None = None
        self._cache_lock = threading.Lock()
        self._probing = False
        self._offline_hall: Hall | None = None  # the hall the offline window works on
        self._cold: Hall | None = None  # an unopened hall of an offline login from cold

    def start(self) -> None:
        self.show_login()
        self.runner.run(self._open, self._opened, self._open_failed)

    def login_cache(self, config: Config) -> LoginCache:
        from hall_app.services.local_cache import LoginCache

        with self._cache_lock:  # one object (one lock) for the file, whichever thread asks
            if self._cache is None:
                self._cache = LoginCache.for_terminal(config.terminal)
            return self._cache

    def _open(self) -> tuple[Hall, list, str | None]:
        from hall_app.config import load_config
        from hall_app.services.hall import open_hall, seed_demo

        config = load_config()
        hall = open_hall(config)
        hall.auth.keep_logins(self.login_cache(config))
        note = seed_demo(hall) if self.demo else None
        windows = hall.auth.windows()
        self._refresh_cache(hall)
        return hall, windows, note

    @staticmethod
    def _refresh_cache(hall: Hall) -> None:
        """The login cache follows the server (a failure costs only the offline login)."""
        try:
            hall.auth.refresh_cache()
        except (KnownError, OSError) as error:
            log.warning("login cache not refreshed: %s", type(error).__name__)

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

        if action == "retry":
            self._retry()
            return

        def work() -> tuple[Hall, list, str | None]:
            note = recover_database(load_config(), action)
            hall, windows, seeded = self._open()
            return hall, windows, "；".join(x for x in (note, seeded) if x) or None

        self.runner.run(work, self._opened, self._open_failed)

    # ------------------------------------------------------------ reconnecting

    def _retry(self) -> None:
        """Try the server again (the login window's timer, or its 重试 button)."""
        if self._probing:
            return
        self._probing = True
        self.prober.run(self._probe, self._probed, self._probe_failed)

    def _probe(self) -> tuple[Hall, list, str | None]:
        hall = self.hall
        if hall is None:
            return self._open()
        windows = hall.auth.windows()
        self._refresh_cache(hall)
        return hall, windows, None

    def _probed(self, result: tuple[Hall, list, str | None]) -> None:
        self._probing = False
        hall, windows, note = result
        if self.hall is None:
            self.hall = hall
        elif hall is not self.hall:  # opened meanwhile by a recovery: one hall per process
            self.prober.run(hall.close)
            hall = self.hall
        log.warning("database reachable again")
        if self.login is not None:
            self.login.set_hall(hall, windows, note)
        elif self._offline_window() is not None:
            self.window.server_is_back()

    def _probe_failed(self, error: KnownError) -> None:
        self._probing = False
        if self.login is not None and self.login.unreachable:
            self.login.still_unreachable(error)
        elif self.login is not None:
            self._open_failed(error)
        elif self._offline_window() is not None:
            self.window.still_offline()

    def _offline_window(self) -> Any:
        from hall_app.ui.offline_start import OfflineStartWindow

        return self.window if isinstance(self.window, OfflineStartWindow) else None

    # ------------------------------------------------------------ offline login

    def _offline_access(self) -> OfflineAccess | None:
        """Who may log in here without the server (read from the login cache)."""
        from hall_app.config import load_config
        from hall_app.services.context import system_clock

        try:
            config = load_config()
        except KnownError as error:
            log.warning("offline login unavailable: %s", error.headline())
            return None
        cache = self.login_cache(config)
        data = cache.usable(system_clock())
        return OfflineAccess(
            lambda no, pw, w: self._login_offline(config, no, pw, w), len(data.staff), data.windows
        )

    def _login_offline(
        self, config: Config, staff_no: str, password: str, window: int | None
    ) -> Actor:
        """On the worker: check the cached verifier and journal the offline login."""
        from hall_app.services.local_cache import offline_hall, offline_login

        hall = self.hall
        if hall is None:
            hall = self._cold or offline_hall(config)
            self._cold = hall
        actor = offline_login(
            self.login_cache(config),
            hall.journal,
            config.terminal,
            hall.ctx.now(),
            staff_no,
            password,
            window,
        )
        self._offline_hall = hall
        return actor

    def _logged_in_offline(self, actor: Actor) -> None:
        from hall_app.ui.offline_start import OfflineStartWindow

        hall = self._offline_hall
        assert hall is not None
        self.login = None
        window = OfflineStartWindow(hall, self.runner, actor, self.settings)
        self.window = window
        window.probe_due.connect(self._retry)
        window.destroyed.connect(self._offline_closed)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.resize(1366, 768)
        window.show()
        window.start()

    def _offline_closed(self) -> None:
        """Back to the login: online when the server answers again (its login merges the
        journal), or offline again when it does not."""
        self.window = None
        cold, self._cold = self._cold, None
        if cold is not None and cold is not self.hall:  # queued after the desk's last work
            self.runner.run(cold.close)
        self.show_login()
        if self.hall is None:
            self._retry()

    def show_login(self) -> None:
        self.login = LoginDialog(self.runner, self.settings)
        self.login.offline_source = self._offline_access
        self.login.logged_in.connect(self._logged_in)
        self.login.offline_logged_in.connect(self._logged_in_offline)
        self.login.recover.connect(self._recover)
        self.login.retry_due.connect(self._retry)
        self.login.rejected.connect(self.app.quit)
        if self.hall is not None:  # who holds which window now, not at start-up
            hall, login = self.hall, self.login
            self.runner.run(
                hall.auth.windows, lambda windows: login.set_hall(hall, windows), login.set_failed
            )
        self.login.show()

    def _logged_in(self, actor: Actor) -> None:
        from hall_app.ui.main_window import MainWindow

        assert self.hall is not None
        self.login = None
        hall = self.hall
        self.window = MainWindow(hall, self.runner, actor, self.settings)
        # the login cache follows the server at each offline preparation too
        self.window.prepared.connect(
            lambda _report: self.runner.run(lambda: self._refresh_cache(hall))
        )
        self.window.destroyed.connect(self.show_login)
        self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.window.show()


def run_gui(demo: bool = False) -> int:
    if not _has_display():
        print(
            "错误：没有可用的图形显示（未设置 DISPLAY）。请在桌面环境中运行，"
            "或设置 QT_QPA_PLATFORM=offscreen 进行无界面测试。",
            file=sys.stderr,
        )
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
    session.prober.wait(5000)
    if session.hall is not None:
        session.hall.close()
    if session._cold is not None:
        session._cold.close()
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
        print(
            f"错误：没有第 {screen} 号显示器（本机共有 {len(screens)} 个，编号从 0 开始）",
            file=sys.stderr,
        )
        return 2
    holder: dict[str, object] = {}  # what the board needs alive while it runs
    halls: list[Hall] = []

    def opened(hall: Hall) -> None:
        from hall_app.ui.board import MUTED, REPEAT, VOLUME, BoardWindow
        from hall_app.ui.voice import Announcer, best_backend

        announcer = Announcer(
            best_backend(app),
            repeat=int(settings.get(REPEAT)),
            volume=int(settings.get(VOLUME)) / 100,
            muted=bool(settings.get(MUTED)),
            parent=app,
        )
        board = BoardWindow(hall, runner, settings, announcer)
        board.setGeometry(screens[screen].geometry())
        holder.update(hall=hall, board=board)
        halls.append(hall)
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
    for hall in halls:
        hall.close()
    del collector
    return code
