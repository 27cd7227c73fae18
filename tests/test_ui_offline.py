"""Manual fallback on screen: the outage is detected from the polls, the offline desk takes
over with the same keys a clerk knows, and the journal is merged when the server is back.

The server going away is simulated by the poll (its change-feed read) failing with
DatabaseUnavailable; everything else (database, journal, services) is real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hall_app.domain.errors import DatabaseUnavailable
from hall_app.domain.offline_queue import OWN, SERVER, TYPED, QueueEntry
from hall_app.domain.tickets import TicketState
from hall_app.services.hall import Hall
from hall_app.ui.main_window import MainWindow
from hall_app.ui.models import ObjectRole
from hall_app.ui.offline import OfflineDeskView
from hall_app.ui.offline_widgets import (
    OfflineInquiryDialog,
    OfflinePreviewDialog,
    OfflineTicketModel,
)
from hall_app.ui.rating import RatingDialog
from hall_app.ui.settings import ASK_RATING, Settings
from hall_app.ui.worker import Runner
from tests.conftest import START, login

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可, window 26


class Server:
    """Stands for the database server: ``gone = True`` makes every poll fail."""

    def __init__(self, hall: Hall, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gone = False
        self.polls = 0
        real = hall.queues.marker

        def marker() -> int:
            self.polls += 1
            if self.gone:
                raise DatabaseUnavailable(
                    "无法连接数据库服务器，本次操作未完成，请检查网络或联系管理员"
                )
            return real()

        monkeypatch.setattr(hall.queues, "marker", marker)


@pytest.fixture
def server(sqlite_hall: Hall, monkeypatch: pytest.MonkeyPatch) -> Server:
    return Server(sqlite_hall, monkeypatch)


def _window(
    qtbot: QtBot,
    hall: Hall,
    runner: Runner,
    settings: Settings,
    staff: str,
    window: int | None = None,
    *,
    poll: bool = True,
) -> MainWindow:
    """The main window after login, once its offline numbers and snapshot are prepared."""
    main = MainWindow(hall, runner, login(hall, staff, window), settings)
    qtbot.addWidget(main)
    if not poll:
        main.poll_timer.stop()
    with qtbot.waitSignal(main.prepared, timeout=10000):
        main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return main


@pytest.fixture
def clerk_window(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings, server: Server
) -> Iterator[MainWindow]:
    main = _window(qtbot, sqlite_hall, runner, settings, "1001", 1)
    yield main
    main.close()


def press(qtbot: QtBot, widget, key: Qt.Key) -> None:
    """A key press goes to the widget with the keyboard focus, as a real one does."""
    qtbot.keyClick(QApplication.focusWidget() or widget, key)


def _go_offline(qtbot: QtBot, main: MainWindow, server: Server) -> OfflineDeskView:
    server.gone = True
    qtbot.waitUntil(lambda: "服务器连接中断" in main.banner.text(), timeout=10000)
    desk = main.desk_view
    assert desk is not None and main.stack.currentWidget() is desk
    qtbot.waitUntil(lambda: desk.catalog.rowCount() > 60)  # the snapshot, pinyin and all
    return desk


def _select(desk: OfflineDeskView, kind: str, code: str) -> None:
    entries = [
        desk.filter.data(desk.filter.index(r, 0), ObjectRole) for r in range(desk.filter.rowCount())
    ]
    desk.catalog_view.selectRow(
        next(i for i, e in enumerate(entries) if (e.kind, e.code) == (kind, code))
    )
    assert desk.selected_entry().code == code


def _back_to(qtbot: QtBot, main: MainWindow) -> None:
    """A dialog was closed: the main window has the keyboard again."""
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)


def _journal(hall: Hall, state: str = "pending") -> list[tuple[str, str]]:
    return [(r.kind, r.reference) for r in hall.journal.records(state)]


# ---------------------------------------------------------------- the whole outage


def test_an_outage_switches_to_the_offline_desk_and_is_merged_on_return(
    qtbot: QtBot, sqlite_hall: Hall, clerk_window: MainWindow, server: Server
) -> None:
    main = clerk_window
    assert not main.banner.isVisible() and main.stack.currentWidget() is main.normal
    desk = _go_offline(qtbot, main, server)
    assert main.detector.offline and "数据库连接中断" in main.conn_label.text()
    qtbot.waitUntil(lambda: "待核对 1 条" in main.banner.text())  # the offline_enter record

    _select(desk, "category", "A")
    press(qtbot, desk, Qt.Key.Key_F9)  # 取号 at a window (F2 is 重呼 there, as online)
    qtbot.waitUntil(lambda: "已取离线号 S001" in desk.message.text())
    assert "号票文件已保存" in desk.message.text()
    press(qtbot, desk, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: desk.tickets.rowCount() == 2)
    press(qtbot, desk, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: desk.number_label.text() == "S001")
    assert "请口头叫号" in desk.message.text() and "请S001号到1号窗口办理" in desk.message.text()
    assert desk.tickets.data(desk.tickets.index(1, 4)) == "已叫号"  # after the waiting S002
    assert not desk.named_actions["call"].isEnabled() and desk.named_actions["start"].isEnabled()
    press(qtbot, desk, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: "S001 开始办理" in desk.message.text())
    qtbot.waitUntil(lambda: desk.named_actions["finish"].isEnabled())
    press(qtbot, desk, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: "S001 已办结" in desk.message.text())
    qtbot.waitUntil(lambda: desk.number_label.text() == "—")
    qtbot.waitUntil(lambda: "待核对 5 条" in main.banner.text())
    assert "待核对合并 5 条" in desk.status_label.text()
    assert _journal(sqlite_hall) == [  # the finish carries when it started
        ("offline_enter", ""),
        ("ticket_issue", "S001"),
        ("ticket_issue", "S002"),
        ("ticket_call", "S001"),
        ("ticket_finish", "S001"),
    ]

    with qtbot.waitSignal(main.reconciled, timeout=15000) as merged:
        server.gone = False
    report = merged.args[0]
    assert report.complete and not report.conflicts and report.merged == 6  # + offline_leave
    qtbot.waitUntil(lambda: not main.banner.isVisible())
    assert main.stack.currentWidget() is main.normal and "已连接" in main.conn_label.text()
    tickets = {t.number: t.state for t in sqlite_hall.tickets.today()}
    assert tickets["S001"] is TicketState.FINISHED and tickets["S002"] is TicketState.WAITING
    assert _journal(sqlite_hall) == []


def test_two_failed_polls_make_an_outage_one_does_not(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings, server: Server
) -> None:
    main = _window(qtbot, sqlite_hall, runner, settings, "1001", 1, poll=False)
    main.detector.grace_seconds = 3600  # count failures only: no timing in this test

    def poll_once() -> None:
        polls = server.polls
        main.poll()
        qtbot.waitUntil(lambda: server.polls == polls + 1 and not main._polling)

    server.gone = True
    poll_once()
    assert not main.detector.offline and not main.banner.isVisible()  # a blip
    server.gone = False
    poll_once()
    server.gone = True
    poll_once()
    assert not main.detector.offline  # the success in between started the count again
    with qtbot.waitSignal(main.offline_changed) as changed:
        poll_once()
    assert changed.args == [True] and main.stack.currentWidget() is main.desk_view
    assert "服务器连接中断" in main.banner.text()
    server.gone = False
    with qtbot.waitSignal(main.reconciled, timeout=10000):
        poll_once()
    assert not main.detector.offline and main.stack.currentWidget() is main.normal
    main.close()


def test_an_action_that_finds_the_server_gone_switches_at_once(
    qtbot: QtBot,
    sqlite_hall: Hall,
    runner: Runner,
    settings: Settings,
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main = _window(qtbot, sqlite_hall, runner, settings, "1001", 1, poll=False)

    def gone(*_args, **_kwargs):
        raise DatabaseUnavailable("与数据库服务器的连接已断开，本次操作未完成，请检查网络后重试")

    monkeypatch.setattr(sqlite_hall.tickets, "call_next", gone)
    with qtbot.waitSignal(main.offline_changed):
        main.clerk.actions["call"].trigger()
    assert main.detector.offline and "服务器连接中断" in main.banner.text()
    main.close()


# ---------------------------------------------------------------- slips, inquiries, ratings


def test_offline_slips_inquiries_ratings_and_the_server_ticket(
    qtbot: QtBot,
    sqlite_hall: Hall,
    runner: Runner,
    settings: Settings,
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reception = login(sqlite_hall, "2001")
    sqlite_hall.tickets.issue(reception, item_code=FOOD)
    main = _window(qtbot, sqlite_hall, runner, settings, "1026", 26)
    press(qtbot, main, Qt.Key.Key_F1)  # the clerk screen, online
    qtbot.waitUntil(lambda: main.clerk.number_label.text() == "K001")
    desk = _go_offline(qtbot, main, server)
    # the ticket in hand when the server went stays at the window, for F3/F4/F5
    qtbot.waitUntil(lambda: desk.number_label.text() == "K001")
    assert desk.named_actions["start"].isEnabled() and not desk.server_box.isVisible()

    # F7 (材料核验, as online) on a selected item: the material check, all received → accepted, receipt shown
    _select(desk, "item", FOOD)
    with qtbot.waitSignal(desk.dialog_opened, timeout=5000) as opened:
        press(qtbot, desk, Qt.Key.Key_F7)
    dialog = opened.args[0]
    assert not dialog.refuse_button.isVisible()
    dialog.name.insert("张三丰")
    qtbot.keyClicks(dialog.id_number, "11010519491231002X")
    dialog.id_number.editingFinished.emit()
    assert dialog.id_number.text() == "110105********002X"
    for check in dialog.model.checks:
        if check.material.conditional:
            check.applies = False
    dialog.all_received()
    dialog._update_summary()
    assert dialog.accept_button.isEnabled()
    with qtbot.waitSignal(desk.preview_opened, timeout=10000) as shown:
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    preview = shown.args[0]
    assert isinstance(preview, OfflinePreviewDialog) and preview.document.pageCount() >= 1
    assert "已受理（离线），办件编号 SL-" in desk.message.text() and "张**" in desk.message.text()
    preview.close()
    _back_to(qtbot, main)

    # again with a material missing → the one-time notification slip
    with qtbot.waitSignal(desk.dialog_opened, timeout=5000) as opened:
        press(qtbot, desk, Qt.Key.Key_F7)
    dialog = opened.args[0]
    dialog.name.insert("李四")
    for check in dialog.model.checks:
        if check.material.conditional:
            check.applies = False
    dialog.all_received()
    dialog.table.setFocus()
    missing = next(
        i
        for i, c in enumerate(dialog.model.checks)
        if not c.material.shared and c.material.requirement == "必要"
    )
    dialog.table.selectRow(missing)
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)
    assert dialog.notice_button.isEnabled()
    with qtbot.waitSignal(desk.document_ready, timeout=10000) as ready:
        qtbot.mouseClick(dialog.notice_button, Qt.MouseButton.LeftButton)
    assert ready.args[0].kind == "notice" and ready.args[0].reference.startswith("BZ-")
    desk.preview.close()
    _back_to(qtbot, main)

    # 首问登记 (Ctrl+I, as online) and the server ticket finished (F3, F4), with its rating
    monkeypatch.setattr(OfflineInquiryDialog, "ask", classmethod(lambda cls, parent: _inquiry()))
    qtbot.keyClick(
        QApplication.focusWidget() or desk, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: "已登记首问 SW-" in desk.message.text())
    rated: list[str] = []
    monkeypatch.setattr(
        RatingDialog,
        "ask",
        classmethod(lambda cls, parent, number: (rated.append(number), (5, "", False))[1]),
    )
    settings.set(ASK_RATING, True)
    press(qtbot, desk, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: desk.named_actions["finish"].isEnabled())
    press(qtbot, desk, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: "评价已记录" in desk.message.text())
    assert rated == ["K001"]
    kinds = [k for k, _ref in _journal(sqlite_hall)]
    assert kinds == ["offline_enter", "case", "notice", "inquiry", "ticket_finish", "rating"]

    with qtbot.waitSignal(main.reconciled, timeout=15000) as merged:
        server.gone = False
    assert merged.args[0].complete and not merged.args[0].conflicts
    assert sqlite_hall.tickets.find("K001").state is TicketState.FINISHED
    main.close()


def test_a_conflict_keeps_an_amber_banner_for_the_supervisor(
    qtbot: QtBot, sqlite_hall: Hall, clerk_window: MainWindow, server: Server
) -> None:
    """The clerk finishes A001 offline, but the supervisor had already marked it a no-show:
    the record is not merged, and the terminal says so until someone has looked."""
    main = clerk_window
    sqlite_hall.tickets.issue(login(sqlite_hall, "2001"), category_code="A")
    press(qtbot, main, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: main.clerk.number_label.text() == "A001")
    desk = _go_offline(qtbot, main, server)
    qtbot.waitUntil(lambda: desk.number_label.text() == "A001")
    press(qtbot, desk, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: desk.named_actions["finish"].isEnabled())
    press(qtbot, desk, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: "A001 已办结" in desk.message.text())
    sqlite_hall.tickets.recall(login(sqlite_hall, "3001"), 1)
    sqlite_hall.tickets.no_show(login(sqlite_hall, "3001"), 1)  # meanwhile, on the server
    with qtbot.waitSignal(main.reconciled, timeout=15000) as merged:
        server.gone = False
    assert [ref for ref, _why in merged.args[0].conflicts] == ["A001"]
    assert "有 1 条冲突待值班长处理" in main.banner.text() and main.banner.dismiss.isVisible()
    qtbot.mouseClick(main.banner.dismiss, Qt.MouseButton.LeftButton)
    assert not main.banner.isVisible()
    assert sqlite_hall.fallback.conflicts()[0].reference == "A001"


def _inquiry():
    from hall_app.domain.followups import InquiryInput, Outcome

    return InquiryInput(
        question="社保卡补办要带什么",
        channel="现场",
        outcome=Outcome.ANSWERED,
        answer="带身份证到C区",
        visitor_phone="13800138000",
    )


def test_the_inquiry_form_checks_and_masks_the_phone(qtbot: QtBot) -> None:
    dialog = OfflineInquiryDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.phone, "13912345678")
    dialog.phone.editingFinished.emit()
    assert dialog.phone.text() == "139****5678"
    dialog.accept()  # no question yet: the form stays open and says why
    assert dialog.result() == 0 and "请填写咨询" in dialog.message.text()
    qtbot.keyClicks(dialog.question, "ask")
    qtbot.keyClicks(dialog.answer, "ok")
    dialog.accept()
    assert dialog.result() == 1 and dialog.values().visitor_phone == "13912345678"


# ---------------------------------------------------------------- start-up and roles


def test_records_left_from_a_crash_are_merged_at_start_up(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings, server: Server
) -> None:
    clerk = login(sqlite_hall, "1001", 1)
    sqlite_hall.fallback.prepare(clerk, sqlite_hall.journal)
    sqlite_hall.desk.enter(clerk, "test")
    sqlite_hall.desk.issue_ticket(clerk, category_code="A")  # then the program was killed
    main = MainWindow(sqlite_hall, runner, clerk, settings)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.reconciled, timeout=10000) as merged:
        main.show()
    assert merged.args[0].merged == 3 and main.banner.state == ""
    assert any(t.number == "S001" for t in sqlite_hall.tickets.today())
    assert sqlite_hall.desk.status().offline_since is None
    main.close()


def test_reception_gets_the_desk_without_window_keys(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings, server: Server
) -> None:
    main = _window(qtbot, sqlite_hall, runner, settings, "2001")
    desk = _go_offline(qtbot, main, server)
    assert desk.named_actions["issue"].isEnabled() and not desk.named_actions["call"].isVisible()
    assert main.offline_status_action.isEnabled()  # still there offline
    main.show_offline_status()
    qtbot.waitUntil(lambda: getattr(main, "status_dialog", None) is not None)
    text = main.status_dialog.text.text()
    assert "离线办理中" in text and "应急号票 30" in text
    main.status_dialog.close()
    main.close()


# ---------------------------------------------------------------- the model


def test_the_ticket_model_passes_the_model_tester(qtmodeltester) -> None:
    at = START
    model = OfflineTicketModel(START.tzinfo)
    done = QueueEntry("S001", "A", "综合受理", 2, "finished", at, OWN, finished_at=at, local=True)
    called = QueueEntry("S002", "L", "户口迁移", 0, "called", at, TYPED, local=True)
    waiting = QueueEntry("C003", "C", "社保", 2, "waiting", at, SERVER)
    elsewhere = QueueEntry("C001", "C", "社保", 2, "serving", at, SERVER, 2)
    model.set_queue([done, called, waiting, elsewhere], [waiting], 1)
    qtmodeltester.check(model)
    rows = [[model.data(model.index(r, c)) for c in range(6)] for r in range(4)]
    assert rows[0] == ["1", "C003", "社保", "断网前等候", "等候", "09:00:00"]
    assert rows[1] == [
        "",
        "S002",
        "户口迁移（绿色通道）",
        "市民持号登记",
        "已叫号",
        "09:00:00（登记）",
    ]
    assert rows[2][4] == "办理中（2号窗口）" and rows[3][1] == "S001"
    assert model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "取号时间"
