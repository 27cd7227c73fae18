"""Reception under an overflow remedy (issue 19 §5), on a real database: a walk-in for a lane
under ``booking_first`` is offered a booking first, after the cut-off only; Enter books it
and saves the booking slip, Ctrl+T issues the walk-in ticket marked with the slot, Esc goes
back with nothing lost; the green channel is not diverted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hall_app.domain.tickets import GreenReason
from hall_app.services.hall import Hall
from hall_app.ui.clerk import ClerkView
from hall_app.ui.reception import ReceptionView
from hall_app.ui.remedy_offer import BookingOfferDialog
from hall_app.ui.settings import PRINT_TICKETS, Settings
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_appointments import person

MORTGAGE = "11500231MB1596820D7000116003000"  # 不动产抵押权首次登记: lane B
TRANSFER = "11500231MB1596820D7000116002000"  # 不动产转移登记（存量房买卖）: lane B, in YJS04
FIGURES = {"expected_wait_minutes": 95, "limit_minutes": 60, "p95_without": 118, "p95_with": 71}


@pytest.fixture
def view(qtbot: QtBot, live_hall: Hall, runner: Runner) -> ReceptionView:
    settings = Settings()
    settings.qs.clear()
    settings.set(PRINT_TICKETS, False)
    screen = ReceptionView(live_hall, runner, login(live_hall, "2001"), settings)
    qtbot.addWidget(screen)
    screen.show()
    screen.load_catalog()
    qtbot.waitUntil(lambda: screen.catalog.rowCount() > 60)
    return screen


def _issue_directly(qtbot: QtBot, view: ReceptionView, *, key: bool = False) -> object:
    with qtbot.waitSignal(view.issued, timeout=10000) as blocker:
        if key:
            qtbot.keyClick(view, Qt.Key.Key_F2)
        else:
            view.issue_action.trigger()  # F2 (offscreen, a closed dialog leaves no window active)
    assert view.offers.dialog is None
    return blocker.args[0]


def _offer(qtbot: QtBot, view: ReceptionView) -> BookingOfferDialog:
    view.issue_action.trigger()  # F2 (offscreen, a closed dialog leaves no window active)
    qtbot.waitUntil(lambda: view.offers.dialog is not None and view.offers.dialog.isVisible())
    dialog = view.offers.dialog
    assert dialog is not None
    return dialog


def _counts(hall: Hall, remedy_id: int) -> tuple[int, int, int]:
    [row] = [r for r in hall.remedies.today() if r.id == remedy_id]
    return row.offered, row.booked, row.insisted


def test_offer_after_the_cut_off_book_insist_back_and_green(
    qtbot: QtBot, view: ReceptionView, live_hall: Hall, runner: Runner
) -> None:
    hall, boss = live_hall, login(live_hall, "3001")
    login(hall, "1016", 16)  # a window serving B is open: the offer shows the wait
    later = hall.remedies.apply(
        boss, "B", "booking_first", hall.ctx.now() + dt.timedelta(hours=1), FIGURES, "限号"
    )
    view.select_entry("item", MORTGAGE)
    before = _issue_directly(qtbot, view, key=True)  # before the cut-off: no offer
    assert before.issued.ticket.remedy_note == ""  # type: ignore[attr-defined]
    hall.remedies.lift(boss, later.id)
    remedy = hall.remedies.apply(boss, "B", "booking_first", hall.ctx.now(), FIGURES, "限号")

    # Esc: back to the form, nothing lost, no ticket
    view.select_entry("item", MORTGAGE)
    view.green_note.setText("备注保留")
    tickets = len(hall.tickets.today())
    dialog = _offer(qtbot, view)
    wait = dialog.wait_label.text()
    assert "前面还有 1 人" in wait and "预计等待约" in wait
    offer = dialog.offer
    assert offer.day > hall.ctx.today() and f"{offer.start:%H:%M}" in dialog.slot_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.offers.dialog is None)
    runner.wait(5000)
    assert len(hall.tickets.today()) == tickets
    entry = view.selected_entry()
    assert entry is not None and entry.code == MORTGAGE
    assert view.green_note.text() == "备注保留"
    qtbot.waitUntil(lambda: _counts(hall, remedy.id) == (1, 0, 0))

    # Ctrl+T: the walk-in ticket anyway, marked with the slot it could book
    dialog = _offer(qtbot, view)
    with qtbot.waitSignal(view.issued, timeout=10000) as blocker:
        qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    outcome = blocker.args[0]
    words = f"{offer.day.month}月{offer.day.day}日 {offer.start:%H:%M}"
    assert outcome.issued.ticket.remedy_note == f"当前排队较长，您也可预约 {words}"
    assert outcome.issued.estimated_minutes is not None
    assert words in view.last_detail.text() and "预计等待约" in view.last_detail.text()
    assert Path(outcome.saved).is_file()
    assert _counts(hall, remedy.id) == (2, 0, 1)

    # Enter: the booking, made through the booking service, its slip saved
    view.select_entry("item", MORTGAGE)
    dialog = _offer(qtbot, view)
    dialog.name.setText("张三")
    dialog.id_number.setText(person(7))
    dialog.phone.setText("13912345678")
    tickets = len(hall.tickets.today())
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.offers.last is not None, timeout=10000)
    slip = view.offers.last
    assert slip is not None and slip.printed is not None and not slip.problem
    assert slip.booking.day == offer.day and slip.booking.slot.startswith(f"{offer.start:%H:%M}")
    assert slip.booking.code in view.message.text()
    assert len(hall.tickets.today()) == tickets  # booked, no ticket
    assert _counts(hall, remedy.id) == (3, 1, 1)

    # the green channel is not offered a booking
    view.select_entry("item", MORTGAGE)
    view.green_box.setCurrentIndex(view.green_box.findData(GreenReason.ELDERLY.value))
    green = _issue_directly(qtbot, view)
    assert green.issued.ticket.lane_code == "L"  # type: ignore[attr-defined]
    runner.wait(5000)


def test_a_missing_field_keeps_the_dialog_open(
    qtbot: QtBot, view: ReceptionView, live_hall: Hall
) -> None:
    boss = login(live_hall, "3001")
    live_hall.remedies.apply(boss, "B", "booking_first", live_hall.ctx.now(), FIGURES, "限号")
    view.select_entry("item", MORTGAGE)
    dialog = _offer(qtbot, view)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and "姓名" in dialog.message.text()
    assert isinstance(QApplication.focusWidget(), QLineEdit | None)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.offers.dialog is None)


def test_a_bundle_item_goes_to_the_general_lane_and_reception_says_so(
    qtbot: QtBot, view: ReceptionView, live_hall: Hall, runner: Runner
) -> None:
    boss = login(live_hall, "3001")
    live_hall.remedies.apply(boss, "B", "bundle_to_general", live_hall.ctx.now(), FIGURES, "分流")
    view.select_entry("item", TRANSFER)
    outcome = _issue_directly(qtbot, view, key=True)
    ticket = outcome.issued.ticket  # type: ignore[attr-defined]
    assert ticket.lane_code == "A" and ticket.number.startswith("A")
    note = "一件事分流：由不动产登记转至综合受理办理"
    assert ticket.remedy_note == note
    assert note in view.message.text() and note in view.last_detail.text()
    clerk = ClerkView(live_hall, runner, login(live_hall, "1001", 1), Settings())  # lanes L, A
    qtbot.addWidget(clerk)
    clerk.show()
    clerk.refresh()
    qtbot.waitUntil(lambda: clerk.status is not None)
    clerk.actions["call"].trigger()
    qtbot.waitUntil(lambda: clerk.number_label.text() == ticket.number)
    assert clerk.transfer_label.text() == note  # the 综合受理 clerk sees why
