"""Tidal reassignment through the services on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from hall_app.domain.errors import NotAllowed
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login


def _staffed(hall: Hall) -> list[tuple[int, str, set[str], tuple[str, ...]]]:
    """(window, clerk, qualifications, categories) of every window with a default clerk."""
    status = hall.queues.status()
    with hall.db.read() as s:
        clerks = {
            w: (no, sid)
            for w, no, sid in s.execute(
                select(m.Staff.default_window, m.Staff.staff_no, m.Staff.id).where(
                    m.Staff.default_window.is_not(None)
                )
            )
        }
        quals: dict[int, set[str]] = {}
        for sid, code in s.execute(
            select(m.StaffQualification.staff_id, m.Category.code).join(
                m.Category, m.Category.id == m.StaffQualification.category_id
            )
        ):
            quals.setdefault(sid, set()).add(code)
    return [
        (w.number, clerks[w.number][0], quals.get(clerks[w.number][1], set()), w.categories)
        for w in status.windows
        if w.number in clerks
    ]


def _switchable(hall: Hall) -> tuple[int, str, set[str], tuple[str, ...]]:
    """A window whose clerk has two qualifications and which has no green lane (changing a
    green-channel window is refused without an override: see test_tidal_coverage.py)."""
    return next(x for x in _staffed(hall) if len(x[2]) >= 2 and "L" not in x[3])


def test_only_supervisors_reassign_and_only_to_qualified_categories(hall: Hall):
    window, staff_no, quals, cats = _switchable(hall)
    clerk = login(hall, staff_no, window)
    other = sorted(quals - {cats[0]})[0]
    with pytest.raises(NotAllowed, match="窗口人员无权执行「潮汐窗口调配」"):
        hall.tidal.reassign(clerk, [window], [other], "我想换")
    supervisor = login(hall, "3001")
    hall.tidal.reassign(supervisor, [window], [other, cats[0]], "社保排队过长")
    assert hall.queues.status().window(window).categories == (other, cats[0])
    unqualified = next(
        c.code for c in hall.queues.status().lanes if c.code not in quals and not c.green_channel
    )
    with pytest.raises(NotAllowed, match="资质"):
        hall.tidal.reassign(supervisor, [window], [unqualified], "试试")
    [change] = hall.tidal.changes()
    assert (change.window, change.new, change.by) == (window, f"{other},{cats[0]}", "蒋红梅")


def test_a_time_boxed_switch_reverts_by_itself(hall: Hall, clock: FakeClock):
    window, staff_no, quals, cats = _switchable(hall)
    login(hall, staff_no, window)
    other = sorted(quals - {cats[0]})[0]
    until = clock.now + dt.timedelta(hours=2)
    hall.tidal.reassign(login(hall, "3001"), [window], [other], "高峰临时支援", until=until)
    assert hall.tidal.tick() == 0
    clock.advance(hours=2, minutes=1)
    assert hall.tidal.tick() == 1
    assert hall.queues.status().window(window).categories == cats
    assert hall.tidal.changes()[0].source == "revert"


def test_the_ticket_in_hand_is_kept_and_the_next_call_uses_the_new_order(hall: Hall):
    window, staff_no, quals, cats = _switchable(hall)
    clerk = login(hall, staff_no, window)
    other = sorted(quals - {cats[0]})[0]
    reception = login(hall, "2001")
    first = hall.tickets.issue(reception, category_code=cats[0]).ticket.number
    later = hall.tickets.issue(reception, category_code=other).ticket.number
    hall.tickets.issue(reception, category_code=cats[0])
    assert hall.tickets.call_next(clerk, window).number == first
    hall.tidal.reassign(login(hall, "3001"), [window], [other, cats[0]], "支援")
    assert hall.tickets.current(window).number == first  # kept
    hall.tickets.start(clerk, window)
    hall.tickets.finish(clerk, window)
    assert hall.tickets.call_next(clerk, window).number == later


def test_proposals_from_the_live_queues(hall: Hall, clock: FakeClock):
    staffed = _staffed(hall)
    for window, staff_no, _q, _c in staffed:
        login(hall, staff_no, window)
    busy = "C"
    reception = login(hall, "2001")
    for _ in range(40):
        hall.tickets.issue(reception, category_code=busy)
        clock.advance(seconds=30)
    proposals = hall.tidal.proposals()
    assert proposals, "a queue of 40 in one lane should move some window"
    assert all(p.lane_to == busy for p in proposals)
    assert all(p.wait_to_after < p.wait_to_before for p in proposals)
    applied = hall.tidal.auto()
    assert [p.window for p in applied] == [p.window for p in proposals]
    assert hall.tidal.proposals() == [] or all(
        p.window not in {a.window for a in applied} for p in hall.tidal.proposals()
    )


def test_a_planned_schedule_applies_itself_and_ends(hall: Hall, clock: FakeClock):
    from tests.conftest import SHANGHAI

    window, staff_no, quals, cats = _switchable(hall)
    login(hall, staff_no, window)
    other = sorted(quals - {cats[0]})[0]
    supervisor = login(hall, "3001")
    with pytest.raises(NotAllowed, match="导服/前台无权执行「潮汐窗口调配」"):
        hall.tidal.add_schedule(login(hall, "2001"), 0, "09:00", "11:30", [window], [other], "x")
    hall.tidal.add_schedule(
        supervisor, 0, "09:00", "11:30", [window], [other, cats[0]], "周一上午社保高峰"
    )
    clock.now = dt.datetime(2026, 11, 23, 8, 59, tzinfo=SHANGHAI)  # a Monday
    assert hall.tidal.tick_all() == 0
    clock.now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)
    assert hall.tidal.tick_all() == 1
    assert hall.queues.status().window(window).categories == (other, cats[0])
    clock.now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
    assert hall.tidal.tick_all() == 0  # once a day
    clock.now = dt.datetime(2026, 11, 23, 11, 31, tzinfo=SHANGHAI)
    assert hall.tidal.tick_all() == 1  # the time box ends: back to the catalog's order
    assert hall.queues.status().window(window).categories == cats
    clock.now = dt.datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI)  # Tuesday: not planned
    assert hall.tidal.tick_all() == 0


def test_a_waiting_rule_adds_a_lane_to_windows(hall: Hall, clock: FakeClock):
    window, staff_no, quals, cats = next(x for x in _staffed(hall) if len(x[2] - set(x[3])) >= 1)
    login(hall, staff_no, window)
    extra = sorted(quals - set(cats))[0]
    hall.tidal.add_rule(login(hall, "3001"), extra, 30, [window])
    hall.tickets.issue(login(hall, "2001"), category_code=extra)
    clock.advance(minutes=29)
    assert hall.tidal.tick_all() == 0
    clock.advance(minutes=2)
    assert hall.tidal.tick_all() == 1
    assert hall.queues.status().window(window).categories == (*cats, extra)
    assert "同时叫号" in hall.tidal.changes()[0].reason


def test_a_paused_window_calls_nobody_and_is_flagged_when_paused_too_long(
    hall: Hall, clock: FakeClock
):
    window, staff_no, _quals, cats = _staffed(hall)[3]
    clerk = login(hall, staff_no, window)
    hall.tickets.issue(login(hall, "2001"), category_code=cats[0])
    hall.tickets.pause(clerk, window)
    with pytest.raises(NotAllowed, match="暂停服务"):
        hall.tickets.call_next(clerk, window)
    clock.advance(minutes=16)
    texts = [a.text for a in hall.tidal.console(hall.queues).alerts]
    assert f"{window}号窗口已暂停服务 16 分钟" in texts
    hall.tickets.resume(clerk, window)
    assert hall.tickets.call_next(clerk, window) is not None


def test_a_later_change_is_not_undone_when_an_earlier_time_box_ends(hall: Hall, clock: FakeClock):
    window, staff_no, quals, cats = _switchable(hall)
    login(hall, staff_no, window)
    other = sorted(quals - {cats[0]})[0]
    supervisor = login(hall, "3001")
    hall.tidal.reassign(
        supervisor, [window], [other], "临时支援", until=clock.now + dt.timedelta(hours=1)
    )
    clock.advance(minutes=30)
    hall.tidal.reassign(supervisor, [window], [cats[0], other], "重新安排，长期有效")
    clock.advance(hours=1)
    assert hall.tidal.tick() == 0
    assert hall.queues.status().window(window).categories == (cats[0], other)
