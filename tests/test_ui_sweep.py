"""The no-show sweep runs from the main window's timer (any role), not from the screens'
reads: a booking whose slot has passed is recorded by the first poll that offers the sweep."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.services.hall import Hall
from hall_app.store import models as m
from hall_app.ui.main_window import SWEEP_TICKS, MainWindow
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_appointments import book


def _state(hall: Hall, code: str) -> str:
    with hall.db.read() as s:
        state = s.scalar(select(m.Appointment.state).where(m.Appointment.code == code))
    assert state is not None
    return state


def test_the_main_windows_timer_sweeps_missed_bookings(
    qtbot: QtBot, live_hall: Hall, runner: Runner, settings: Settings
) -> None:
    reception = login(live_hall, "2001")
    code = book(live_hall, reception, 80, day=live_hall.appointments.bookable_days()[0]).code
    with live_hall.db.write() as s:  # as if its day had passed
        row = s.scalars(select(m.Appointment).where(m.Appointment.code == code)).one()
        row.day = live_hall.ctx.today() - dt.timedelta(days=1)
    main = MainWindow(live_hall, runner, reception, settings)
    qtbot.addWidget(main)
    main.poll_timer.stop()
    with qtbot.waitSignal(main.prepared, timeout=10000):
        main.show()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20000)
    assert _state(live_hall, code) == "booked"  # the screens' reads did not sweep
    main._ticks = SWEEP_TICKS  # the next poll is the one that offers the sweep
    main.poll()
    qtbot.waitUntil(lambda: _state(live_hall, code) == "no_show", timeout=20000)
    qtbot.waitUntil(lambda: not main._polling and not runner.busy, timeout=20000)
    main.close()
    runner.wait(10000)
