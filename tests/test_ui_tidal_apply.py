"""Issue 12 #2 with pytest-qt: applying a window change asks for confirmation (full order
before → after) and an end time (default: in 2 h or the end of the session; "until further
notice" only when chosen); a refused change needs the override box and a written reason; the
clerk at that window sees a banner naming the change and who made it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hall_app.services.hall import Hall
from hall_app.services.tidal import ChangePreview
from hall_app.ui.main_window import MainWindow
from hall_app.ui.settings import Settings
from hall_app.ui.tidal import TidalView
from hall_app.ui.tidal_apply import ApplyChangeDialog
from hall_app.ui.worker import Runner
from tests.conftest import SHANGHAI, login

UNTIL = dt.datetime(2026, 11, 25, 11, 0, tzinfo=SHANGHAI)
REFUSED = ChangePreview(
    ((1, "L 绿色通道、A 综合受理", "D 公安户政/出入境、A 综合受理"),),
    ("绿色通道将没有优先叫号的窗口（绿色通道窗口）",),
    UNTIL,
)


def test_confirmation_shows_the_full_order_and_defaults_to_a_time_box(qtbot: QtBot):
    fine = ChangePreview(
        ((1, "L 绿色通道、A 综合受理", "L 绿色通道、D 公安户政/出入境、A 综合受理"),), (), UNTIL
    )
    dialog = ApplyChangeDialog(fine, UNTIL)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.findChild(QWidget, "order1").text() == (
        "1号窗口：L 绿色通道、A 综合受理 → L 绿色通道、D 公安户政/出入境、A 综合受理"
    )
    assert dialog.temporary.isChecked() and not dialog.permanent.isChecked()
    assert dialog.until.time() == QTime(11, 0)
    assert dialog.ok.isEnabled()
    assert dialog.values() == (UNTIL, "")
    dialog.until.setTime(QTime(10, 15))
    assert dialog.values() == (UNTIL.replace(hour=10, minute=15), "")
    dialog.permanent.click()  # "until further notice" only when chosen
    assert dialog.values() == (None, "") and not dialog.until.isEnabled()


def test_a_refused_change_needs_the_override_and_a_written_reason(qtbot: QtBot):
    dialog = ApplyChangeDialog(REFUSED, UNTIL)
    qtbot.addWidget(dialog)
    assert "绿色通道将没有优先叫号的窗口" in dialog.problems.text()
    assert not dialog.ok.isEnabled()
    dialog.override.setChecked(True)
    assert not dialog.ok.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.override_reason, "window 2 serves L")
    assert dialog.ok.isEnabled()
    assert dialog.values() == (UNTIL, "window 2 serves L")


@pytest.mark.modal_dialogs  # the real exec(), closed by the timer below
def test_ask_returns_the_answer_and_deletes_the_dialog(qtbot: QtBot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def confirm() -> None:
        parent.findChild(ApplyChangeDialog).ok.click()

    QTimer.singleShot(0, confirm)
    fine = dataclasses.replace(REFUSED, problems=())
    assert ApplyChangeDialog.ask(parent, fine, UNTIL) == (UNTIL, "")
    qtbot.waitUntil(lambda: not parent.findChildren(ApplyChangeDialog))


def test_the_console_overrides_a_refused_change_and_the_clerk_sees_a_banner(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    clerk_window = MainWindow(live_hall, runner, login(live_hall, "1001", 1), Settings())
    qtbot.addWidget(clerk_window)
    clerk = clerk_window.clerk
    clerk.refresh()
    qtbot.waitUntil(lambda: clerk.status is not None)
    assert not clerk.change_banner.isVisible()

    view = TidalView(live_hall, runner, login(live_hall, "3001"))
    qtbot.addWidget(view)
    previews = []

    def confirm(cls, parent, preview, default_until):  # type: ignore[no-untyped-def]
        previews.append(preview)
        return None, "2号窗口兼办绿色通道"

    monkeypatch.setattr(ApplyChangeDialog, "ask", classmethod(confirm))
    from hall_app.ui import tidal as tidal_ui

    monkeypatch.setattr(
        tidal_ui.ReassignDialog,
        "ask",
        classmethod(lambda cls, parent: ([1], ["D", "A"], "公安户政排队")),
    )
    with qtbot.waitSignal(view.refreshed, timeout=10000):
        view.reassign()
    assert previews[0].problems == ("绿色通道将没有任何窗口办理",)  # window 1 is the only one open
    assert live_hall.queues.status().window(1).categories == ("D", "A")
    assert "越过规则：2号窗口兼办绿色通道" in view.log.item(0).text()

    clerk_window.show()
    clerk.refresh()
    qtbot.waitUntil(clerk.change_banner.isVisible)
    text = clerk.change_banner.text.text()
    assert "L 绿色通道、A 综合受理 → D 公安户政/出入境、A 综合受理" in text
    assert "蒋红梅" in text and "长期有效" in text
    qtbot.mouseClick(
        clerk.change_banner.findChild(QWidget, "windowChangeDismiss"), Qt.MouseButton.LeftButton
    )
    assert not clerk.change_banner.isVisible()
    shown = []
    banner = clerk.change_banner
    monkeypatch.setattr(
        banner,
        "show_notice",
        lambda notice: (shown.append(notice), type(banner).show_notice(banner, notice)),
    )
    clerk.refresh()  # a dismissed change stays dismissed
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert shown[0] is not None and not banner.isVisible()
    clerk_window.close()
