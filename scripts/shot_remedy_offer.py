"""The booking offer reception shows under an overflow remedy (issue 19 §5), at 1366×768 in
Chinese and English (``remedy_offer_1366_zh.png`` / ``_en.png``):

    .venv/bin/python scripts/shot_remedy_offer.py [docs/screenshots]

A demo hall on Wednesday 25 November at 10:40 on a fake clock: a queue in 不动产登记 (B), a
supervisor's ``booking_first`` on B from 10:30 with the console's figures; reception selects
不动产抵押权首次登记 and presses F2. The X screen is started as ``scripts/screenshots.py`` does.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.screenshots import LANGS, SHANGHAI, demo_hall, settler, sibling_main

MORTGAGE = "11500231MB1596820D7000116003000"  # 不动产抵押权首次登记, lane B
FIGURES = {
    "expected_wait_minutes": 95,
    "limit_minutes": 60,
    "passes_at": "2026-11-25T11:05:00+08:00",
    "p95_without": 118.0,
    "p95_with": 71.5,
}


def child(out: Path) -> None:
    from hall_app.ui.language import choose_language
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.worker import Runner

    start = dt.datetime(2026, 11, 25, 8, 30, tzinfo=SHANGHAI)
    app, settings, clock, hall = demo_hall(start, "导服台")

    def login(staff: str, window: int | None = None):  # type: ignore[no-untyped-def]
        return hall.auth.login(staff, f"demo{staff}", window)

    login("1016", 16)
    reception = login("2001")
    for _ in range(14):  # the morning's queue in 不动产登记
        clock.advance(minutes=9)
        hall.tickets.issue(reception, item_code=MORTGAGE)
    clock.now = dt.datetime(2026, 11, 25, 10, 40, tzinfo=SHANGHAI)
    hall.remedies.apply(
        login("3001"),
        "B",
        "booking_first",
        dt.datetime(2026, 11, 25, 10, 30, tzinfo=SHANGHAI),
        FIGURES,
        "不动产登记预计 11:05 等待超过 60 分钟",
    )
    runner = Runner()
    settle = settler(app, runner)

    window = MainWindow(hall, runner, reception, settings)
    window.show()
    settle(500)
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.activateWindow()
    settle(1500)
    view = window.reception
    view.select_entry("item", MORTGAGE)
    settle(500)
    view.issue_selected()
    for _ in range(100):
        if view.offers.dialog is not None and view.offers.dialog.isVisible():
            break
        settle(100)
    dialog = view.offers.dialog
    assert dialog is not None, "no offer shown"
    dialog.name.setText("张三")
    dialog.phone.setText("13912345678")
    settle(800)
    name = f"remedy_offer_1366_{LANGS.get(choose_language(), 'zh')}.png"
    app.primaryScreen().grabWindow(0).save(str(out / name))
    print("screenshots:", name)
    window.poll_timer.stop()
    window.prepare_timer.stop()
    runner.wait()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(sibling_main(sys.argv[1:], __file__, child))
