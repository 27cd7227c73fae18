"""Screenshots of the offline desks (issue 15): reception issuing while the server is gone and
saying which window to go to, and window 1's clerk with the queue the desk suggests
(reception's S-tickets typed in, a green one first, the tickets waiting when the server went)
and the note to call by voice.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_offline.py [docs/screenshots]

Offscreen widget grabs at 1366×768 with the app's font, in Chinese, on a demo hall (SQLite)
and a fake clock: Wednesday 25 November 2026, the server gone at 09:40.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import zoneinfo
from pathlib import Path
from typing import Any

SIZE = (1366, 768)
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def main(out: Path) -> int:
    tmp = Path(tempfile.mkdtemp())
    os.environ["HALL_DATA_DIR"] = str(tmp)
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ.setdefault("HALL_LANG", "zh_CN")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.context import FakeClock
    from hall_app.services.hall import open_hall
    from hall_app.services.queue_snapshot import keep_queue
    from hall_app.ui.app import setup_application
    from hall_app.ui.models import ObjectRole
    from hall_app.ui.offline import OfflineDeskView
    from hall_app.ui.settings import ASK_RATING, PRINT_TICKETS, Settings
    from hall_app.ui.worker import Runner

    app = setup_application()
    settings = Settings()
    settings.set(PRINT_TICKETS, False)
    settings.set(ASK_RATING, False)
    clock = FakeClock(dt.datetime(2026, 11, 25, 9, 5, tzinfo=SHANGHAI))
    url = f"sqlite:///{tmp / 'hall.sqlite3'}"
    front = open_hall(Config(db_url=url, terminal="reception-1"), clock=clock)
    from hall_app.services.catalog import bootstrap_actor

    front.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    window = open_hall(Config(db_url=url, terminal="window-1"), upgrade=False, clock=clock)
    runner = Runner()

    def settle(ms: int = 800) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        runner.wait()
        app.processEvents()

    def shoot(view: Any, name: str) -> None:
        settle(600)
        path = out / name
        view.grab().save(str(path))
        print("screenshots:", path, view.width(), "x", view.height())

    # online, until 09:40: a morning's queue, every terminal keeping its offline data
    reception = front.auth.login("2001", "demo2001")
    clerk = window.auth.login("1001", "demo1001", 1)
    with window.db.read() as s:
        from sqlalchemy import select

        from hall_app.store import models as m

        green = set(s.scalars(select(m.Category.code).where(m.Category.green_channel)))
    lanes = next(w["lanes"] for w in _windows(window) if w["number"] == 1)
    lane = next(code for code in lanes if code not in green)
    for _ in range(4):
        clock.advance(minutes=6)
        front.tickets.issue(reception, category_code=lane)
    front.fallback.prepare(reception, front.journal)
    window.fallback.prepare(clerk, window.journal)
    keep_queue(front.ctx, reception, front.journal)
    keep_queue(window.ctx, clerk, window.journal)

    # 09:40 the server is gone: reception issues offline and sends the citizens on
    clock.now = dt.datetime(2026, 11, 25, 9, 40, tzinfo=SHANGHAI)
    desk = OfflineDeskView(front, runner, reception, settings)
    desk.resize(*SIZE)
    desk.show()
    desk.activate()
    settle(1500)
    desk.message.show_message(
        "服务器连接中断：离线取号照常，号票为 S 开头的应急号", "info", seconds=0
    )
    entries = [
        desk.filter.data(desk.filter.index(r, 0), ObjectRole) for r in range(desk.filter.rowCount())
    ]
    row = next(i for i, e in enumerate(entries) if (e.kind, e.code) == ("category", lane))
    greens = (2, 4)
    for i in range(5):
        clock.advance(minutes=2)
        desk.catalog_view.selectRow(row)
        desk.green_box.setChecked(i in greens)
        desk.issue_selected()
        settle(900)
    numbers = [e.number for e in front.desk.queue() if e.local]
    shoot(desk, "offline_desk_reception.png")
    desk.close()

    # 09:52 window 1: the citizens come with their slips; the clerk types them in
    clock.now = dt.datetime(2026, 11, 25, 9, 52, tzinfo=SHANGHAI)
    desk = OfflineDeskView(window, runner, clerk, settings)
    desk.resize(*SIZE)
    desk.show()
    desk.activate()
    settle(1500)
    for i, number in enumerate(numbers):
        clock.advance(seconds=40)
        window.desk.take_number(clerk, number, green=i in greens, confirmed=True)
    clock.advance(minutes=1)
    desk.refresh()
    settle()
    desk.call_next()  # F1: the first green one; the other green one leads the queue
    settle(1200)
    desk.ticket_view.resizeColumnsToContents()
    desk.ticket_view.horizontalHeader().setStretchLastSection(True)
    shoot(desk, "offline_desk_clerk.png")
    desk.close()
    runner.wait()
    front.close()
    window.close()
    return 0


def _windows(hall: Any) -> list[dict[str, Any]]:
    from hall_app.services.queue_snapshot import read_queue

    return read_queue(hall.ctx)["windows"]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    target.mkdir(parents=True, exist_ok=True)
    sys.exit(main(target))
