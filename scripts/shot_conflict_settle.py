"""The picture of a conflict being settled in the supervisor console (issue 15), offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/shot_conflict_settle.py [docs/screenshots]

A demo hall on a fake clock: A004 was finished offline at window 3 while the server had put
it back in the queue, and a second terminal's number was used twice; the supervisor's main
window (1366×768) shows the 离线冲突 tab with the settle dialog over it, a reason typed.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import zoneinfo
from pathlib import Path

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def main(out: Path) -> int:
    tmp = Path(tempfile.mkdtemp())
    os.environ["HALL_DATA_DIR"] = str(tmp)
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ.setdefault("HALL_LANG", "zh_CN")
    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtGui import QColor, QPainter

    from hall_app.config import Config
    from hall_app.services.context import FakeClock
    from hall_app.services.hall import open_hall
    from hall_app.ui.app import setup_application
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.settings import ASK_RATING, PRINT_TICKETS, Settings
    from hall_app.ui.worker import Runner

    app = setup_application()
    clock = FakeClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=SHANGHAI))
    hall = open_hall(
        Config(db_url=f"sqlite:///{tmp / 'hall.sqlite3'}", terminal="窗口3-PC"), clock=clock
    )

    from hall_app import paths
    from hall_app.services.catalog import bootstrap_actor

    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())

    def login(staff: str, window: int | None = None):  # type: ignore[no-untyped-def]
        return hall.auth.login(staff, f"demo{staff}", window)

    reception, clerk, boss = login("2001"), login("1003", 3), login("3001")
    hall.fallback.prepare(clerk, hall.journal)
    for _ in range(6):
        hall.tickets.issue(reception, category_code="A")
    for _ in range(3):
        hall.tickets.call_next(clerk, 3)
        clock.advance(minutes=2)
        hall.tickets.start(clerk, 3)
        clock.advance(minutes=5)
        hall.tickets.finish(clerk, 3)
    hall.tickets.call_next(clerk, 3)  # A004 at window 3 when the PC loses the server
    clock.advance(minutes=6)
    hall.desk.finish_server_ticket(clerk, "A004")
    clock.advance(minutes=2)
    hall.tickets.recall(boss, 3)
    hall.tickets.no_show(boss, 3)
    hall.tickets.requeue(boss, "A004")  # meanwhile, on the server
    hall.fallback.reconcile(hall.journal, clerk)
    clock.advance(minutes=20)

    settings = Settings()
    settings.set(PRINT_TICKETS, False)
    settings.set(ASK_RATING, False)
    runner = Runner()
    # the supervisor's own PC: another terminal on the same database
    desk = open_hall(
        Config(db_url=f"sqlite:///{tmp / 'hall.sqlite3'}", terminal="值班长-PC"), clock=clock
    )
    window = MainWindow(desk, runner, desk.auth.login("3001", "demo3001", None), settings)
    window.poll_timer.stop()
    window.resize(1366, 768)
    window.show()

    def settle(ms: int = 800) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        runner.wait()
        app.processEvents()

    settle()
    window.resize(1366, 768)
    view = window.conflicts_view
    assert view is not None
    window.normal.setCurrentWidget(view)
    view.refresh()
    settle()
    view.table.selectRow(0)
    dialog = view.open_settle(view.conflicts.row(0))
    dialog.reason.setPlainText("已与3号窗口核实：市民已于 09:57 办结，按离线结果记入")
    settle(400)
    picture = window.grab()
    painter = QPainter(picture)
    shot = dialog.grab()
    title = 30  # offscreen windows have no frame: draw the title bar the dialog would have
    x = (picture.width() - shot.width()) // 2
    y = (picture.height() - shot.height() - title) // 2
    painter.fillRect(x - 1, y - 1, shot.width() + 2, shot.height() + title + 2, QColor("#607d8b"))
    painter.fillRect(x, y, shot.width(), title, QColor("#eceff1"))
    painter.setPen(QColor("#263238"))
    painter.drawText(
        x + 10,
        y,
        shot.width() - 20,
        title,
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(QPoint(x, y + title), shot)
    painter.end()
    out.mkdir(parents=True, exist_ok=True)
    picture.save(str(out / "conflict_settle.png"))
    print("saved", out / "conflict_settle.png", picture.width(), "x", picture.height())
    dialog.close()
    window.close()
    runner.wait()
    desk.close()
    hall.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
