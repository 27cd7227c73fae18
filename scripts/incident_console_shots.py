"""Screenshots of the incident console and back-entry (issue 15, defect 6), offscreen at
1366×768 in Chinese with the app's font:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/incident_console_shots.py [docs/screenshots]

- incident_console.png: the supervisor's 应急事件 tab, an incident 15 minutes old with 3 of
  its 11 steps ticked and no kit printed yet (the ledger says 尚未打印应急包);
- incident_close.png: 结束事件 over it: each unticked step asks for its reason;
- incident_back_entry.png: a clerk's 补录 tab on a case: 身份证号 above 联系电话 and the
  已收材料 list of the item (required ones ticked, one more ticked by hand).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import zoneinfo
from pathlib import Path
from typing import Any

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SIZE = (1366, 768)
ELDERLY = "11500231MB1509842M5000109001000"  # 80周岁及以上老年人高龄津贴申领


def main(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["HALL_LANG"] = "zh_CN"
    tmp = Path(tempfile.mkdtemp())
    os.environ["HALL_DATA_DIR"] = str(tmp)
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    from PySide6.QtCore import QEventLoop, QPoint, QTimer
    from PySide6.QtGui import QColor, QPainter

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.context import FakeClock
    from hall_app.services.hall import open_hall
    from hall_app.ui.app import setup_application
    from hall_app.ui.incident_dialogs import CloseDialog
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.settings import Settings
    from hall_app.ui.worker import Runner

    app = setup_application()
    clock = FakeClock(dt.datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI))
    hall = open_hall(
        Config(db_url=f"sqlite:///{tmp / 'hall.sqlite3'}", terminal="demo"), clock=clock
    )
    from hall_app.services.catalog import bootstrap_actor

    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    runner, settings = Runner(), Settings()
    out.mkdir(parents=True, exist_ok=True)

    def settle(ms: int = 800) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        runner.wait()
        app.processEvents()

    def window_for(actor: Any) -> MainWindow:
        window = MainWindow(hall, runner, actor, settings)
        window.show()
        settle()
        window.setFixedSize(*SIZE)  # the offscreen screen has no size of its own to maximize to
        settle()
        return window

    def tab(window: MainWindow, view: Any) -> None:
        window.normal.setCurrentWidget(view)  # type: ignore[attr-defined]
        view.refresh()
        settle(1200)

    boss = hall.auth.login("3001", "demo3001")
    incident = hall.fallback.declare(
        boss,
        "网络中断",
        public_notice="入口张贴告示，导服台口头告知",
        substitutes="网上办、自助终端",
    )
    for minutes, step in ((1, "declare"), (4, "inform_staff"), (9, "inform_public")):
        clock.now = dt.datetime(2026, 11, 25, 9, minutes, tzinfo=SHANGHAI)
        hall.fallback.tick_step(boss, incident.number, step)
    clock.now = dt.datetime(2026, 11, 25, 9, 15, tzinfo=SHANGHAI)
    console = window_for(boss)
    tab(console, console.incident)
    console.grab().save(str(out / "incident_console.png"))

    # 结束事件 over the console: the unticked steps, two with their reasons already typed
    view = console.incident
    assert view is not None
    dialog = CloseDialog((), 0, view.checklist.unticked(), False, console)
    dialog.review.setPlainText(
        "核心交换机故障，网络中断 15 分钟；各窗口离线办理，未启用纸质应急包。"
    )
    reasons = iter(("网络 15 分钟恢复，未启用纸质号票", "未启用纸质号票"))
    for step in ("print_kit", "paper_tickets"):
        dialog.reasons[step].setText(next(reasons))
    dialog.show()
    settle()
    picture = console.grab()
    painter = QPainter(picture)
    shot = dialog.grab()
    corner = QPoint((SIZE[0] - shot.width()) // 2, (SIZE[1] - shot.height()) // 2)
    painter.drawPixmap(corner, shot)
    painter.setPen(QColor("#616161"))  # no window manager: the dialog's edge, drawn
    painter.drawRect(corner.x() - 1, corner.y() - 1, shot.width() + 1, shot.height() + 1)
    painter.end()
    picture.save(str(out / "incident_close.png"))
    dialog.reject()

    # a clerk back-enters a case from the acceptance register
    kit = hall.fallback.kit(boss, incident.number)
    clock.now = dt.datetime(2026, 11, 25, 9, 40, tzinfo=SHANGHAI)
    clerk = hall.auth.login("1005", "demo1005", 5)
    desk = window_for(clerk)
    entry = desk.back_entry
    assert entry is not None
    tab(desk, entry)
    entry.set_kind("case")
    entry.number.setText(kit.case_numbers[0])
    entry.time.setText("0912")
    entry.item.setCurrentIndex(entry.item.findData(ELDERLY))
    settle(1200)
    entry.name.setText("赵六")
    entry.id_number.setText("11010519491231002X")
    entry.phone.setText("13900000000")
    entry.received.item(3).setCheckState(entry.received.item(0).checkState())  # 授权委托书
    entry.paper_ref.setText("受理登记簿 第1页第1行")
    entry.received.setFocus()
    settle()
    desk.grab().save(str(out / "incident_back_entry.png"))
    for window in (console, desk):
        window.close()
    runner.wait()
    hall.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
