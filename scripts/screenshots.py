"""Screenshots of the main screens for the README, on a demo database.

Run under a real X server (Xvfb):  xvfb-run -a -s "-screen 0 1400x900x24" \
    .venv/bin/python scripts/screenshots.py docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from hall_app.config import Config
from hall_app.domain.tickets import GreenReason
from hall_app.services.hall import open_hall, seed_demo
from hall_app.ui.app import setup_application
from hall_app.ui.gc import GuiThreadCollector
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
    collector = GuiThreadCollector(app)  # no garbage collection on the worker thread
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
    casework_screens(app, hall, runner, settings, out)
    board_screens(app, hall, runner, settings, out)
    followup_screens(app, hall, runner, settings, out)
    appointment_screens(app, hall, runner, settings, out)
    tidal_screen(app, hall, runner, settings, out)
    runner.wait()
    hall.close()
    collector.collect()


def casework_screens(app: QApplication, hall, runner: Runner, settings: Settings,  # type: ignore[no-untyped-def]
                     out: Path) -> None:
    """The material check for 食品经营许可 at window 26, its slip preview, the cases tab."""
    from hall_app.domain.materials import Mark
    from hall_app.ui.casework import Casework

    food = "11130534MB1A0853X91000133006000"
    reception = hall.auth.login("2001", "demo2001")
    hall.tickets.issue(reception, item_code=food)
    clerk = hall.auth.login("1026", "demo1026", 26)
    window = MainWindow(hall, runner, clerk, settings)
    window.resize(1280, 760)
    window.show()
    settle(app, 800)
    view = window.clerk
    assert view is not None
    view.call_next()
    settle(app, 800)
    casework: Casework = view.casework
    casework.check_ticket(view.current)
    settle(app, 800)
    dialog = casework.dialog
    assert dialog is not None
    dialog.name.setText("清河县好味道餐饮有限公司")
    dialog.id_number.setText("11010519491231002X")
    dialog.phone.setText("13912345678")
    for row, check in enumerate(dialog.model.checks):
        dialog.table.selectRow(row)
        if check.material.conditional:
            dialog._set_applies(check.material.name == "食品安全管理人员信息")
        if check.material.name == "经营场所平面图及设备布局图":
            dialog._set_mark(Mark.MISSING)
        elif check.material.name == "食品安全规章制度目录":
            dialog._set_mark(Mark.FAULTY)
            dialog.problem_box.setCurrentIndex(dialog.problem_box.findData("信息不一致"))
            dialog._set_problem(0)
            dialog.note.setText("未加盖公章")
            dialog._set_note("未加盖公章")
        elif check.applies and check.mark is Mark.PENDING:
            dialog._set_mark(Mark.RECEIVED)
    dialog.table.selectRow(2)
    settle(app, 500)
    dialog.grab().save(str(out / "material_check.png"))
    dialog.notice_button.click()
    settle(app, 2000)
    if casework.preview is not None:
        casework.preview.grab().save(str(out / "notice_preview.png"))
        casework.preview.close()
    window.hide()



def board_screens(app: QApplication, hall, runner: Runner, settings: Settings,  # type: ignore[no-untyped-def]
                  out: Path) -> None:
    """The calling board, landscape 1920×1080 and portrait 1080×1920."""
    from hall_app.ui.board import BoardWindow
    from hall_app.ui.voice import Announcer, SilentBackend

    supervisor = hall.auth.login("3001", "demo3001")
    hall.board.configure(supervisor, "请保管好随身物品。办理不动产登记请提前预约，绿色通道请至1号窗口。", True)
    board = BoardWindow(hall, runner, settings, Announcer(SilentBackend()))
    settle(app, 800)
    for staff, window in (("1005", 5), ("1010", 10), ("1011", 11)):
        clerk = hall.auth.login(staff, f"demo{staff}", window)
        hall.tickets.call_next(clerk, window)
    for name, size in (("board_landscape", (1920, 1080)), ("board_portrait", (1080, 1920))):
        board.resize(*size)
        board.show()
        settle(app, 2500)
        board.grab().save(str(out / f"{name}.png"))
    board.close()



def followup_screens(app: QApplication, hall, runner: Runner, settings: Settings,  # type: ignore[no-untyped-def]
                     out: Path) -> None:
    """The rating dialog and the supervisor's 整改回访 tab."""
    from hall_app.domain.followups import InquiryInput, Outcome
    from hall_app.ui.rating import RatingDialog

    clerk = hall.auth.login("1006", "demo1006", 6)
    for level, comment in ((5, ""), (4, ""), (1, "等候时间太长，窗口人员解释不清")):
        hall.tickets.issue(hall.auth.login("2001", "demo2001"), category_code="A")
        hall.tickets.call_next(clerk, 6)
        hall.tickets.start(clerk, 6)
        number = hall.tickets.finish(clerk, 6).number
        hall.followups.rate(clerk, number, level, comment)
    hall.followups.report_cannot_do(clerk, "为外地户籍老人申领高龄津贴", "户籍不在本县，系统不能受理",
                                    "ordinary", "李大爷", "13900001111", "3001")
    hall.followups.log_inquiry(clerk, InquiryInput("公积金提取需要什么材料", "电话", Outcome.FOLLOW_UP,
                                                   visitor_name="赵女士", visitor_phone="13811112222"))
    dialog = RatingDialog("A012")
    dialog.show()
    settle(app, 300)
    dialog.grab().save(str(out / "rating.png"))
    dialog.close()
    boss = MainWindow(hall, runner, hall.auth.login("3001", "demo3001"), settings)
    boss.resize(1280, 760)
    boss.show()
    tabs = boss.centralWidget()
    tabs.setCurrentWidget(boss.followups)  # type: ignore[attr-defined]
    boss.followups.refresh()  # type: ignore[union-attr]
    settle(app, 1500)
    boss.grab().save(str(out / "followups.png"))
    boss.hide()



def appointment_screens(app: QApplication, hall, runner: Runner, settings: Settings,  # type: ignore[no-untyped-def]
                        out: Path) -> None:
    """The reception's appointments tab with a lane's slots and their expected load."""
    reception = hall.auth.login("2002", "demo2002")
    window = MainWindow(hall, runner, reception, settings)
    window.resize(1280, 760)
    window.show()
    tabs = window.centralWidget()
    tabs.setCurrentWidget(window.appointments)  # type: ignore[attr-defined]
    settle(app, 1500)
    view = window.appointments
    assert view is not None
    index = view.subject.findText("社会保障卡申领", Qt.MatchFlag.MatchStartsWith)
    view.subject.setCurrentIndex(index)
    view.name.setText("张三")
    view.id_number.setText("11010519491231002X")
    view._id_hint()
    view.phone.setText("13912345678")
    settle(app, 1500)
    view.slot_view.selectRow(3)
    settle(app, 300)
    window.grab().save(str(out / "appointments.png"))
    window.hide()



def tidal_screen(app: QApplication, hall, runner: Runner, settings: Settings,  # type: ignore[no-untyped-def]
                 out: Path) -> None:
    """The supervisor's tidal console during a 社保 surge."""
    from sqlalchemy import select

    from hall_app.store.models import Staff

    with hall.db.read() as s:
        staff = {w: n for w, n in s.execute(select(Staff.default_window, Staff.staff_no))
                 if w is not None}
    for w, no in sorted(staff.items()):  # every window staffed, as on a working morning
        hall.auth.login(no, f"demo{no}", w)
    reception = hall.auth.login("2003", "demo2003")
    for _ in range(45):
        hall.tickets.issue(reception, category_code="C")
    boss = MainWindow(hall, runner, hall.auth.login("3002", "demo3002"), settings)
    boss.resize(1400, 900)
    boss.show()
    boss.centralWidget().setCurrentWidget(boss.tidal)  # type: ignore[attr-defined]
    boss.tidal.refresh()  # type: ignore[union-attr]
    settle(app, 2500)
    boss.grab().save(str(out / "tidal.png"))
    boss.hide()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
