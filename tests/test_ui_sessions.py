"""Sessions on screen (issue 12, items 3 and 4): the login dialog names who holds a window and
asks before taking it over; the displaced terminal locks; leaving with a ticket in hand asks;
the supervisor returns tickets stranded at unattended windows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.config import Config
from hall_app.domain.tickets import TicketState
from hall_app.services.hall import Hall, open_hall
from hall_app.store.models import Ticket
from hall_app.ui.clerk import TransferDialog
from hall_app.ui.leaving import TicketInHandDialog
from hall_app.ui.login import LoginDialog
from hall_app.ui.main_window import MainWindow
from hall_app.ui.settings import LAST_STAFF, WINDOW_NUMBER, Settings
from hall_app.ui.takeover import TakeoverQuestion
from hall_app.ui.worker import Runner
from tests.conftest import login


@pytest.fixture
def other_pc(sqlite_url: str, live_hall: Hall) -> Iterator[Hall]:
    """A second terminal on the same database."""
    hall = open_hall(Config(db_url=sqlite_url, terminal="pc-2"), upgrade=False)
    yield hall
    hall.close()


def _item(hall: Hall, lane: str) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


# ---------------------------------------------------------------- login


def test_login_shows_the_holder_asks_and_does_not_preselect_a_held_window(
    qtbot: QtBot,
    live_hall: Hall,
    other_pc: Hall,
    runner: Runner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    login(other_pc, "1001", 1)  # 王丽 is at window 1, on another PC
    settings.set(WINDOW_NUMBER, 1)  # this PC was window 1 yesterday
    settings.set(LAST_STAFF, "1002")
    dialog = LoginDialog(runner, settings)
    qtbot.addWidget(dialog)
    dialog.set_hall(live_hall, live_hall.auth.windows())
    one = dialog.window_box.findData(1)
    text = dialog.window_box.itemText(one)
    assert text.startswith("1号窗口 绿色通道") and "1号窗口 1号窗口" not in text
    assert "王丽（1001）" in text and "起在岗" in text
    assert dialog.window_box.currentData() == 0  # not preselected: someone else is there
    dialog.window_box.setCurrentIndex(one)
    assert "王丽" in dialog.holder_label.text() and not dialog.holder_label.isHidden()

    answers: list[bool] = [False, True]
    asked: list[tuple[int, str]] = []

    def ask(cls, parent, number, holder, tz) -> bool:
        asked.append((number, holder.name))
        return answers.pop(0)

    monkeypatch.setattr(TakeoverQuestion, "ask", classmethod(ask))
    qtbot.keyClicks(dialog.password, "demo1002")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "未登录" in dialog.message.text())
    assert asked == [(1, "王丽")] and dialog.actor is None
    assert live_hall.terminals.holder(1).staff_no == "1001"  # declined: nothing changed
    with qtbot.waitSignal(dialog.logged_in, timeout=5000) as blocker:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert blocker.args[0].window_number == 1 and len(asked) == 2
    assert live_hall.terminals.holder(1).staff_no == "1002"


def test_login_preselects_this_pcs_window_when_it_is_free(
    qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings
) -> None:
    settings.set(WINDOW_NUMBER, 3)
    dialog = LoginDialog(runner, settings)
    qtbot.addWidget(dialog)
    dialog.set_hall(live_hall, live_hall.auth.windows())
    assert dialog.window_box.currentData() == 3
    assert dialog.holder_label.isHidden()


# ---------------------------------------------------------------- takeover


def test_a_second_login_elsewhere_locks_the_first_terminal(
    qtbot: QtBot, live_hall: Hall, other_pc: Hall, runner: Runner, settings: Settings
) -> None:
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    main = MainWindow(live_hall, runner, login(live_hall, "1002", 2), settings)
    qtbot.addWidget(main)
    main.show()
    clerk = main.clerk
    assert clerk is not None
    qtbot.waitUntil(lambda: clerk.actions["call"].isEnabled())
    clerk.actions["call"].trigger()
    qtbot.waitUntil(lambda: clerk.current is not None)
    taker = other_pc.auth.login("1003", "demo1003", 2, take_over=True)
    # at its next poll the first terminal is locked, naming who took the window over
    qtbot.waitUntil(lambda: main.takeover.isVisible(), timeout=10000)
    assert f"本窗口已由 {taker.name}（1003）接管" in main.takeover.text()
    assert clerk.locked and "接管" in clerk.message.text()
    assert not any(action.isEnabled() for action in clerk.actions.values())
    assert not clerk.serial_input.isEnabled()
    main.refresh_views()  # a refresh does not unlock
    qtbot.waitUntil(lambda: not runner.busy)
    assert not any(action.isEnabled() for action in clerk.actions.values())
    # leaving does not ask about the ticket (it is the new holder's) nor close the window
    main.close()
    qtbot.waitUntil(lambda: not runner.busy)
    assert other_pc.terminals.holder(2).staff_no == "1003"
    assert other_pc.tickets.current(2) is not None


# ---------------------------------------------------------------- leaving with a ticket


def _clerk_with_ticket(
    qtbot: QtBot, hall: Hall, runner: Runner, settings: Settings
) -> tuple[MainWindow, str]:
    reception = login(hall, "2001")
    number = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket.number
    main = MainWindow(hall, runner, login(hall, "1002", 2), settings)
    qtbot.addWidget(main)
    main.show()
    clerk = main.clerk
    assert clerk is not None
    qtbot.waitUntil(lambda: clerk.actions["call"].isEnabled())
    clerk.actions["call"].trigger()
    qtbot.waitUntil(lambda: clerk.current is not None and clerk.current.number == number)
    return main, number


def _queued_at(hall: Hall, number: str):
    with hall.db.read() as s:
        return s.scalar(select(Ticket.queued_at).where(Ticket.number == number))


def test_logout_with_a_ticket_in_hand_asks_and_returns_it_to_the_queue(
    qtbot: QtBot,
    live_hall: Hall,
    runner: Runner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main, number = _clerk_with_ticket(qtbot, live_hall, runner, settings)
    queued = _queued_at(live_hall, number)
    answers: list[str | None] = [None, "return"]
    asked: list[str] = []

    def ask(cls, parent, ticket):
        asked.append(ticket.number)
        return answers.pop(0)

    monkeypatch.setattr(TicketInHandDialog, "ask", classmethod(ask))
    assert main.close() is False  # "不退出": still logged in, the ticket still in hand
    assert main.isVisible() and asked == [number]
    main.close()
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy)
    ticket = live_hall.tickets.find(number)
    assert ticket.state is TicketState.WAITING and ticket.window_number is None
    assert ticket.requeue_count == 0
    assert _queued_at(live_hall, number) == queued
    assert live_hall.terminals.stranded() == []
    assert live_hall.queues.status().window(2).status == "closed"


def test_exit_with_a_ticket_in_service_can_finish_it(
    qtbot: QtBot,
    live_hall: Hall,
    runner: Runner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main, number = _clerk_with_ticket(qtbot, live_hall, runner, settings)
    clerk = main.clerk
    clerk.actions["start"].trigger()
    qtbot.waitUntil(lambda: clerk.current.state is TicketState.SERVING)
    monkeypatch.setattr(TicketInHandDialog, "ask", classmethod(lambda cls, parent, t: "finish"))
    main.close()
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy)
    assert live_hall.tickets.find(number).state is TicketState.FINISHED


def test_exit_with_a_ticket_in_hand_can_transfer_it(
    qtbot: QtBot,
    live_hall: Hall,
    runner: Runner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main, number = _clerk_with_ticket(qtbot, live_hall, runner, settings)
    # the target must be open and serve the ticket's lane (F6 refuses others, issue 12 #5)
    target = next(
        w.number
        for w in live_hall.queues.status().windows
        if "A" in w.categories and w.number not in (1, 2)
    )
    login(live_hall, f"10{target:02d}", target)
    monkeypatch.setattr(TicketInHandDialog, "ask", classmethod(lambda cls, parent, t: "transfer"))
    monkeypatch.setattr(
        TransferDialog, "ask", classmethod(lambda cls, *args: (None, target, "下班前转交"))
    )
    main.close()
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy)
    ticket = live_hall.tickets.find(number)
    assert ticket.state is TicketState.WAITING and ticket.target_window_number == target


def test_the_ticket_dialog_offers_finish_only_once_service_has_started(
    qtbot: QtBot, live_hall: Hall
) -> None:
    reception = login(live_hall, "2001")
    live_hall.tickets.issue(reception, item_code=_item(live_hall, "A"))
    clerk = login(live_hall, "1002", 2)
    called = live_hall.tickets.call_next(clerk, 2)
    dialog = TicketInHandDialog(called)
    qtbot.addWidget(dialog)
    assert not dialog.buttons["finish"].isEnabled()
    assert dialog.buttons["return"].isEnabled() and dialog.buttons["transfer"].isEnabled()
    dialog.buttons["return"].click()
    assert dialog.choice == "return" and dialog.result() == 1
    serving = TicketInHandDialog(live_hall.tickets.start(clerk, 2))
    qtbot.addWidget(serving)
    assert serving.buttons["finish"].isEnabled()


# ---------------------------------------------------------------- supervisor


def test_the_supervisor_returns_a_stranded_ticket_to_the_queue(
    qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings
) -> None:
    reception = login(live_hall, "2001")
    number = live_hall.tickets.issue(reception, item_code=_item(live_hall, "A")).ticket.number
    queued = _queued_at(live_hall, number)
    clerk = login(live_hall, "1002", 2)
    live_hall.tickets.call_next(clerk, 2)
    live_hall.auth.logout(clerk)  # an old terminal, or a crash after the window closed
    boss = MainWindow(live_hall, runner, login(live_hall, "3001"), settings)
    qtbot.addWidget(boss)
    view = boss.stranded
    assert view is not None
    tabs = boss.normal
    assert any(tabs.tabText(i) == "滞留号票" for i in range(tabs.count()))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.data(view.model.index(0, 0)) == number
    assert view.model.data(view.model.index(0, 5)) == "窗口已关闭"
    assert not view.return_action.isEnabled()  # nothing selected yet
    view.table.selectRow(0)
    assert view.return_action.isEnabled()
    view.return_action.trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert number in view.message.text()
    ticket = live_hall.tickets.find(number)
    assert ticket.state is TicketState.WAITING and ticket.requeue_count == 0
    assert _queued_at(live_hall, number) == queued
    boss.close()
