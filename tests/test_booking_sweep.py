"""The no-show sweep runs outside read paths: lists and check-ins show a missed booking as a
no-show at once but write nothing; the sweep (a terminal's timer, ``hall-app appointments
sweep``) records each one once, whichever of several terminals claims the slot first."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from hall_app.config import Config
from hall_app.domain.appointments import missed, sweep_slot
from hall_app.domain.errors import NotAllowed
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall, open_hall
from hall_app.store import models as m
from tests.cli_login import run_cli
from tests.conftest import login
from tests.test_appointments import TOMORROW, at, book

WRITES = ("INSERT", "UPDATE", "DELETE")


@contextmanager
def statements(hall: Hall) -> Iterator[list[str]]:
    """Every SQL statement the hall's engine sends meanwhile."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        sent.append(statement.lstrip().split(None, 1)[0].upper())

    event.listen(hall.db.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(hall.db.engine, "before_cursor_execute", record)


def _no_show_entries(hall: Hall) -> list[str]:
    with hall.db.read() as s:
        details = s.scalars(
            select(m.AuditEntry.detail).where(m.AuditEntry.action == "appointment_no_show")
        ).all()
    return sorted(json.loads(d)["code"] for d in details)


def _states(hall: Hall) -> dict[str, str]:
    with hall.db.read() as s:
        return {c: st for c, st in s.execute(select(m.Appointment.code, m.Appointment.state))}


def test_the_rule_and_the_slots() -> None:
    now = dt.datetime(2026, 11, 26, 9, 31)
    assert missed(dt.date(2026, 11, 26), "09:30", now)
    assert not missed(dt.date(2026, 11, 26), "09:31", now)  # ends this minute: not yet
    assert missed(dt.date(2026, 11, 25), "17:30", now)
    assert sweep_slot(now) == "2026-11-26T09:30"
    assert sweep_slot(now.replace(minute=44)) == "2026-11-26T09:30"
    assert sweep_slot(now.replace(minute=45)) == "2026-11-26T09:45"


def test_lists_and_check_ins_show_a_missed_booking_but_write_nothing(
    hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    gone = book(hall, reception, 51, slot="09:00")
    later = book(hall, reception, 52, slot="10:00")
    at(clock, TOMORROW, "09:45")  # 09:00-09:30 has ended; 10:00 may check in
    with statements(hall) as sent:
        listed = {v.code: v.state for v in hall.appointments.day_list(TOMORROW)}
        found = hall.appointments.find_today(gone.code)
        with pytest.raises(NotAllowed, match="当前为「爽约」"):
            hall.appointments.check_in(reception, gone.code)
    assert listed == {gone.code: "no_show", later.code: "booked"}
    assert found[0].state == "no_show" and found[0].state_label == "爽约"
    assert not [s for s in sent if s.startswith(WRITES)], sent
    assert _states(hall)[gone.code] == "booked"  # recorded by the sweep, not by a read
    with pytest.raises(NotAllowed, match="当前为「爽约」，不能取消"):  # nor escaped by a cancel
        hall.appointments.cancel(login(hall, "3001"), gone.code)
    hall.appointments.check_in(reception, later.code)  # a check-in writes only its own booking
    assert _states(hall) == {gone.code: "booked", later.code: "checked_in"}
    assert _no_show_entries(hall) == []
    with hall.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.SystemJobRun)) == 0
    assert hall.appointments.sweep_no_shows() == 1
    assert _states(hall)[gone.code] == "no_show" and _no_show_entries(hall) == [gone.code]


def test_a_missed_booking_counts_for_the_ban_before_the_sweep(
    hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    day = TOMORROW
    for _ in range(3):
        book(hall, reception, 53, day=day)
        at(clock, day, "18:00")
        day = hall.appointments.bookable_days()[0]
    with statements(hall) as sent, pytest.raises(NotAllowed, match="爽约已达 3 次"):
        book(hall, reception, 53, day=day)
    assert not [s for s in sent if s.startswith(("INSERT", "DELETE"))]  # no sweep on the way
    assert set(_states(hall).values()) == {"booked"}


def test_one_sweep_per_slot_whichever_terminal_claims_it(
    db_url: str, hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    first = book(hall, reception, 54, slot="09:00")
    second = book(hall, reception, 55, slot="09:30")
    other = open_hall(Config(db_url=db_url, terminal="pc-2"), upgrade=False, clock=clock)
    try:
        at(clock, TOMORROW, "09:40")
        assert other.appointments.sweep_no_shows() == 1  # pc-2 claims 09:30 and sweeps
        at(clock, TOMORROW, "09:44")  # back in the 09:30 slot: another due booking waits
        with hall.db.write() as s:
            s.get_one(m.Appointment, _id(hall, second.code)).slot_end = "09:35"
        assert hall.appointments.sweep_no_shows() is None  # pc-2 had this slot: skipped
        assert _states(hall)[second.code] == "booked"
        at(clock, TOMORROW, "09:45")
        assert hall.appointments.sweep_no_shows() == 1  # the next slot is this terminal's
        with hall.db.read() as s:
            runs = s.execute(
                select(m.SystemJobRun.slot, m.SystemJobRun.terminal, m.SystemJobRun.done)
            ).all()
        assert sorted(runs) == [
            ("2026-11-26T09:30", "pc-2", 1),
            ("2026-11-26T09:45", "pytest", 1),
        ]
        assert _no_show_entries(hall) == sorted([first.code, second.code])
    finally:
        other.close()


def _id(hall: Hall, code: str) -> int:
    with hall.db.read() as s:
        found = s.scalar(select(m.Appointment.id).where(m.Appointment.code == code))
    assert found is not None
    return found


def test_two_terminals_sweeping_at_once_record_each_booking_once(
    db_url: str, hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    codes = sorted(
        book(hall, reception, 60 + n, slot=f"{9 + n // 2:02d}:{n % 2 * 30:02d}").code
        for n in range(4)
    )
    at(clock, TOMORROW, "18:00")
    terminals = [
        open_hall(Config(db_url=db_url, terminal=f"pc-{n}"), upgrade=False, clock=clock)
        for n in range(2)
    ]
    results: list[int | BaseException | None] = []
    barrier = threading.Barrier(len(terminals))

    def sweep(terminal: Hall) -> None:
        barrier.wait()
        try:
            results.append(terminal.appointments.sweep_no_shows())
        except BaseException as error:  # shown by the assertion below
            results.append(error)

    threads = [threading.Thread(target=sweep, args=(t,)) for t in terminals]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for terminal in terminals:
            terminal.close()
    assert sorted(results, key=str) in ([0, 4], [4, None]), results
    assert _no_show_entries(hall) == codes  # one entry per booking, from one terminal
    with hall.db.read() as s:
        assert s.execute(select(m.SystemJobRun.slot, m.SystemJobRun.done)).all() == [
            ("2026-11-26T18:00", 4)
        ]
    assert set(_states(hall).values()) == {"no_show"}


def test_the_cli_sweep_runs_without_a_login_as_the_system_job(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hall = open_hall(Config(db_url=db_url, terminal="pytest"), upgrade=False)  # the real clock
    try:
        reception = login(hall, "2001")
        code = book(hall, reception, 70, day=hall.appointments.bookable_days()[0]).code
        with hall.db.write() as s:  # as if its day had passed
            row = s.scalars(select(m.Appointment).where(m.Appointment.code == code)).one()
            row.day = hall.ctx.today() - dt.timedelta(days=1)
    finally:
        hall.close()
    swept = run_cli(monkeypatch, capsys, "appointments", "sweep", "--json", url=db_url)
    assert swept.code == 0, swept.err
    assert json.loads(swept.out) == {"swept": 1}
    again = run_cli(monkeypatch, capsys, "appointments", "sweep", "--json", url=db_url)
    assert json.loads(again.out) == {"swept": 0}  # nothing due: a read, no claim
    hall = open_hall(Config(db_url=db_url, terminal="pytest"), upgrade=False)
    try:
        with hall.db.read() as s:
            entry = s.scalars(
                select(m.AuditEntry).where(m.AuditEntry.action == "appointment_no_show")
            ).one()
            assert entry.staff_id is None and entry.terminal
        assert json.loads(entry.detail)["system"] == "no_show_sweep"
    finally:
        hall.close()
