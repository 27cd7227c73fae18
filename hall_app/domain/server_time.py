"""One clock for the hall: how far a PC's clock is from the database server's, and when
that is a problem.

On a shared PostgreSQL every time the hall records (issue, call, deadlines, audit) follows
the server's clock: each terminal measures the *offset* of its own clock against the server
and corrects its readings by it (``services/server_clock.py``). The offset of a PC is its
clock minus the server's ("skew"): positive when the PC runs fast. A PC more than
``WARN_SECONDS`` off is told so, and the supervisor console lists it: its times are still
right (they are corrected), but a clock that far off points at a PC that is not being
synchronised, and what its clerk reads on the wall clock and on the screen differ.

The measurement is one round trip: the PC reads its clock (``sent``), asks the server for
its clock, and reads its own again (``received``). The server's reading belongs somewhere
in between; the middle is the best guess, and half the round trip is how wrong that guess
can be. Of several samples the one with the shortest round trip is kept (as NTP does).

Between measurements the hall's time is *reckoned* (:class:`Reckoning`): the server's time at
the last sample plus the time elapsed since on this PC's monotonic clock ("ticks", e.g.
``time.monotonic()``), which nobody sets. A reading therefore ignores every step of the PC's
wall clock (an administrator or a bad NTP setting moving it). The wall clock is still watched:
when the wall-clock time and the ticks elapsed since the sample differ by more than
``STEP_SECONDS``, the wall clock was stepped and the offset is measured again at once. And no
reading is ever earlier than one already handed out, across a new measurement too (a later
one that would be earlier is held at the last: the hall's time waits for the server's to
catch up), so the order of issue and call at one PC is the order they happened in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hall_app.domain.i18n import QT_TRANSLATE_NOOP

WARN_SECONDS = 5  # a PC further off than this is warned and listed for the supervisor
RESYNC_SECONDS = 60  # a terminal measures its offset again at most this often
STEP_SECONDS = 1  # wall clock and ticks disagreeing by more than this: the clock was stepped


@dataclass(frozen=True)
class RoundTrip:
    """One sample: the PC's clock before and after asking, and the server's answer."""

    sent: dt.datetime
    server: dt.datetime
    received: dt.datetime
    sent_tick: float = 0.0  # the PC's monotonic clock (seconds) at ``sent`` and ``received``
    received_tick: float = 0.0

    @property
    def skew(self) -> dt.timedelta:
        """The PC's clock minus the server's (positive: the PC is fast)."""
        return self.sent + (self.received - self.sent) / 2 - self.server

    @property
    def uncertainty(self) -> dt.timedelta:
        """How far :attr:`skew` can be from the truth: half the round trip."""
        return max(self.received - self.sent, dt.timedelta(0)) / 2

    @property
    def local(self) -> dt.datetime:
        """The PC's wall clock when the server read its own (the middle of the round trip)."""
        return self.sent + (self.received - self.sent) / 2

    @property
    def tick(self) -> float:
        """The PC's monotonic clock when the server read its own."""
        return (self.sent_tick + self.received_tick) / 2


def best(samples: Iterable[RoundTrip]) -> RoundTrip:
    """The sample with the shortest round trip (the least uncertain)."""
    return min(samples, key=lambda sample: sample.uncertainty)


def skew_ms(skew: dt.timedelta) -> int:
    return round(skew / dt.timedelta(milliseconds=1))


def is_off(skew_ms: int | None) -> bool:
    """Is this PC's clock far enough off to warn about (and list for the supervisor)?"""
    return skew_ms is not None and abs(skew_ms) > WARN_SECONDS * 1000


def is_step(wall_elapsed: dt.timedelta, ticks_elapsed: dt.timedelta) -> bool:
    """Was the PC's wall clock stepped? Its time elapsed and the monotonic clock's disagree
    by more than ``STEP_SECONDS`` (either way: set forward or back)."""
    return abs(wall_elapsed - ticks_elapsed) > dt.timedelta(seconds=STEP_SECONDS)


class Reckoning:
    """The hall's (server's) time on this PC between measurements: the last sample's server
    time plus the ticks elapsed since, never earlier than a reading already handed out. Not
    thread-safe (``services/server_clock.ServerClock`` holds a lock around it)."""

    def __init__(self) -> None:
        self.sample: RoundTrip | None = None
        self.last: dt.datetime | None = None  # the latest reading handed out

    def rebase(self, sample: RoundTrip) -> dt.timedelta:
        """Reckon from a new measurement; returns how far it moves the reckoned time at the
        sample's tick (negative: the old reckoning ran ahead of the server)."""
        moved = sample.server - self.estimate(sample.tick, sample.local)
        self.sample = sample
        return moved

    def estimate(self, tick: float, local: dt.datetime) -> dt.datetime:
        """The server's time at ``tick`` by the last sample (``local`` until measured)."""
        if self.sample is None:
            return local
        return self.sample.server + dt.timedelta(seconds=tick - self.sample.tick)

    def read(self, tick: float, local: dt.datetime) -> dt.datetime:
        """The hall's time now: the estimate, held at the last reading if it would be earlier
        (never backwards)."""
        now = self.estimate(tick, local)
        if self.last is not None and now < self.last:
            now = self.last
        self.last = now
        return now

    def skew(self, tick: float, local: dt.datetime) -> dt.timedelta | None:
        """The PC's wall clock minus the server's now, without a round trip (a step of the
        wall clock since the sample shows at once); None until measured."""
        if self.sample is None:
            return None
        return local - self.estimate(tick, local)

    def needs_resync(self, tick: float, local: dt.datetime) -> bool:
        """Measure again? Never measured, ``RESYNC_SECONDS`` of ticks since the sample, or
        the wall clock stepped meanwhile (see :func:`is_step`)."""
        if self.sample is None:
            return True
        ticks = dt.timedelta(seconds=tick - self.sample.tick)
        if not dt.timedelta(0) <= ticks < dt.timedelta(seconds=RESYNC_SECONDS):
            return True
        return is_step(local - self.sample.local, ticks)


FAST = QT_TRANSLATE_NOOP(
    "labels", "本机时钟比服务器快 {} 秒：系统按服务器时间记录，请联系管理员校准时间"
)
SLOW = QT_TRANSLATE_NOOP(
    "labels", "本机时钟比服务器慢 {} 秒：系统按服务器时间记录，请联系管理员校准时间"
)
AHEAD = QT_TRANSLATE_NOOP("labels", "快 {} 秒")
BEHIND = QT_TRANSLATE_NOOP("labels", "慢 {} 秒")


def warning(skew_ms: int) -> tuple[str, int]:
    """The warning for a PC off by ``skew_ms``: (text to translate with "{}" for the
    seconds, whole seconds), e.g. ("本机时钟比服务器快 {} 秒：…", 12)."""
    return (FAST if skew_ms > 0 else SLOW), _seconds(skew_ms)


def short(skew_ms: int) -> tuple[str, int]:
    """ "快 12 秒" / "慢 3 秒" for the supervisor's list: (text to translate, seconds)."""
    return (AHEAD if skew_ms > 0 else BEHIND), _seconds(skew_ms)


def _seconds(skew_ms: int) -> int:
    return round(abs(skew_ms) / 1000)
