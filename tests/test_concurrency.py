"""Many terminals, one truth: processes issue and call at once, on SQLite and PostgreSQL.

PostgreSQL: 20 processes. SQLite serves one PC (a township centre: reception, a board, a few
windows): its supported number is SQLITE_PROCESSES, measured by
``benchmarks/sqlite_processes.py``. At that number every operation succeeds (no
``DatabaseLocked``, no failed login, no retry); no ticket number repeats, no ticket is called
by two windows, a window never holds two.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from hall_app.domain.errors import NotAllowed
from hall_app.services.hall import Hall
from hall_app.store.models import AuditEntry, Staff, Ticket, Window
from tests._terminal import run_terminal, terminal_pool
from tests.conftest import login

PG_PROCESSES = 20
SQLITE_PROCESSES = 8  # the supported number of processes on one SQLite file (README)
ROUNDS = 15

pytestmark = pytest.mark.slow


def _plan(hall: Hall, count: int = PG_PROCESSES) -> list[tuple[int, str, str]]:
    """(window, clerk, an item of the window's first lane) for the first staffed windows."""
    status = hall.queues.status()
    entries = [e for e in hall.catalog.entries() if e.kind == "item"]
    with hall.db.read() as s:
        clerks = {
            window: staff_no
            for window, staff_no in s.execute(
                select(Staff.default_window, Staff.staff_no).where(
                    Staff.default_window.is_not(None)
                )
            )
        }
    plan = []
    for w in status.windows:
        lane = next((c for c in w.categories if any(e.lane_code == c for e in entries)), None)
        if lane and w.number in clerks:
            item = next(e.code for e in entries if e.lane_code == lane)
            plan.append((w.number, clerks[w.number], item))
    assert len(plan) >= count, f"the demo hall needs {count} staffed windows"
    return plan[:count]


def test_many_processes_issue_and_call_without_duplicates(hall: Hall, db_url: str):
    terminals = SQLITE_PROCESSES if hall.db.is_sqlite else PG_PROCESSES
    plan = _plan(hall, terminals)
    jobs = [(db_url, window, clerk, item, ROUNDS) for window, clerk, item in plan]
    with terminal_pool(terminals) as pool:
        results = pool.map(run_terminal, jobs)
    failed: Counter[str] = Counter()
    for r in results:
        failed.update(r["failed"])
    assert not failed, f"operations failed (DatabaseLocked, login …): {dict(failed)}"
    issued = [n for r in results for n in r["issued"]]
    called = [n for r in results for n in r["called"]]
    assert len(issued) == terminals * ROUNDS
    assert not [n for n, c in Counter(issued).items() if c > 1], "a ticket number repeated"
    assert not [n for n, c in Counter(called).items() if c > 1], "a ticket was called twice"
    with hall.db.read() as s:
        rows = s.execute(select(Ticket.number, Ticket.state)).all()
        calls = Counter(s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "call")))
        active = s.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.state.in_(["called", "serving"]))
        )
    assert len(rows) == len(issued) == len({n for n, _ in rows})
    assert sum(1 for _, state in rows if state == "finished") == len(called)
    assert max(calls.values()) == 1
    assert active == 0
    # numbers are gap-free per prefix: none skipped, none reused
    by_prefix: dict[str, list[int]] = {}
    for number, _ in rows:
        by_prefix.setdefault(number[0], []).append(int(number[1:]))
    for seqs in by_prefix.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_a_double_click_never_calls_two_tickets(hall: Hall):
    window, clerk_no, item = _plan(hall)[0]
    reception = login(hall, "2001")
    clerk = login(hall, clerk_no, window)
    for _ in range(4):
        hall.tickets.issue(reception, item_code=item)
    outcomes: list[object] = []
    barrier = threading.Barrier(4)

    def click() -> None:
        barrier.wait()
        try:
            outcomes.append(hall.tickets.call_next(clerk, window))
        except NotAllowed as error:
            outcomes.append(error)

    threads = [threading.Thread(target=click) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    called = [o for o in outcomes if not isinstance(o, NotAllowed)]
    assert len(called) == 1
    with hall.db.read() as s:
        window_id = s.scalar(select(Window.id).where(Window.number == window))
        held = s.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.window_id == window_id, Ticket.state == "called")
        )
    assert held == 1
