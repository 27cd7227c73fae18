"""Screenshots of the screens at 1366×768, in Chinese and English, on a demo hall's morning.

One command takes both sets (names end ``_1366_zh.png`` / ``_1366_en.png``):

    .venv/bin/python scripts/screenshots.py [docs/screenshots] [--lang zh_CN,en]

Without a ``DISPLAY`` it starts its own Xvfb screen of 1366×768 (and ``openbox`` when it is
installed, so main windows open maximized as on a desktop); each language runs in its own
process with ``HALL_LANG`` set, as the app chooses its language. Each picture is the whole
screen as the user sees it (the main window maximized, a dialog over it); the board's
portrait picture is rendered at 768×1366. The hall is a real demo database on a fake clock
(Wednesday 25 November 2026, about 10:00): tickets waiting in every lane, a ticket in hand,
cases accepted on earlier days with their deadlines, ratings, a 社保 surge for the tidal
console, an incident with its paper kit, and an outage for the offline desk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path
from typing import Any

SCREEN = (1366, 768)
LANGS = {"zh_CN": "zh", "en": "en"}
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可, window 26


# ------------------------------------------------------------------ the command


def run_all(out: Path, langs: list[str], script: str = __file__) -> int:
    """Start a 1366×768 X screen when there is none, then one process per language running
    ``script`` (this one, or a sibling that takes a few pictures) with ``out --child``."""
    env = dict(os.environ)
    started: list[subprocess.Popen[bytes]] = []
    if not env.get("DISPLAY"):
        display = f":{90 + os.getpid() % 50}"
        started.append(
            subprocess.Popen(
                [
                    "Xvfb",
                    display,
                    "-screen",
                    "0",
                    f"{SCREEN[0]}x{SCREEN[1]}x24",
                    "-nolisten",
                    "tcp",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        time.sleep(1.5)
        env["DISPLAY"] = display
        if shutil.which("openbox"):
            started.append(
                subprocess.Popen(
                    ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            )
            time.sleep(1.0)
    env["QT_QPA_PLATFORM"] = "xcb"
    failed = 0
    try:
        for lang in langs:
            env["HALL_LANG"] = lang
            done = subprocess.run(
                [sys.executable, script, str(out), "--child"], env=env, check=False
            )
            failed |= done.returncode
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait()
    for png in sorted(out.glob("*_1366_*.png")):  # no metadata, smaller files
        if shutil.which("optipng"):
            subprocess.run(["optipng", "-quiet", "-strip", "all", str(png)], check=False)
        elif shutil.which("convert"):
            subprocess.run(["convert", str(png), "-strip", str(png)], check=False)
    return failed


# ------------------------------------------------------------------ a sibling's child


def demo_hall(start: dt.datetime, terminal: str) -> tuple[Any, Any, Any, Any]:
    """For a sibling script's child process: a fresh data folder and settings, the
    application, a demo hall (the demo catalog imported) on a fake clock at ``start``;
    returns ``(app, settings, clock, hall)``. No tickets printed, no rating pad."""
    tmp = Path(tempfile.mkdtemp())
    os.environ["HALL_DATA_DIR"] = str(tmp)
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.catalog import bootstrap_actor
    from hall_app.services.context import FakeClock
    from hall_app.services.hall import open_hall
    from hall_app.ui.app import setup_application
    from hall_app.ui.settings import ASK_RATING, PRINT_TICKETS, Settings

    app = setup_application()
    settings = Settings()
    settings.set(PRINT_TICKETS, False)
    settings.set(ASK_RATING, False)
    clock = FakeClock(start)
    hall = open_hall(
        Config(db_url=f"sqlite:///{tmp / 'hall.sqlite3'}", terminal=terminal), clock=clock
    )
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    return app, settings, clock, hall


def settler(app: Any, runner: Any) -> Any:
    """``settle(ms)``: let the event loop, the worker and the polling run for ``ms``."""
    from PySide6.QtCore import QEventLoop, QTimer

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        runner.wait()
        app.processEvents()

    return settle


def sibling_main(argv: list[str], script: str, child: Any) -> int:
    """A sibling script's command: ``[out]`` runs ``child(out)`` in one process per language
    (``--child`` marks the child)."""
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    if "--child" in argv:
        child(out)
        return 0
    return run_all(out, ["zh_CN", "en"], script=script)


# ------------------------------------------------------------------ one language


class Shooter:
    def __init__(self, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from hall_app.config import Config
        from hall_app.services.context import FakeClock
        from hall_app.services.hall import open_hall
        from hall_app.ui.app import setup_application
        from hall_app.ui.gc import GuiThreadCollector
        from hall_app.ui.language import choose_language
        from hall_app.ui.settings import ASK_RATING, PRINT_TICKETS, Settings
        from hall_app.ui.worker import Runner

        self.out = out
        tmp = Path(tempfile.mkdtemp())
        os.environ["HALL_DATA_DIR"] = str(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")  # this PC's QSettings: fresh
        self.app: QApplication = setup_application()
        self.suffix = f"_1366_{LANGS.get(choose_language(), 'zh')}.png"
        self.collector = GuiThreadCollector(self.app)  # no garbage collection on the worker
        self.settings = Settings()
        self.settings.set(PRINT_TICKETS, False)
        self.settings.set(ASK_RATING, False)
        self.clock = FakeClock(dt.datetime(2026, 11, 9, 10, 0, tzinfo=SHANGHAI))
        self.hall = open_hall(
            Config(db_url=f"sqlite:///{tmp / 'hall.sqlite3'}", terminal="demo"), clock=self.clock
        )
        self.runner = Runner()
        self.windows: list[Any] = []

    def at(self, day: int, hour: int, minute: int = 0) -> None:
        self.clock.now = dt.datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)

    def settle(self, ms: int = 1500) -> None:
        """Let the worker and the polling run (app.quit() would close every window)."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        self.runner.wait()
        self.app.processEvents()

    def wait_until(self, test: Any, timeout: float = 20.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if test():
                return True
            self.settle(100)
        print("screenshots: gave up waiting", file=sys.stderr)
        return False

    def shoot(self, name: str) -> None:
        """The whole screen, as the user sees it."""
        self.settle(300)
        pixmap = self.app.primaryScreen().grabWindow(0)
        pixmap.save(str(self.out / f"{name}{self.suffix}"))
        print("screenshots:", name + self.suffix, pixmap.width(), "x", pixmap.height())

    def present(self, window: Any) -> Any:
        """Show a main window maximized (without a window manager: the whole screen)."""
        for other in self.windows:
            if other is not window and other.isVisible():
                other.hide()
        window.show()
        self.settle(500)
        screen = self.app.primaryScreen().availableGeometry()
        if window.frameGeometry().width() < screen.width() - 8:
            window.setGeometry(screen)  # no window manager to maximize it
        window.raise_()
        window.activateWindow()
        return window

    def main_window(self, actor: Any) -> Any:
        from hall_app.ui.main_window import MainWindow

        window = MainWindow(self.hall, self.runner, actor, self.settings)
        self.windows.append(window)
        return window

    def tab(self, window: Any, view: Any) -> None:
        tabs = window.normal
        tabs.setCurrentWidget(view)
        if hasattr(view, "refresh"):
            view.refresh()
        self.settle(1500)

    def login(self, staff: str, window: int | None = None) -> Any:
        return self.hall.auth.login(staff, f"demo{staff}", window)

    # -------------------------------------------------------------- the hall's data

    def prepare(self) -> None:
        """Cases accepted on earlier days, then the morning of Wednesday 25 November."""
        from hall_app import paths
        from hall_app.domain.followups import InquiryInput, Outcome
        from hall_app.domain.materials import Check, Mark
        from hall_app.domain.tickets import GreenReason
        from hall_app.services.documents import Applicant

        hall = self.hall
        from hall_app.services.catalog import bootstrap_actor

        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        entries = {e.code: e for e in hall.catalog.entries() if e.kind == "item"}

        def days(code: str) -> int:
            return hall.documents.plan(item_code=code).promised_days

        codes = [c for c in entries if c != FOOD and days(c) >= 5][1::3][:5]
        codes.insert(3, FOOD)  # 3 working days
        applicants = [
            ("王建国", "500231198203150018", "13802360011"),
            ("李秀英", "500231197511280020", "15930190033"),
            ("赵志强", "500231199001010011", "13633190044"),
            ("垫江县好味道餐饮有限公司", "11010519491231002X", "13912345678"),
            ("孙海燕", "500231198805060028", "13731900066"),
            ("垫江县鑫达物流有限公司", "", "18902360055"),
        ]
        clerk = None
        for (day, code), (name, id_number, phone) in zip(
            [
                (10, codes[0]),
                (16, codes[1]),
                (18, codes[2]),
                (23, codes[3]),
                (24, codes[4]),
                (24, codes[5]),
            ],
            applicants,
            strict=False,
        ):
            self.at(day, 10, 7 * day % 60)
            clerk = clerk or self.login("1026", 26)
            plan = hall.documents.plan(item_code=code)
            checks = []
            for requirement in plan.requirements:
                check = Check(requirement)
                if requirement.conditional:
                    check.applies = False
                if check.mark is Mark.PENDING:
                    check.mark = Mark.RECEIVED
                checks.append(check)
            id_type = "居民身份证" if id_number else "统一社会信用代码"
            hall.documents.accept(
                clerk,
                plan,
                Applicant(name, id_type, id_number or "91500231MA0A1B2C3H", phone),
                checks,
            )

        # bookings made the day before, for this morning and the next days
        self.at(24, 15, 0)
        from hall_app.domain.idnumber import check_char

        by_lane: dict[str, list[str]] = {}
        for entry in entries.values():
            by_lane.setdefault(entry.lane_code, []).append(entry.code)
        people = [
            "刘洋",
            "陈静",
            "杨帆",
            "黄丽娟",
            "周磊",
            "吴桂兰",
            "徐明",
            "孙海燕",
            "马俊杰",
            "朱红",
            "胡建华",
            "郭婷",
            "何勇",
            "高秀梅",
            "林涛",
            "罗娜",
        ]
        bookings = [
            (25, "09:00", "C"),
            (25, "09:30", "B"),
            (25, "10:00", "C"),
            (25, "10:30", "E"),
            (25, "11:00", "C"),
            (25, "14:00", "G"),
            (26, "09:00", "C"),
            (26, "09:00", "C"),
            (26, "09:30", "B"),
            (26, "10:00", "C"),
            (26, "10:30", "C"),
            (27, "09:00", "D"),
            (27, "10:00", "C"),
            (30, "09:30", "B"),
            (30, "14:30", "C"),
            (30, "15:00", "E"),
        ]
        self.booked = []
        desk = self.login("2002")
        for n, ((day, slot, lane), name) in enumerate(zip(bookings, people, strict=True)):
            first17 = f"500231{1958 + 3 * n}0{n % 9 + 1}1{n % 10}{n + 11:03d}"
            try:
                view = hall.appointments.book(
                    desk,
                    name=name,
                    id_number=first17 + check_char(first17),
                    phone=f"139{31900100 + n * 7:08d}",
                    code=by_lane[lane][n % len(by_lane[lane])],
                    day=dt.date(2026, 11, day),
                    slot=slot,
                )
                self.booked.append(view.code)
            except Exception as error:
                print("screenshots: booking skipped:", error, file=sys.stderr)

        # 08:28: the first clerk logs in at window 1
        self.at(25, 8, 28)
        self.login_screen()
        # the morning: every window staffed at 08:30, then citizens arrive
        self.at(25, 8, 30)
        from sqlalchemy import select

        from hall_app.store.models import Staff

        with hall.db.read() as s:
            staff = {
                w: n
                for w, n in s.execute(select(Staff.default_window, Staff.staff_no))
                if w is not None
            }
        self.clerks = {w: self.login(no, w) for w, no in sorted(staff.items())}
        reception = self.reception = self.login("2001")
        arrivals = [
            "A",
            "C",
            "D",
            "C",
            "B",
            "A",
            "C",
            "G",
            "C",
            "E",
            "D",
            "C",
            "H",
            "A",
            "C",
            "C",
            "F",
            "C",
            "B",
            "C",
            "D",
            "C",
            "A",
            "C",
            "C",
            "E",
            "C",
            "D",
            "C",
            "C",
        ]
        for index, code in enumerate(arrivals):
            self.clock.advance(minutes=2)
            if index in (8, 20) and self.booked:  # booked citizens check in on time
                try:
                    hall.appointments.check_in(reception, self.booked.pop(0))
                except Exception as error:
                    print("screenshots: check-in skipped:", error, file=sys.stderr)
            hall.tickets.issue(reception, category_code=code)
            if index == 6:
                hall.tickets.issue(reception, category_code="A", green_reason=GreenReason.ELDERLY)
            if index % 3 == 2:  # the windows work through the early ones, 6 minutes each
                for window in (2, 6, 9, 12, 19):
                    clerk = self.clerks[window]
                    try:
                        done = hall.tickets.finish(clerk, window)
                        level = (5, 5, 4, None, 5, 3)[(index + window) % 6]
                        hall.followups.rate(clerk, done.number, level, "")
                    except Exception:
                        pass
                    try:
                        hall.tickets.call_next(clerk, window)
                        hall.tickets.start(clerk, window)
                    except Exception:
                        pass
        # ratings at window 11 (one bad, which opens a rectification), first inquiries
        window6 = self.clerks[11]
        for level, comment in (
            (5, ""),
            (4, "等的时间有点长"),
            (1, "等候时间太长，窗口人员解释不清"),
        ):
            self.clock.advance(minutes=3)
            hall.tickets.issue(reception, category_code="C")
            hall.tickets.call_next(window6, 11)
            hall.tickets.start(window6, 11)
            self.clock.advance(minutes=7)
            number = hall.tickets.finish(window6, 11).number
            hall.followups.rate(window6, number, level, comment)
        hall.followups.report_cannot_do(
            window6,
            "为外地户籍老人申领高龄津贴",
            "户籍不在本县，系统不能受理",
            "ordinary",
            "李大爷",
            "13900001111",
            "3001",
        )
        hall.followups.log_inquiry(
            window6,
            InquiryInput(
                "公积金提取需要什么材料",
                "电话",
                Outcome.FOLLOW_UP,
                visitor_name="赵女士",
                visitor_phone="13811112222",
            ),
        )
        for _ in range(14):  # the 社保 surge the tidal console sees
            self.clock.advance(seconds=40)
            hall.tickets.issue(reception, category_code="C")
        hall.tickets.issue(reception, item_code=FOOD)
        self.clock.advance(minutes=1)
        hall.tidal.reassign(
            self.login("3002"),
            [28],
            ["C", "G"],
            "社保医保等候超过30分钟，28号窗口优先叫社保",
            until=hall.tidal.default_until(),
        )
        for code in ("A", "B", "A", "D", "L", "A", "H", "B", "A", "G", "E", "A"):
            self.clock.advance(minutes=1)
            if code == "L":
                hall.tickets.issue(reception, category_code="A", green_reason=GreenReason.PREGNANT)
            else:
                hall.tickets.issue(reception, category_code=code)
        self.clock.advance(minutes=2)
        hall.tickets.call_next(self.clerks[1], 1)  # the green channel first
        hall.tickets.start(self.clerks[1], 1)
        for window in (3, 8):
            hall.tickets.call_next(self.clerks[window], window)
        self.clock.advance(minutes=4)

    # -------------------------------------------------------------- the screens

    def login_screen(self) -> None:
        from hall_app.ui.login import LoginDialog

        login = LoginDialog(self.runner, self.settings)
        login.set_hall(self.hall, self.hall.auth.windows())
        login.staff_no.setText("1001")
        login.password.setText("demo1001")
        index = login.window_box.findData(1)
        if index >= 0:
            login.window_box.setCurrentIndex(index)
        login.show()
        self.settle(800)
        self.shoot("login")
        login.close()
        login.deleteLater()

    def clerk_screens(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        from hall_app.ui.rating import RatingDialog

        window = self.present(self.main_window(self.clerks[1]))
        self.settle(2000)
        self.shoot("clerk")
        view = window.clerk
        number = view.current.number if view.current is not None else "L001"
        dialog = RatingDialog(number, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.comment.setText("办事很顺利，工作人员讲得很清楚")
        button = dialog.findChild(QPushButton, "rate5")
        if button is not None:
            button.click()
        dialog.show()
        self.settle(600)
        self.shoot("rating")
        dialog.close()
        window.poll_timer.stop()

    def casework_screens(self) -> None:
        """The material check for 食品经营许可 at window 26, then its cases tab."""
        from hall_app.domain.materials import Mark

        window = self.present(self.main_window(self.clerks[26]))
        self.settle(800)
        view = window.clerk
        view.call_next()
        self.wait_until(lambda: view.current is not None)
        casework = view.casework
        casework.check_ticket(view.current)
        self.wait_until(lambda: casework.dialog is not None)
        dialog = casework.dialog
        dialog.name.setText("垫江县好味道餐饮有限公司")
        dialog.id_number.setText("11010519491231002X")
        dialog.phone.setText("13912345678")
        # the clerk answers the situation questions (Ctrl+Q, one key each): serves meals,
        # no agent; the list follows the answers
        for row, key in enumerate(("1", "2")):
            if row < len(dialog.situations.questions):
                dialog.situations.list.setCurrentRow(row)
                dialog.situations._key(key)
                self.settle(800)
        for row, check in enumerate(dialog.model.checks):
            dialog.table.selectRow(row)
            name = check.material.name  # a v2 row's name carries its role: 「…（申请人）」
            if check.material.conditional:
                dialog._set_applies(name.startswith("食品安全管理人员信息"))
            if name.startswith("经营场所平面图及设备布局图"):
                dialog._set_mark(Mark.MISSING)
            elif name.startswith("食品安全规章制度目录"):
                dialog._set_mark(Mark.FAULTY)
                dialog.problem_box.setCurrentIndex(dialog.problem_box.findData("信息不一致"))
                dialog._set_problem(0)
                dialog.note.setText("未加盖公章")
                dialog._set_note("未加盖公章")
            elif check.applies and check.mark is Mark.PENDING:
                dialog._set_mark(Mark.RECEIVED)
        dialog.table.selectRow(2)
        self.settle(600)
        self.shoot("material_check")
        self.issue13_dialogs(dialog)
        dialog.close()
        self.settle(500)
        if window.cases is not None:
            self.tab(window, window.cases)
            self.shoot("cases")
        window.poll_timer.stop()

    def issue13_dialogs(self, dialog: Any) -> None:
        """The agent section (Ctrl+D), the refusal on a legal ground and the acceptance
        options (delivery, 容缺 date and commitment) over the material check."""
        from hall_app.services.acceptance import DeferredDefault
        from hall_app.services.documents import AgentInput
        from hall_app.services.notices import refusal_grounds_of
        from hall_app.ui.acceptance import AcceptanceOptions
        from hall_app.ui.refusal import RefusalDialog

        dialog._toggle_agent()
        box = dialog.agent_box
        box.legal_rep.setText("王大海")
        box.name.setText("李建国")
        box.id_number.setText("513101198201130014")
        box.phone.setText("13512346789")
        self.settle(400)
        self.shoot("material_agent")
        refusal = RefusalDialog(
            dialog,
            refusal_grounds_of(self.hall.documents.plan(item_code=FOOD)),
            "王大海",
            AgentInput("李建国", "居民身份证", "513101198201130014", "13512346789"),
        )
        refusal.office.setText("重庆市梁平区市场监督管理局")
        refusal.note.setText("经营场所位于经济开发区")
        refusal.show()
        self.settle(500)
        self.shoot("refusal_dialog")
        refusal.close()
        refusal.deleteLater()
        today = self.clock.now.astimezone(SHANGHAI).date()
        options = AcceptanceOptions(
            [
                DeferredDefault(
                    "食品安全管理人员信息|", "食品安全管理人员信息", 5, today + dt.timedelta(days=7)
                )
            ],
            today,
            dialog,
        )
        options.method.setCurrentIndex(1)
        options.address.setText("垫江县澄溪镇工业路18号 王大海 139****5678")
        options.show()
        self.settle(500)
        self.shoot("acceptance_options")
        options.close()
        options.deleteLater()
        dialog._toggle_agent()

    def reception_screens(self) -> None:
        from PySide6.QtCore import Qt

        window = self.present(self.main_window(self.reception))
        self.settle(1500)
        view = window.reception
        view.search.setText("sbk")
        self.settle(500)
        view.issue_selected()  # 社会保障卡申领: the ticket just issued shows on the right
        self.settle(2500)
        view.search.setText("gjj")
        self.settle(800)
        self.shoot("reception")
        from scripts.screenshots_intake import reception_assistant

        reception_assistant(self, window)
        window.poll_timer.stop()
        window2 = self.present(self.main_window(self.login("2002")))
        self.tab(window2, window2.appointments)
        view = window2.appointments
        index = view.subject.findText("社会保障卡申领", Qt.MatchFlag.MatchStartsWith)
        view.subject.setCurrentIndex(index)
        view.name.setText("张三")
        view.id_number.setText("11010519491231002X")
        view._id_hint()
        view.phone.setText("13912345678")
        self.settle(1500)
        view.slot_view.selectRow(3)
        self.settle(300)
        self.shoot("appointments")
        window2.poll_timer.stop()

    def supervisor_screens(self) -> None:
        self.boss = self.login("3001")
        window = self.present(self.main_window(self.boss))
        self.tab(window, window.overview)
        self.settle(1000)
        self.shoot("supervisor")
        self.tab(window, window.tidal)
        self.wait_until(lambda: window.tidal.proposals.count() > 0, 10)
        window.tidal.proposals.setCurrentRow(0)
        self.settle(1000)
        self.shoot("tidal")
        self.tab(window, window.followups)
        self.shoot("followups")
        # an outage in the morning: the incident console with the kit printed, steps ticked
        self.clock.advance(minutes=3)
        incident = self.hall.fallback.declare(
            self.boss,
            "网络中断",
            public_notice="入口张贴告示，导服台口头告知",
            substitutes="网上办、自助终端",
            started_at=self.clock.now - dt.timedelta(minutes=3),
        )
        self.incident = incident.number
        self.incident_start = self.clock.now - dt.timedelta(minutes=3)
        for step in ("declare", "inform_staff", "print_kit"):
            with contextlib.suppress(Exception):
                self.hall.fallback.tick_step(self.boss, incident.number, step)
        self.kit = self.hall.fallback.kit(self.boss, incident.number)
        self.clock.advance(minutes=12)
        self.tab(window, window.incident)
        self.settle(1000)
        self.shoot("incident")
        window.poll_timer.stop()
        self.supervisor_window = window

    def back_entry_screen(self) -> None:
        from hall_app.services.fallback import BackEntry

        hall, kit = self.hall, self.kit
        clerk = self.clerks[5]
        self.clock.advance(minutes=30)
        start = self.incident_start.astimezone(SHANGHAI)

        def paper(minutes: int) -> str:
            return f"{start + dt.timedelta(minutes=minutes):%H:%M}"

        for index, number in enumerate(kit.ticket_numbers[:4]):
            hall.fallback.back_enter(
                clerk,
                self.incident,
                BackEntry(
                    "ticket",
                    number,
                    paper(2 + 5 * index),
                    f"取号登记簿 第1页第{index + 1}行",
                    window=5,
                    category_code="A",
                    called=paper(3 + 5 * index),
                    finished=paper(6 + 5 * index),
                ),
            )
        window = self.present(self.main_window(clerk))
        self.tab(window, window.back_entry)
        view = window.back_entry
        self.settle(1000)
        view.number.setText(kit.ticket_numbers[1])  # already entered: refused, fields kept
        view.time.setText(paper(8).replace(":", ""))
        index = view.category.findData("A")
        if index >= 0:
            view.category.setCurrentIndex(index)
        view.finished.setText(paper(12).replace(":", ""))
        view.paper_ref.setText("取号登记簿 第1页第5行")
        view.save()
        self.settle(1500)
        self.shoot("back_entry")
        window.poll_timer.stop()

    def offline_screen(self) -> None:
        """The server goes away while window 4 serves: the offline desk with its red banner."""
        from hall_app.domain.errors import DatabaseUnavailable

        self.hall.tickets.call_next(self.clerks[4], 4)  # in hand when the server goes
        self.hall.tickets.start(self.clerks[4], 4)
        window = self.main_window(self.clerks[4])
        self.present(window)
        self.wait_until(lambda: window.desk_view is None or window.runner.pending == 0, 10)
        self.settle(3000)  # the offline numbers and the catalog snapshot are prepared
        real = self.hall.queues.marker

        def gone() -> int:
            raise DatabaseUnavailable(
                "无法连接数据库服务器，本次操作未完成，请检查网络或联系管理员"
            )

        self.hall.queues.marker = gone  # type: ignore[method-assign]
        desk = window.desk_view
        self.wait_until(lambda: window.stack.currentWidget() is desk, 20)
        self.wait_until(lambda: desk.catalog.rowCount() > 60, 20)
        for query in ("jmsfz", "hz", "wfzjl", "jmsfz"):  # citizens keep coming: offline tickets
            self.clock.advance(minutes=2)
            desk.search.setText(query)
            self.settle(300)
            desk.issue_selected()
            self.settle(1200)
        desk._move("finish")  # the ticket in hand when the server went (F4), then F1
        self.settle(1200)
        desk.call_next()
        self.settle(1500)
        desk.search.setText("")
        self.settle(1500)
        self.shoot("offline")
        self.hall.queues.marker = real  # type: ignore[method-assign]
        window.poll_timer.stop()
        window.hide()

    def board_screens(self) -> None:
        from PySide6.QtCore import Qt

        from hall_app.ui.board import BoardWindow
        from hall_app.ui.voice import Announcer, SilentBackend

        for window in self.windows:
            window.hide()
        self.hall.board.configure(
            self.boss, "请保管好随身物品。办理不动产登记请提前预约，绿色通道请至1号窗口。", True
        )
        board = BoardWindow(self.hall, self.runner, self.settings, Announcer(SilentBackend()))
        self.settle(800)
        for window in (5, 10, 11, 2):
            with contextlib.suppress(Exception):
                self.hall.tickets.call_next(self.clerks[window], window)
        board.showFullScreen()
        self.settle(300)
        screen = self.app.primaryScreen().geometry()
        if board.geometry() != screen:
            board.setGeometry(screen)
        self.settle(3000)
        self.shoot("board_landscape")
        board.close()
        # portrait: rendered off screen at 768×1366 (this screen is landscape)
        board = BoardWindow(self.hall, self.runner, self.settings, Announcer(SilentBackend()))
        board.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        board.resize(SCREEN[1], SCREEN[0])
        board.show()
        board.resize(SCREEN[1], SCREEN[0])
        self.settle(3000)
        board.grab().save(str(self.out / f"board_portrait{self.suffix}"))
        print("screenshots:", "board_portrait" + self.suffix, board.width(), "x", board.height())
        board.close()

    def run(self) -> None:
        self.prepare()
        self.clerk_screens()
        self.casework_screens()
        self.reception_screens()
        self.supervisor_screens()
        self.back_entry_screen()
        self.offline_screen()
        self.board_screens()
        for window in self.windows:
            window.poll_timer.stop()
            window.prepare_timer.stop()
        self.runner.wait()
        self.collector.collect()
        os._exit(0)  # the windows' close guards would ask about tickets in hand


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    if "--child" in argv:
        Shooter(out).run()
        return 0
    langs = ["zh_CN", "en"]
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            langs = argv[index + 1].split(",")
            out = Path(next((a for a in args if a != argv[index + 1]), "docs/screenshots"))
    return run_all(out, langs)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main(sys.argv[1:]))
