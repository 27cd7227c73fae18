"""The call order's rules one by one (domain/call_order.py): each test breaks if one rule
changes by a token."""

from __future__ import annotations

import datetime as dt

from hall_app.domain.call_order import (
    NO_FAIRNESS,
    ORDER,
    Caller,
    Fairness,
    Term,
    Waiting,
    call_list,
    callable_at,
    lane_rank,
    pick_next,
    sort_key,
)
from hall_app.domain.tickets import Priority

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
GREEN, APPOINTMENT, NORMAL = int(Priority.GREEN), int(Priority.APPOINTMENT), int(Priority.NORMAL)
WINDOW = Caller(7, ("A", "C"))


def ticket(
    lane: str = "A",
    *,
    service: str | None = None,
    priority: int = NORMAL,
    minute: int = 0,
    order: int = 0,
    sent_to: int | None = None,
) -> Waiting:
    return Waiting(
        lane, service or lane, priority, T0 + dt.timedelta(minutes=minute), order, sent_to
    )


def test_the_order_of_the_terms() -> None:
    assert ORDER == (
        Term.SENT_HERE,
        Term.LANE_RANK,
        Term.PRIORITY,
        Term.QUEUED_AT,
        Term.ISSUE_ORDER,
    )
    assert sort_key(ticket("C", priority=APPOINTMENT, minute=3, order=9, sent_to=7), WINDOW) == (
        0,
        1,
        APPOINTMENT,
        T0 + dt.timedelta(minutes=3),
        9,
    )
    assert sort_key(ticket("B", sent_to=8), WINDOW)[:2] == (1, 2)


def test_a_ticket_sent_here_comes_first_and_only_here() -> None:
    sent = ticket("C", minute=30, sent_to=7)
    first = ticket("A")
    assert pick_next([first, sent], WINDOW) is sent
    assert not callable_at(ticket("A", sent_to=8), WINDOW)
    assert callable_at(ticket("B", sent_to=7), WINDOW)  # even of a lane it does not serve
    assert pick_next([ticket("A", sent_to=8)], WINDOW) is None


def test_the_windows_lanes_in_its_order_before_priority_and_time() -> None:
    c_green = ticket("C", priority=GREEN)
    a_late = ticket("A", minute=30)
    assert pick_next([c_green, a_late], WINDOW) is a_late
    assert pick_next([c_green, a_late], Caller(7, ("C", "A"))) is c_green
    assert lane_rank(ticket("C"), WINDOW) == 1
    assert lane_rank(ticket("B"), WINDOW) == 2 == WINDOW.unserved
    assert not callable_at(ticket("B"), WINDOW)


def test_a_green_ticket_counts_in_its_item_lane_too() -> None:
    green = ticket("L", service="A", priority=GREEN, minute=10)
    assert callable_at(green, WINDOW)
    assert lane_rank(green, WINDOW) == 0
    assert lane_rank(green, Caller(7, ("A", "L"))) == 0
    assert lane_rank(green, Caller(7, ("C", "L", "A"))) == 1
    assert pick_next([ticket("A"), green], WINDOW) is green
    # only green tickets: an appointment in another lane does not count in its item's lane
    assert not callable_at(ticket("L", service="A", priority=APPOINTMENT), WINDOW)
    assert lane_rank(ticket("C", service="A", priority=NORMAL), WINDOW) == 1


def test_within_a_lane_green_then_appointment_then_walk_in_then_first_come() -> None:
    walk_in = ticket(minute=0, order=1)
    appointment = ticket(priority=APPOINTMENT, minute=5, order=2)
    green = ticket(priority=GREEN, minute=9, order=3)
    assert call_list([walk_in, appointment, green], WINDOW) == [green, appointment, walk_in]
    early, late = ticket(minute=1, order=2), ticket(minute=2, order=1)
    assert call_list([late, early], WINDOW) == [early, late]
    first, second = ticket(order=1), ticket(order=2)
    assert call_list([second, first], WINDOW) == [first, second]


def test_fairness_is_due_after_a_streak_of_priority_calls_only() -> None:
    rule = Fairness(streak=2, wait=dt.timedelta(minutes=20))
    assert rule.due([GREEN, APPOINTMENT])
    assert rule.due([GREEN, GREEN, NORMAL])  # only the last ``streak`` calls count
    assert not rule.due([GREEN, NORMAL])  # all of them, not any
    assert not rule.due([NORMAL, GREEN])
    assert not rule.due([GREEN])  # too few calls yet
    assert not Fairness(streak=0).due([GREEN, GREEN])
    assert not NO_FAIRNESS.due([])
    assert Fairness(streak=1).due([GREEN]) and not Fairness(streak=1).due([NORMAL])


def test_fairness_walk_in_has_waited_long_enough() -> None:
    rule = Fairness(streak=2, wait=dt.timedelta(minutes=20))
    now = T0 + dt.timedelta(minutes=20)
    assert rule.walk_in(ticket(minute=0), now)  # exactly the wait
    assert not rule.walk_in(ticket(minute=1), now)
    assert not rule.walk_in(ticket(minute=0, priority=APPOINTMENT), now)


def test_fairness_moves_the_first_due_walk_in_ahead_of_a_priority_ticket() -> None:
    rule = Fairness(streak=2, wait=dt.timedelta(minutes=20))
    now = T0 + dt.timedelta(minutes=30)
    green = ticket(priority=GREEN, minute=25, order=1)
    old = ticket(minute=5, order=2)
    older = ticket("C", minute=0, order=3)
    fresh = ticket(minute=20, order=4)
    tickets = [green, old, older, fresh]
    streak = [GREEN, APPOINTMENT]
    assert call_list(tickets, WINDOW, now=now, recent=streak, fairness=rule) == [
        old,
        green,
        fresh,
        older,
    ]
    assert pick_next(tickets, WINDOW, now=now, recent=[GREEN, NORMAL], fairness=rule) is green
    assert pick_next(tickets, WINDOW, recent=streak, fairness=rule) is green  # no clock
    assert pick_next(tickets, WINDOW, now=now, recent=streak) is green  # no rule
    # nobody waited long enough: the priority ticket stays first
    assert pick_next([green, fresh], WINDOW, now=now, recent=streak, fairness=rule) is green
    # a walk-in first anyway (not due): nothing moves, not even a due one of a later lane
    assert pick_next([fresh, older], WINDOW, now=now, recent=streak, fairness=rule) is fresh


def test_nothing_to_call() -> None:
    assert pick_next([], WINDOW) is None
    assert call_list([ticket("B")], WINDOW) == []
