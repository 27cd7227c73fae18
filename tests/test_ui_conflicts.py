"""Issue 15, defect 4 on screen: the supervisor console lists offline conflicts at any time
(no incident declared), reachable by keyboard, and settles one for real; the clerk's amber
banner follows the server's count through the change feed and goes once it is settled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.ui.conflicts import ConflictsView, SettleDialog
from hall_app.ui.main_window import MainWindow
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import WAIT_FLOOR_MS, login
from tests.test_fallback_conflicts import a004_conflict


def _main(
    qtbot: QtBot,
    hall: Hall,
    runner: Runner,
    settings: Settings,
    staff: str,
    window: int | None = None,
) -> MainWindow:
    main = MainWindow(hall, runner, login(hall, staff, window), settings)
    qtbot.addWidget(main)
    main.poll_timer.stop()  # the change feed alone brings others' changes
    main.show()
    return main


def test_a_conflict_is_settled_in_the_console_and_the_clerks_banner_goes(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings, clock: FakeClock
) -> None:
    key, _ = a004_conflict(sqlite_hall, clock)
    assert sqlite_hall.fallback.current_incident() is None  # no incident declared
    clerk = _main(qtbot, sqlite_hall, runner, settings, "1003", 3)
    qtbot.waitUntil(lambda: "有 1 条冲突待值班长处理" in clerk.banner.text(), timeout=WAIT_FLOOR_MS)
    # the clerk's window reports its offline numbers when it tops them up, on its worker
    qtbot.waitUntil(lambda: len(sqlite_hall.fallback.reserves()) >= 1, timeout=WAIT_FLOOR_MS)

    boss_runner = Runner()
    try:
        boss = _main(qtbot, sqlite_hall, boss_runner, settings, "3001")
        view = boss.conflicts_view
        assert isinstance(view, ConflictsView)
        tabs = boss.normal
        # by keyboard: Ctrl+Tab walks the console's tabs to 离线冲突
        tabs.setCurrentIndex(0)
        tabs.setFocus()
        for _ in range(tabs.count()):
            if tabs.currentWidget() is view:
                break
            qtbot.keyClick(tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert tabs.currentWidget() is view
        assert tabs.tabText(tabs.currentIndex()) == "离线冲突"
        view.refresh()
        qtbot.waitUntil(lambda: view.conflicts.rowCount() == 1, timeout=WAIT_FLOOR_MS)
        assert view.conflicts.row(0).reference == "A004"
        assert view.reserves.rowCount() >= 1  # the terminals' offline numbers beside it
        view.table.setFocus()
        qtbot.keyClick(
            view.table,
            Qt.Key.Key_J,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(lambda: isinstance(view.dialog, SettleDialog))
        dialog = view.dialog
        assert dialog is not None and dialog.offline.isChecked()  # a finish: offline offered first
        assert not dialog.ok.isEnabled()  # a reason is required
        dialog.reason.setPlainText("已与3号窗口核实，市民已办结")  # keyClicks cannot type CJK
        assert dialog.ok.isEnabled()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "冲突 A004 已处理" in view.message.text(), timeout=WAIT_FLOOR_MS)
        assert "已办结" in view.message.text()
        qtbot.waitUntil(lambda: view.conflicts.rowCount() == 0, timeout=WAIT_FLOOR_MS)
        assert sqlite_hall.tickets.find("A004").state.value == "finished"
        assert sqlite_hall.fallback.open_conflicts("pytest") == 0
        # the clerk's terminal hears of it on the change feed: the amber banner goes
        qtbot.waitUntil(
            lambda: clerk.banner.state == "" and not clerk.banner.isVisible(), timeout=WAIT_FLOOR_MS
        )
        # and its 离线状态 dialog counts the server's open conflicts too (the journal still
        # marks the record as a conflict)
        clerk.show_offline_status()
        qtbot.waitUntil(lambda: getattr(clerk, "status_dialog", None) is not None)
        assert "冲突 0 条" in clerk.status_dialog.text.text()
        assert sqlite_hall.journal.counts().get("conflict") == 1
        clerk.status_dialog.reject()
        qtbot.waitUntil(lambda: clerk.status_dialog is None)
        boss.close()
    finally:
        assert boss_runner.wait(10000)
    clerk.close()
    QApplication.processEvents()
    assert key


def test_the_settle_dialog_offers_only_the_online_outcome_for_other_records(
    qtbot: QtBot, sqlite_hall: Hall
) -> None:
    from hall_app.services.fallback import ConflictView

    conflict = ConflictView(
        "k",
        "ticket_issue",
        "S001",
        "pc-5",
        sqlite_hall.ctx.now(),
        "1005",
        "号票 S001 在服务器上已存在",
        "conflict",
        settleable=False,
    )
    dialog = SettleDialog(conflict, sqlite_hall.ctx.tz)
    qtbot.addWidget(dialog)
    assert dialog.online.isChecked() and not dialog.offline.isEnabled()
    assert not dialog.manual.isEnabled()
    settled: list[tuple[str, str, str]] = []
    dialog.settled.connect(lambda *args: settled.append(args))
    dialog.reason.setPlainText("纸质号票重复，已另发")
    dialog.accept()
    assert settled == [("online", "", "纸质号票重复，已另发")]
