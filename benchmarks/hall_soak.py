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
The frozen terminal is a window terminal stopped (SIGSTOP, by itself) just before the COMMIT
of its next write, for ``--freeze`` seconds. The restart is a crash: ``scripts/pg-server
kill`` (SIGKILL of the server) and ``resume`` (crash recovery). ``tests/test_hall_soak.py``
runs it small and checks the invariants.
"""

from __future__ import annotations

import argparse
import bisect
import collections
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
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = str(ROOT / "scripts" / "pg-server")
PROFILE = ROOT / "resources" / "arrivals" / "monday_peak.csv"
COMPRESS = 12
RESTART_SETTLE_S = 5.0  # after the server is back, operations still count as "during restart"


# ---------------------------------------------------------------- seeing a change


def watch(
    hall: Any, stop: threading.Event, seen: Any, interval: float = 0.1, failed: Any = None
) -> None:
    """Call ``seen(wall_time)`` whenever the hall's data changes, until ``stop`` is set.

    Rides on the change feed (``hall.changes``: LISTEN/NOTIFY) where the app has one;
    otherwise polls the change marker every ``interval`` seconds."""
    from hall_app.domain.errors import KnownError

    changes = getattr(hall, "changes", None)
    if changes is not None:
        changes.subscribe(lambda _version: seen(time.time()))
        stop.wait()
        return
    last = None
    while not stop.wait(interval):
        try:
            marker = hall.queues.marker()
        except KnownError as error:
            if failed is not None:
                failed(error)
            continue
        if last is not None and marker != last:
            seen(time.time())
        last = marker


# ---------------------------------------------------------------- one process


class Recorder:
    """What one process did: operations with start, duration and outcome; changes seen."""

    def __init__(self) -> None:
        self.ops: list[list[Any]] = []  # [kind, start, seconds, error or None, number]
        self.seen: list[float] = []
        self.lock = threading.Lock()

    def op(self, kind: str, action: Any) -> Any:
        from hall_app.domain.errors import KnownError

        start, t = time.time(), time.perf_counter()
        try:
            result = action()
        except KnownError as error:
            self._add(
                kind,
                start,
                time.perf_counter() - t,
                f"{type(error).__name__}: {error.message[:80]}",
                None,
            )
            return None
        number = getattr(getattr(result, "ticket", result), "number", None)
        self._add(kind, start, time.perf_counter() - t, None, number)
        return result if result is not None else True

    def _add(self, *row: Any) -> None:
        with self.lock:
            self.ops.append(list(row))

    def saw(self, at: float) -> None:
        with self.lock:
            self.seen.append(at)


def _sleep_until(at: float, control: Path) -> bool:
    """Sleep until wall time ``at``; False when told to stop first."""
    while True:
        if (control / "stop").exists():
            return False
        left = at - time.time()
        if left <= 0:
            return True
        time.sleep(min(left, 0.2))


def process(role: str, index: int, url: str, control: Path, job: dict[str, Any]) -> None:
    """A terminal ("window" or "issuer"), the board or the supervisor console."""
    from sqlalchemy import event

    from hall_app.config import Config
    from hall_app.services.hall import open_hall

    os.environ["HALL_DATA_DIR"] = str(control / f"data-{role}-{index}")
    os.environ["HALL_LOG_DIR"] = str(control / f"log-{role}-{index}")
    rec = Recorder()
    hall = open_hall(Config(db_url=url, terminal=f"soak-{role}-{index}"), upgrade=False)
    stop = threading.Event()
    threads: list[threading.Thread] = []
    try:
        actor = _login(hall, role, job, rec)
        if job.get("watch"):
            threads.append(
                threading.Thread(
                    target=watch,
                    daemon=True,
                    args=(
                        hall,
                        stop,
                        rec.saw,
                        0.1,
                        lambda e: rec._add("watch", time.time(), 0.0, f"{type(e).__name__}", None),
                    ),
                )
            )
        if role in ("window", "issuer"):
            threads.append(
                threading.Thread(target=_heartbeat, daemon=True, args=(hall, actor, rec, stop))
            )
        for t in threads:
            t.start()
        (control / f"ready-{role}-{index}").touch()
        while not (control / "go").exists():
            time.sleep(0.05)
        t0 = float((control / "go").read_text())
        if role == "issuer":
            _issue(hall, actor, job, rec, control, t0)
        elif role == "window":
            _window(hall, actor, job, rec, control, event)
        elif role == "board":
            _board(hall, rec, control)
        else:
            _supervisor(hall, rec, control)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=5)
        out = {"role": role, "index": index, "ops": rec.ops, "seen": rec.seen, "pid": os.getpid()}
        (control / f"result-{role}-{index}.json").write_text(json.dumps(out))
        hall.close()


def _login(hall: Any, role: str, job: dict[str, Any], rec: Recorder) -> Any:
    staff = {"window": job.get("clerk"), "issuer": "2001", "supervisor": "3001"}.get(role)
    if staff is None:
        return None
    for _ in range(20):
        actor = rec.op("login", lambda: hall.auth.login(staff, f"demo{staff}", job.get("window")))
        if actor is not None:
            return actor
        time.sleep(0.5)
    raise RuntimeError(f"soak: {role} could not log in")


def _heartbeat(hall: Any, actor: Any, rec: Recorder, stop: threading.Event) -> None:
    """The GUI's once-a-second poll (change marker, displaced, last-seen heartbeat)."""
    from hall_app.domain.errors import KnownError

    while not stop.wait(1.0):
        try:
            hall.terminals.poll(actor)
        except KnownError as error:
            rec._add("poll", time.time(), 0.0, f"{type(error).__name__}", None)


def _issue(
    hall: Any, actor: Any, job: dict[str, Any], rec: Recorder, control: Path, t0: float
) -> None:
    from hall_app.domain.tickets import GreenReason

    for at, item, appointment, green in job["arrivals"]:
        if not _sleep_until(t0 + at, control):
            return
        for _ in range(3):  # the citizen is still at the desk: try again after an error
            done = rec.op(
                "issue",
                lambda item=item, appointment=appointment, green=green: hall.tickets.issue(
                    actor,
                    item_code=item,
                    appointment=appointment,
                    green_reason=GreenReason.ELDERLY if green else None,
                ),
            )
            if done is not None:
                break
            time.sleep(1.0)
    _sleep_until(float("inf"), control)


def _window(
    hall: Any, actor: Any, job: dict[str, Any], rec: Recorder, control: Path, event: Any
) -> None:
    rng = random.Random(job["window"])
    window = job["window"]
    holding = False
    freeze: list[bool] | None = None  # [fired] once this terminal is told to freeze
    time.sleep(rng.uniform(0, 15))
    while not (control / "stop").exists():
        if freeze is None and (control / f"freeze-{window}").exists():
            freeze = _stop_inside_next_call(hall, event, control / f"thaw-{window}")
        if holding:
            holding = rec.op("finish", lambda: hall.tickets.finish(actor, window)) is None
        if not holding:
            ticket = rec.op("call", lambda: hall.tickets.call_next(actor, window))
            if ticket is not None and ticket is not True:
                holding = True
                rec.op("start", lambda: hall.tickets.start(actor, window))
        # the citizen is served; the next call comes 15-50 s later (every 2 s while this
        # terminal waits for a call to freeze in: the driver waits for it)
        armed = freeze is not None and not freeze
        wake = time.time() + (2.0 if armed else rng.uniform(15, 50))
        while time.time() < wake and not (control / "stop").exists():
            if freeze is None and (control / f"freeze-{window}").exists():
                break
            time.sleep(0.2)
    if holding:
        rec.op("finish", lambda: hall.tickets.finish(actor, window))


def _stop_inside_next_call(hall: Any, event: Any, thawed: Path) -> list[bool]:
    """Freeze this process (SIGSTOP) in the next write that calls a ticket, just before its
    COMMIT: the PC that hangs with its locks held (issue 14, defect 1). Returns [True] once
    it fired. Disarmed once ``thawed`` exists (the driver stopped it between operations)."""
    fired: list[bool] = []
    touched: list[bool] = []

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if sql.lstrip().upper().startswith("UPDATE TICKET ") and "called" in str(_args[0]):
            touched.append(True)

    def commit(conn: Any) -> None:
        if (
            not fired
            and touched
            and conn.get_execution_options().get("hall_write")
            and not thawed.exists()
        ):
            fired.append(True)
            os.kill(os.getpid(), signal.SIGSTOP)
        touched.clear()

    event.listen(hall.db.engine, "before_cursor_execute", statement)
    event.listen(hall.db.engine, "commit", commit)
    event.listen(hall.db.engine, "rollback", lambda _conn: touched.clear())
    return fired


def _board(hall: Any, rec: Recorder, control: Path) -> None:
    """The calling board: a snapshot when a change is seen, and a safety poll every 5 s."""
    after = None
    fetched = 0.0
    seen = 0
    while not (control / "stop").exists():
        with rec.lock:
            moved = len(rec.seen) != seen
            seen = len(rec.seen)
        if moved or time.monotonic() - fetched > 5:
            snap = rec.op("board", lambda after=after: hall.board.snapshot(after))
            fetched = time.monotonic()
            if snap is not None:
                after = max((e.event_id for e in snap.calls), default=after)
        time.sleep(0.1)


def _supervisor(hall: Any, rec: Recorder, control: Path) -> None:
    """The supervisor console: queue overview and stranded tickets when a change is seen."""
    seen, fetched = 0, 0.0
    while not (control / "stop").exists():
        with rec.lock:
            moved = len(rec.seen) != seen
            seen = len(rec.seen)
        if (moved and time.monotonic() - fetched > 0.5) or time.monotonic() - fetched > 5:
            rec.op("overview", hall.queues.status)
            rec.op("stranded", hall.terminals.stranded)
            fetched = time.monotonic()
        time.sleep(0.1)


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
        hall.catalog.import_file(None, paths.demo_catalog())
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
    context.set_forkserver_preload(["benchmarks.hall_soak", "hall_app.services.hall", "psycopg"])
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
        figures = _figures(url, results, events, frozen_window, t0)
        figures.update(
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
        return figures
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


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] if ordered else 0.0


def _figures(
    url: str, results: list[dict[str, Any]], events: dict[str, float], frozen_window: int, t0: float
) -> dict[str, Any]:
    from sqlalchemy import func, select

    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.store import models as m

    restart = (
        events.get("kill_at", float("inf")),
        events.get("resumed_at", 0.0) + RESTART_SETTLE_S,
    )
    freeze = (events["freeze_at"], events["thaw_at"])

    def overlaps(start: float, seconds: float, span: tuple[float, float]) -> bool:
        return start <= span[1] and start + seconds >= span[0]

    ops = []  # (role, index, kind, start, seconds, error, number, in_restart, frozen_own)
    for r in results:
        for kind, start, seconds, error, number in r["ops"]:
            own = (
                r["role"] == "window"
                and r["index"] == frozen_window
                and overlaps(start, seconds, freeze)
            )
            ops.append(
                (
                    r["role"],
                    r["index"],
                    kind,
                    start,
                    seconds,
                    error,
                    number,
                    overlaps(start, seconds, restart),
                    own,
                )
            )
    work = [o for o in ops if o[2] != "login"]
    normal = [o for o in work if not o[7] and not o[8]]
    during = [o for o in work if o[7]]

    def lat(kind: str, rows: list[Any]) -> dict[str, Any]:
        ok = [o[4] for o in rows if o[2] == kind and o[5] is None]
        return {
            "n": len(ok),
            "p50_ms": 1000 * pct(ok, 0.5),
            "p99_ms": 1000 * pct(ok, 0.99),
            "max_ms": 1000 * max(ok, default=0.0),
            "failed": sum(1 for o in rows if o[2] == kind and o[5] is not None),
        }

    errors = collections.Counter(f"{o[2]}: {o[5]}" for o in ops if o[5] is not None)
    errors_normal = collections.Counter(f"{o[2]}: {o[5]}" for o in normal if o[5] is not None)
    longest = max(normal, key=lambda o: o[4], default=None)
    longest_any = max((o for o in work if not o[8]), key=lambda o: o[4], default=None)

    # change seen: from a write returning to the first change each other listener saw after it
    writes = [
        o
        for o in normal
        if o[2] in ("issue", "call", "start", "finish") and o[5] is None and o[6] is not None
    ]
    delays: dict[str, list[float]] = collections.defaultdict(list)
    unseen: dict[str, int] = collections.Counter()
    for r in results:
        group = r["role"] if r["role"] in ("board", "supervisor") else "terminals"
        seen = sorted(r["seen"])
        if not seen:
            continue
        frozen_listener = (r["role"], r["index"]) == ("window", frozen_window)
        for o in writes:
            if (o[0], o[1]) == (r["role"], r["index"]):
                continue
            end = o[3] + o[4]
            if end > seen[-1] - 2 and end > events["end_at"] - 5:
                continue  # the run ended before it could be seen
            if restart[0] - 10 <= end <= restart[1]:
                continue  # listeners cannot see while the server is down: the restart's
            if frozen_listener and freeze[0] - 10 <= end <= freeze[1] + 1:
                continue  # nor can a frozen terminal
            k = bisect.bisect_left(seen, end)
            if k == len(seen) or seen[k] - end > 10:
                unseen[group] += 1
            else:
                delays[group].append(seen[k] - end)
    # lost, duplicate, double calls: what terminals were told against the database
    issued = [o[6] for o in ops if o[2] == "issue" and o[5] is None]
    called = [o[6] for o in ops if o[2] == "call" and o[5] is None and o[6]]
    hall = open_hall(Config(db_url=url, terminal="soak-check"), upgrade=False)
    try:
        with hall.db.read() as s:
            rows = s.execute(select(m.Ticket.number, m.Ticket.state)).all()
            calls = collections.Counter(
                s.scalars(
                    select(m.AuditEntry.entity_id).where(
                        m.AuditEntry.action == "call", m.AuditEntry.entity == "ticket"
                    )
                )
            )
            active = s.execute(
                select(m.Window.number, func.count())
                .join(m.Ticket, m.Ticket.window_id == m.Window.id)
                .where(m.Ticket.state.in_(["called", "serving"]))
                .group_by(m.Window.number)
            ).all()
    finally:
        hall.close()
    state = dict(rows)
    lost = len(set(issued) - set(state)) + sum(1 for n in called if state.get(n) == "waiting")
    duplicates = (len(issued) - len(set(issued))) + (len(rows) - len(state))
    double_calls = sum(1 for c in calls.values() if c > 1) + (len(called) - len(set(called)))
    return {
        "issue": lat("issue", normal),
        "call": lat("call", normal),
        "finish": lat("finish", normal),
        "restart_issue": lat("issue", during),
        "restart_call": lat("call", during),
        "restart_ops": len(during),
        "restart_failed": sum(1 for o in during if o[5]),
        "restart_seconds": (events["resumed_at"] - events["kill_at"])
        if "kill_at" in events
        else None,
        "seen": {
            g: {
                "n": len(v),
                "p50_ms": 1000 * pct(v, 0.5),
                "p99_ms": 1000 * pct(v, 0.99),
                "max_ms": 1000 * max(v, default=0.0),
            }
            for g, v in delays.items()
        },
        "unseen": dict(unseen),
        "errors": dict(errors),
        "errors_outside_restart": dict(errors_normal),
        "ops": len(work),
        "ops_outside_restart": len(normal),
        "failed_outside_restart": sum(1 for o in normal if o[5] is not None),
        "longest": _describe(longest, t0),
        "longest_any": _describe(longest_any, t0),
        "frozen_own": [_describe(o, t0) for o in ops if o[8]],
        "issued": len(issued),
        "called": len(called),
        "tickets_in_db": len(rows),
        "lost": lost,
        "duplicate_numbers": duplicates,
        "double_calls": double_calls,
        "windows_holding_two": sum(1 for _, c in active if c > 1),
    }


def _describe(o: Any, t0: float) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        "who": f"{o[0]}-{o[1]}",
        "op": o[2],
        "at_s": round(o[3] - t0, 1),
        "seconds": round(o[4], 3),
        "error": o[5],
    }


def report(r: dict[str, Any]) -> None:
    def line(name: str, x: dict[str, Any]) -> str:
        return (
            f"  {name:<15} n={x['n']:<5} p50 {x['p50_ms']:7.1f} ms  p99 {x['p99_ms']:8.1f} ms"
            f"  max {x['max_ms']:8.1f} ms  failed {x['failed']}"
        )

    print(
        f"hall soak: {r['terminals']} terminals ({r['windows']} windows) + board + supervisor "
        f"= {r['processes']} processes, PostgreSQL fsync={r['fsync']}, {r['minutes']:g} min "
        f"(x{COMPRESS} = {r['minutes'] * COMPRESS:g} min of a Monday from 08:30)"
    )
    where = "before the COMMIT of a call" if r["freeze_in_call"] else "between operations"
    print(
        f"  one window terminal frozen {where} for {r['freeze_seconds']:g} s; server "
        f"killed and back in {r['restart_seconds'] or 0:.1f} s"
    )
    print("  outside the restart window (p99 over these):")
    for k in ("issue", "call", "finish"):
        print(line(k, r[k]))
    print(
        f"  during the restart (kill .. back + {RESTART_SETTLE_S:g} s): {r['restart_ops']} "
        f"operations, {r['restart_failed']} failed"
    )
    for k in ("restart_issue", "restart_call"):
        print(line(k, r[k]))
    for group, x in sorted(r["seen"].items()):
        print(
            f"  change seen by {group:<11} n={x['n']:<6} p50 {x['p50_ms']:6.0f} ms  "
            f"p99 {x['p99_ms']:6.0f} ms  max {x['max_ms']:6.0f} ms  "
            f"(not seen within 10 s: {r['unseen'].get(group, 0)})"
        )
    print(f"  longest operation outside the restart: {r['longest']}")
    print(f"  longest operation including the restart: {r['longest_any']}")
    print(f"  frozen terminal's own operations: {r['frozen_own']}")
    print(
        f"  operations {r['ops']} ({r['ops_outside_restart']} outside the restart, "
        f"{r['failed_outside_restart']} of them failed)"
    )
    print("  errors by kind:" + ("" if r["errors"] else " none"))
    for kind, n in sorted(r["errors"].items(), key=lambda kv: -kv[1]):
        print(f"    {n:5}  {kind}")
    print(
        f"  issued {r['issued']}, called {r['called']}, tickets in db {r['tickets_in_db']}; "
        f"lost {r['lost']}, duplicate numbers {r['duplicate_numbers']}, double calls "
        f"{r['double_calls']}, windows holding two {r['windows_holding_two']}"
    )


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
