"""The staffing page of the tidal console (潮汐调度 → 人员调配, issue 19 §2–§5), at 1366×768 in
Chinese and English (``staffing_1366_zh.png`` / ``_en.png``):

    .venv/bin/python scripts/shot_staffing.py [docs/screenshots]

A demo hall on Wednesday 25 November on a fake clock: every window open with its own clerk but
window 4 (its clerk is away), a surge of 60 people for 公安户政 from 09:00 and a few in the
other lanes; at 09:30 the supervisor has closed a quiet window on the console's advice and
told reception to offer bookings first for 户政. The console shows the overflow warning with
its remedies, the proposals checked forward (the dropped one too, greyed), the call proposal
selected with every lane's p95 band beside it, today's changes and the remedy in force. The X
screen is started as ``scripts/screenshots.py`` does.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.screenshots import LANGS, SHANGHAI, demo_hall, settler, sibling_main


def child(out: Path) -> None:
    from hall_app.domain.hallsim_run import CallIn, Close
    from hall_app.ui.language import choose_language
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.worker import Runner

    start = dt.datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)
    app, settings, clock, hall = demo_hall(start, "值班长-PC")

    def login(staff: str, window: int | None = None):  # type: ignore[no-untyped-def]
        return hall.auth.login(staff, f"demo{staff}", window)

    reception = login("2001")
    for window in range(1, 33):
        if window != 4:
            login(str(1000 + window), window)
    items: dict[str, list[str]] = {}
    for e in hall.catalog.entries():
        if e.kind == "item" and e.lane_code:
            items.setdefault(e.lane_code, []).append(e.code)
    others = ["B", "C", "A", "B", "E"]
    for k in range(60):
        hall.tickets.issue(reception, item_code=items["D"][k % len(items["D"])])
        if k % 6 == 0:
            lane = others[(k // 6) % len(others)]
            hall.tickets.issue(reception, item_code=items[lane][k % len(items[lane])])
        clock.advance(seconds=30)
    boss = login("3001")
    view = hall.staffing.view()
    close = next(c for c in view.proposals if isinstance(c.advice.action, Close))
    hall.staffing.apply(boss, close)
    booking = next(o for o in view.remedies if o.kind == "booking_first")
    hall.staffing.apply_remedy(boss, booking, view.warnings[0], view.limit)
    clock.advance(minutes=2)
    runner = Runner()
    settle = settler(app, runner)

    window = MainWindow(hall, runner, boss, settings)
    window.show()
    settle(500)
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.activateWindow()
    tidal = window.tidal
    assert tidal is not None
    window.normal.setCurrentWidget(tidal)
    tidal.pages.setCurrentWidget(tidal.staffing)
    panel = tidal.staffing
    panel.recompute()
    for _ in range(300):
        if not panel.computing and panel.view is not None:
            break
        settle(100)
    panel.show_dropped.setChecked(True)
    view = panel.view
    assert view is not None, "no staffing view"
    row = next(r for r, c in enumerate(view.proposals) if isinstance(c.advice.action, CallIn))
    panel.table.selectRow(row)
    panel.table.setFocus()
    settle(1000)
    name = f"staffing_1366_{LANGS.get(choose_language(), 'zh')}.png"
    app.primaryScreen().grabWindow(0).save(str(out / name))
    print("screenshots:", name)
    window.poll_timer.stop()
    runner.wait()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(sibling_main(sys.argv[1:], __file__, child))
