"""Issue 12 #1 with pytest-qt on the real RatingDialog: nothing is chosen by default or by
Enter, digits typed in the comment box stay text, a level is picked explicitly and only then
submitted, Esc records 未评价, the dialog is deleted after ``ask``; the 好差评 figures show
未评价 apart."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.services.hall import Hall
from hall_app.store import models as m
from hall_app.ui.followups_view import FollowUpsView
from hall_app.ui.main_window import MainWindow
from hall_app.ui.rating import RatingDialog
from hall_app.ui.settings import ASK_RATING, Settings
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_followups import _served

# these tests drive the real modal dialog and always close it themselves
pytestmark = pytest.mark.modal_dialogs

REAL_ASK = RatingDialog.__dict__["ask"]  # conftest stubs it for tests that do not rate


def _ask_driving(qtbot: QtBot, steps: Callable[[RatingDialog], None]):  # type: ignore[no-untyped-def]
    """Run the real ``RatingDialog.ask`` while ``steps`` act on the shown dialog like a
    citizen or a clerk; the dialog is always closed in the end so the test cannot hang."""
    parent = QWidget()
    qtbot.addWidget(parent)
    failures: list[BaseException] = []

    def drive() -> None:
        dialog = parent.findChild(RatingDialog)
        try:
            dialog.activateWindow()  # shortcuts (the keys 1–5) act in the active window
            qtbot.waitUntil(dialog.isActiveWindow)
            steps(dialog)
        except BaseException as exc:  # reported after ask() returns
            failures.append(exc)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, drive)
    answer = REAL_ASK.__get__(None, RatingDialog)(parent, "A012")
    if failures:
        raise failures[0]
    return parent, answer


def test_enter_after_a_comment_records_nothing_and_digits_there_stay_text(qtbot: QtBot):
    """The bug: typing a comment and pressing Enter recorded 非常满意 (an auto-default button)."""
    seen = {}

    def steps(dialog: RatingDialog) -> None:
        dialog.comment.setFocus()
        dialog.comment.insert("等了")  # Chinese comes through the input method …
        qtbot.keyClicks(dialog.comment, "1")  # … digits from the keys
        dialog.comment.insert("小时，态度很差")
        seen["text"], seen["level"] = dialog.comment.text(), dialog.level
        qtbot.keyClick(dialog.comment, Qt.Key.Key_Return)
        seen["open after Enter"], seen["level after Enter"] = dialog.isVisible(), dialog.level
        assert seen["open after Enter"], f"Enter closed the dialog with level {dialog.level}"
        seen["submit enabled"] = dialog.findChild(QWidget, "ratingSubmit").isEnabled()
        qtbot.keyClick(dialog.comment, Qt.Key.Key_Escape)

    _parent, answer = _ask_driving(qtbot, steps)
    assert seen == {
        "text": "等了1小时，态度很差",
        "level": None,
        "open after Enter": True,
        "level after Enter": None,
        "submit enabled": False,
    }
    assert answer == (None, "等了1小时，态度很差", False)  # Esc: 未评价, the comment kept


def test_a_level_is_picked_explicitly_then_submitted(qtbot: QtBot):
    seen = {}

    def steps(dialog: RatingDialog) -> None:
        qtbot.keyClick(dialog.pad, Qt.Key.Key_4)  # focus outside the comment box: picks 4
        seen["picked"], seen["open after digit"] = dialog.level, dialog.isVisible()
        qtbot.mouseClick(dialog.findChild(QWidget, "rate2"), Qt.MouseButton.LeftButton)
        seen["changed"], seen["open after click"] = dialog.level, dialog.isVisible()
        dialog.comment.setFocus()
        dialog.comment.insert("窗口等了")
        qtbot.keyClicks(dialog.comment, "30")  # the 3 is text, not level 3
        dialog.comment.insert("分钟")
        seen["after comment"] = dialog.level
        dialog.pad.setChecked(True)  # the clerk enters the rating pad's result
        qtbot.keyClick(dialog.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    _parent, answer = _ask_driving(qtbot, steps)
    assert seen == {
        "picked": 4,
        "open after digit": True,
        "changed": 2,
        "open after click": True,
        "after comment": 2,
    }
    assert answer == (2, "窗口等了30分钟", True)


def test_the_dialog_is_deleted_after_ask(qtbot: QtBot):
    parent, answer = _ask_driving(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    qtbot.waitUntil(lambda: not parent.findChildren(RatingDialog))
    assert answer == (None, "", False)


def test_esc_at_the_clerk_window_records_unrated(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RatingDialog, "ask", REAL_ASK)
    live_hall.tickets.issue(login(live_hall, "2001"), category_code="A")
    settings = Settings()
    settings.set(ASK_RATING, True)  # QSettings are shared by the session's tests
    window = MainWindow(live_hall, runner, login(live_hall, "1001", 1), settings)
    qtbot.addWidget(window)
    clerk = window.clerk

    def escape_when_asked() -> None:
        dialog = clerk.findChild(RatingDialog)
        if dialog is not None and dialog.isVisible():
            watcher.stop()
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    watcher = QTimer(window)  # dies with the window, even if the test fails
    watcher.timeout.connect(escape_when_asked)
    watcher.start(20)
    try:
        for action in ("call", "start", "finish"):
            qtbot.waitUntil(lambda a=action: clerk.actions[a].isEnabled(), timeout=30000)
            clerk.actions[action].trigger()

        def recorded() -> list[int | None]:
            with live_hall.db.read() as s:
                return list(s.scalars(select(m.Rating.level)))

        qtbot.waitUntil(lambda: recorded() == [None], timeout=30000)
        qtbot.waitUntil(lambda: "未评价" in clerk.message.text(), timeout=30000)
        qtbot.waitUntil(lambda: not clerk.findChildren(RatingDialog))
    finally:
        watcher.stop()
    window.close()


def test_the_followups_tab_and_its_export_show_unrated_apart(
    qtbot: QtBot,
    live_hall: Hall,
    runner: Runner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clerk = login(live_hall, "1001", 1)
    for level in (5, 2, None):
        live_hall.followups.rate(clerk, _served(live_hall, clerk), level)
    view = FollowUpsView(live_hall, runner, login(live_hall, "3001"))
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.satisfaction.rowCount() == 3)
    model = view.satisfaction
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["维度", "名称", "评价数", "平均分", "差评数", "未评价", "满意率"]
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row == ["窗口", "1号窗口", "2", "3.50", "1", "1", "50.0%"]
    target = tmp_path / "report.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view.export()
    qtbot.waitUntil(lambda: "已导出" in view.message.text())
    lines = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0][5] == "未评价" and lines[1][2:7] == ["2", "3.50", "1", "1", "50.0%"]
