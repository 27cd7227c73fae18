"""The offline desk on screen (issue 15 #1, #2): the window keys mean what they mean online,
F5 asks first, a window calls the tickets citizens bring (reception's S-tickets) in the
suggested order and says to call by voice, and reception's desk says where to go."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hall_app.domain.tickets import GreenReason
from hall_app.services.hall import Hall
from hall_app.services.queue_snapshot import keep_queue
from hall_app.ui.clerk import ClerkView
from hall_app.ui.models import ObjectRole
from hall_app.ui.offline import OfflineDeskView
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_ui_offline import (
    Server,
    _window,
    server,  # noqa: F401 (the fixture, by name)
)


def press(qtbot: QtBot, widget: OfflineDeskView, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or widget, key)


def _desk(
    qtbot: QtBot, hall: Hall, runner: Runner, settings: Settings, staff: str, window: int | None
) -> OfflineDeskView:
    """A terminal prepared while online (numbers, catalog, queue), now offline."""
    actor = login(hall, staff, window)
    hall.fallback.prepare(actor, hall.journal)
    keep_queue(hall.ctx, actor, hall.journal)
    desk = OfflineDeskView(hall, runner, actor, settings)
    qtbot.addWidget(desk)
    desk.resize(1366, 700)
    desk.show()
    desk.activateWindow()
    desk.activate()
    qtbot.waitUntil(lambda: desk.catalog.rowCount() > 0 and desk.status is not None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return desk


@pytest.fixture
def window_desk(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings
) -> Iterator[OfflineDeskView]:
    desk = _desk(qtbot, sqlite_hall, runner, settings, "1001", 1)
    yield desk
    qtbot.waitUntil(lambda: not runner.busy)


def _kinds(hall: Hall) -> list[str]:
    return [r.kind for r in hall.journal.records()]


def test_the_window_keys_are_the_same_online_and_offline(
    qtbot: QtBot,
    sqlite_hall: Hall,
    runner: Runner,
    settings: Settings,
    window_desk: OfflineDeskView,
) -> None:
    clerk = ClerkView(sqlite_hall, runner, window_desk.actor, settings)
    qtbot.addWidget(clerk)
    online = {name: a.shortcut().toString() for name, a in clerk.actions.items()}
    offline = {
        name: a.shortcut().toString()
        for name, a in window_desk.named_actions.items()
        if a.isVisible() and not a.shortcut().isEmpty()
    }
    # the moves a window makes offline carry the online key …
    for name in ("call", "recall", "start", "finish", "no_show", "check"):
        assert offline.get(name) == online[name], name
    # … and no offline action takes a key that means something else online
    meaning = {key: name for name, key in online.items()}
    for name, key in offline.items():
        assert meaning.get(key, name) == name, (name, key, meaning.get(key))
    assert online["start"] == "F3" and online["finish"] == "F4" and online["no_show"] == "F5"


def test_f1_then_f4_offline_does_not_mark_a_no_show_and_f5_asks_first(
    qtbot: QtBot, sqlite_hall: Hall, window_desk: OfflineDeskView, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window_desk
    number = sqlite_hall.desk.issue_ticket(desk.actor, category_code="A").number
    desk.refresh()
    press(qtbot, desk, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: desk.number_label.text() == number)
    press(qtbot, desk, Qt.Key.Key_F4)  # by habit, right after the call
    qtbot.waitUntil(lambda: not desk.runner.busy)
    assert "ticket_no_show" not in _kinds(sqlite_hall)
    assert desk.number_label.text() == number and desk.called.state == "called"

    asked: list[str] = []
    answers = iter([False, True])

    def ask(_cls: object, _parent: object, n: str, *_rest: object) -> bool:
        asked.append(n)
        return next(answers)

    from hall_app.ui import offline_queue

    monkeypatch.setattr(offline_queue.OfflineNoShowConfirm, "ask", classmethod(ask))
    press(qtbot, desk, Qt.Key.Key_F5)  # asked; the clerk says no
    qtbot.waitUntil(lambda: not desk.runner.busy)
    assert asked == [number] and "ticket_no_show" not in _kinds(sqlite_hall)
    press(qtbot, desk, Qt.Key.Key_F5)  # asked again; yes
    qtbot.waitUntil(lambda: "已按过号处理" in desk.message.text())
    assert asked == [number, number] and _kinds(sqlite_hall)[-1] == "ticket_no_show"


def test_a_window_calls_reception_tickets_a_green_one_first_by_voice(
    qtbot: QtBot,
    sqlite_hall: Hall,
    tmp_path,
    window_desk: OfflineDeskView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reception's S-tickets come to window 1 in citizens' hands: typed (or scanned), taken
    after the clerk confirms, and called green first; the screen says to call by voice."""
    from hall_app.services.offline import OfflineDesk
    from hall_app.store.journal import Journal
    from hall_app.ui import offline_queue

    desk = window_desk
    reception = login(sqlite_hall, "2001")
    rec = OfflineDesk(sqlite_hall.ctx, Journal(tmp_path / "reception.sqlite"))
    sqlite_hall.fallback.prepare(reception, rec.journal)
    numbers = [
        rec.issue_ticket(
            reception, category_code="A", green_reason=GreenReason.ELDERLY if i == 1 else None
        ).number
        for i in range(2)
    ]
    confirmed: list[str] = []
    monkeypatch.setattr(
        offline_queue.TakeTicketConfirm,
        "ask",
        classmethod(lambda cls, parent, message: (confirmed.append(message), True)[1]),
    )
    assert desk.voice_note.isVisible() and "请口头叫号" in desk.voice_note.text()
    for i, number in enumerate(numbers):
        desk.number_edit.setFocus()
        qtbot.keyClicks(desk.number_edit, number.lower())
        desk.number_green.setChecked(i == 1)
        qtbot.keyClick(desk.number_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda n=number: f"{n} 已在等候队列中" in desk.message.text())
        # one action at a time: the keys come back when the refresh queued behind it returns
        # (a loaded machine can show the message before that; the next Enter would be dropped)
        qtbot.waitUntil(lambda: not desk.busy)
    assert len(confirmed) == 2 and numbers[0] in confirmed[0]
    qtbot.waitUntil(lambda: desk.tickets.rowCount() == 2)
    assert desk.tickets.data(desk.tickets.index(0, 1)) == numbers[1]  # green first
    assert desk.tickets.data(desk.tickets.index(0, 0)) == "1"
    press(qtbot, desk, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: desk.number_label.text() == numbers[1])
    assert "请口头叫号" in desk.message.text() and "绿色通道" in desk.message.text()
    assert f"请{numbers[1]}号到1号窗口办理" in desk.message.text()
    assert _kinds(sqlite_hall)[-3:] == ["ticket_adopt", "ticket_adopt", "ticket_call"]


def test_a_number_typed_at_a_window_desk_goes_to_the_citizens_number_field(
    qtbot: QtBot,
    sqlite_hall: Hall,
    window_desk: OfflineDeskView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A citizen hands window 1 slip S017 and the clerk types 17 and Enter: at a window the
    desk opens in the 市民号票 field. It opened in the catalog search, where 17 found 结婚登记
    and Enter issued a new offline ticket for it (a number used up, a slip printed)."""
    from hall_app.ui import offline_queue

    asked: list[str] = []
    monkeypatch.setattr(
        offline_queue.TakeTicketConfirm,
        "ask",
        classmethod(lambda cls, parent, message: (asked.append(message), False)[1]),
    )
    desk = window_desk
    qtbot.keyClicks(QApplication.focusWidget(), "17")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked) or "已取离线号" in desk.message.text())
    assert asked and "S017" in asked[0]
    assert "ticket_issue" not in _kinds(sqlite_hall)


def test_reception_says_which_window_to_go_to(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings
) -> None:
    desk = _desk(qtbot, sqlite_hall, runner, settings, "2001", None)
    assert not desk.named_actions["call"].isVisible() and not desk.number_box.isVisible()
    assert desk.named_actions["issue"].shortcut().toString() == "F2"  # as on its online screen
    windows = sqlite_hall.desk.windows_for("A")  # open windows serving A, A earliest first
    entries = [
        desk.filter.data(desk.filter.index(r, 0), ObjectRole) for r in range(desk.filter.rowCount())
    ]
    row = next(i for i, e in enumerate(entries) if (e.kind, e.code) == ("category", "A"))
    desk.catalog_view.selectRow(row)
    press(qtbot, desk, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "请到" in desk.where_label.text())
    assert windows and desk.where_label.text().startswith(f"S001 请到 {windows[0]} 号")
    assert desk.where_label.isVisible()
    qtbot.waitUntil(lambda: not runner.busy)


def test_the_main_window_keeps_the_queue_an_offline_desk_starts_from(
    qtbot: QtBot,
    sqlite_hall: Hall,
    runner: Runner,
    settings: Settings,
    server: Server,  # noqa: F811 (the fixture)
) -> None:
    """While online the terminal keeps refreshing its picture of the server's queue: the
    tickets waiting when the server goes are in the offline desk's suggestion."""
    main = _window(qtbot, sqlite_hall, runner, settings, "1001", 1)
    qtbot.waitUntil(lambda: bool(sqlite_hall.journal.queue_snapshot().get("windows")))
    number = sqlite_hall.tickets.issue(login(sqlite_hall, "2001"), category_code="A").ticket.number
    main.keep_queue()
    qtbot.waitUntil(
        lambda: (
            number in {t["number"] for t in sqlite_hall.journal.queue_snapshot().get("tickets", [])}
        )
    )
    server.gone = True
    qtbot.waitUntil(lambda: main.stack.currentWidget() is main.desk_view)
    desk = main.desk_view
    qtbot.waitUntil(lambda: desk.tickets.rowCount() == 1)
    assert desk.tickets.data(desk.tickets.index(0, 1)) == number
    assert desk.tickets.data(desk.tickets.index(0, 3)) == "断网前等候"
    main.close()


def test_a_key_pressed_again_during_an_action_is_dropped_and_a_refusal_frees_the_keys(
    qtbot: QtBot, sqlite_hall: Hall, window_desk: OfflineDeskView
) -> None:
    """One ticket action at a time (ui/offline_base.py): F1 pressed twice calls one ticket;
    an action the desk refuses shows why and leaves the keys usable, as a done one does."""
    desk = window_desk
    first, second = (
        sqlite_hall.desk.issue_ticket(desk.actor, category_code="A").number for _ in range(2)
    )
    desk.refresh()
    qtbot.waitUntil(lambda: desk.tickets.rowCount() == 2 and not desk.busy)
    before = _kinds(sqlite_hall).count("ticket_call")
    press(qtbot, desk, Qt.Key.Key_F1)
    assert desk.busy and not desk.named_actions["call"].isEnabled()
    press(qtbot, desk, Qt.Key.Key_F1)  # the same key again, before the first call is back
    qtbot.waitUntil(lambda: not desk.busy and desk.number_label.text() == first)
    qtbot.waitUntil(lambda: not desk.runner.busy)
    assert _kinds(sqlite_hall).count("ticket_call") == before + 1
    assert f"已叫号 {first}" in desk.message.text()  # no refusal of a second call after it

    # another number cannot be called while a ticket is at the window: refused
    desk.number_edit.setText(second)
    desk.take_number(call=True)
    assert desk.busy
    qtbot.waitUntil(lambda: f"请先办结或过号当前号票 {first}" in desk.message.text())
    qtbot.waitUntil(lambda: not desk.busy)
    assert desk.named_actions["start"].isEnabled() and desk.number_edit.text() == second
    press(qtbot, desk, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: f"{first} 开始办理" in desk.message.text() and not desk.busy)
    assert desk.named_actions["finish"].isEnabled()
