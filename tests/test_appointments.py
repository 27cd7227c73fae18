"""Appointments through the services on SQLite and PostgreSQL: slots, capacity under
concurrent booking, check-in edges, no-shows and bans, fairness, green channel by age."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from hall_app.domain.appointments import Arrival
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.idnumber import check_char
from hall_app.domain.roles import Role
from hall_app.domain.tickets import Priority
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from tests.actors import actor_for
from tests.conftest import SHANGHAI, login

TOMORROW = dt.date(2026, 11, 26)


def person(n: int, year: int = 1985) -> str:
    first17 = f"110105{year}0101{n:03d}"
    return first17 + check_char(first17)


def _item(hall: Hall, lane: str = "C") -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


@pytest.fixture
def reception(hall: Hall) -> Actor:
    return login(hall, "2001")


def book(
    hall: Hall,
    actor: Actor,
    n: int,
    slot: str = "09:00",
    day: dt.date = TOMORROW,
    year: int = 1985,
    code: str | None = None,
):
    return hall.appointments.book(
        actor,
        name=f"市民{n}",
        id_number=person(n, year),
        phone=f"139{n:08d}",
        code=code or _item(hall),
        day=day,
        slot=slot,
    )


def at(clock: FakeClock, day: dt.date, hhmm: str) -> None:
    clock.now = dt.datetime.combine(day, dt.time.fromisoformat(hhmm), SHANGHAI)


def test_slots_follow_opening_hours_and_the_calendar(hall: Hall):
    code = _item(hall)
    slots = hall.appointments.slots(code, TOMORROW)
    assert [f.slot.label for f in slots][:2] == ["08:30-09:00", "09:00-09:30"]
    assert len(slots) == 7 + 8  # 08:30–12:00 and 13:30–17:30, in half hours
    assert all(f.bookable >= 1 and f.booked == 0 for f in slots)
    assert hall.appointments.slots(code, dt.date(2026, 10, 1)) == []  # National Day
    assert len(hall.appointments.slots(code, dt.date(2026, 10, 10))) == 15  # make-up Saturday


def test_booking_rules(hall: Hall, reception: Actor):
    first = book(hall, reception, 1)
    assert len(first.code) == 6 and first.id_masked.startswith("110105") and "*" in first.name
    with pytest.raises(NotAllowed, match="每人每天只能预约一次"):
        book(hall, reception, 1, slot="10:00")
    with pytest.raises(InvalidInput, match="提前一天"):
        book(hall, reception, 2, day=dt.date(2026, 11, 25))
    with pytest.raises(InvalidInput, match="没有 12:00"):
        book(hall, reception, 2, slot="12:00")
    with pytest.raises(InvalidInput, match="校验位"):
        hall.appointments.book(
            reception,
            name="张三",
            id_number="110105194912310021",
            phone="13912345678",
            code=_item(hall),
            day=TOMORROW,
            slot="09:00",
        )
    with pytest.raises(InvalidInput, match="手机"):
        hall.appointments.book(
            reception,
            name="张三",
            id_number=person(3),
            phone="023-74681234",
            code=_item(hall),
            day=TOMORROW,
            slot="09:00",
        )
    moved = hall.appointments.rebook(reception, first.code, TOMORROW, "14:00")
    assert moved.slot == "14:00-14:30"
    assert hall.appointments.cancel(reception, moved.code).state == "cancelled"
    with pytest.raises(NotAllowed, match="不能取消"):
        hall.appointments.cancel(reception, moved.code)


def test_a_full_slot_takes_no_more_also_from_many_terminals(hall: Hall, reception: Actor):
    supervisor = login(hall, "3001")
    hall.appointments.set_capacity(supervisor, "C", TOMORROW, "09:00", 2)
    results: list[object] = []
    barrier = threading.Barrier(6)

    def try_book(n: int) -> None:
        barrier.wait()
        try:
            results.append(book(hall, reception, 100 + n))
        except NotAllowed as error:
            results.append(error)

    threads = [threading.Thread(target=try_book, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    booked = [r for r in results if not isinstance(r, NotAllowed)]
    refused = [r for r in results if isinstance(r, NotAllowed)]
    assert len(booked) == 2 and len(refused) == 4
    assert all("已约满" in r.message for r in refused)
    slot = next(
        f
        for f in hall.appointments.slots(_item(hall), TOMORROW)
        if f.slot.label.startswith("09:00")
    )
    assert (slot.booked, slot.bookable, slot.free) == (2, 2, 0)
    hall.appointments.cancel(reception, booked[0].code)  # a cancel frees the place
    assert book(hall, reception, 200).slot == "09:00-09:30"


@pytest.mark.parametrize(
    ("arrive", "expected"),
    [
        ("08:29", Arrival.EARLY),
        ("08:30", Arrival.ON_TIME),
        ("09:15", Arrival.ON_TIME),
        ("09:16", Arrival.LATE),
    ],
)
def test_check_in_window_edges(
    hall: Hall, reception: Actor, clock: FakeClock, arrive: str, expected: Arrival
):
    booking = book(hall, reception, 7, slot="09:00")
    at(clock, TOMORROW, arrive)
    if expected is Arrival.EARLY:
        with pytest.raises(NotAllowed, match="请于 08:30 后签到"):
            hall.appointments.check_in(reception, booking.code)
        return
    result = hall.appointments.check_in(reception, person(7))  # by ID number
    assert result.arrival is expected
    priority = result.issued.ticket.priority
    if expected is Arrival.ON_TIME:
        assert priority is Priority.APPOINTMENT and "预约优先" in result.message
    else:
        assert priority is Priority.NORMAL and "按普通号办理" in result.message
    with pytest.raises(NotAllowed, match="已签到"):
        hall.appointments.check_in(reception, booking.code)


def test_elderly_citizens_get_the_green_channel_at_check_in(
    hall: Hall, reception: Actor, clock: FakeClock
):
    booking = book(hall, reception, 8, year=1950)  # 76 years old
    at(clock, TOMORROW, "09:05")
    result = hall.appointments.check_in(reception, f"139{8:08d}")  # by phone
    assert result.issued.ticket.priority is Priority.GREEN
    assert result.issued.ticket.number.startswith("L")
    assert "绿色通道" in result.message
    assert hall.appointments.find_today(booking.code)[0].state == "checked_in"


def test_three_no_shows_in_90_days_bar_booking_until_lifted(
    hall: Hall, reception: Actor, clock: FakeClock
):
    day = TOMORROW
    for _ in range(3):
        booking = book(hall, reception, 9, day=day)
        at(clock, day, "18:00")  # the slot ended without a check-in
        assert hall.appointments.sweep_no_shows() == 1
        assert hall.appointments.find_today(booking.code)[0].state == "no_show"
        day = hall.appointments.bookable_days()[0]
    with pytest.raises(NotAllowed, match="爽约已达 3 次"):
        book(hall, reception, 9, day=day)
    with pytest.raises(NotAllowed, match="无权执行「解除预约限制」"):
        hall.appointments.lift_ban(reception, person(9), "误判")
    hall.appointments.lift_ban(login(hall, "3001"), person(9), "因病未能到场，已提供证明")
    assert book(hall, reception, 9, day=day).state == "booked"


def test_fairness_a_waiting_walk_in_is_not_starved(hall: Hall, reception: Actor, clock: FakeClock):
    code = _item(hall, "A")
    walk_in = hall.tickets.issue(reception, item_code=code).ticket.number
    clock.advance(minutes=25)
    priority = [
        hall.tickets.issue(reception, item_code=code, appointment=True).ticket.number
        for _ in range(3)
    ]
    clerk = login(hall, "1003", 3)  # window 3 serves A first
    called = []
    for _ in range(4):
        called.append(hall.tickets.call_next(clerk, 3).number)
        hall.tickets.start(clerk, 3)
        hall.tickets.finish(clerk, 3)
    # two appointments, then the walk-in who has waited over 20 minutes, then the third
    assert called == [priority[0], priority[1], walk_in, priority[2]]


def test_online_import_good_rows_bad_rows_and_twice(hall: Hall, tmp_path):
    code = _item(hall)
    lines = [
        "code,name,id_number,phone,item_code,date,slot",
        f"WX0001,张三,{person(11)},13900000011,{code},2026-11-26,09:00",
        f"WX0002,李四,{person(12)},13900000012,{code},2026-11-26,09:30-10:00",
        f"WX0003,王五,110105194912310021,13900000013,{code},2026-11-26,10:00",
        f"WX0004,赵六,{person(14)},13900000014,NO-SUCH,2026-11-26,10:00",
        f"WX0005,孙七,{person(15)},13900000015,{code},2026-02-30,10:00",
    ]
    path = tmp_path / "bookings.csv"
    path.write_bytes("\n".join(lines).encode("gbk"))
    report = hall.appointments.import_file(actor_for(hall, Role.SERVICE), path)
    assert (report.imported, report.existing) == (2, 0)
    problems = "\n".join(report.problems)
    assert "第 4 行" in problems and "校验位" in problems
    assert "第 5 行" in problems and "NO-SUCH" in problems
    assert "第 6 行" in problems
    again = hall.appointments.import_file(actor_for(hall, Role.SERVICE), path)
    assert (again.imported, again.existing) == (0, 2)
    assert len([a for a in hall.appointments.day_list(TOMORROW) if a.source == "online"]) == 2


def test_off_peak_suggestions_prefer_quiet_slots(hall: Hall, reception: Actor):
    code = _item(hall)
    for n in range(3):
        book(hall, reception, 300 + n, slot="09:00")
    quiet = hall.appointments.suggestions(code)
    assert len(quiet) == 3
    assert all(not (q.slot.day == TOMORROW and q.slot.start == dt.time(9, 0)) for q in quiet)
    week = hall.appointments.week("C")
    assert next(iter(week)) == TOMORROW and len(week) == 5


def test_estimated_wait_uses_windows_and_recent_service_times(
    hall: Hall, reception: Actor, clock: FakeClock
):
    from hall_app.domain.waits import LaneCapacity, estimate_wait_minutes

    assert estimate_wait_minutes(0, LaneCapacity(2, 1, 10)) == 0  # a window is free
    assert estimate_wait_minutes(3, LaneCapacity(2, 2, 10)) == 18  # (3 + 0.5) × 10 / 2
    assert estimate_wait_minutes(5, LaneCapacity(0, 0, 10)) is None
    code = _item(hall, "A")
    clerk = login(hall, "1003", 3)  # opens window 3 (A first)
    for _ in range(3):  # three services of 4 minutes each today
        hall.tickets.issue(reception, item_code=code)
        hall.tickets.call_next(clerk, 3)
        hall.tickets.start(clerk, 3)
        clock.advance(minutes=4)
        hall.tickets.finish(clerk, 3)
    hall.tickets.issue(reception, item_code=code)
    hall.tickets.call_next(clerk, 3)  # window 3 busy now
    issued = [hall.tickets.issue(reception, item_code=code) for _ in range(2)]
    # one open window serving A, busy: first in line waits about half a service (2 min)
    assert [i.estimated_minutes for i in issued] == [2, 6]
    lane = next(x for x in hall.queues.status().lanes if x.code == "A")
    assert lane.estimated_minutes == 10  # a newcomer behind the two: (2 + 0.5) × 4


def test_missed_slots_count_before_a_new_booking(hall: Hall, reception: Actor, clock: FakeClock):
    day = TOMORROW
    for _ in range(3):
        book(hall, reception, 41, day=day)
        at(clock, day, "18:00")  # missed; nobody checked anyone in since
        day = hall.appointments.bookable_days()[0]
    with pytest.raises(NotAllowed, match="爽约已达 3 次"):
        book(hall, reception, 41, day=day)


def test_the_no_show_sweep_is_audited_and_writes_nothing_when_none_is_due(
    hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    """A booking turned no-show by the sweep (a terminal's timer, or the CLI) leaves an audit
    entry naming the system job and the booking; a sweep with nothing due is a read."""
    import json

    from hall_app.store.models import AuditEntry

    booking = book(hall, reception, 12)
    at(clock, TOMORROW, "08:00")
    assert hall.appointments.sweep_no_shows() == 0  # the slot has not ended yet
    at(clock, TOMORROW, "18:00")
    with hall.ctx.db.read() as s:
        before = s.scalar(select(func.max(AuditEntry.id)))
    assert hall.appointments.sweep_no_shows() == 1
    with hall.ctx.db.read() as s:
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.id > before)).all()
    assert entry.action == "appointment_no_show" and entry.staff_id is None
    detail = json.loads(entry.detail)
    assert detail["system"] == "no_show_sweep" and detail["code"] == booking.code
    assert hall.appointments.sweep_no_shows() == 0  # nothing left: no write, no entry
    with hall.ctx.db.read() as s:
        assert s.scalar(select(func.max(AuditEntry.id))) == entry.id
