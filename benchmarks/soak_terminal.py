"""A process of the hall soak (``benchmarks/hall_soak.py``): a terminal ("window" or
"issuer"), the calling board or the supervisor console, working through the services as the
GUI does and recording every operation and every change it saw."""

import json
import os
import random
import signal
import threading
import time
from pathlib import Path
from typing import Any

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


def _in_hand(hall: Any, window: int) -> str | None:
    """The state of the ticket at this window ("called", "serving") or None; None too when
    the database cannot be read (the next round looks again)."""
    from hall_app.domain.errors import KnownError

    try:
        ticket = hall.tickets.current(window)
    except KnownError:
        return None
    return ticket.state.value if ticket is not None else None


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
            # as a clerk would after an outage: look at the ticket in hand and press the key
            # its state asks for (a start that failed in the outage is pressed again)
            state = _in_hand(hall, window)
            if state == "called":
                rec.op("start", lambda: hall.tickets.start(actor, window))
            if state is not None:
                holding = rec.op("finish", lambda: hall.tickets.finish(actor, window)) is None
            else:
                holding = False
        if not holding:
            ticket = rec.op("call", lambda: hall.tickets.call_next(actor, window))
            if ticket is not None and ticket is not True:
                holding = True
                rec.op("start", lambda: hall.tickets.start(actor, window))
            elif ticket is None:  # failed: it may have committed before the connection broke
                holding = _in_hand(hall, window) is not None
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
