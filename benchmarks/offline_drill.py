"""The offline drill (issue 15): the server and the LAN are gone, every terminal starts cold.

    .venv/bin/python benchmarks/offline_drill.py [--tickets 12] [--waiting 4] [--windows 2]

A real PostgreSQL (``fsync=on``, scripts/pg-server) holds the hall. While it runs, reception
and the windows log in once (so each PC keeps its login cache), prepare their offline
blocks and keep a snapshot of the queue, in which a few citizens are waiting. Then the
server is killed (SIGKILL), and each terminal is started again as a new process that finds
no server: a local login (离线登录) from the cache, the offline desk from the journal.
Reception issues S-tickets (some green channel) and says which window to go to; the
citizens carry them, and those who were waiting before the outage, to the windows, where the
clerks type the numbers in and serve them in the order the desk suggests. The server is
started again and every journal is merged, in a shuffled order.

Figures: time from a cold process start to the offline login and to its first call, tickets
served offline, merge time; checks: each ticket exists once and was finished once on the
server, nothing lost, no conflict, each offline login audited once.
``tests/test_offline_drill.py`` runs a small drill and checks the same.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from hall_app.services.catalog import bootstrap_actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.drill import PG, _free_port  # noqa: E402  (after the path is set)

RECEPTION = ("reception-1", "2001", None)
WINDOW_STAFF = ("1001", "1002", "1003", "1004")


def _env(work: Path, terminal: str) -> dict[str, str]:
    return dict(
        os.environ,
        HALL_DATA_DIR=str(work / f"data-{terminal}"),
        HALL_LOG_DIR=str(work / f"log-{terminal}"),
        HALL_CONFIG_DIR=str(work / f"config-{terminal}"),
        PYTHONPATH=str(ROOT),
    )


def _run(work: Path, terminal: str, *args: str, timeout: float = 300) -> dict[str, Any]:
    """One step of one terminal, as its own process on its own data folder."""
    done = subprocess.run(
        [sys.executable, __file__, *args],
        env=_env(work, terminal),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{terminal} {args[:1]} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------- steps run in a terminal


def step_prepare(url: str, terminal: str, staff: str, window: int | None) -> dict[str, Any]:
    """While online: log in at this PC (the cache remembers it), prepare, keep the queue."""
    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.services.local_cache import LoginCache
    from hall_app.services.queue_snapshot import keep_queue

    hall = open_hall(Config(db_url=url, terminal=terminal), upgrade=False)
    hall.auth.keep_logins(LoginCache.for_terminal(terminal))
    actor = hall.auth.login(staff, f"demo{staff}", window)
    hall.fallback.prepare(actor, hall.journal)
    kept = keep_queue(hall.ctx, actor, hall.journal)
    hall.close()
    return {"kept": kept}


def _cold(url: str, terminal: str, staff: str, window: int | None) -> tuple[Any, Any, float]:
    """A process that starts with the server unreachable: the local login, timed."""
    started = time.perf_counter()
    from hall_app.config import Config
    from hall_app.services.local_cache import LoginCache, offline_hall, offline_login

    hall = offline_hall(Config(db_url=url, terminal=terminal))
    actor = offline_login(
        LoginCache.for_terminal(terminal),
        hall.journal,
        terminal,
        hall.ctx.now(),
        staff,
        f"demo{staff}",
        window,
    )
    hall.desk.enter(actor, "演练：服务器无法连接")
    return hall, actor, started


def step_reception(url: str, terminal: str, staff: str, count: int, lane: str) -> dict[str, Any]:
    from hall_app.domain.tickets import GreenReason

    hall, actor, started = _cold(url, terminal, staff, None)
    login_s = time.perf_counter() - started
    issued = []
    for i in range(count):
        green = i % 4 == 1
        slip = hall.desk.issue_ticket(
            actor, category_code=lane, green_reason=GreenReason.ELDERLY if green else None
        )
        issued.append(
            {"number": slip.number, "green": green, "windows": hall.desk.windows_for(lane)}
        )
    first_s = time.perf_counter() - started
    hall.close()
    return {"login_s": login_s, "first_s": first_s, "issued": issued}


def step_window(url: str, terminal: str, staff: str, window: int, held: str) -> dict[str, Any]:
    """The citizens in ``held`` come to this window; the clerk types each number in, then
    serves them in the order the desk suggests (green channel first)."""
    hall, actor, started = _cold(url, terminal, staff, window)
    login_s = time.perf_counter() - started
    citizens = json.loads(held)
    for c in citizens:
        hall.desk.take_number(actor, c["number"], green=c["green"], confirmed=True)
    mine = {c["number"] for c in citizens}
    served, first_s = [], None
    while True:
        order = [e.number for e in hall.desk.suggested(actor) if e.number in mine]
        if not order:
            break
        hall.desk.call_number(actor, order[0])
        if first_s is None:
            first_s = time.perf_counter() - started
        hall.desk.start(actor)
        hall.desk.finish(actor)
        served.append(order[0])
        mine.discard(order[0])
    hall.close()
    return {"login_s": login_s, "first_s": first_s, "served": served}


# ---------------------------------------------------------------- the drill


def run_drill(
    tickets: int = 12, waiting: int = 4, windows: int = 2, seed: int = 7
) -> dict[str, Any]:
    from sqlalchemy import func, select

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.services.queue_snapshot import read_queue
    from hall_app.store import models as m
    from hall_app.store.journal import Journal

    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="hall-offline-drill-"))
    work.chmod(0o755)  # the server runs as the postgres user when we are root
    pg_dir, port = work / "pg", _free_port()
    pg_env = dict(os.environ, PG_FSYNC="on")
    url = subprocess.run(
        [PG, "start", str(pg_dir), str(port)],
        check=True,
        capture_output=True,
        text=True,
        env=pg_env,
    ).stdout.strip()
    try:
        hall = open_hall(Config(db_url=url, terminal="drill-setup"), upgrade=True)
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        clerks = [(f"window-{i}", WINDOW_STAFF[i - 1], i) for i in range(1, windows + 1)]
        snapshot = read_queue(hall.ctx)
        lanes = {w["number"]: w["lanes"] for w in snapshot["windows"]}
        with hall.db.read() as s:
            greens = set(s.scalars(select(m.Category.code).where(m.Category.green_channel)))
        lane = next(c for c in lanes[1] if c not in greens)
        reception = hall.auth.login(RECEPTION[1], f"demo{RECEPTION[1]}")
        before = [
            hall.tickets.issue(reception, category_code=lane).ticket.number for _ in range(waiting)
        ]
        hall.close()
        for terminal, staff, window in [RECEPTION, *clerks]:
            _run(work, terminal, "--prepare", url, terminal, staff, str(window or 0))

        killed = time.perf_counter()
        subprocess.run([PG, "kill", str(pg_dir)], check=True, env=pg_env)
        out = _run(
            work, RECEPTION[0], "--reception", url, RECEPTION[0], RECEPTION[1], str(tickets), lane
        )
        # the citizens go where reception sent them; those already waiting keep their place
        citizens = [*({"number": n, "green": False} for n in before), *out["issued"]]
        per_window: dict[int, list[dict[str, Any]]] = {w: [] for _, _, w in clerks}
        for i, c in enumerate(citizens):
            options = [w for w in c.get("windows", [1]) if w in per_window] or [1]
            per_window[options[i % len(options)]].append(c)
        results = {
            terminal: _run(
                work,
                terminal,
                "--window",
                url,
                terminal,
                staff,
                str(window),
                json.dumps(per_window[window]),
            )
            for terminal, staff, window in clerks
        }
        subprocess.run([PG, "resume", str(pg_dir), str(port)], check=True, env=pg_env)
        outage_s = time.perf_counter() - killed

        hall = open_hall(Config(db_url=url, terminal="drill-merge"), upgrade=False)
        supervisor = hall.auth.login("3001", "demo3001")
        order = [RECEPTION[0], *(t for t, _, _ in clerks)]
        rng.shuffle(order)
        merged = already = 0
        conflicts: list[Any] = []
        started = time.perf_counter()
        for terminal in order:
            journal = Journal(
                work / f"data-{terminal}" / "journal" / paths.journal_path(terminal).name
            )
            report = hall.fallback.reconcile(journal, supervisor)
            merged, already = merged + report.merged, already + report.already
            conflicts += report.conflicts
            journal.close()
        merge_s = time.perf_counter() - started
        numbers = [c["number"] for c in citizens]
        with hall.db.read() as s:
            rows = s.execute(
                select(m.Ticket.number, m.Ticket.state).where(m.Ticket.number.in_(numbers))
            ).all()
            finishes = Counter(
                s.scalars(
                    select(m.FallbackRecord.reference).where(
                        m.FallbackRecord.kind == "ticket_finish",
                        m.FallbackRecord.outcome == "merged",
                    )
                )
            )
            logins = s.scalar(
                select(func.count())
                .select_from(m.AuditEntry)
                .where(m.AuditEntry.action == "offline_login")
            )
        hall.close()
        served = [n for r in results.values() for n in r["served"]]
        found = Counter(number for number, _ in rows)
        return {
            "tickets": len(citizens),
            "waiting_before": waiting,
            "windows": windows,
            "order": order,
            "served": len(served),
            "served_twice": sum(v - 1 for v in Counter(served).values() if v > 1),
            "lost": len(set(numbers) - set(found)),
            "duplicates": sum(v - 1 for v in found.values() if v > 1),
            "not_finished": sorted(n for n, state in rows if state != "finished"),
            "finished_twice": sorted(n for n in numbers if finishes[n] > 1),
            "conflicts": conflicts,
            "offline_logins_audited": logins,
            "cold_terminals": 1 + windows,
            "login_s": [out["login_s"], *(r["login_s"] for r in results.values())],
            "first_call_s": [r["first_s"] for r in results.values()],
            "reception_issue_s": out["first_s"],
            "merged": merged,
            "already": already,
            "merge_s": merge_s,
            "outage_s": outage_s,
        }
    finally:
        subprocess.run([PG, "stop", str(pg_dir)], check=False, env=pg_env)
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def _print(r: dict[str, Any]) -> None:
    print(
        f"offline drill: server killed, {r['cold_terminals']} terminals started cold "
        f"(reception + {r['windows']} windows), merge order {' → '.join(r['order'])}"
    )
    print(
        f"  citizens served offline  {r['served']} of {r['tickets']} "
        f"({r['waiting_before']} waiting before the outage)"
    )
    print(f"  cold start → 离线登录     {', '.join(f'{s:.2f}' for s in r['login_s'])} s")
    print(f"  cold start → first call  {', '.join(f'{s:.2f}' for s in r['first_call_s'])} s")
    print(
        f"  merge                    {r['merged']} records in {r['merge_s']:.2f} s "
        f"({r['already']} already merged)"
    )
    print(
        f"  lost {r['lost']} · duplicates {r['duplicates']} · served twice {r['served_twice']} · "
        f"finished twice {len(r['finished_twice'])} · not finished {len(r['not_finished'])} · "
        f"conflicts {len(r['conflicts'])} · offline logins audited {r['offline_logins_audited']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=12, help="S-tickets reception issues")
    parser.add_argument("--waiting", type=int, default=4, help="citizens waiting before")
    parser.add_argument("--windows", type=int, default=2, choices=range(1, 5))
    parser.add_argument("--prepare", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--reception", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--window", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        url, terminal, staff, window = args.prepare
        print(json.dumps(step_prepare(url, terminal, staff, int(window) or None)))
    elif args.reception:
        url, terminal, staff, count, lane = args.reception
        print(json.dumps(step_reception(url, terminal, staff, int(count), lane)))
    elif args.window:
        url, terminal, staff, window, held = args.window
        print(json.dumps(step_window(url, terminal, staff, int(window), held)))
    else:
        _print(run_drill(args.tickets, args.waiting, args.windows))


if __name__ == "__main__":
    main()
