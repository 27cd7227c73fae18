"""Every top-level window and dialog fits a 1366×768 screen, in Chinese and in English.

The classes are discovered (every QDialog subclass in ``hall_app.ui`` and the main windows),
so a new dialog without a way to build it here fails the test until one is added below.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

import hall_app.ui
from hall_app import paths
from hall_app.services.hall import Hall
from hall_app.ui.intake import IntakeDialog, load_intake
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login

SCREEN = (1366, 768)
BASES = {"FormDialog"}  # building blocks, never shown on their own
BUNDLE = "YJS03"  # 退休一件事: the longest list of materials to confirm


def _all_dialog_classes() -> set[type]:
    for module in pkgutil.iter_modules(hall_app.ui.__path__):
        importlib.import_module(f"hall_app.ui.{module.name}")
    found: set[type] = set()
    todo = list(QDialog.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if (
            cls.__module__.startswith("hall_app.ui")
            and not cls.__name__.startswith("_")
            and cls.__name__ not in BASES
        ):
            found.add(cls)
    return found


def english_qm() -> Path:
    """The English .qm is build output: compile it from the committed .ts when missing."""
    folder = paths.resources_dir() / "translations"
    ts, qm = folder / "hall_app_en.ts", folder / "hall_app_en.qm"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        lrelease = Path(sys.executable).parent / "pyside6-lrelease"
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The UI in ``language``: the app's and Qt's translators, the default locale, the font."""
    from hall_app.ui.app import setup_font

    setup_font(qapp)  # the hall's CJK font, as in the app: widths depend on it
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    files = [
        (f"qtbase_{request.param}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    ]
    if request.param == "en":
        files.append(("hall_app_en", str(english_qm().parent)))
    installed = []
    for name, folder in files:
        translator = QTranslator()
        assert translator.load(name, folder), name
        qapp.installTranslator(translator)
        installed.append(translator)
    yield request.param
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def _factories(
    hall: Hall, runner: Runner, settings: Settings, tmp_path: Path
) -> dict[str, Callable[[], QWidget]]:
    from hall_app.services.acceptance import DeferredDefault
    from hall_app.services.fallback import ConflictView
    from hall_app.services.offline import OfflineStatus
    from hall_app.services.remedies import BookingOffer
    from hall_app.services.tidal import ChangePreview
    from hall_app.ui import output
    from hall_app.ui.acceptance import AcceptanceOptions
    from hall_app.ui.audit_view import AuditDialog
    from hall_app.ui.board import BoardSettingsDialog, BoardWindow
    from hall_app.ui.cases import DeferredDialog, ExtendDialog, LegalExtensionDialog, PauseDialog
    from hall_app.ui.closing import ClosedBookingDialog
    from hall_app.ui.conflicts import SettleDialog
    from hall_app.ui.followups_view import CannotDoDialog
    from hall_app.ui.incident_dialogs import CloseDialog, NoticeDialog, VoidDialog
    from hall_app.ui.inquiry import InquiryDialog
    from hall_app.ui.leaving import TicketInHandDialog
    from hall_app.ui.login import LoginDialog
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.materials import MaterialCheckDialog, RefusalDialog
    from hall_app.ui.offline_widgets import (
        ItemPickDialog,
        OfflineInquiryDialog,
        OfflinePreviewDialog,
        OfflineStatusDialog,
    )
    from hall_app.ui.preview import PreviewDialog
    from hall_app.ui.print_queue import PrintQueueDialog
    from hall_app.ui.rating import RatingDialog
    from hall_app.ui.refusal import FurtherDialog, WithdrawDialog
    from hall_app.ui.remedy_offer import BookingOfferDialog
    from hall_app.ui.reveal import RevealReasonDialog
    from hall_app.ui.rota import RotaDialog
    from hall_app.ui.staffing_confirm import StaffingConfirm
    from hall_app.ui.standby import StandbyDialog
    from hall_app.ui.tidal import ReassignDialog
    from hall_app.ui.tidal_apply import ApplyChangeDialog
    from hall_app.ui.transfer import TransferDialog, targets_from
    from hall_app.ui.voice import Announcer, SilentBackend

    reception = login(hall, "2001")
    now = hall.ctx.now()
    entries = hall.catalog.entries()
    saved = output.save_document(hall, reception, _a_pdf(), "ticket", "A001")

    def board() -> QWidget:
        return BoardWindow(hall, runner, settings, Announcer(SilentBackend()))

    def login_dialog() -> QWidget:
        dialog = LoginDialog(runner, settings)
        dialog.set_hall(hall, hall.auth.windows())
        return dialog

    def ticket_in_hand() -> QWidget:
        item = next(e.code for e in entries if e.kind == "item" and e.lane_code == "A")
        hall.tickets.issue(reception, item_code=item)
        return TicketInHandDialog(hall.tickets.call_next(login(hall, "1002", 2), 2))

    until = now + dt.timedelta(hours=2)
    refused = ChangePreview(  # the widest: the rule it breaks, the override box and a reason
        ((1, "L 绿色通道、A 综合受理", "L 绿色通道、D 公安户政/出入境、A 综合受理"),),
        ("绿色通道将没有优先叫号的窗口（绿色通道窗口）",),
        until,
    )

    offer = BookingOffer(  # the longest subject of the demo catalog's lane B
        1, "X1", "国有建设用地使用权及房屋所有权首次登记", "B", "不动产登记", 48, 275,
        now.date() + dt.timedelta(days=1), dt.time(8, 30), dt.time(9, 0),
    )  # fmt: skip
    status = hall.queues.status()
    return {
        "MainWindow clerk": lambda: MainWindow(hall, runner, login(hall, "1026", 26), settings),
        "MainWindow reception": lambda: MainWindow(hall, runner, reception, settings),
        "MainWindow supervisor": lambda: MainWindow(hall, runner, login(hall, "3001"), settings),
        "MainWindow admin": lambda: MainWindow(hall, runner, login(hall, "9001"), settings),
        "BoardWindow": board,
        "LoginDialog": login_dialog,
        "BoardSettingsDialog": lambda: BoardSettingsDialog(board()),
        "ExtendDialog": ExtendDialog,
        "PauseDialog": PauseDialog,
        "LegalExtensionDialog": LegalExtensionDialog,
        "DeferredDialog": lambda: DeferredDialog(["食品安全管理人员信息", "招牌结构安全承诺书"]),
        "AcceptanceOptions": lambda: AcceptanceOptions(
            [
                DeferredDefault(f"k{i}", "消防安全制度、灭火和应急疏散预案", 5, now.date())
                for i in range(4)
            ],
            now.date(),
        ),
        "TransferDialog": lambda: TransferDialog(
            list(status.lanes), targets_from(status), "A", from_window=26
        ),
        "CannotDoDialog": CannotDoDialog,
        "VoidDialog": lambda: VoidDialog(
            {"ticket": ["S003", "S004"], "inquiry": [], "case": ["SL-1"], "notice": []}, None
        ),
        "CloseDialog": lambda: CloseDialog(("S003", "S004"), 1),
        "StandbyDialog": lambda: StandbyDialog(  # two servers that do not answer (loopback)
            hall,
            runner,
            login(hall, "3001"),
            "postgresql+psycopg://app@/hall?host=127.0.0.1:9,127.0.0.1:7",
            str(tmp_path / "standby"),
        ),
        "SettleDialog": lambda: SettleDialog(
            ConflictView(
                "k",
                "ticket_finish",
                "A004",
                "pc-3",
                now,
                "1003",
                "号票 A004 在服务器上已是「等候中」，离线时的操作未合并，请核对",
                "conflict",
                True,
            ),
            hall.ctx.tz,
        ),
        "NoticeDialog": lambda: NoticeDialog(
            types.SimpleNamespace(  # type: ignore[arg-type]
                public_notice="门口张贴告示并由导服人员口头告知", substitutes="政务服务网、自助终端"
            )
        ),
        "InquiryDialog": lambda: InquiryDialog(hall, runner, reception, entries),
        "MaterialCheckDialog": lambda: MaterialCheckDialog(hall.documents.plan(bundle_code=BUNDLE)),
        "RefusalDialog": RefusalDialog,
        "WithdrawDialog": WithdrawDialog,
        "FurtherDialog": lambda: FurtherDialog(
            None, "BZ-500231-20261125-0001", ("经营场所平面图及设备布局图", "食品安全规章制度目录")
        ),
        "OfflineInquiryDialog": OfflineInquiryDialog,
        "ItemPickDialog": lambda: ItemPickDialog(entries),
        "OfflinePreviewDialog": lambda: OfflinePreviewDialog(
            hall, runner, reception, settings, saved.path, "应急号票"
        ),
        "OfflineStatusDialog": lambda: OfflineStatusDialog(
            OfflineStatus(now - dt.timedelta(minutes=12), 3, 1, 5, {"S": 40, "SW": 20}, now),
            hall.ctx.tz,
        ),
        "PreviewDialog": lambda: PreviewDialog(hall, runner, reception, settings, saved, "号票"),
        "PrintQueueDialog": lambda: PrintQueueDialog(hall, runner, reception, settings),
        "RatingDialog": lambda: RatingDialog("A001"),
        "BookingOfferDialog": lambda: BookingOfferDialog(offer),
        "ReassignDialog": ReassignDialog,
        "ApplyChangeDialog": lambda: ApplyChangeDialog(refused, until.astimezone(hall.ctx.tz)),
        "ClosedBookingDialog": ClosedBookingDialog,
        "TicketInHandDialog": ticket_in_hand,
        "RevealReasonDialog": RevealReasonDialog,
        "AuditDialog": lambda: AuditDialog(hall, runner, login(hall, "3001")),
        "RotaDialog": lambda: RotaDialog(hall, runner, login(hall, "3001")),
        "StaffingConfirm": lambda: StaffingConfirm(  # a remedy: the longest lines, a cut-off
            "确认采取措施：一件事分流综合受理",
            [
                "公安户政/出入境：预计 09:32 起取号的群众等待将超过 60 分钟（最长约 129 分钟），"
                "闭厅时约 12 人仍在等候",
                "公安户政/出入境：一件事事项改由综合受理窗口办理（约占该类 50%）；"
                "p95 等待 127 → 127 分钟，综合受理约 9 分钟",
                "公安户政/出入境 p95 等待：127 [126–129] → 127 [124–128] 分钟",
            ],
            "确认采取",
            now.astimezone(hall.ctx.tz),
        ),
        "IntakeDialog": lambda: IntakeDialog(
            next(e for e in entries if e.code == "YJS05"),
            load_intake(hall, next(e for e in entries if e.code == "YJS05")),
        ),
    }


def _a_pdf() -> bytes:
    from hall_app.printing.ticket import TicketSlip, render_ticket

    slip = TicketSlip(
        "重庆市垫江县政务服务中心",
        "023-74681234",
        "A001",
        "综合受理",
        "综合受理",
        3,
        dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC),
        1,
        "2026-11-25",
    )
    return render_ticket(slip)


def test_every_window_and_dialog_fits_1366x768(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, tmp_path: Path, language: str
) -> None:
    settings = Settings()
    settings.qs.clear()
    factories = _factories(sqlite_hall, runner, settings, tmp_path)
    missing = {c.__name__ for c in _all_dialog_classes()} - set(factories)
    assert not missing, f"add a factory for {sorted(missing)} to this test"
    too_big = {}
    for name, make in factories.items():
        widget = make()
        qtbot.addWidget(widget)
        widget.ensurePolished()
        hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        if hint.width() > SCREEN[0] or hint.height() > SCREEN[1]:
            too_big[name] = (hint.width(), hint.height())
        if hasattr(widget, "poll_timer"):
            widget.poll_timer.stop()
    runner.wait(20000)
    assert not too_big, f"{language}: wider or taller than {SCREEN}: {too_big}"


def test_the_cases_tab_fits_1366(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, language: str
) -> None:
    """The case actions once made the clerk's window wider than the screen in English."""
    from hall_app.ui.cases import CasesView

    view = CasesView(sqlite_hall, runner, login(sqlite_hall, "1026", 26), Settings())
    qtbot.addWidget(view)
    view.show()
    assert view.minimumSizeHint().width() <= 1366 - 20, (language, view.minimumSizeHint())


def test_reception_keeps_the_waiting_table_its_share_at_1366(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, language: str
) -> None:
    """The take-ticket row (ID, priority, F6, F2) once pushed the left column so wide in
    English that the waiting table's columns were cut (15 …, ~0 …): the right column keeps
    about its two fifths of the screen."""
    from hall_app.ui.reception import ReceptionView

    settings = Settings()
    settings.qs.clear()
    view = ReceptionView(sqlite_hall, runner, login(sqlite_hall, "2001"), settings)
    qtbot.addWidget(view)
    view.resize(SCREEN[0], SCREEN[1] - 100)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.lane_view.width() > 0)
    assert view.lane_view.width() >= 0.36 * SCREEN[0], (language, view.lane_view.width())
    runner.wait(20000)


def test_the_staffing_page_fits_1366(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, language: str
) -> None:
    """人员调配 (the tidal console's second page): its rows of buttons and the proposals
    table beside every lane's bands fit the width of the screen."""
    from hall_app.ui.staffing import StaffingPanel

    panel = StaffingPanel(sqlite_hall, runner, login(sqlite_hall, "3001"))
    qtbot.addWidget(panel)
    panel.show()
    hint = panel.minimumSizeHint()
    assert hint.width() <= SCREEN[0] - 20 and hint.height() <= SCREEN[1] - 150, (language, hint)
