"""The hall soak: many terminal processes on one PostgreSQL (fsync=on) replay a hall day
compressed 12x, with a board and a supervisor console listening, one terminal frozen by
SIGSTOP in the middle of a write and a server crash-restart in the middle. Figures: p50/p99
of issue and call (operations during the restart apart), the delay until other terminals and
the board see a change, every error by kind, lost and duplicate counts, double calls, the
longest blocked operation.

    .venv/bin/python benchmarks/hall_soak.py [--terminals 60] [--minutes 8] [--freeze 60]

Terminals are headless processes working through the services as the GUI does: log in, poll
once a second (``hall.terminals.poll``), issue (reception terminals, at the arrival profile's
rate x12 from 08:30), call next / start / finish (window terminals, one call every 15-50 s).
The frozen terminal is a window terminal that stops itself (SIGSTOP) just before the COMMIT
of its next call that takes a ticket, holding that transaction's locks, for ``--freeze``
seconds (one that finds nothing to call within a fifth of the run is stopped between
operations; the report says which). The restart is a crash: ``scripts/pg-server
kill`` (SIGKILL of the server) and ``resume`` (crash recovery). ``tests/test_hall_soak.py``
runs it small and checks the invariants.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hall_app.services.catalog import bootstrap_actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = str(ROOT / "scripts" / "pg-server")
PROFILE = ROOT / "resources" / "arrivals" / "monday_peak.csv"

from benchmarks.soak_figures import COMPRESS, figures, report  # noqa: E402
from benchmarks.soak_terminal import process  # noqa: E402

# ---------------------------------------------------------------- the run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _plan(url: str, terminals: int, minutes: float, seed: int) -> list[tuple[str, int, dict]]:
    """Set up the demo hall; returns (role, index, job) for every process."""
    from sqlalchemy import select

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.store import models as m

    hall = open_hall(Config(db_url=url, terminal="soak-setup"), upgrade=True)
    try:
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        with hall.db.read() as s:
            clerks = dict(
                s.execute(
                    select(m.Staff.default_window, m.Staff.staff_no).where(
                        m.Staff.default_window.is_not(None)
                    )
                ).all()
            )
            lane_of = dict(
                s.execute(
                    select(m.ServiceItem.code, m.Category.code).join(
                        m.Category, m.Category.id == m.ServiceItem.category_id
                    )
                ).all()
            )
        status = hall.queues.status()
    finally:
        hall.close()
    windows = sorted(clerks)[: min(len(clerks), max(1, terminals * 2 // 3))]
    served = {c for w in status.windows if w.number in windows for c in w.categories}
    fallback = sorted(code for code, lane in lane_of.items() if lane in served)
    rng = random.Random(seed)
    start = dt.datetime.combine(dt.date.today(), dt.time(8, 30))
    arrivals = []
    with PROFILE.open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            at = (
                dt.datetime.combine(dt.date.today(), dt.time.fromisoformat(row["time"])) - start
            ).total_seconds() / COMPRESS
            if 0 <= at < minutes * 60:
                item = row["item_code"]
                if lane_of.get(item) not in served:
                    item = rng.choice(fallback)
                arrivals.append(
                    (at, item, row["source"] == "appointment", row["priority"] == "green")
                )
    issuers = max(1, terminals - len(windows))
    jobs: list[tuple[str, int, dict]] = []
    for i in range(issuers):
        jobs.append(("issuer", i, {"arrivals": arrivals[i::issuers]}))
    for w in windows:
        jobs.append(("window", w, {"window": w, "clerk": clerks[w]}))
    watchers = max(2, min(8, terminals // 6))
    for k, (_role, _i, job) in enumerate(jobs):
        job["watch"] = k % max(1, len(jobs) // watchers) == 0
    jobs.append(("board", 0, {"watch": True}))
    jobs.append(("supervisor", 0, {"watch": True}))
    return jobs


def _frozen(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] == "T"
    except (OSError, IndexError):
        return False


def run_soak(
    terminals: int = 60,
    minutes: float = 8.0,
    freeze: float = 60.0,
    restart: bool = True,
    seed: int = 14,
    keep: bool = False,
    log: Any = print,
) -> dict[str, Any]:
    """Run the soak; returns the figures and the checks' raw material."""
    work = Path(tempfile.mkdtemp(prefix="hall-soak-"))
    work.chmod(0o755)  # the server runs as the postgres user when we are root
    pg_dir, port = work / "pg", _free_port()
    control = work / "control"
    control.mkdir()
    pg_env = dict(os.environ, PG_FSYNC="on")
    url = subprocess.run(
        [PG, "start", str(pg_dir), str(port)],
        check=True,
        capture_output=True,
        text=True,
        env=pg_env,
    ).stdout.strip()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["benchmarks.soak_terminal", "hall_app.services.hall", "psycopg"]
    )
    procs: dict[tuple[str, int], Any] = {}
    events: dict[str, float] = {}
    try:
        jobs = _plan(url, terminals, minutes, seed)
        log(f"soak: {len(jobs)} processes starting")
        for role, index, job in jobs:
            p = context.Process(target=process, args=(role, index, url, control, job))
            p.start()
            procs[(role, index)] = p
        deadline = time.monotonic() + 60 + 3 * len(jobs)
        while len(list(control.glob("ready-*"))) < len(jobs):
            if time.monotonic() > deadline or any(
                p.exitcode not in (None, 0) for p in procs.values()
            ):
                raise RuntimeError("soak: processes did not start")
            time.sleep(0.2)
        t0 = time.time() + 1
        (control / "go.tmp").write_text(repr(t0))
        (control / "go.tmp").rename(control / "go")  # whole, never seen half-written
        log(
            f"soak: all logged in; replaying {minutes:g} min (= {minutes * COMPRESS:g} min "
            "of the day from 08:30)"
        )
        duration = minutes * 60
        frozen_window = next(i for r, i in procs if r == "window")
        frozen = procs[("window", frozen_window)]
        time.sleep(max(0.0, t0 + 0.25 * duration - time.time()))
        (control / f"freeze-{frozen_window}").touch()
        # it freezes in its next call that takes a ticket; a window that finds nothing to
        # call for a while is stopped where it is
        wait_until = time.monotonic() + min(60.0, 0.2 * duration)
        while not _frozen(frozen.pid) and time.monotonic() < wait_until:
            time.sleep(0.05)
        events["freeze_in_call"] = float(_frozen(frozen.pid))
        if not _frozen(frozen.pid):
            os.kill(frozen.pid, signal.SIGSTOP)
        events["freeze_at"] = time.time()
        log(f"soak: window {frozen_window}'s terminal frozen (SIGSTOP) for {freeze:g} s")
        time.sleep(max(0.0, events["freeze_at"] + freeze - time.time()))
        (control / f"thaw-{frozen_window}").touch()  # never again
        os.kill(frozen.pid, signal.SIGCONT)
        events["thaw_at"] = time.time()
        log("soak: frozen terminal resumed")
        if restart:  # after the freeze, so that the two are measured apart
            time.sleep(max(0.0, t0 + 0.6 * duration - time.time(), 2.0))
            events["kill_at"] = time.time()
            subprocess.run([PG, "kill", str(pg_dir)], check=True, env=pg_env)
            time.sleep(2.0)
            subprocess.run(
                [PG, "resume", str(pg_dir), str(port)], check=True, env=pg_env, capture_output=True
            )
            events["resumed_at"] = time.time()
            log(
                f"soak: server killed and back after "
                f"{events['resumed_at'] - events['kill_at']:.1f} s"
            )
            duration = max(duration, events["resumed_at"] + 15 - t0)
        time.sleep(max(0.0, t0 + duration - time.time()))
        (control / "stop").touch()
        for p in procs.values():
            p.join(timeout=120)
        events["end_at"] = time.time()
        results = [json.loads(f.read_text()) for f in control.glob("result-*.json")]
        out = figures(url, results, events, frozen_window, t0)
        out.update(
            processes=len(jobs),
            terminals=sum(1 for r, _ in procs if r in ("window", "issuer")),
            windows=sum(1 for r, _ in procs if r == "window"),
            exit_codes=sorted({p.exitcode for p in procs.values()}, key=str),
            missing_results=len(jobs) - len(results),
            minutes=minutes,
            freeze_seconds=freeze,
            freeze_in_call=bool(events["freeze_in_call"]),
            fsync=_show(url, "fsync"),
        )
        return out
    finally:
        for p in procs.values():
            if p.is_alive():
                os.kill(p.pid, signal.SIGCONT)
                p.kill()
        subprocess.run([PG, "stop", str(pg_dir)], check=False, env=pg_env)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def _show(url: str, setting: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text(f"SHOW {setting}")).scalar())
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=60)
    parser.add_argument("--minutes", type=float, default=8.0, help="wall minutes of replay")
    parser.add_argument("--freeze", type=float, default=60.0)
    parser.add_argument("--no-restart", action="store_true")
    parser.add_argument("--json", action="store_true", help="also print the raw figures")
    args = parser.parse_args()
    # stopped (kill PID, or ^C while in the background): stop the processes and the server
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    r = run_soak(
        args.terminals,
        args.minutes,
        args.freeze,
        not args.no_restart,
        log=lambda text: print(text, file=sys.stderr, flush=True),
    )
    report(r)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    from benchmarks.hall_soak import main as _main  # processes pickle by module name

    _main()
