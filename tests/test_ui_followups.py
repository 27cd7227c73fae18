"""首问登记 from any screen, the rating after F4, and the supervisor's follow-up tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from hall_app.services.hall import Hall
from hall_app.ui.inquiry import InquiryDialog
from hall_app.ui.main_window import MainWindow
from hall_app.ui.rating import RatingDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login


def test_first_inquiry_from_the_reception_screen(
    qtbot: QtBot, live_hall: Hall, runner: Runner
) -> None:
    window = MainWindow(live_hall, runner, login(live_hall, "2001"), Settings())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "inquiry_dialog", None), InquiryDialog))
    dialog: InquiryDialog = window.inquiry_dialog
    qtbot.addWidget(dialog)
    dialog.question.setPlainText("孩子上学需要的户籍证明在哪里开？")
    dialog.visitor.setText("王小明")
    qtbot.keyClicks(dialog.phone, "13700001234")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("follow_up"))
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view = saved.args[0]
    assert view.number.startswith("SW-") and view.visitor == "王**"
    qtbot.waitUntil(lambda: window.inquiries.model.rowCount() == 1)
    assert window.inquiries.model.data(window.inquiries.model.index(0, 2)) == "王**"
    window.close()


def test_bad_rating_after_service_reaches_the_supervisor(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        RatingDialog, "ask", classmethod(lambda cls, parent, number: (1, "等候时间太长", True))
    )
    live_hall.tickets.issue(login(live_hall, "2001"), category_code="A")
    clerk_window = MainWindow(live_hall, runner, login(live_hall, "1001", 1), Settings())
    qtbot.addWidget(clerk_window)
    clerk = clerk_window.clerk
    for action in ("call", "start", "finish"):
        qtbot.waitUntil(lambda a=action: clerk.actions[a].isEnabled())
        clerk.actions[action].trigger()
    qtbot.waitUntil(lambda: "已生成差评整改" in clerk.message.text())
    clerk_window.close()

    boss = MainWindow(live_hall, runner, login(live_hall, "3001"), Settings())
    qtbot.addWidget(boss)
    view = boss.followups
    assert view is not None
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert "差评整改 1 件" in view.counts.text()
    assert view.satisfaction.rowCount() == 3  # by window, staff member and category
    answers = iter(
        [("电话", True), ("已当面致歉，群众表示理解", True), ("增加导引人员，缩短等候", True)]
    )
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: next(answers))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))

    def press(name: str) -> None:
        qtbot.waitUntil(lambda: not runner.busy)
        view.table.selectRow(0)
        view.buttons[name].click()

    press("close")  # no return visit yet: refused, nothing changes
    qtbot.waitUntil(lambda: "回访" in view.message.text())
    answers = iter(
        [("电话", True), ("已当面致歉，群众表示理解", True), ("增加导引人员，缩短等候", True)]
    )
    press("verify")
    qtbot.waitUntil(lambda: "整改中" in (view.model.data(view.model.index(0, 3)) or ""))
    press("visit")
    qtbot.waitUntil(lambda: "已登记回访" in view.message.text())
    press("close")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert live_hall.followups.followups(open_only=False)[0].state.value == "done"
    boss.close()
