"""The real clerk screen: F5 asks before 过号 and Shift+F5 undoes it; the F6 dialog shows each
window open or closed with its clerk, refuses invalid targets, and the receiving window shows
where the ticket came from and why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hall_app.domain.tickets import TicketState
from hall_app.services.hall import Hall
from hall_app.ui.clerk import ClerkView
from hall_app.ui.no_show import NoShowConfirm
from hall_app.ui.settings import Settings
from hall_app.ui.transfer import TransferDialog
from hall_app.ui.worker import Runner
from tests.conftest import login


def _item(hall: Hall, lane: str) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


def _clerk(qtbot: QtBot, hall: Hall, runner: Runner, window: int, staff: str) -> ClerkView:
    view = ClerkView(hall, runner, login(hall, staff, window), Settings())
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.status is not None)
    return view


def test_f5_asks_first_and_shift_f5_undoes_the_no_show(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    live_hall.tickets.issue(login(live_hall, "2001"), item_code=_item(live_hall, "A"))
    view = _clerk(qtbot, live_hall, runner, 1, "1001")
    answers: list[tuple[str, int]] = []
    reply = [False]

    def ask(cls, parent, number, calls):
        answers.append((number, calls))
        return reply[0]

    monkeypatch.setattr(NoShowConfirm, "ask", classmethod(ask))
    qtbot.keyClick(view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.number_label.text() == "A001")
    qtbot.keyClick(view, Qt.Key.Key_F5)  # after one call the hall's minimum (2) refuses,
    qtbot.waitUntil(lambda: "至少呼叫 2 次" in view.message.text())
    assert answers == []  # before any question the clerk would answer in vain
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "第 2 次呼叫" in view.state_label.text())
    qtbot.keyClick(view, Qt.Key.Key_F5)
    assert answers == [("A001", 2)]  # asked; the clerk said no: nothing happens
    assert live_hall.tickets.current(1).state is TicketState.CALLED
    reply[0] = True
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "Shift+F5 撤销" in view.message.text())
    assert view.number_label.text() == "—"
    assert view.actions["undo_no_show"].isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: view.number_label.text() == "A001")
    assert "已撤销" in view.message.text() and "第 2 次呼叫" in view.state_label.text()
    assert live_hall.tickets.find("A001").requeue_count == 0


def test_f6_shows_open_and_closed_windows_refuses_and_the_target_sees_the_reason(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    windows = live_hall.queues.status().windows
    serving_a = [w.number for w in windows if "A" in w.categories and w.number != 1]
    target, closed = serving_a[0], serving_a[1]
    not_a = next(w.number for w in windows if "A" not in w.categories and "L" not in w.categories)
    receiver = _clerk(qtbot, live_hall, runner, target, f"10{target:02d}")
    login(live_hall, f"10{not_a:02d}", not_a)
    view = _clerk(qtbot, live_hall, runner, 1, "1001")
    qtbot.keyClick(view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.number_label.text() == "A001")
    seen: dict[str, object] = {}

    def ask(cls, parent, lanes, targets, lane, green=False, from_window=None):
        dialog = cls(lanes, targets, lane, green, from_window, parent)
        qtbot.addWidget(dialog)
        box = dialog.window_box
        seen["texts"] = [box.itemText(i) for i in range(box.count())]
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        dialog.select_window(closed)
        dialog.reason.setText("需原经办人复核")
        ok.click()
        seen["closed"] = dialog.problem.text()
        dialog.select_window(not_a)
        ok.click()
        seen["not_a"] = dialog.problem.text()
        dialog.select_window(target)
        dialog.reason.clear()
        ok.click()
        seen["no_reason"] = dialog.problem.text()
        assert dialog.result() == 0  # still open: nothing accepted yet
        dialog.reason.setText("需原经办人复核")
        ok.click()
        assert dialog.result() == 1
        return dialog.choice()

    monkeypatch.setattr(TransferDialog, "ask", classmethod(ask))
    qtbot.keyClick(view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: "已转移到" in view.message.text())
    texts = seen["texts"]
    holder = next(w.staff_name for w in live_hall.queues.status().windows if w.number == target)
    assert f"{target}号窗口 · 开放 · {holder}" in texts
    assert f"{closed}号窗口 · 未开放" in texts
    assert not any(t.startswith("1号窗口") for t in texts)  # not to itself
    assert "未开放" in seen["closed"] and "不办理" in seen["not_a"]
    assert "转移原因" in seen["no_reason"]
    receiver.actions["call"].trigger()  # its own screen (another top-level window here)
    qtbot.waitUntil(lambda: receiver.number_label.text() == "A001")
    assert receiver.transfer_label.text() == "转自1号窗口：需原经办人复核"


# ---------------------------------------------------------------- closing


def test_supervisor_menu_closes_the_hall_after_asking(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QAction

    from hall_app.ui.closing import ClosingConfirm
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.settings import PRINT_TICKETS

    live_hall.tickets.issue(login(live_hall, "2001"), item_code=_item(live_hall, "A"))
    settings = Settings()
    settings.set(PRINT_TICKETS, False)
    asked: list[str] = []
    monkeypatch.setattr(
        ClosingConfirm, "ask", classmethod(lambda cls, parent, at: asked.append(at) or True)
    )
    window = MainWindow(live_hall, runner, login(live_hall, "3001"), settings)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "action_close_hall")
    action.trigger()
    qtbot.waitUntil(lambda: "闭厅完成：1 张" in window.statusBar().currentMessage())
    assert asked == ["17:30"]
    assert live_hall.tickets.find("A001").state is TicketState.CLOSED
    assert "预约告知单已保存" in window.statusBar().currentMessage()
    window.refresh_views()
    qtbot.waitUntil(lambda: "未办结（闭厅）：1 张" in window.overview.message.text())
    window.close()


def test_a_supervisor_terminal_closes_automatically_after_closing_time(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, clock
) -> None:
    from PySide6.QtWidgets import QWidget

    from hall_app.ui.closing import Closing
    from hall_app.ui.settings import PRINT_TICKETS

    sqlite_hall.tickets.issue(login(sqlite_hall, "2001"), item_code=_item(sqlite_hall, "A"))
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    settings = Settings()
    settings.set(PRINT_TICKETS, False)
    closing = Closing(
        sqlite_hall, runner, login(sqlite_hall, "3001"), settings, shown.append, parent
    )
    closing.tick()  # 09:00: not due
    qtbot.waitUntil(lambda: not closing._auto_running)
    assert shown == [] and sqlite_hall.tickets.find("A001").state is TicketState.WAITING
    clock.advance(hours=8, minutes=31)  # 17:31
    with qtbot.waitSignal(closing.closed) as blocker:
        closing.tick()
    assert blocker.args[0].count == 1
    assert sqlite_hall.tickets.find("A001").state is TicketState.CLOSED


def test_reception_books_the_slot_offered_on_the_closing_slip(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWidget

    from hall_app.ui.closing import ClosedBookingDialog, Closing

    sqlite_hall.tickets.issue(login(sqlite_hall, "2001"), item_code=_item(sqlite_hall, "A"))
    clock.advance(hours=9)
    offer = sqlite_hall.closing.close(login(sqlite_hall, "3001")).closed[0]
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    closing = Closing(
        sqlite_hall, runner, login(sqlite_hall, "2001"), Settings(), shown.append, parent
    )
    monkeypatch.setattr(
        ClosedBookingDialog,
        "ask",
        classmethod(lambda cls, p: ("a001", "张三", "11010519491231002X", "13800001234")),
    )
    closing.book_closed()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0].startswith(f"a001 已预约 {offer.day} {offer.slot}")
    assert sqlite_hall.appointments.day_list(offer.day)[0].name == "张*"
