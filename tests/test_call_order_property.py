"""The online call (one SQL query) picks the ticket the domain's call order picks, on random
queues in a real database (SQLite and PostgreSQL): lanes and the green channel's item lane,
tickets sent to windows, priorities, queue-time ties, and a window's recent calls (fairness).
"""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from hall_app.domain.call_order import Caller, Waiting, pick_next
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from hall_app.services.qualifications import servable_ids
from hall_app.store.call_models import CallEventRow
from hall_app.store.models import Category, Staff, Ticket, Window, WindowCategory
from tests.conftest import login

# what a random ticket is: lane and item lane (indexes into the window's lanes, thrice, then
# the green lane and one other), priority,
# minutes queued before now (a coarse grid, so ties are common), sent to a window (index)
_TICKET = st.tuples(
    st.integers(0, 15),
    st.integers(0, 15),
    st.integers(0, 2),
    st.sampled_from([0, 5, 19, 20, 20, 21, 40]),  # fairness waits 20 minutes
    st.sampled_from([None, None, None, None, 0, 1, 2, 3]),
)
_QUEUE = st.lists(_TICKET, min_size=1, max_size=14)
# the window's last calls today (their priorities, newest first), often a priority streak
_R = random.Random(0)
_RECENT = st.one_of(st.just([0, 1]), st.lists(st.sampled_from([0, 1, 2]), max_size=3))


def _clerks(hall: Hall) -> list[tuple[int, int, Actor]]:
    """(window id, number, clerk logged in there) for the windows with a default clerk."""
    with hall.db.read() as s:
        rows = s.execute(
            select(Window.id, Window.number, Staff.staff_no)
            .join(Staff, Staff.default_window == Window.number)
            .where(Window.active)
            .order_by(Window.number)
        ).all()
    return [(wid, number, login(hall, staff_no, number)) for wid, number, staff_no in rows]


def _caller(hall: Hall, window_id: int, actor: Actor) -> Caller:
    with hall.db.read() as s:
        lanes = list(
            s.scalars(
                select(WindowCategory.category_id)
                .where(WindowCategory.window_id == window_id)
                .order_by(WindowCategory.position)
            )
        )
        return Caller(window_id, tuple(servable_ids(s, actor.staff_id, actor.permissions, lanes)))


def test_sql_and_domain_call_order_pick_the_same_ticket(hall: Hall, clock: FakeClock) -> None:
    clerks = _clerks(hall)
    with hall.db.read() as s:
        lanes = list(s.scalars(select(Category.id).order_by(Category.green_channel.desc())))
    windows = [wid for wid, _n, _a in clerks]
    callers = {wid: _caller(hall, wid, actor) for wid, _n, actor in clerks}
    assert any(len(c.lanes) > 1 for c in callers.values())

    @settings(
        max_examples=40,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    # fairness at its edges: a walk-in who waited exactly the 20 minutes goes first, an
    # appointment is no walk-in
    @example(at=0, queue=[(0, 0, 0, 0, None), (0, 0, 2, 20, None)], recent=[0, 1], order=_R)
    @example(at=0, queue=[(0, 0, 0, 0, None), (0, 0, 1, 25, None)], recent=[0, 1], order=_R)
    @given(
        at=st.integers(0, len(clerks) - 1),
        queue=_QUEUE,
        recent=_RECENT,
        order=st.randoms(use_true_random=False),
    )
    def check(
        at: int, queue: list[tuple[int, int, int, int, int | None]], recent: list[int], order
    ) -> None:  # type: ignore[no-untyped-def]
        window_id, number, clerk = clerks[at]
        now, day = hall.ctx.now(), hall.ctx.today()
        mine = callers[window_id].lanes
        near = [*mine, *mine, *mine, *[lane for lane in lanes if lane not in mine][:2]]
        rows = [
            Ticket(
                service_date=day,
                number=f"T{i:03d}",
                prefix="T",
                sequence=i,
                category_id=near[lane % len(near)],
                service_category_id=near[service % len(near)],
                priority=priority,
                state="waiting",
                issued_at=now - dt.timedelta(minutes=minutes),
                queued_at=now - dt.timedelta(minutes=minutes),
                target_window_id=windows[sent % len(windows)] if sent is not None else None,
            )
            for i, (lane, service, priority, minutes, sent) in enumerate(queue, start=1)
        ]
        done = [
            Ticket(
                service_date=day,
                number=f"R{i:03d}",
                prefix="R",
                sequence=i,
                category_id=lanes[0],
                service_category_id=lanes[0],
                priority=priority,
                state="finished",
                issued_at=now - dt.timedelta(hours=2),
                queued_at=now - dt.timedelta(hours=2),
                called_at=now - dt.timedelta(minutes=i),  # R001 is the newest call
                window_id=window_id,
            )
            for i, priority in enumerate(recent, start=1)
        ]
        order.shuffle(rows)  # ids need not follow the queue times
        with hall.db.write() as s:
            s.execute(delete(CallEventRow))  # each call is recorded for the board
            s.execute(delete(Ticket))
            s.add_all(rows + done)
            s.flush()
            waiting = {
                t.id: Waiting(
                    t.category_id,
                    t.service_category_id,
                    t.priority,
                    t.queued_at,
                    t.id,
                    t.target_window_id,
                )
                for t in rows
            }
            numbers = {t.id: t.number for t in rows}
        expected = pick_next(
            list(waiting.values()),
            callers[window_id],
            now=now,
            recent=recent,
            fairness=hall.tickets.fairness,
        )
        called = hall.tickets.call_next(clerk, number)
        assert (called.number if called else None) == (
            numbers[expected.issue_order] if expected else None
        )

    check()
