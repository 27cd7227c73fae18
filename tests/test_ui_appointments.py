"""The booking and check-in screen with pytest-qt."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from hall_app.config import Config
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall, open_hall
from hall_app.ui import appointments as ui_appointments
from hall_app.ui.appointments import AppointmentsView
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import SHANGHAI, login
from tests.test_appointments import person


@pytest.fixture
def clocked_hall(sqlite_url: str, clock: FakeClock) -> Iterator[Hall]:
    hall = open_hall(Config(db_url=sqlite_url, terminal="ui-test"), upgrade=False, clock=clock)
    yield hall
    hall.close()


@pytest.fixture
def view(qtbot: QtBot, clocked_hall: Hall, runner: Runner) -> AppointmentsView:
    settings = Settings()
    w = AppointmentsView(clocked_hall, runner, login(clocked_hall, "2001"), settings)
    qtbot.addWidget(w)
    w.show()
    w.refresh()
    qtbot.waitUntil(lambda: w.subject.count() > 60 and w.day.count() == 5)
    return w


def test_booking_shows_the_load_and_books_the_chosen_slot(qtbot: QtBot, view: AppointmentsView):
    view.subject.setCurrentIndex(
        view.subject.findText("社会保障卡申领", Qt.MatchFlag.MatchStartsWith)
    )
    qtbot.waitUntil(lambda: view.slots.rowCount() == 15)
    assert view.slots.data(view.slots.index(0, 0)) == "08:30-09:00"
    assert view.slots.data(view.slots.index(0, 1)) in ("空闲", "一般", "繁忙")
    assert (
        sum("错峰推荐" in (view.slots.data(view.slots.index(r, 3)) or "") for r in range(15)) >= 1
    )
    view.name.insert("张三")
    qtbot.keyClicks(view.id_number, person(21, 1950))
    view.id_number.editingFinished.emit()
    assert "绿色通道" in view.id_hint.text()  # 76 years old
    qtbot.keyClicks(view.phone, "13900000021")
    view.slot_view.selectRow(1)
    with qtbot.waitSignal(view.booked, timeout=5000) as booked:
        view.findChild(QPushButton, "bookButton").click()
    assert booked.args[0].slot == "09:00-09:30"
    assert "预约成功" in view.message.text()
    qtbot.waitUntil(lambda: view.slots.data(view.slots.index(1, 2)).startswith("1/"))


def test_check_in_by_code_prints_a_ticket(
    qtbot: QtBot, view: AppointmentsView, clocked_hall: Hall, clock: FakeClock
):
    code = next(
        e.code for e in clocked_hall.catalog.entries() if e.kind == "item" and e.lane_code == "C"
    )
    booking = clocked_hall.appointments.book(
        login(clocked_hall, "2001"),
        name="李四",
        id_number=person(22),
        phone="13900000022",
        code=code,
        day=dt.date(2026, 11, 26),
        slot="09:00",
    )
    clock.now = dt.datetime(2026, 11, 26, 8, 45, tzinfo=SHANGHAI)
    with qtbot.waitSignal(view.checked_in, timeout=10000) as checked:
        qtbot.keyClicks(view.check_input, booking.code.lower())
        qtbot.keyClick(view.check_input, Qt.Key.Key_Return)
    result = checked.args[0]
    assert result.issued.ticket.number.startswith("C") and "预约优先" in view.message.text()
    qtbot.keyClicks(view.check_input, booking.code)
    qtbot.keyClick(view.check_input, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "已签到" in view.message.text() and "不能再次签到" in view.message.text()
    )


def test_import_lists_the_bad_rows(
    qtbot: QtBot,
    view: AppointmentsView,
    clocked_hall: Hall,
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,
):
    shown = []
    monkeypatch.setattr(
        ui_appointments.ImportProblems,
        "show",
        staticmethod(lambda parent, report: shown.append(report)),
    )
    code = next(e.code for e in clocked_hall.catalog.entries() if e.kind == "item")
    path = tmp_path / "online.json"
    rows = [
        {
            "code": "WX0001",
            "name": "王五",
            "id_number": person(31),
            "phone": "13900000031",
            "item_code": code,
            "date": "2026-11-27",
            "slot": "10:00",
        },
        {
            "code": "WX0002",
            "name": "赵六",
            "id_number": "110105194912310021",
            "phone": "13900000032",
            "item_code": code,
            "date": "2026-11-27",
            "slot": "10:00",
        },
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    view.import_path(path)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0].imported == 1 and "第 2 行" in shown[0].problems[0]
    assert "导入 1 条" in view.message.text()


def test_the_booking_code_stays_a_slip_is_offered_and_the_list_finds_it(
    qtbot: QtBot, view: AppointmentsView, clocked_hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hall_app.ui import bookings as ui_bookings

    previews: list = []
    real_preview = ui_bookings.preview_slip
    monkeypatch.setattr(
        ui_appointments,
        "preview_slip",
        lambda *a: previews.append(real_preview(*a)) or previews[-1],
    )
    view.subject.setCurrentIndex(
        view.subject.findText("社会保障卡申领", Qt.MatchFlag.MatchStartsWith)
    )
    qtbot.waitUntil(lambda: view.slots.rowCount() == 15)
    view.name.insert("王小明")
    qtbot.keyClicks(view.id_number, person(71))
    qtbot.keyClicks(view.phone, "13900004321")
    view.slot_view.selectRow(2)
    with qtbot.waitSignal(view.booked, timeout=5000) as booked:
        view.findChild(QPushButton, "bookButton").click()
    code = booked.args[0].code
    # the slots reload after the booking (the off-peak tips come back) …
    qtbot.waitUntil(lambda: view.slots.data(view.slots.index(2, 2)).startswith("1/"))
    qtbot.waitUntil(lambda: "错峰推荐" in view.tips.text())
    # … and the code is still there to read out and to copy
    assert code in view.message.text() and "预约成功" in view.message.text()
    assert view.last_booking.isVisible() and code in view.last_booking.text()
    # the slip was made and archived through the usual print path, and is offered
    assert view.slip_button.isEnabled()
    assert view.last_slip is not None and view.last_slip.printed is not None
    assert view.last_slip.printed.path.exists() and view.last_slip.printed.job.document == "booking"
    view.slip_button.click()
    assert previews and previews[0].windowTitle() == f"预约单 {code}"
    assert previews[0].document.pageCount() == 1
    previews[0].close()
    # the list of bookings from today on finds it by code, masked name, phone tail and date
    upcoming = view.upcoming
    qtbot.waitUntil(lambda: upcoming.model.rowCount() == 1)
    for query in (code.lower(), "王*", "4321", "11-26"):
        upcoming.search.setText(query)
        qtbot.waitUntil(
            lambda: upcoming.model.rowCount() == 1 and upcoming.model.row(0).code == code,
            timeout=3000,
        )
    upcoming.search.setText("11-27")
    qtbot.waitUntil(lambda: upcoming.model.rowCount() == 0, timeout=3000)


def test_the_age_hint_counts_on_the_hall_date(qtbot: QtBot, view: AppointmentsView) -> None:
    """Born 1950-11-26: 75 on the hall's date (2026-11-25, the services' clock), whatever
    the PC's own date says."""
    from hall_app.domain.idnumber import check_char

    first17 = "11010519501126021"
    view.id_number.setText(first17 + check_char(first17))
    view.id_number.editingFinished.emit()
    assert view.id_hint.text().startswith("75 岁")
