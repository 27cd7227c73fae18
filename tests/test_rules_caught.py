"""Service rules pinned so that a one-token change to one of them fails a test, on SQLite and
PostgreSQL (issue 17: the review changed each of these by hand and no test noticed; see
docs/testing.md). Each test names the change it catches."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
from sqlalchemy import select

from hall_app.domain.appointments import Rules
from hall_app.domain.errors import NotAllowed
from hall_app.domain.idnumber import check_char
from hall_app.domain.tickets import Priority
from hall_app.services.appointments import load_rules
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import SHANGHAI, login
from tests.leak_grep import leaks
from tests.test_fallback_conflicts import a004_conflict

TOMORROW = dt.date(2026, 11, 26)


def citizen(birth: str, n: int) -> str:
    first17 = f"110105{birth}{n:03d}"
    return first17 + check_char(first17)


def _item(hall: Hall, lane: str = "C") -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


def _book(hall: Hall, actor: Actor, id_number: str, day: dt.date, n: int = 1):
    return hall.appointments.book(
        actor,
        name=f"市民{n}",
        id_number=id_number,
        phone=f"139{n:08d}",
        code=_item(hall),
        day=day,
        slot="09:00",
    )


def _at(clock: FakeClock, day: dt.date, hhmm: str) -> None:
    clock.now = dt.datetime.combine(day, dt.time.fromisoformat(hhmm), SHANGHAI)


def _denied(hall: Hall, action: str) -> int:
    with hall.db.read() as s:
        rows = s.scalars(select(m.AuditEntry.detail).where(m.AuditEntry.action == "denied"))
        return sum(1 for d in rows if action in d)


# ---------------------------------------------------------------- the no-show ban


def test_the_hall_file_keeps_the_rule_defaults() -> None:
    """resources/appointments.toml and the domain's defaults say the same (a changed default
    or a changed file line is a changed rule)."""
    assert load_rules() == Rules()


def test_the_ban_runs_30_days_from_the_last_no_show(
    hall: Hall, clock: FakeClock, reception: Actor
) -> None:
    """Catches: the ban's length (ban_days), counting from the first no-show instead of the
    last, and the last barred day (``until >= today``)."""
    person = citizen("19850101", 7)
    day = TOMORROW
    missed = []
    for _ in range(3):
        _book(hall, reception, person, day)
        _at(clock, day, "18:00")  # the slot ended without a check-in
        assert hall.appointments.sweep_no_shows() == 1
        missed.append(day)
        day = hall.appointments.bookable_days()[0]
    until = missed[-1] + dt.timedelta(days=30)
    assert missed[0] != missed[-1]
    with pytest.raises(NotAllowed, match=f"90 天内爽约已达 3 次，{until} 前不能预约"):
        _book(hall, reception, person, day)
    _at(clock, until, "09:00")  # the last barred day
    with pytest.raises(NotAllowed, match=f"{until} 前不能预约"):
        _book(hall, reception, person, hall.appointments.bookable_days()[0])
    _at(clock, until + dt.timedelta(days=1), "09:00")
    free_day = hall.appointments.bookable_days()[0]
    assert _book(hall, reception, person, free_day).state == "booked"


def test_a_no_show_90_days_back_no_longer_counts(
    hall: Hall, clock: FakeClock, reception: Actor
) -> None:
    """Catches: the 90-day window (``<`` made ``<=``, or another number of days)."""
    person = citizen("19850101", 8)
    first = TOMORROW
    _book(hall, reception, person, first)
    _at(clock, first, "18:00")
    assert hall.appointments.sweep_no_shows() == 1
    # two more no-shows, the last of them 90 days after the first
    later = [first + dt.timedelta(days=88), first + dt.timedelta(days=90)]
    for day in later:
        _at(clock, day - dt.timedelta(days=1), "09:00")
        assert day in hall.appointments.bookable_days()
        _book(hall, reception, person, day)
        _at(clock, day, "18:00")
        assert hall.appointments.sweep_no_shows() == 1
    # today is 90 days after the first: only two count
    assert _book(hall, reception, person, hall.appointments.bookable_days()[0]).state == "booked"


# ---------------------------------------------------------------- green channel at check-in


@pytest.mark.parametrize(("birth", "green"), [("19561126", True), ("19561127", False)])
def test_the_green_channel_starts_on_the_70th_birthday(
    hall: Hall, clock: FakeClock, reception: Actor, birth: str, green: bool
) -> None:
    """Catches: the age boundary (``>=`` made ``>``, or 70 made 71 or 69)."""
    booking = _book(hall, reception, citizen(birth, 9), TOMORROW)
    _at(clock, TOMORROW, "09:05")
    result = hall.appointments.check_in(reception, booking.code)
    expected = Priority.GREEN if green else Priority.APPOINTMENT
    assert result.issued.ticket.priority is expected


# ---------------------------------------------------------------- call order and transfer


def _clerk(hall: Hall, window: int) -> Actor:
    with hall.db.read() as s:
        staff_no = s.scalar(select(m.Staff.staff_no).where(m.Staff.default_window == window))
    assert staff_no is not None
    return login(hall, staff_no, window)


def test_a_ticket_sent_to_a_window_is_called_there_before_older_tickets(
    hall: Hall, clock: FakeClock, reception: Actor
) -> None:
    """Catches: the call order's first key (a ticket sent to this window comes first)."""
    window = 3  # serves A first (demo hall)
    clerk = login(hall, "1003", window)
    older = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket.number
    clock.advance(minutes=5)
    sent = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket.number
    view = hall.tickets.transfer(reception, number=sent, to_window=window, reason="原经办人")
    assert view.target_window_number == window
    assert hall.tickets.call_next(clerk, window).number == sent
    hall.tickets.start(clerk, window)
    hall.tickets.finish(clerk, window)
    assert hall.tickets.call_next(clerk, window).number == older


def _utc(moment: dt.datetime) -> dt.datetime:
    """A stored moment compared as UTC (SQLite gives it back without a zone)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def test_a_transfer_keeps_the_ticket_s_queue_time(
    hall: Hall, clock: FakeClock, reception: Actor
) -> None:
    """Catches: a transfer that restarts the ticket's queue time (it would then wait behind
    the tickets issued while it was at the first window)."""
    clerk_a = login(hall, "1003", 3)  # A first
    moved = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket
    clock.advance(minutes=3)
    hall.tickets.call_next(clerk_a, 3)
    hall.tickets.start(clerk_a, 3)
    clock.advance(minutes=5)
    waiting_c = hall.tickets.issue(reception, item_code=_item(hall, "C")).ticket
    clock.advance(minutes=5)  # the transfer comes after the C ticket was issued
    hall.tickets.transfer(clerk_a, window_number=3, to_category="C", reason="应办社保")
    with hall.db.read() as s:
        queued = s.scalar(select(m.Ticket.queued_at).where(m.Ticket.number == moved.number))
    assert queued is not None and _utc(queued) == _utc(moved.issued_at)
    window_c = next(
        w.number for w in hall.queues.status().windows if w.categories and w.categories[0] == "C"
    )
    clerk_c = _clerk(hall, window_c)
    assert hall.tickets.call_next(clerk_c, window_c).number == moved.number
    hall.tickets.recall(clerk_c, window_c)
    hall.tickets.no_show(clerk_c, window_c)
    assert hall.tickets.call_next(clerk_c, window_c).number == waiting_c.number


def test_fairness_needs_all_of_the_last_calls_to_be_priority(
    hall: Hall, clock: FakeClock, reception: Actor
) -> None:
    """Catches: "all" made "any" in the fairness rule (one priority call among the last two
    would let a walk-in jump ahead of the next appointment)."""
    code = _item(hall, "A")
    clerk = login(hall, "1003", 3)

    def serve() -> str:
        number = hall.tickets.call_next(clerk, 3).number
        hall.tickets.start(clerk, 3)
        hall.tickets.finish(clerk, 3)
        clock.advance(minutes=1)
        return number

    first = hall.tickets.issue(reception, item_code=code, appointment=True).ticket.number
    assert serve() == first
    walk_in = hall.tickets.issue(reception, item_code=code).ticket.number
    assert serve() == walk_in  # the last two calls: a walk-in, then an appointment
    waiting = hall.tickets.issue(reception, item_code=code).ticket.number
    clock.advance(minutes=25)
    booked = hall.tickets.issue(reception, item_code=code, appointment=True).ticket.number
    assert serve() == booked  # not the walk-in: the streak is broken
    assert serve() == waiting


# ---------------------------------------------------------------- who may do what


def _tidal_auto(hall: Hall) -> str | None:
    with hall.db.read() as s:
        return s.scalar(select(m.HallSetting.value).where(m.HallSetting.key == "tidal.auto"))


def test_only_a_supervisor_switches_the_tidal_auto_mode(hall: Hall, reception: Actor) -> None:
    """Catches: the permission of ``set_auto`` (or the supervisor's grant of it)."""
    for actor in (login(hall, "1001", 1), reception):
        with pytest.raises(NotAllowed, match="无权"):
            hall.tidal.set_auto(actor, True)
    assert _tidal_auto(hall) is None
    assert _denied(hall, "set_auto") + _denied(hall, "manage_tidal") >= 2
    hall.tidal.set_auto(login(hall, "3001"), True)
    assert _tidal_auto(hall) == "1"


def test_only_a_supervisor_settles_a_conflict(hall: Hall, clock: FakeClock) -> None:
    """Catches: the permission of ``fallback.resolve``."""
    key, _ = a004_conflict(hall, clock)
    for actor in (login(hall, "1003", 3), login(hall, "2001")):
        with pytest.raises(NotAllowed, match="无权"):
            hall.fallback.resolve(actor, key, "窗口3已办结", "offline")
    assert hall.fallback.open_conflicts("pytest") == 1
    assert hall.fallback.resolve(login(hall, "3001"), key, "窗口3已办结", "offline") == "finished"


def test_a_clerk_cannot_cancel_tickets_or_bookings(
    hall: Hall, clock: FakeClock, reception: Actor
) -> None:
    """Catches: the permission of ``tickets.cancel`` and ``appointments.cancel``."""
    clerk = login(hall, "1003", 3)
    number = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket.number
    booking = _book(hall, reception, citizen("19850101", 11), TOMORROW)
    with pytest.raises(NotAllowed, match="无权"):
        hall.tickets.cancel(clerk, number)
    with pytest.raises(NotAllowed, match="无权"):
        hall.appointments.cancel(clerk, booking.code)
    assert hall.tickets.find(number).state.value == "waiting"
    [listed] = [a for a in hall.appointments.day_list(TOMORROW) if a.code == booking.code]
    assert listed.state == "booked"
    assert hall.tickets.cancel(reception, number).state.value == "cancelled"
    assert hall.appointments.cancel(reception, booking.code).state == "cancelled"


# ---------------------------------------------------------------- offline conflicts


def test_a_conflict_stays_a_conflict_when_the_journal_is_reconciled_again(
    hall: Hall, clock: FakeClock
) -> None:
    """Catches: a second reconciliation that replays (and marks merged) the records already
    settled as conflicts."""
    key, _ = a004_conflict(hall, clock)
    clerk = login(hall, "1003", 3)
    again = hall.fallback.reconcile(hall.journal, clerk)
    assert (again.merged, again.already, again.conflicts) == (0, 0, [])
    [record] = [r for r in hall.journal.records() if r.key == key]
    assert record.state == "conflict"
    assert hall.journal.counts().get("conflict") == 1
    [conflict] = hall.fallback.conflicts()
    assert conflict.key == key and conflict.settleable
    assert hall.fallback.open_conflicts("pytest") == 1
    assert hall.tickets.find("A004").state.value == "waiting"  # the server's state, unchanged
    with hall.db.read() as s:
        duplicates = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == "offline_duplicate")
        ).all()
    assert duplicates == []


# ---------------------------------------------------------------- no full ID in the audit trail


SUN = citizen("19900307", 771)


@pytest.mark.parametrize(
    "written",
    [
        SUN,
        SUN.lower(),
        f"{SUN[:6]} {SUN[6:14]} {SUN[14:]}",
        f"{SUN[:6]}-{SUN[6:14]}-{SUN[14:]}",
        SUN.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")),
        SUN[:6] + SUN[8:17],  # the old 15-digit form
    ],
)
def test_no_full_id_number_reaches_an_audit_entry(hall: Hall, written: str) -> None:
    """Catches: an ID number written into an audit entry unmasked, however it was typed."""
    supervisor = login(hall, "3001")
    hall.appointments.lift_ban(supervisor, SUN, f"市民{written}因病未到")
    with hall.db.read() as s:
        entry = s.scalar(select(m.AuditEntry).where(m.AuditEntry.action == "ban_lift"))
    assert entry is not None
    detail = json.loads(entry.detail)
    assert detail["id"] == SUN[:6] + "********" + SUN[-4:]
    plain = unicodedata.normalize("NFKC", entry.detail)  # full-width digits read as digits
    assert not leaks(plain), plain
    assert SUN[6:14] not in plain and SUN[8:14] not in plain
