"""Pictures of the audit viewer (系统 → 审计日志…, issue 16), offscreen, at 1366×768:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/shot_audit.py [docs/screenshots]

A demo hall's morning on a fake clock (logins, tickets issued, called and finished, a note
with an ID number that the viewer masks); ``audit_view.png`` after 校验哈希链 on the whole
chain, ``audit_view_broken.png`` after one entry's detail was changed in the database.
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
    from PySide6.QtCore import QDateTime, QEventLoop, QTimer
    from sqlalchemy import text

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.context import FakeClock, audit
    from hall_app.services.hall import open_hall
    from hall_app.ui.app import setup_application
    from hall_app.ui.audit_view import AuditDialog
    from hall_app.ui.worker import Runner

    app = setup_application()
    clock = FakeClock(dt.datetime(2026, 11, 25, 8, 50, tzinfo=SHANGHAI))
    url = f"sqlite:///{tmp / 'hall.sqlite3'}"
    hall = open_hall(Config(db_url=url, terminal="窗口3-PC"), clock=clock)
    from hall_app.services.catalog import bootstrap_actor

    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())

    def login(staff: str, window: int | None = None):  # type: ignore[no-untyped-def]
        return hall.auth.login(staff, f"demo{staff}", window)

    reception, clerk, boss = login("2001"), login("1003", 3), login("3001")
    for _ in range(5):
        clock.advance(minutes=3)
        hall.tickets.issue(reception, category_code="A")
    for _ in range(3):
        hall.tickets.call_next(clerk, 3)
        clock.advance(minutes=2)
        hall.tickets.start(clerk, 3)
        clock.advance(minutes=6)
        hall.tickets.finish(clerk, 3)
    with hall.db.write() as s:
        audit(
            s, hall.ctx, clerk, "note", "ticket", 3, note="申请人身份证 500231199001011233 已核验"
        )
    clock.advance(minutes=5)
    runner = Runner()
    dialog = AuditDialog(hall, runner, boss)
    dialog.since.setDateTime(QDateTime(2026, 11, 25, 0, 0, 0))
    dialog.until.setDateTime(QDateTime(2026, 11, 26, 0, 0, 0))
    dialog.resize(1366, 768)
    dialog.show()

    def settle(ms: int = 600) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        runner.wait()
        app.processEvents()

    settle()
    dialog.refresh()
    dialog.verify()
    settle()
    out.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(out / "audit_view.png"))
    with hall.db.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE audit_log SET detail = '{}' WHERE action = 'finish' "
                "AND id = (SELECT min(id) FROM audit_log WHERE action = 'finish')"
            )
        )
    dialog.refresh()
    settle()
    dialog.verify()
    settle()
    dialog.grab().save(str(out / "audit_view_broken.png"))
    print("saved", out / "audit_view.png", out / "audit_view_broken.png")
    dialog.close()
    runner.wait()
    hall.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
