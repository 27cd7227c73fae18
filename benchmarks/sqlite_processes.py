"""How many terminal processes one SQLite file carries: N processes on one PC log in at the
same moment (a reception login and a clerk login each), then issue, call, start and finish as
fast as they can, with no retry. Figures: DatabaseLocked count, failed logins, the longest
write, p50/p99 of issue and call.

    .venv/bin/python benchmarks/sqlite_processes.py [--processes 4 8 12 20] [--rounds 25]

The database runs as the app runs it (WAL, 5 s busy timeout) with ``synchronous=FULL``.
The supported number (README, ``tests/test_concurrency.py``) is the largest N here with
0 DatabaseLocked and 0 failed logins with room to spare on a loaded machine.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hall_app.services.catalog import bootstrap_actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def full_sync() -> None:
    """Every SQLite connection of this process runs with ``synchronous=FULL`` (the main
    database's setting after issue 14; harmless once store/db.py sets it itself)."""
    from sqlalchemy import event

    from hall_app.store import db

    if getattr(db, "_bench_full_sync", False):
        return
    original = db._sqlite_setup

    def setup(engine: Any) -> None:
        original(engine)

        @event.listens_for(engine, "connect")
        def _full(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute("PRAGMA synchronous = FULL")

    db._sqlite_setup = setup
    db._bench_full_sync = True  # type: ignore[attr-defined]


def prepare(url: str, processes: int) -> list[tuple[int, str, str]]:
    """A fresh demo hall; (window, clerk, item) for the first ``processes`` staffed windows."""
    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.hall import open_hall

    hall = open_hall(Config(db_url=url, terminal="bench-setup"), upgrade=True)
    try:
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        return plan_for(hall, processes)
    finally:
        hall.close()


def plan_for(hall: Any, count: int) -> list[tuple[int, str, str]]:
    """(window, clerk, an item of the window's first lane) for the first ``count`` staffed
    windows of the demo hall."""
    from sqlalchemy import select

    from hall_app.store.models import Staff

    status = hall.queues.status()
    entries = [e for e in hall.catalog.entries() if e.kind == "item"]
    with hall.db.read() as s:
        clerks = dict(
            s.execute(
                select(Staff.default_window, Staff.staff_no).where(
                    Staff.default_window.is_not(None)
                )
            ).all()
        )
    plan = []
    for w in status.windows:
        lane = next((c for c in w.categories if any(e.lane_code == c for e in entries)), None)
        if lane and w.number in clerks:
            item = next(e.code for e in entries if e.lane_code == lane)
            plan.append((w.number, clerks[w.number], item))
    if len(plan) < count:
        raise ValueError(f"the demo hall has {len(plan)} staffed windows, not {count}")
    return plan[:count]


def terminal(args: tuple[str, int, str, str, int, float]) -> dict[str, Any]:
    """One terminal process: log in at ``start_at``, then work ``rounds`` tickets, no retry."""
    from hall_app.config import Config
    from hall_app.domain.errors import DatabaseLocked, KnownError, NotAllowed
    from hall_app.services.hall import open_hall

    full_sync()
    url, window, clerk_no, item, rounds, start_at = args
    hall = open_hall(Config(db_url=url, terminal=f"bench-{window}"), upgrade=False)
    lock = _lock_timing(hall)
    out: dict[str, Any] = {
        "locked": {},
        "failed_logins": 0,
        "errors": [],
        "ops": 0,
        "issue": [],
        "call": [],
        "longest": 0.0,
        "issued": [],
        "called": [],
    }

    def op(kind: str, action: Any) -> Any:
        a = time.perf_counter()
        try:
            return action()
        except DatabaseLocked:
            out["locked"][kind] = out["locked"].get(kind, 0) + 1
            return None
        finally:
            took = time.perf_counter() - a
            out["longest"] = max(out["longest"], took)
            if took > 1.0:
                out.setdefault("slow", []).append((kind, round(a - t0, 2), round(took, 2)))
            out["ops"] += 1
            if kind in ("issue", "call"):
                out[kind].append(took)

    try:
        while time.time() < start_at:
            time.sleep(0.005)
        t0 = time.perf_counter()
        try:
            reception = op("login", lambda: hall.auth.login("2001", "demo2001"))
            clerk = op("login", lambda: hall.auth.login(clerk_no, f"demo{clerk_no}", window))
        except KnownError as error:
            out["errors"].append(f"login: {error}")
            reception = clerk = None
        if reception is None or clerk is None:
            out["failed_logins"] += 1
            return out
        for _ in range(rounds):
            issued = op("issue", lambda: hall.tickets.issue(reception, item_code=item))
            if issued is not None:
                out["issued"].append(issued.ticket.number)
            try:
                ticket = op("call", lambda: hall.tickets.call_next(clerk, window))
            except NotAllowed as error:
                out["errors"].append(f"call: {error}")
                continue
            if ticket is None:
                continue
            out["called"].append(ticket.number)
            op("start", lambda: hall.tickets.start(clerk, window))
            op("finish", lambda: hall.tickets.finish(clerk, window))
    finally:
        hall.close()
        out["lock_wait"], out["lock_held"] = lock["wait"], lock["held"]
    return out


def _lock_timing(hall: Any) -> dict[str, list[float]]:
    """How long this process waits for the write lock and holds it, per write."""
    from sqlalchemy import event

    from hall_app.store import db

    timing: dict[str, list[float]] = {"wait": [], "held": []}
    began: list[float] = []
    original = db.begin_immediate

    def timed(*args: Any) -> None:
        a = time.perf_counter()
        original(*args)
        b = time.perf_counter()
        timing["wait"].append(b - a)
        began.append(b)

    db.begin_immediate = timed

    def ended(_conn: Any) -> None:
        if began:
            timing["held"].append(time.perf_counter() - began.pop())

    event.listen(hall.db.engine, "commit", ended)
    event.listen(hall.db.engine, "rollback", ended)
    return timing


def pool(processes: int) -> Any:
    """Terminal processes forked from a clean server that has imported the app once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["benchmarks.sqlite_processes", "hall_app.services.hall"])
    return context.Pool(processes)


def run(processes: int, rounds: int) -> dict[str, Any]:
    full_sync()
    folder = Path(tempfile.mkdtemp(prefix="hall-sqlite-procs-"))
    url = f"sqlite:///{folder / 'hall.sqlite3'}"
    plan = prepare(url, processes)
    with pool(processes) as p:
        # everyone starts together, once every process is up (forkserver: ~0.1 s each)
        start_at = time.time() + 2 + 0.2 * processes
        results = p.map(terminal, [(url, w, c, i, rounds, start_at) for w, c, i in plan])
    locked: dict[str, int] = {}
    for r in results:
        for k, v in r["locked"].items():
            locked[k] = locked.get(k, 0) + v
    return {
        "processes": processes,
        "ops": sum(r["ops"] for r in results),
        "locked": locked,
        "failed_logins": sum(r["failed_logins"] for r in results),
        "errors": [e for r in results for e in r["errors"]],
        "issue": [x for r in results for x in r["issue"]],
        "call": [x for r in results for x in r["call"]],
        "longest": max(r["longest"] for r in results),
        "slow": [x for r in results for x in r.get("slow", [])],
        "lock_wait": [x for r in results for x in r["lock_wait"]],
        "lock_held": [x for r in results for x in r["lock_held"]],
        "issued": sum(len(r["issued"]) for r in results),
        "called": sum(len(r["called"]) for r in results),
    }


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, nargs="+", default=[4, 8, 12, 20])
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()
    print(
        "SQLite (WAL, synchronous=FULL, busy timeout 5 s): N processes log in at once, "
        f"then {args.rounds} x issue/call/start/finish each, no pause, no retry"
    )
    for n in args.processes:
        r = run(n, args.rounds)
        locked = sum(r["locked"].values())
        print(
            f"  {n:>3} processes: {r['ops']} writes, DatabaseLocked {locked} "
            f"({100 * locked / max(1, r['ops']):.1f}%: {r['locked'] or '-'}), failed logins "
            f"{r['failed_logins']}; issue p50 {1000 * pct(r['issue'], 0.5):.0f} ms "
            f"p99 {1000 * pct(r['issue'], 0.99):.0f} ms, call p50 "
            f"{1000 * pct(r['call'], 0.5):.0f} ms p99 {1000 * pct(r['call'], 0.99):.0f} ms, "
            f"longest write {r['longest']:.2f} s"
        )
        print(
            f"      write lock: wait p50 {1000 * pct(r['lock_wait'], 0.5):.0f} ms p99 "
            f"{1000 * pct(r['lock_wait'], 0.99):.0f} ms max {max(r['lock_wait'], default=0):.2f} s; held "
            f"p50 {1000 * pct(r['lock_held'], 0.5):.0f} ms p99 {1000 * pct(r['lock_held'], 0.99):.0f}"
            f" ms max {max(r['lock_held'], default=0):.2f} s"
        )
        slow = collections.Counter(kind for kind, _at, _took in r["slow"])
        print(f"      operations over 1 s: {dict(slow) or 0}")
        for e in r["errors"][:5]:
            print(f"      {e}")


if __name__ == "__main__":
    main()
