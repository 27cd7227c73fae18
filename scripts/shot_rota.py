"""Pictures of the rota editor (系统 → 当天排班…, issue 19 §2), offscreen, at 1366×768, in
Chinese and English (a sibling of scripts/screenshots.py):

    .venv/bin/python scripts/shot_rota.py [docs/screenshots]

Each language runs in its own process with ``HALL_LANG`` set. A demo hall on a fake clock
(Monday 30 November 2026, 09:40): the day's rota after two staffing changes (window 32
closed, a break put off; listed beside), the staff-hours, the lane minimums, a break moved by the supervisor and a window number refused with its
message; ``rota_1366_zh.png`` and ``rota_1366_en.png``.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import zoneinfo
from pathlib import Path

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
LANGS = {"zh_CN": "zh", "en": "en"}


def run_all(out: Path) -> int:
    failed = 0
    for lang in LANGS:
        env = dict(os.environ, HALL_LANG=lang, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run([sys.executable, __file__, str(out), "--child"], env=env, check=False)
        failed |= done.returncode
    return failed


def shoot(out: Path) -> int:
    tmp = Path(tempfile.mkdtemp())
    os.environ["HALL_DATA_DIR"] = str(tmp)
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    from PySide6.QtCore import QEventLoop, QTimer

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.domain.rota import Kind
    from hall_app.services.catalog import bootstrap_actor
    from hall_app.services.context import FakeClock
    from hall_app.services.hall import open_hall
    from hall_app.ui.app import setup_application
    from hall_app.ui.language import choose_language
    from hall_app.ui.rota import RotaDialog
    from hall_app.ui.rota_model import END, START, WINDOW
    from hall_app.ui.worker import Runner

    app = setup_application()
    suffix = LANGS.get(choose_language(), "zh")
    clock = FakeClock(dt.datetime(2026, 11, 30, 9, 40, tzinfo=SHANGHAI))
    hall = open_hall(Config(db_url=f"sqlite:///{tmp / 'hall.sqlite3'}", terminal="值班长-PC"),
                     clock=clock)  # fmt: skip
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    boss = hall.auth.login("3001", "demo3001")
    figures = {"p95_without": 48, "p95_with": 31, "staff_minutes": -150}
    hall.rota.close_window(boss, 32, 580, figures, "工程建设项目窗口空闲，人员回后台")
    clock.advance(minutes=20)
    hall.rota.move_break(boss, "1011", 645, 675, figures, "社保排队高峰，推迟休息半小时")
    runner = Runner()
    dialog = RotaDialog(hall, runner, boss)
    dialog.resize(1366, 768)
    dialog.show()

    def settle(ms: int = 600) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        runner.wait()
        app.processEvents()

    settle()
    model = dialog.shifts
    rows = [model.row(r) for r in range(model.rowCount())]
    moved = next(
        r for r, row in enumerate(rows) if row.kind is Kind.BREAK and row.staff_no == "1003"
    )
    model.setData(model.index(moved, END), "11:00")
    model.setData(model.index(moved, START), "10:45")
    dialog.table.selectRow(1)
    model.setData(model.index(1, WINDOW), "40")  # refused: the hall has 32 windows
    dialog.table.scrollTo(model.index(moved, 0))
    settle(300)
    out.mkdir(parents=True, exist_ok=True)
    name = out / f"rota_1366_{suffix}.png"
    dialog.grab().save(str(name))
    print("saved", name)
    dialog.close()
    runner.wait()
    hall.close()
    return 0


if __name__ == "__main__":
    target = Path(
        sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "--child" else "docs/screenshots"
    )
    sys.exit(shoot(target) if "--child" in sys.argv else run_all(target))
