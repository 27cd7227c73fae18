"""Issue 15, defect 4: offline conflicts settled for real — the chosen outcome is applied to
the ticket, and the terminal's count (banner, ``fallback status``) comes from the server."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from hall_app.domain.errors import InvalidInput, NotFound
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login


def a004_conflict(hall: Hall, clock: FakeClock) -> tuple[str, dt.datetime]:
    """A004 is at window 3 when window 3 loses the server; the clerk finishes it offline,
    while on the server a supervisor marked it a no-show and put it back in the queue."""
    reception, clerk, supervisor = login(hall, "2001"), login(hall, "1003", 3), login(hall, "3001")
    for _ in range(4):
        hall.tickets.issue(reception, category_code="A")
    for _ in range(3):
        hall.tickets.call_next(clerk, 3)
        hall.tickets.start(clerk, 3)
        hall.tickets.finish(clerk, 3)
    assert hall.tickets.call_next(clerk, 3).number == "A004"
    clock.advance(minutes=4)
    finished_at = clock.now
    hall.fallback.register_key(clerk, hall.journal)  # its journal key, as prepare gives it
    hall.desk.finish_server_ticket(clerk, "A004")  # offline, in this terminal's journal
    clock.advance(minutes=1)
    hall.tickets.recall(supervisor, 3)  # meanwhile, on the server
    hall.tickets.no_show(supervisor, 3)
    hall.tickets.requeue(supervisor, "A004")
    assert hall.tickets.find("A004").state.value == "waiting"
    report = hall.fallback.reconcile(hall.journal, clerk)
    assert report.merged == 0 and len(report.conflicts) == 1
    assert "A004" in report.conflicts[0][1]
    [conflict] = hall.fallback.conflicts()  # listed without any incident declared
    assert conflict.reference == "A004" and conflict.settleable
    return conflict.key, finished_at


def test_a_finish_settled_offline_finishes_the_ticket_and_it_is_never_called_again(
    hall: Hall, clock: FakeClock
) -> None:
    key, finished_at = a004_conflict(hall, clock)
    assert hall.fallback.open_conflicts("pytest") == 1
    supervisor = login(hall, "3001")
    state = hall.fallback.resolve(supervisor, key, "窗口3已办结，核对无误", "offline")
    assert state == "finished"
    ticket = hall.tickets.find("A004")
    assert ticket.state.value == "finished" and ticket.window_number == 3
    with hall.db.read() as s:
        row = s.scalar(select(m.Ticket).where(m.Ticket.number == "A004"))
        assert row is not None and row.finished_at == finished_at
        audit = s.scalar(select(m.AuditEntry).where(m.AuditEntry.action == "conflict_resolve"))
        assert audit is not None and "offline" in audit.detail
    # no window calls it again, and the terminal's count is 0 on the server's word
    assert hall.tickets.call_next(login(hall, "1004", 4), 4) is None
    assert hall.tickets.call_next(login(hall, "1003", 3), 3) is None
    assert hall.fallback.open_conflicts("pytest") == 0
    assert hall.fallback.conflicts() == []
    with pytest.raises(NotFound):  # settled once only
        hall.fallback.resolve(supervisor, key, "再次处理", "online")


def test_online_and_manual_state_outcomes(hall: Hall, clock: FakeClock) -> None:
    key, _ = a004_conflict(hall, clock)
    supervisor = login(hall, "3001")
    with pytest.raises(InvalidInput, match="处理原因"):
        hall.fallback.resolve(supervisor, key, "  ", "online")
    with pytest.raises(InvalidInput, match="状态"):
        hall.fallback.resolve(supervisor, key, "市民已离开", "state", "called")
    state = hall.fallback.resolve(supervisor, key, "市民已离开，按过号处理", "state", "no_show")
    assert state == "no_show" and hall.tickets.find("A004").state.value == "no_show"
    assert hall.fallback.open_conflicts("pytest") == 0
    settled = hall.fallback.conflicts(open_only=False)
    assert settled[0].outcome == "resolved" and "手工指定状态" in settled[0].detail


def test_keeping_the_online_outcome_leaves_the_ticket_as_the_server_has_it(
    hall: Hall, clock: FakeClock
) -> None:
    key, _ = a004_conflict(hall, clock)
    supervisor: Actor = login(hall, "3001")
    assert hall.fallback.resolve(supervisor, key, "以窗口4的办理为准", "online") == ""
    assert hall.tickets.find("A004").state.value == "waiting"
    assert hall.fallback.open_conflicts("pytest") == 0


def test_a_number_used_twice_cannot_take_the_offline_outcome(hall: Hall, clock: FakeClock) -> None:
    clerk, supervisor = login(hall, "1005", 5), login(hall, "3001")
    hall.fallback.prepare(clerk, hall.journal)
    hall.desk.enter(clerk, "服务器无响应")
    number = hall.desk.issue_ticket(clerk, category_code="A").number
    with hall.db.write() as s:  # the same S number reached the server another way
        lane = s.scalar(select(m.Category).where(m.Category.code == "A"))
        assert lane is not None
        s.add(
            m.Ticket(
                service_date=hall.ctx.today(),
                number=number,
                prefix="S",
                sequence=1,
                category_id=lane.id,
                service_category_id=lane.id,
                state="waiting",
                issued_at=clock.now,
                queued_at=clock.now,
                terminal="other",
            )
        )
    report = hall.fallback.reconcile(hall.journal, clerk)
    assert len(report.conflicts) == 1
    [conflict] = hall.fallback.conflicts(terminal="pytest")
    assert not conflict.settleable
    with pytest.raises(InvalidInput, match="只能保留联网结果"):
        hall.fallback.resolve(supervisor, conflict.key, "核对", "offline")
    hall.fallback.resolve(supervisor, conflict.key, "纸质号票重复，已另发", "online")
    assert hall.fallback.open_conflicts("pytest") == 0


def test_a_finish_settled_offline_takes_the_ticket_from_the_window_that_called_it_since(
    hall: Hall, clock: FakeClock
) -> None:
    """The server had the ticket called again at window 4: settling 'offline' finishes it at
    window 3 as it was, and window 4 no longer holds it."""
    reception, clerk3, clerk4 = login(hall, "2001"), login(hall, "1003", 3), login(hall, "1004", 4)
    supervisor = login(hall, "3001")
    number = hall.tickets.issue(reception, category_code="A").ticket.number
    assert hall.tickets.call_next(clerk3, 3).number == number
    clock.advance(minutes=5)
    hall.fallback.register_key(clerk3, hall.journal)
    hall.desk.finish_server_ticket(clerk3, number)  # offline at window 3
    hall.tickets.recall(supervisor, 3)
    hall.tickets.no_show(supervisor, 3)
    hall.tickets.requeue(supervisor, number)
    called = hall.tickets.call_next(clerk4, 4)  # … and called again at window 4
    assert called is not None and called.number == number
    report = hall.fallback.reconcile(hall.journal, clerk3)
    assert len(report.conflicts) == 1 and "已叫号" in report.conflicts[0][1]
    [conflict] = hall.fallback.conflicts()
    hall.fallback.resolve(supervisor, conflict.key, "市民已在3号窗口办结", "offline")
    ticket = hall.tickets.find(number)
    assert ticket.state.value == "finished" and ticket.window_number == 3
    assert hall.tickets.current(4) is None
    assert hall.tickets.call_next(clerk4, 4) is None


def served_offline_and_online(hall: Hall, clock: FakeClock) -> str:
    """Window 3 (its own outage) calls A001 from its queue snapshot and finishes it, while
    online window 4 called and finished it too: the call and the finish conflict."""
    from hall_app.services.queue_snapshot import keep_queue

    reception, clerk3, clerk4 = login(hall, "2001"), login(hall, "1003", 3), login(hall, "1004", 4)
    number = hall.tickets.issue(reception, category_code="A").ticket.number
    hall.fallback.prepare(clerk3, hall.journal)
    keep_queue(hall.ctx, clerk3, hall.journal)
    clock.advance(minutes=1)
    assert hall.desk.call_number(clerk3, number).number == number  # offline at window 3
    hall.desk.start(clerk3)
    clock.advance(minutes=4)
    hall.desk.finish(clerk3)
    assert hall.tickets.call_next(clerk4, 4).number == number  # meanwhile, online
    hall.tickets.start(clerk4, 4)
    hall.tickets.finish(clerk4, 4)
    report = hall.fallback.reconcile(hall.journal, clerk3)
    assert [ref for ref, _ in report.conflicts] == [number, number]
    return number


def test_a_ticket_called_and_finished_offline_is_one_decision_not_two(
    hall: Hall, clock: FakeClock
) -> None:
    """Settling the finish closes the call with it; the call left open could be settled
    'offline' afterwards and put the finished ticket back at window 3 as called."""
    number = served_offline_and_online(hall, clock)
    supervisor = login(hall, "3001")
    finish = next(c for c in hall.fallback.conflicts() if c.kind == "ticket_finish")
    hall.fallback.resolve(supervisor, finish.key, "市民在3号窗口办结", "offline")
    assert hall.fallback.conflicts() == [] and hall.fallback.open_conflicts("pytest") == 0
    settled = {c.kind: c for c in hall.fallback.conflicts(open_only=False)}
    assert settled["ticket_call"].outcome == "resolved"
    ticket = hall.tickets.find(number)
    assert ticket.state.value == "finished" and ticket.window_number == 3
