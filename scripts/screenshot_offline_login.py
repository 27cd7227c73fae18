"""Screenshots of offline from cold (offscreen, 1366×768, Chinese, the app's font):

- ``docs/screenshots/login_offline.png``: a terminal started while its server is unreachable,
  its login window offering 离线登录 (the dialog as it stands on a 1366×768 screen);
- ``docs/screenshots/login_offline_desk.png``: the offline desk that login opens.

The PC's past is real: a demo hall on SQLite where clerk 1001 logged in at window 1 and the
terminal prepared its offline numbers and catalog snapshot; the unreachable server is a
PostgreSQL URL on a port nothing listens on. Run: ``python scripts/screenshot_offline_login.py``.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="hall-shot-"))
    for var in ("HALL_DATA_DIR", "HALL_CONFIG_DIR", "HALL_LOG_DIR"):
        os.environ[var] = str(work / var.lower())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["HALL_LANG"] = os.environ.get("HALL_LANG", "zh_CN")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QSettings, QTimer
    from PySide6.QtGui import QColor, QPainter, QPixmap

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "qs"))

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.services.local_cache import LoginCache
    from hall_app.ui.app import GuiSession, setup_application
    from hall_app.ui.offline_start import OfflineStartWindow
    from hall_app.ui.settings import LANGUAGE, PRINT_TICKETS, WINDOW_NUMBER, Settings

    app = setup_application()  # before Settings: QSettings follows the application's name
    settings = Settings()
    settings.set(LANGUAGE, "zh_CN")
    settings.set(PRINT_TICKETS, False)

    terminal = "window01-pc"
    url = f"sqlite:///{work / 'hall.sqlite3'}"
    hall = open_hall(Config(db_url=url, terminal=terminal), upgrade=True)
    from hall_app.services.catalog import bootstrap_actor

    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    hall.auth.keep_logins(LoginCache.for_terminal(terminal))
    clerk = hall.auth.login("1001", "demo1001", 1)
    hall.fallback.prepare(clerk, hall.journal)
    hall.auth.refresh_cache()
    hall.close()
    settings.set(WINDOW_NUMBER, 1)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    os.environ["HALL_DB_URL"] = f"postgresql+psycopg://hall@127.0.0.1:{port}/hall"
    os.environ["HALL_TERMINAL"] = terminal

    def wait(test, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: loop.quit() if test() else None)
        timer.start(50)
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        timer.stop()
        if not test():
            raise SystemExit("timed out")

    session = GuiSession(app, demo=False)
    session.start()
    login = session.login
    assert login is not None
    wait(lambda: login.unreachable and login.offline_mark.isVisible())
    login.staff_no.setText("1001")
    login.password.setText("demo1001")
    login.adjustSize()
    QCoreApplication.processEvents()
    dialog = login.grab()
    screen = QPixmap(1366, 768)
    screen.fill(QColor("#202020"))
    painter = QPainter(screen)
    painter.drawPixmap(QPoint((1366 - dialog.width()) // 2, (768 - dialog.height()) // 2), dialog)
    painter.end()
    OUT.mkdir(parents=True, exist_ok=True)
    screen.save(str(OUT / "login_offline.png"))

    login.try_login()
    wait(lambda: isinstance(session.window, OfflineStartWindow))
    window = session.window
    window.resize(1366, 768)
    wait(lambda: window.desk.catalog.rowCount() > 60 and window.desk.status is not None)
    QCoreApplication.processEvents()
    window.grab().save(str(OUT / "login_offline_desk.png"))
    window.destroyed.disconnect()
    window.probe_timer.stop()
    window.close()
    session.runner.wait(10000)
    session.prober.wait(10000)
    if session._cold is not None:
        session._cold.close()
    print(OUT / "login_offline.png", OUT / "login_offline_desk.png")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
