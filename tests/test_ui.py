"""The screens, driven with real key presses and clicks on real widgets (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from hall_app.config import Config
from hall_app.services.context import Actor
from hall_app.services.hall import Hall, open_hall
from hall_app.services.queues import LaneStatus
from hall_app.ui.clerk import ClerkView, TransferDialog
from hall_app.ui.login import LoginDialog
from hall_app.ui.main_window import MainWindow
from hall_app.ui.models import CatalogFilter, CatalogModel, LaneTableModel, WindowTableModel
from hall_app.ui.no_show import NoShowConfirm
from hall_app.ui.reception import ReceptionView
from hall_app.ui.settings import PRINT_TICKETS, Settings
from hall_app.ui.worker import Runner
from tests.conftest import login


@pytest.fixture
def settings() -> Settings:
    s = Settings()
    s.qs.clear()
    s.set(PRINT_TICKETS, True)
    return s


def _item(hall: Hall, lane: str) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


# ---------------------------------------------------------------- models


def test_models_pass_the_model_tester(qtmodeltester, live_hall: Hall) -> None:
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    status = live_hall.queues.status()
    lanes = LaneTableModel()
    lanes.set_status(list(status.lanes), status.at)
    qtmodeltester.check(lanes)
    windows = WindowTableModel()
    windows.set_rows(list(status.windows))
    qtmodeltester.check(windows)
    catalog = CatalogModel()
    catalog.set_rows(live_hall.catalog.entries())
    proxy = CatalogFilter()
    proxy.setSourceModel(catalog)
    proxy.set_query("shbzksl")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    # 社会保障卡申领 is 川渝通办 in the demo: the list marks it
    assert proxy.data(proxy.index(0, 1)) == "社会保障卡申领（川渝通办）"
    row = next(i for i, lane in enumerate(status.lanes) if lane.code == "A")
    assert lanes.data(lanes.index(row, 1)) == "1"
    assert lanes.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "等候人数"


# ---------------------------------------------------------------- login


def test_login_with_keyboard(qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings):
    dialog = LoginDialog(runner, settings)
    qtbot.addWidget(dialog)
    dialog.set_hall(live_hall, live_hall.auth.windows())
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.window_box.count() >= 21
    qtbot.keyClicks(dialog.staff_no, "1001")
    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Return)  # on to the password, no failed login
    assert dialog.message.text() == "" and not dialog._pending
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "工号或密码不正确" in dialog.message.text())
    assert dialog.actor is None
    dialog.window_box.setCurrentIndex(dialog.window_box.findData(1))
    qtbot.keyClicks(dialog.password, "demo1001")
    with qtbot.waitSignal(dialog.logged_in, timeout=5000) as blocker:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    actor: Actor = blocker.args[0]
    assert (actor.name, actor.window_number) == ("王丽", 1)


# ---------------------------------------------------------------- clerk


def _clerk_view(qtbot: QtBot, hall: Hall, runner: Runner, window: int, staff: str) -> ClerkView:
    view = ClerkView(hall, runner, login(hall, staff, window), Settings())
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.status is not None)
    return view


def test_clerk_calls_serves_and_finishes_from_the_keyboard(
    qtbot: QtBot, live_hall: Hall, runner: Runner
):
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    view = _clerk_view(qtbot, live_hall, runner, 1, "1001")
    assert view.number_label.text() == "—"
    assert view.actions["call"].isEnabled() and not view.actions["finish"].isEnabled()
    assert view.lanes.rowCount() == 2  # window 1 serves L, then A
    qtbot.keyClick(view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.number_label.text() == "A001")
    assert "第 1 次呼叫" in view.state_label.text()
    assert not view.actions["call"].isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "第 2 次呼叫" in view.state_label.text())
    qtbot.keyClick(view, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: "办理中" in view.state_label.text())
    assert view.actions["finish"].isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: view.number_label.text() == "—")
    assert "A001 已办结" in view.message.text()
    qtbot.waitUntil(lambda: view.lanes.data(view.lanes.index(1, 1)) == "1")
    qtbot.mouseClick(view.findChild(QToolButton, "button_call"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.number_label.text() == "A002")


def test_clerk_no_show_and_empty_queue_messages(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(NoShowConfirm, "ask", classmethod(lambda cls, parent, number, calls: True))
    view = _clerk_view(qtbot, live_hall, runner, 1, "1001")
    qtbot.keyClick(view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: "暂无等候的号票" in view.message.text())
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    qtbot.keyClick(view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.number_label.text() == "A001")
    qtbot.keyClick(view, Qt.Key.Key_F2)  # 过号 after two calls (the hall's default)
    qtbot.waitUntil(lambda: "第 2 次呼叫" in view.state_label.text())
    qtbot.keyClick(view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "已按过号处理" in view.message.text())
    assert view.number_label.text() == "—"


def test_clerk_transfers_through_the_dialog(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
):
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    view = _clerk_view(qtbot, live_hall, runner, 1, "1001")
    qtbot.keyClick(view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.number_label.text() == "A001")
    offered: list[list[LaneStatus]] = []

    def ask(cls, parent, lanes, windows, lane, green=False, from_window=None):
        offered.append(lanes)
        return "C", None, "应办社保"

    monkeypatch.setattr(TransferDialog, "ask", classmethod(ask))
    qtbot.keyClick(view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: "已转移到" in view.message.text())
    assert any(lane.code == "C" for lane in offered[0])
    assert live_hall.tickets.find("A001").lane_code == "C"


def test_a_state_error_is_shown_not_raised(qtbot: QtBot, live_hall: Hall, runner: Runner):
    """Another terminal finished the ticket meanwhile: the clerk sees why, nothing breaks."""
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    view = _clerk_view(qtbot, live_hall, runner, 1, "1001")
    qtbot.keyClick(view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.number_label.text() == "A001")
    supervisor = login(live_hall, "3001")
    live_hall.tickets.recall(supervisor, 1)  # 过号 needs two calls (hall default)
    live_hall.tickets.no_show(supervisor, 1)
    view.actions["start"].trigger()
    qtbot.waitUntil(lambda: "当前没有号票" in view.message.text())
    qtbot.waitUntil(lambda: view.number_label.text() == "—")


# ---------------------------------------------------------------- reception


@pytest.fixture
def reception_view(qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings):
    """Reception logged in, the catalog loaded, 社会保障卡申领 typed as pinyin initials."""
    view = ReceptionView(live_hall, runner, login(live_hall, "2001"), settings)
    qtbot.addWidget(view)
    view.show()
    view.load_catalog()
    qtbot.waitUntil(lambda: view.catalog.rowCount() > 60)
    qtbot.keyClicks(view.search, "shbzksl")
    return view


def test_reception_finds_by_pinyin_and_issues_with_enter(qtbot: QtBot, reception_view):
    view = reception_view
    assert view.filter.rowCount() == 1
    assert view.selected_entry().name == "社会保障卡申领"
    with qtbot.waitSignal(view.issued, timeout=10000) as blocker:
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    outcome = blocker.args[0]
    assert view.last_number.text() == "C001"
    assert "前面还有 0 人" in view.last_detail.text()
    # no printer on this machine: the ticket is kept as a file and the clerk is told
    assert "打印失败" in view.message.text() and "没有可用的打印机" in view.message.text()
    with open(outcome.saved, "rb") as handle:
        assert handle.read(4) == b"%PDF"
    qtbot.waitUntil(
        lambda: any(
            view.lanes.data(view.lanes.index(r, 0)).startswith("C")
            and view.lanes.data(view.lanes.index(r, 1)) == "1"
            for r in range(view.lanes.rowCount())
        )
    )


def test_reception_green_channel_needs_a_note_for_other(qtbot: QtBot, reception_view):
    view = reception_view
    view.green_box.setCurrentIndex(view.green_box.count() - 1)  # 其他
    qtbot.mouseClick(view.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "请填写说明" in view.message.text())
    view.green_note.insert("行动不便")  # Chinese arrives through the input method, not key codes
    with qtbot.waitSignal(view.issued, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.last_number.text() == "L001"
    assert "绿色通道" in view.last_detail.text()


# ---------------------------------------------------------------- main window


def test_main_window_follows_another_terminal_by_polling(
    qtbot: QtBot, sqlite_url: str, live_hall: Hall, runner: Runner, settings: Settings
):
    actor = login(live_hall, "1001", 1)
    window = MainWindow(live_hall, runner, actor, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.clerk is not None and window.reception is None
    assert "已连接" in window.conn_label.text()
    assert "SQLite" in window.db_label.text()
    other = open_hall(Config(db_url=sqlite_url, terminal="reception-pc"), upgrade=False)
    try:
        other.tickets.issue(login(other, "2001"), item_code=_item(other, "A"))
    finally:
        other.close()
    # the next poll (once a second) sees the other terminal's change: the screen follows
    qtbot.waitUntil(
        lambda: (
            window.clerk.lanes.rowCount() == 2
            and window.clerk.lanes.data(window.clerk.lanes.index(1, 1)) == "1"
        ),
        timeout=5000,
    )
    window.close()


def test_supervisor_sees_tabs_for_every_view(
    qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings
):
    window = MainWindow(live_hall, runner, login(live_hall, "3001"), settings)
    qtbot.addWidget(window)
    assert window.clerk is None and window.reception is not None and window.overview is not None
    qtbot.waitUntil(lambda: window.overview.windows.rowCount() >= 20)
    assert window.overview.windows.data(window.overview.windows.index(0, 0)) == "1号"
    window.close()


def test_reception_offers_the_green_channel_by_age(qtbot: QtBot, reception_view):
    view = reception_view
    qtbot.keyClicks(view.id_number, "11010519491231002X")  # born 1949
    view.id_number.editingFinished.emit()
    assert view.green_box.currentData() == "elderly"
    assert "自动选择绿色通道" in view.message.text()
    assert view.id_number.text() == "110105********002X"  # not kept in full on screen


def test_a_result_for_a_closed_screen_is_dropped(qtbot: QtBot, runner: Runner) -> None:
    import threading

    import shiboken6
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    gate = threading.Event()
    delivered: list[str] = []
    runner.run(
        lambda: gate.wait(5) and "done", lambda text: (delivered.append(text), label.setText(text))
    )
    shiboken6.delete(label)  # the screen closes while its job runs
    gate.set()
    qtbot.waitUntil(lambda: delivered == ["done"])  # delivered, dropped, nothing raised
