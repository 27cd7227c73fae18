"""One clock for the hall: on PostgreSQL the running app's clock is the server's, measured from
this PC and carried forward on its monotonic clock; the PCs whose clocks are far off, for the
supervisor.

Why an offset and not ``now()`` in the statements: every service takes its times from
``ServiceContext.now()`` (issue, call, deadlines, audit, the offline journal's stamps) and
many of them compute with the time before writing it (waits, working-day deadlines, silent
terminals). Moving all of that into SQL would rewrite every use case and leave the offline
desk, which has no server, on a second rule. Instead :class:`ServerClock` measures how far
this PC's clock is from the server's (three ``SELECT clock_timestamp()`` round trips, the
shortest kept, its middle taken: see ``domain/server_time.py``) when the hall opens, and
again at most every ``RESYNC_SECONDS`` from the terminal's poll thread
(:func:`resync_if_due`, called by ``TerminalService.poll`` and the board). Between
measurements a reading is the server's time at the last sample plus the time elapsed on this
PC's monotonic clock (:func:`monotonic`): no round trip per ``now()``, every terminal's stamps
follow the server's clock to within the measured round trip (well under a millisecond on a
hall LAN), and a step of the PC's wall clock moves none of them, in any process (the GUI
at its login window and the CLI have no poll to measure again). The poll notices such a step
(wall clock and monotonic clock disagreeing by more than ``STEP_SECONDS``) and measures
again at once, so the PC's offset shown and stored is current; a reading is never earlier
than one already handed out, across a new measurement too (``domain/server_time.Reckoning``).

Tests and the simulator inject a ``FakeClock`` (``open_hall(clock=...)``); SQLite (one PC)
keeps the local clock. The offset a terminal measured is stored with its session's
heartbeat (``terminal_session.clock_offset_ms``) so the supervisor console can list the PCs
whose clocks are more than ``WARN_SECONDS`` off.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from hall_app.domain.server_time import STEP_SECONDS, Reckoning, RoundTrip, is_off, skew_ms
from hall_app.domain.sessions import is_silent
from hall_app.services.context import Clock, ServiceContext, system_clock
from hall_app.services.settings import load_settings
from hall_app.store import server_time
from hall_app.store.db import Database
from hall_app.store.models import Staff, TerminalSession

log = logging.getLogger("hall_app.services")


Ticks = Callable[[], float]  # a monotonic clock in seconds (``time.monotonic``)


def monotonic() -> float:
    """Seconds on a clock nobody sets. On Linux ``CLOCK_BOOTTIME``, which, unlike
    ``time.monotonic()`` there, keeps counting while the PC sleeps; elsewhere
    ``time.monotonic()``. (A clock that stood still during a sleep would look like a wall-clock
    step at the next poll, which then measures again.)"""
    if _BOOTTIME is not None:
        return time.clock_gettime(_BOOTTIME)
    return time.monotonic()


_BOOTTIME: int | None = getattr(time, "CLOCK_BOOTTIME", None)


class ServerClock:
    """This PC's clock corrected to the database server's: reckoned on its monotonic clock
    (``ticks``) from the last measurement, which is timed on its wall clock (``local``) too.
    Thread-safe: readings are cheap (no database work, a short lock); measuring runs on the
    poll thread."""

    def __init__(self, db: Database, local: Clock = system_clock, ticks: Ticks = monotonic):
        self.db = db
        self.local = local
        self.ticks = ticks
        self._reckoning = Reckoning()
        self._lock = threading.Lock()  # the reckoning (readings and a new sample)
        self._measuring = threading.Lock()  # one measurement at a time

    def __call__(self) -> dt.datetime:
        with self._lock:
            return self._reckoning.read(self.ticks(), self.local())

    @property
    def sample(self) -> RoundTrip | None:
        """The last measurement (None until measured)."""
        return self._reckoning.sample

    @property
    def skew_ms(self) -> int | None:
        """This PC's wall clock minus the server's now, in ms (None until measured): the last
        measurement carried forward on the monotonic clock, so a step of the wall clock since
        shows at once, without a round trip."""
        with self._lock:
            skew = self._reckoning.skew(self.ticks(), self.local())
        return skew_ms(skew) if skew is not None else None

    def sync(self) -> RoundTrip:
        """Measure the offset now (one connection, a few round trips; no lock is held
        meanwhile, so readings on other threads do not wait for the server)."""
        with self._measuring:
            sample = server_time.measure(self.db, self.local, self.ticks)
            before = self.skew_ms
            with self._lock:
                moved = self._reckoning.rebase(sample)
        if before is not None and moved < -dt.timedelta(seconds=STEP_SECONDS):
            log.warning(
                "the reckoned time ran %.1f s ahead of the database server's: held until it"
                " catches up",
                -moved.total_seconds(),
            )
        now = skew_ms(sample.skew)
        if is_off(now) and not is_off(before):
            log.warning("this PC's clock is %+d ms off the database server's", now)
        return sample

    def sync_if_due(self) -> None:
        """Measure again a minute (of monotonic time) after the last measurement, or at once
        when this PC's wall clock was stepped meanwhile."""
        with self._lock:
            due = self._reckoning.needs_resync(self.ticks(), self.local())
        if due:
            self.sync()


def server_clock(ctx: ServiceContext) -> ServerClock | None:
    """The context's server clock, or None (SQLite, or an injected test clock)."""
    return ctx.clock if isinstance(ctx.clock, ServerClock) else None


def clock_skew_ms(ctx: ServiceContext) -> int | None:
    """This PC's measured offset from the server's clock (ms; None: not measured)."""
    clock = server_clock(ctx)
    return clock.skew_ms if clock is not None else None


def resync_if_due(ctx: ServiceContext) -> None:
    """Measure the offset again when the last measurement is ``RESYNC_SECONDS`` old: for the
    terminal's poll thread, never the GUI's."""
    clock = server_clock(ctx)
    if clock is not None:
        clock.sync_if_due()


@dataclass(frozen=True)
class OffClock:
    """A logged-in PC whose clock is more than ``WARN_SECONDS`` off the server's."""

    terminal: str
    staff_name: str
    staff_no: str
    window_number: int | None
    skew_ms: int  # its clock minus the server's (positive: fast)
    last_seen_at: dt.datetime


class ClockService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def skew_ms(self) -> int | None:
        """This PC's offset (no database work: the last measurement)."""
        return clock_skew_ms(self.ctx)

    def off_terminals(self) -> list[OffClock]:
        """The open sessions whose PC last reported a clock more than ``WARN_SECONDS`` off,
        the furthest off first. A silent terminal (no heartbeat for the hall setting
        ``terminal.silent_minutes``: a power cut, a crash) is left out: its offset is as old
        as its last heartbeat, and the supervisor's console lists its window as silent."""
        stmt = (
            select(
                TerminalSession.terminal,
                Staff.name,
                Staff.staff_no,
                TerminalSession.window_number,
                TerminalSession.clock_offset_ms,
                TerminalSession.last_seen_at,
            )
            .join(Staff, Staff.id == TerminalSession.staff_id)
            .where(TerminalSession.ended_at.is_(None), TerminalSession.clock_offset_ms.is_not(None))
        )
        with self.ctx.db.read() as s:
            rows = s.execute(stmt).all()
            silent_minutes = load_settings(s).silent_minutes
        now = self.ctx.now()
        found = [
            OffClock(terminal, name, staff_no, window, offset, seen)
            for terminal, name, staff_no, window, offset, seen in rows
            if offset is not None and is_off(offset) and not is_silent(seen, now, silent_minutes)
        ]
        return sorted(found, key=lambda off: (-abs(off.skew_ms), off.terminal))
