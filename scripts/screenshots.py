"""Screenshots of the main screens for the README, on a demo database.

Run under a real X server (Xvfb):  xvfb-run -a -s "-screen 0 1400x900x24" \
    .venv/bin/python scripts/screenshots.py docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from hall_app.config import Config
from hall_app.domain.tickets import GreenReason
from hall_app.services.hall import open_hall, seed_demo
from hall_app.ui.app import setup_application
from hall_app.ui.login import LoginDialog
from hall_app.ui.main_window import MainWindow
from hall_app.ui.settings import PRINT_TICKETS, Settings
from hall_app.ui.worker import Runner


def settle(app: QApplication, ms: int = 1500) -> None:
    """Let the worker and the polling run (app.quit() would close every window)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    os.environ["HALL_DATA_DIR"] = str(tmp)
    app = setup_application()
    settings = Settings()
    settings.set(PRINT_TICKETS, False)
    hall = open_hall(Config(db_url=f"sqlite:///{tmp / 'hall.sqlite3'}", terminal="demo"))
    seed_demo(hall)
    reception = hall.auth.login("2001", "demo2001")
    for code in ("A", "C", "C", "B"):
        hall.tickets.issue(reception, category_code=code)
    hall.tickets.issue(reception, category_code="A", green_reason=GreenReason.PREGNANT)
    clerk = hall.auth.login("1001", "demo1001", 1)
    hall.tickets.call_next(clerk, 1)
    hall.tickets.start(clerk, 1)
    for staff, window in (("1003", 3), ("1008", 8)):
        other = hall.auth.login(staff, f"demo{staff}", window)
        hall.tickets.call_next(other, window)
    runner = Runner()

    login = LoginDialog(runner, settings)
    login.set_hall(hall, hall.auth.windows())
    login.staff_no.setText("1001")
    login.show()
    settle(app, 500)
    login.grab().save(str(out / "login.png"))
    login.close()

    for name, actor in (
        ("clerk", clerk),
        ("reception", reception),
        ("supervisor", hall.auth.login("3001", "demo3001")),
    ):
        window = MainWindow(hall, runner, actor, settings)
        window.resize(1280, 760)
        window.show()
        if name == "reception" and window.reception is not None:
            window.reception.search.setText("sbk")
        settle(app)
        window.grab().save(str(out / f"{name}.png"))
        window.poll_timer.stop()
        window.hide()
    runner.wait()
    hall.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
