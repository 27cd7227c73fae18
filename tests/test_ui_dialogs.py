"""Transient dialogs are deleted after use: a screen open all day must not keep one per
ticket, inquiry or print (issue 12, item 13; the memory itself is measured in
benchmarks/clerk_memory.py)."""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from hall_app.services.hall import Hall
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login


def _asks(hall: Hall) -> dict[str, Callable[[QWidget], Any]]:
    from hall_app.services.fallback import ConflictView
    from hall_app.ui.cases import DeferredDialog, ExtendDialog, LegalExtensionDialog, PauseDialog
    from hall_app.ui.clerk import TransferDialog
    from hall_app.ui.conflicts import SettleDialog
    from hall_app.ui.followups_view import CannotDoDialog
    from hall_app.ui.incident_dialogs import CloseDialog, NoticeDialog, VoidDialog
    from hall_app.ui.materials import RefusalDialog
    from hall_app.ui.offline_widgets import ItemPickDialog, OfflineInquiryDialog
    from hall_app.ui.refusal import FurtherDialog, WithdrawDialog
    from hall_app.ui.tidal import ReassignDialog
    from hall_app.ui.transfer import targets_from

    status = hall.queues.status()
    now = hall.ctx.now()
    conflict = ConflictView(
        "k", "ticket_finish", "A004", "pc-3", now, "1003", "离线办结", "conflict", True
    )
    notice = types.SimpleNamespace(public_notice="", substitutes="")
    return {
        "ExtendDialog": ExtendDialog.ask,
        "PauseDialog": PauseDialog.ask,
        "LegalExtensionDialog": LegalExtensionDialog.ask,
        "DeferredDialog": lambda p: DeferredDialog.ask(p, ["食品安全管理人员信息"]),
        "CannotDoDialog": CannotDoDialog.ask,
        "ReassignDialog": ReassignDialog.ask,
        "RefusalDialog": RefusalDialog.ask,
        "WithdrawDialog": WithdrawDialog.ask,
        "FurtherDialog": lambda p: FurtherDialog.ask(p, "BZ-500231-20261125-0001", ("平面图",)),
        "OfflineInquiryDialog": OfflineInquiryDialog.ask,
        "TransferDialog": lambda p: TransferDialog.ask(
            p, list(status.lanes), targets_from(status), "A"
        ),
        "ItemPickDialog": lambda p: ItemPickDialog.pick(p, hall.catalog.entries()),
        "VoidDialog": lambda p: VoidDialog.ask(p, {"ticket": ["S003"]}, None),
        "CloseDialog": lambda p: CloseDialog.ask(p, ("S003",), 0),
        "SettleDialog": lambda p: SettleDialog.ask(p, conflict, hall.ctx.tz),
        "NoticeDialog": lambda p: NoticeDialog.ask(p, notice),
    }


@pytest.mark.parametrize(
    "name",
    sorted(
        [
            "ExtendDialog",
            "PauseDialog",
            "LegalExtensionDialog",
            "DeferredDialog",
            "CannotDoDialog",
            "ReassignDialog",
            "RefusalDialog",
            "FurtherDialog",
            "WithdrawDialog",
            "OfflineInquiryDialog",
            "TransferDialog",
            "ItemPickDialog",
            "VoidDialog",
            "CloseDialog",
            "SettleDialog",
            "NoticeDialog",
        ]
    ),
)
def test_a_modal_question_leaves_no_dialog_behind(
    qtbot: QtBot, sqlite_hall: Hall, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    screen = QWidget()
    qtbot.addWidget(screen)
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    ask = _asks(sqlite_hall)[name]
    for _ in range(3):  # the citizen cancels, three times
        assert ask(screen) is None
    qtbot.waitUntil(lambda: not screen.findChildren(QDialog), timeout=5000)


def test_dialogs_opened_from_the_main_window_are_deleted_once_closed(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    from hall_app.ui.inquiry import InquiryDialog
    from hall_app.ui.main_window import MainWindow

    settings = Settings()
    settings.qs.clear()
    window = MainWindow(sqlite_hall, runner, login(sqlite_hall, "1001", 1), settings)
    qtbot.addWidget(window)
    for _ in range(3):
        window.log_inquiry()
        qtbot.waitUntil(lambda: getattr(window, "inquiry_dialog", None) is not None)
        window.inquiry_dialog.reject()
        qtbot.waitUntil(lambda: window.inquiry_dialog is None)
    window.show_offline_status()
    qtbot.waitUntil(lambda: getattr(window, "status_dialog", None) is not None)
    window.status_dialog.reject()
    qtbot.waitUntil(lambda: window.status_dialog is None)
    queue = next(a for a in window.menuBar().actions()[0].menu().actions() if "补打" in a.text())
    for _ in range(3):
        queue.trigger()
        shown = [d for d in window.findChildren(QDialog) if d.isVisible()]
        assert len(shown) == 1
        shown[0].reject()
    qtbot.waitUntil(lambda: not window.findChildren(QDialog), timeout=5000)
    assert not window.findChildren(InquiryDialog)
    window.close()


def test_a_receipt_preview_and_the_material_check_go_once_closed(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    from hall_app.ui.casework import Casework
    from hall_app.ui.output import save_document

    screen = QWidget()
    qtbot.addWidget(screen)
    casework = Casework(sqlite_hall, runner, login(sqlite_hall, "1026", 26), Settings(), screen)
    plan = sqlite_hall.documents.plan(item_code="11500231MB1918730K1000133006000")
    for _ in range(3):
        casework.open_check(plan).reject()
        saved = save_document(sqlite_hall, casework.actor, b"%PDF-1.4\n", "receipt", "SL-1")
        casework.show_preview(saved, "受理回执").reject()
    qtbot.waitUntil(lambda: not screen.findChildren(QDialog), timeout=5000)
    assert casework.dialog is None and casework.preview is None
