"""Ticket services on SQLite and PostgreSQL: numbers, calling order, life cycle, roles."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.tickets import GreenReason, Priority, TicketState
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from hall_app.store.models import AuditEntry, Ticket
from tests.conftest import login


def _window_serving(hall: Hall, first: str) -> int:
    """A window whose first category is ``first``."""
    status = hall.queues.status()
    return next(w.number for w in status.windows if w.categories and w.categories[0] == first)


def _clerk_for(hall: Hall, window: int) -> Actor:
    from hall_app.store.models import Staff

    with hall.db.read() as s:
        staff_no = s.scalar(select(Staff.staff_no).where(Staff.default_window == window))
    return login(hall, staff_no, window)


def _item_in(hall: Hall, lane: str) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


def test_numbers_are_per_prefix_daily_sequences(hall: Hall, reception: Actor, clock: FakeClock):
    a = _item_in(hall, "A")
    b = _item_in(hall, "B")
    numbers = [hall.tickets.issue(reception, item_code=code).ticket.number for code in (a, a, b, a)]
    assert numbers == ["A001", "A002", "B001", "A003"]
    clock.advance(days=1)
    assert hall.tickets.issue(reception, item_code=a).ticket.number == "A001"


def test_people_ahead_counts_the_lane(hall: Hall, reception: Actor):
    a = _item_in(hall, "A")
    results = [hall.tickets.issue(reception, item_code=a) for _ in range(3)]
    assert [r.people_ahead for r in results] == [0, 1, 2]
    assert results[0].hall_name.endswith("政务服务中心")


def test_call_order_lane_rank_then_green_then_first_come(
    hall: Hall, reception: Actor, clock: FakeClock
):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    a = _item_in(hall, "A")
    first = hall.tickets.issue(reception, item_code=a).ticket
    clock.advance(minutes=1)
    second = hall.tickets.issue(reception, item_code=a).ticket
    clock.advance(minutes=1)
    green = hall.tickets.issue(reception, item_code=a, green_reason=GreenReason.ELDERLY).ticket
    assert green.number.startswith("L") and green.priority is Priority.GREEN
    called = []
    for _ in range(3):
        called.append(hall.tickets.call_next(clerk, window).number)
        hall.tickets.start(clerk, window)
        hall.tickets.finish(clerk, window)
    assert called == [green.number, first.number, second.number]
    assert hall.tickets.call_next(clerk, window) is None


def test_window_priority_order_between_lanes(hall: Hall, reception: Actor, clock: FakeClock):
    status = hall.queues.status()
    window = next(w for w in status.windows if len(w.categories) >= 2 and "L" not in w.categories)
    first_lane, second_lane = window.categories[0], window.categories[1]
    clerk = _clerk_for(hall, window.number)
    early = hall.tickets.issue(reception, item_code=_item_in(hall, second_lane)).ticket
    clock.advance(minutes=5)
    late = hall.tickets.issue(reception, item_code=_item_in(hall, first_lane)).ticket
    assert hall.tickets.call_next(clerk, window.number).number == late.number
    hall.tickets.recall(clerk, window.number)
    hall.tickets.no_show(clerk, window.number)
    assert hall.tickets.call_next(clerk, window.number).number == early.number


def test_double_call_is_refused_and_changes_nothing(hall: Hall, reception: Actor):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    a = _item_in(hall, "A")
    hall.tickets.issue(reception, item_code=a)
    hall.tickets.issue(reception, item_code=a)
    first = hall.tickets.call_next(clerk, window)
    with pytest.raises(NotAllowed, match=first.number):
        hall.tickets.call_next(clerk, window)
    with hall.db.read() as s:
        states = {n: st for n, st in s.execute(select(Ticket.number, Ticket.state))}
    assert states == {"A001": "called", "A002": "waiting"}


def test_recall_three_times_then_no_show_then_requeue_once(hall: Hall, reception: Actor):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    number = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket.number
    hall.tickets.call_next(clerk, window)
    assert hall.tickets.recall(clerk, window).call_count == 2
    assert hall.tickets.recall(clerk, window).call_count == 3
    with pytest.raises(NotAllowed, match="过号"):
        hall.tickets.recall(clerk, window)
    assert hall.tickets.no_show(clerk, window).state is TicketState.NO_SHOW
    assert hall.tickets.current(window) is None
    again = hall.tickets.requeue(reception, number)
    assert again.state is TicketState.WAITING
    assert hall.tickets.call_next(clerk, window).number == number
    hall.tickets.recall(clerk, window)
    hall.tickets.no_show(clerk, window)
    with pytest.raises(NotAllowed, match="重新取号"):
        hall.tickets.requeue(reception, number)


def test_finish_before_start_is_refused(hall: Hall, reception: Actor):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    hall.tickets.call_next(clerk, window)
    with pytest.raises(NotAllowed, match="已叫号"):
        hall.tickets.finish(clerk, window)
    assert hall.tickets.current(window).state is TicketState.CALLED


def test_transfer_keeps_the_original_queue_time(hall: Hall, reception: Actor, clock: FakeClock):
    window_a = _window_serving(hall, "A")
    window_c = _window_serving(hall, "C")
    clerk_a = _clerk_for(hall, window_a)
    clerk_c = _clerk_for(hall, window_c)
    moved = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket
    clock.advance(minutes=10)
    later = hall.tickets.issue(reception, item_code=_item_in(hall, "C")).ticket
    hall.tickets.call_next(clerk_a, window_a)
    hall.tickets.start(clerk_a, window_a)
    view = hall.tickets.transfer(
        clerk_a, window_number=window_a, to_category="C", reason="应办社保"
    )
    assert view.state is TicketState.WAITING and view.lane_code == "C"
    assert view.number == moved.number and view.issued_at == moved.issued_at
    # issued ten minutes before the C ticket, it is called first at the C window
    assert hall.tickets.call_next(clerk_c, window_c).number == moved.number
    hall.tickets.recall(clerk_c, window_c)
    hall.tickets.no_show(clerk_c, window_c)
    assert hall.tickets.call_next(clerk_c, window_c).number == later.number


def test_transfer_to_a_window_only_that_window_calls_it(hall: Hall, reception: Actor):
    window_a = _window_serving(hall, "A")
    others = [
        w.number
        for w in hall.queues.status().windows
        if "A" in w.categories and w.number != window_a
    ]
    target = others[0]
    clerk_a = _clerk_for(hall, window_a)
    clerk_t = _clerk_for(hall, target)
    number = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket.number
    hall.tickets.call_next(clerk_a, window_a)
    view = hall.tickets.transfer(
        clerk_a, window_number=window_a, to_window=target, reason="需要原经办人"
    )
    assert view.target_window_number == target
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    assert hall.tickets.call_next(clerk_a, window_a).number == "A002"
    assert hall.tickets.call_next(clerk_t, target).number == number


def test_roles_are_enforced_by_the_services(hall: Hall, reception: Actor):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    with pytest.raises(NotAllowed, match="窗口人员无权"):
        hall.tickets.issue(clerk, item_code=_item_in(hall, "A"))
    with pytest.raises(NotAllowed, match="导服"):
        hall.tickets.call_next(reception, window)
    other = next(w.number for w in hall.queues.status().windows if w.number != window)
    with pytest.raises(NotAllowed, match=f"不能操作{other}号窗口"):
        hall.tickets.call_next(clerk, other)
    supervisor = login(hall, "3001")
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    assert hall.tickets.call_next(supervisor, window) is not None


def test_bad_requests_have_clear_messages(hall: Hall, reception: Actor):
    with pytest.raises(NotFound, match="不存在"):
        hall.tickets.issue(reception, item_code="NO-SUCH-ITEM")
    with pytest.raises(InvalidInput, match="选择一个"):
        hall.tickets.issue(reception)
    with pytest.raises(InvalidInput, match="其他"):
        hall.tickets.issue(reception, category_code="A", green_reason=GreenReason.OTHER)
    with pytest.raises(NotFound, match="今天没有号票 Z999"):
        hall.tickets.requeue(reception, "z999")


def test_every_change_is_audited_and_announced(hall: Hall, reception: Actor):
    from tests.test_changes import announced

    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    with announced(hall) as take:
        ticket = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket
        hall.tickets.call_next(clerk, window)
        hall.tickets.recall(clerk, window)
        hall.tickets.start(clerk, window)
        hall.tickets.finish(clerk, window)
        if take is not None:  # PostgreSQL: one NOTIFY per change (SQLite: data_version)
            assert take(5) == ["queue"] * 5
    with hall.db.read() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.staff_id, AuditEntry.terminal)
            .where(AuditEntry.entity == "ticket", AuditEntry.entity_id == ticket.id)
            .order_by(AuditEntry.id)
        ).all()
    assert [r.action for r in rows] == ["issue", "call", "recall", "start", "finish"]
    assert rows[0].staff_id == reception.staff_id and rows[1].staff_id == clerk.staff_id
    assert all(r.terminal == "pytest" for r in rows)


def test_yesterdays_waiting_tickets_are_not_called(hall: Hall, reception: Actor, clock: FakeClock):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    clock.advance(days=1)
    assert hall.tickets.call_next(clerk, window) is None


def test_times_are_stored_timezone_aware(hall: Hall, reception: Actor, clock: FakeClock):
    view = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket
    assert view.issued_at.tzinfo is not None
    assert view.issued_at == clock.now
    assert hall.tickets.find(view.number).issued_at.utcoffset() == dt.timedelta(0)


def test_queue_status_counts(hall: Hall, reception: Actor):
    a = _item_in(hall, "A")
    hall.tickets.issue(reception, item_code=a)
    hall.tickets.issue(reception, item_code=a, green_reason=GreenReason.DISABLED)
    status = hall.queues.status()
    lanes = {lane.code: lane for lane in status.lanes}
    assert lanes["A"].waiting == 1
    green = next(lane for lane in status.lanes if lane.green_channel)
    assert green.waiting == 1 and green.green_waiting == 1


def test_login_failures_are_counted_and_lock_the_account(hall: Hall):
    for _ in range(5):
        with pytest.raises(InvalidInput, match="工号或密码不正确"):
            hall.auth.login("2001", "wrong")
    with pytest.raises(NotAllowed, match="锁定"):
        hall.auth.login("2001", "demo2001")
    with hall.db.read() as s:
        failures = s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "login_failed")
        )
    assert failures == 5


def test_login_on_an_empty_database_says_what_to_do(tmp_path):
    from hall_app.config import Config
    from hall_app.services.hall import open_hall

    empty = open_hall(Config(db_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}", terminal="t"))
    try:
        with pytest.raises(NotFound, match="catalog import"):
            empty.auth.login("1001", "demo1001")
    finally:
        empty.close()


def test_a_clerk_whose_window_was_taken_over_cannot_act_there(hall: Hall, reception: Actor):
    window = _window_serving(hall, "A")
    first = _clerk_for(hall, window)
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    colleague = login(hall, "1033", window)  # a floating clerk takes the window over
    with pytest.raises(NotAllowed, match="已由其他工作人员登录"):
        hall.tickets.call_next(first, window)
    assert hall.tickets.call_next(colleague, window) is not None


def test_reception_cannot_pull_a_ticket_away_from_a_window(hall: Hall, reception: Actor):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    number = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket.number
    hall.tickets.call_next(clerk, window)
    with pytest.raises(NotAllowed, match="只能由该窗口转移"):
        hall.tickets.transfer(reception, number=number, to_category="C", reason="走错队列")
