"""The failover drill: a primary PostgreSQL with a synchronous hot standby, terminals on the
multi-host URL issuing and calling tickets, the primary killed (SIGKILL, as a power cut), the
standby promoted automatically after a delay. Figures: seconds from the kill to the first
successful call on the new primary (target <= 30 s, promotion included) and the acknowledged
tickets and finishes lost (must be 0).

    .venv/bin/python benchmarks/failover.py [--terminals 3] [--delay 5] [--after 10] [--asynchronous] [--json]

Both servers run on loopback with ``fsync=on`` (scripts/pg-server start, then ``replica``:
pg_basebackup -R, a replication slot, ``synchronous_standby_names`` so a commit returns only
once the standby has it). Each terminal is a thread with its own services (``open_hall`` on
``host=primary,standby&target_session_attrs=read-write``) and never restarts: after the kill
its pool reconnects to whichever server is the primary. The standby's watcher
(``AutoPromoter``, what ``hall-app db watch-standby`` runs) promotes it once the primary has
not answered for ``--delay`` seconds. ``tests/test_failover.py`` runs a small drill.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from hall_app.services.catalog import bootstrap_actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = str(ROOT / "scripts" / "pg-server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Terminal(threading.Thread):
    """Reception and a clerk at window ``index``: issue, call, start, finish, over and over."""

    def __init__(self, url: str, index: int, stop: threading.Event) -> None:
        super().__init__(name=f"terminal-{index}", daemon=True)
        self.url, self.index, self.stop = url, index, stop
        self.issued: list[int] = []  # ticket ids the server acknowledged
        self.finished: list[int] = []  # finishes the server acknowledged
        # (began, returned) in monotonic seconds of each successful call
        self.calls: list[tuple[float, float]] = []
        self.errors: list[str] = []
        self.slowest = 0.0  # the longest successful write (issue, start, finish), seconds
        self.failure: BaseException | None = None

    def run(self) -> None:
        from hall_app.config import Config
        from hall_app.domain.errors import KnownError
        from hall_app.domain.ticket_states import TicketState
        from hall_app.services.hall import open_hall

        try:
            hall = open_hall(
                Config(db_url=self.url, terminal=f"failover-{self.index}"), upgrade=False
            )
            reception = hall.auth.login(f"200{self.index}", f"demo200{self.index}")
            clerk = hall.auth.login(f"10{self.index:02d}", f"demo10{self.index:02d}", self.index)
        except BaseException as error:  # reported by the drill
            self.failure = error
            return
        tickets, i = hall.tickets, self.index
        try:
            while not self.stop.is_set():
                try:
                    current = tickets.current(i)
                    if current is None:
                        began = time.monotonic()
                        self.issued.append(tickets.issue(reception, category_code="A").ticket.id)
                        self.slowest = max(self.slowest, time.monotonic() - began)
                        began = time.monotonic()
                        called = tickets.call_next(clerk, i)
                        self.calls.append((began, time.monotonic()))
                        if called is None:
                            continue
                        current = called
                    began = time.monotonic()
                    if current.state == TicketState.CALLED:
                        tickets.start(clerk, i)
                    self.finished.append(tickets.finish(clerk, i).id)
                    self.slowest = max(self.slowest, time.monotonic() - began)
                except KnownError as error:
                    self.errors.append(error.message)
                    self.stop.wait(0.2)
        finally:
            hall.close()


def run_failover(
    terminals: int = 3,
    delay: float = 5.0,
    before: float = 3.0,
    after: float = 5.0,
    keep: bool = False,
    synchronous: bool = True,
    fail: str = "primary",
) -> dict[str, Any]:
    """Run the drill; returns its figures and the checks' raw material. ``synchronous=False``
    runs the standby asynchronously (what a hall falls back to while its standby is down) to
    see what the kill takes with it. ``fail="standby"`` kills the standby instead: the hall
    must go on with the primary (each terminal's commit wait for it is bounded)."""
    if fail not in ("primary", "standby"):
        raise ValueError(fail)
    from sqlalchemy import select

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.services.standby import AutoPromoter
    from hall_app.store import models as m
    from hall_app.store.db import Database

    work = Path(tempfile.mkdtemp(prefix="hall-failover-"))
    work.chmod(0o755)  # the servers run as the postgres user when we are root
    primary_dir, standby_dir = work / "primary", work / "standby"
    p_port, s_port = _free_port(), _free_port()
    env = dict(os.environ, PG_FSYNC="on")
    stop, watch_stop = threading.Event(), threading.Event()
    threads: list[_Terminal] = []
    try:
        primary_url = subprocess.run(
            [PG, "start", str(primary_dir), str(p_port)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout.strip()
        hall = open_hall(Config(db_url=primary_url, terminal="failover-setup"), upgrade=True)
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        hall.close()
        subprocess.run(
            [PG, "replica", str(primary_dir), str(standby_dir), str(s_port)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        if not synchronous:
            subprocess.run([PG, "async", str(primary_dir)], check=True, env=env)
        url = (
            f"postgresql+psycopg://app@/postgres?host=127.0.0.1:{p_port},"
            f"127.0.0.1:{s_port}&target_session_attrs=read-write"
        )
        promoted: dict[str, float] = {}
        watcher = AutoPromoter(
            url,
            str(standby_dir / "data"),
            delay,
            on_promoted=lambda _p: promoted.setdefault("at", time.monotonic()),
            probe_timeout=1.0,
        )
        watch = threading.Thread(target=watcher.run, args=(watch_stop, 0.5), daemon=True)
        watch.start()
        threads = [_Terminal(url, i, stop) for i in range(1, terminals + 1)]
        for t in threads:
            t.start()
        # work online until every terminal has called a few tickets
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all(len(t.calls) >= 3 for t in threads):
            if any(t.failure for t in threads):
                break
            time.sleep(0.1)
        time.sleep(before)
        calls_before = sum(len(t.calls) for t in threads)
        killed = time.monotonic()
        victim = primary_dir if fail == "primary" else standby_dir
        subprocess.run([PG, "kill", str(victim)], check=True, env=env)
        dead = time.monotonic()  # the postmaster and every backend are gone
        # the first call begun after that and successful, then keep working a while
        first_call: float | None = None
        deadline = killed + delay + 120
        while time.monotonic() < deadline:
            after_kill = [end for t in threads for began, end in t.calls if began > dead]
            if after_kill:
                first_call = min(after_kill)
                break
            time.sleep(0.05)
        time.sleep(after)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        watch_stop.set()
        watch.join(timeout=30)
        # what the new primary holds of what the terminals were told was saved
        issued = {i for t in threads for i in t.issued}
        finished = {i for t in threads for i in t.finished}
        db = Database(url)
        try:
            with db.read() as s:
                rows = {r.id: r.state for r in s.execute(select(m.Ticket.id, m.Ticket.state))}
            server = db.server()
        finally:
            db.dispose()
        lost_tickets = sorted(issued - rows.keys())
        lost_finishes = sorted(
            i for i in finished if str(rows.get(i, "")) not in ("finished", "TicketState.FINISHED")
        )
        errors = [e for t in threads for e in t.errors]
        return {
            "terminals": terminals,
            "fsync": "on",
            "synchronous_standby": synchronous,
            "killed": fail,
            "slowest_write_s": round(max(t.slowest for t in threads), 2),
            "auto_promote_delay_s": delay,
            "failures": [repr(t.failure) for t in threads if t.failure],
            "calls_before_kill": calls_before,
            "calls_after_kill": sum(1 for t in threads for began, _ in t.calls if began > dead),
            "kill_took_s": round(dead - killed, 3),
            "promoted_after_s": round(promoted["at"] - killed, 2) if "at" in promoted else None,
            "first_call_after_s": round(first_call - killed, 2) if first_call else None,
            "tickets_acknowledged": len(issued),
            "finishes_acknowledged": len(finished),
            "tickets_lost": len(lost_tickets),
            "finishes_lost": len(lost_finishes),
            "errors_during_failover": len(errors),
            "error_kinds": sorted(set(errors)),
            "primary_now": server,
            "standby_port": s_port,
        }
    finally:
        stop.set()
        watch_stop.set()
        for t in threads:
            t.join(timeout=30)
        if not keep:
            for folder in (standby_dir, primary_dir):
                subprocess.run([PG, "stop", str(folder)], check=False, env=env)
            subprocess.run(["rm", "-rf", str(work)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terminals", type=int, default=3)
    parser.add_argument("--delay", type=float, default=5.0, help="auto promotion after (s)")
    parser.add_argument("--after", type=float, default=10.0, help="work after the first call (s)")
    parser.add_argument("--keep", action="store_true", help="keep the servers' folders")
    parser.add_argument(
        "--asynchronous", action="store_true", help="asynchronous standby: what the kill loses"
    )
    parser.add_argument(
        "--kill", choices=("primary", "standby"), default="primary", help="which server dies"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import logging

    logging.getLogger("hall_app").addHandler(logging.NullHandler())  # the errors are counted
    r = run_failover(
        args.terminals,
        args.delay,
        after=args.after,
        keep=args.keep,
        synchronous=not args.asynchronous,
        fail=args.kill,
    )
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=2))
    else:
        print(
            f"terminals {r['terminals']}, fsync=on, "
            f"{'synchronous' if r['synchronous_standby'] else 'ASYNCHRONOUS'} standby, "
            "auto promotion after "
            f"{r['auto_promote_delay_s']:g} s"
        )
        print(f"killed: the {r['killed']}")
        print(
            f"kill -> promoted: {r['promoted_after_s']} s; kill -> first call on the "
            f"{'new ' if r['killed'] == 'primary' else ''}primary: {r['first_call_after_s']} s "
            f"(target <= 30 s); slowest write that succeeded: {r['slowest_write_s']} s"
        )
        print(
            f"acknowledged: {r['tickets_acknowledged']} tickets, {r['finishes_acknowledged']} "
            f"finishes; lost: {r['tickets_lost']} tickets, {r['finishes_lost']} finishes"
        )
        print(
            f"calls before/after the kill: {r['calls_before_kill']}/{r['calls_after_kill']}; "
            f"errors shown during the failover: {r['errors_during_failover']}"
        )
        for kind in r["error_kinds"]:
            print(f"  {kind}")
        if r["failures"]:
            print("failures:", r["failures"])
    ok = (
        not r["failures"]
        and r["tickets_lost"] == 0
        and r["finishes_lost"] == 0
        and r["first_call_after_s"] is not None
        and r["first_call_after_s"] <= 30
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
