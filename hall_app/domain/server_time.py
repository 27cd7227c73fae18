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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hall_app.domain.i18n import QT_TRANSLATE_NOOP

WARN_SECONDS = 5  # a PC further off than this is warned and listed for the supervisor
RESYNC_SECONDS = 60  # a terminal measures its offset again at most this often


@dataclass(frozen=True)
class RoundTrip:
    """One sample: the PC's clock before and after asking, and the server's answer."""

    sent: dt.datetime
    server: dt.datetime
    received: dt.datetime

    @property
    def skew(self) -> dt.timedelta:
        """The PC's clock minus the server's (positive: the PC is fast)."""
        return self.sent + (self.received - self.sent) / 2 - self.server

    @property
    def uncertainty(self) -> dt.timedelta:
        """How far :attr:`skew` can be from the truth: half the round trip."""
        return max(self.received - self.sent, dt.timedelta(0)) / 2


def best(samples: Iterable[RoundTrip]) -> RoundTrip:
    """The sample with the shortest round trip (the least uncertain)."""
    return min(samples, key=lambda sample: sample.uncertainty)


def skew_ms(skew: dt.timedelta) -> int:
    return round(skew / dt.timedelta(milliseconds=1))


def is_off(skew_ms: int | None) -> bool:
    """Is this PC's clock far enough off to warn about (and list for the supervisor)?"""
    return skew_ms is not None and abs(skew_ms) > WARN_SECONDS * 1000


def needs_resync(measured_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Measure again? Both times are read on this PC's own clock: a minute after the last
    measurement, and at once when that clock was set back (or never measured). A clock set
    forward by a minute or more is caught the same way."""
    if measured_at is None:
        return True
    elapsed = now - measured_at
    return not dt.timedelta(0) <= elapsed < dt.timedelta(seconds=RESYNC_SECONDS)


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
