"""One clock for the hall: on PostgreSQL the running app's clock is this PC's clock corrected
by its measured offset from the server's; the PCs whose clocks are far off, for the supervisor.

Why an offset and not ``now()`` in the statements: every service takes its times from
``ServiceContext.now()`` (issue, call, deadlines, audit, the offline journal's stamps) and
many of them compute with the time before writing it (waits, working-day deadlines, silent
terminals). Moving all of that into SQL would rewrite every use case and leave the offline
desk, which has no server, on a second rule. Instead :class:`ServerClock` measures how far
this PC's clock is from the server's (three ``SELECT clock_timestamp()`` round trips, the
shortest kept, its middle taken: see ``domain/server_time.py``) when the hall opens, and
again at most every ``RESYNC_SECONDS`` from the terminal's poll thread
(:func:`resync_if_due`, called by ``TerminalService.poll``). A reading is then the local
clock plus that correction: no round trip per ``now()``, and every terminal's stamps follow
the server's clock to within the measured round trip (well under a millisecond on a hall
LAN), whatever its own clock says.

Tests and the simulator inject a ``FakeClock`` (``open_hall(clock=...)``); SQLite (one PC)
keeps the local clock. The offset a terminal measured is stored with its session's
heartbeat (``terminal_session.clock_offset_ms``) so the supervisor console can list the PCs
whose clocks are more than ``WARN_SECONDS`` off.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass

from sqlalchemy import select

from hall_app.domain.server_time import RoundTrip, is_off, needs_resync, skew_ms
from hall_app.services.context import Clock, ServiceContext, system_clock
from hall_app.store import server_time
from hall_app.store.db import Database
from hall_app.store.models import Staff, TerminalSession

log = logging.getLogger("hall_app.services")


class ServerClock:
    """This PC's clock (``local``) corrected to the database server's. Thread-safe: readings
    take the last measured correction; measuring runs on the poll thread."""

    def __init__(self, db: Database, local: Clock = system_clock) -> None:
        self.db = db
        self.local = local
        self._skew = dt.timedelta(0)  # the PC's clock minus the server's
        self.sample: RoundTrip | None = None  # the last measurement
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        return self.local() - self._skew

    @property
    def skew_ms(self) -> int | None:
        """This PC's clock minus the server's, in ms (None until measured)."""
        return skew_ms(self.sample.skew) if self.sample is not None else None

    def sync(self) -> RoundTrip:
        """Measure the offset now (one connection, a few round trips)."""
        with self._lock:
            sample = server_time.measure(self.db, self.local)
            before = self.skew_ms
            self.sample, self._skew = sample, sample.skew
        now = self.skew_ms
        if now is not None and is_off(now) and not is_off(before):
            log.warning("this PC's clock is %+d ms off the database server's", now)
        return sample

    def sync_if_due(self) -> None:
        """Measure again a minute (on this PC's clock) after the last measurement, or at once
        when this PC's clock was set back or forward meanwhile."""
        sample = self.sample
        if needs_resync(sample.received if sample is not None else None, self.local()):
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
        the furthest off first."""
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
        found = [OffClock(*row) for row in rows if is_off(row.clock_offset_ms)]
        return sorted(found, key=lambda off: (-abs(off.skew_ms), off.terminal))
