"""The hall's one wait estimate (预计等待). Pure rules.

Everything that shows or compares waits uses it: the calling board, the printed ticket, the
lane tables of the clerk, reception and supervisor screens, and the tidal recommender's
what-if (which adds the queueing of the people expected to arrive meanwhile).

For someone joining a lane now, with ``ahead`` people in front of them, ``windows`` open
windows serving the lane (``busy`` of them with someone at the counter) and an average service
time of ``service_minutes``:

* if a window is free for them (``ahead`` < free windows) the wait is 0;
* otherwise they are number ``position = ahead - free`` in line for the busy windows: the
  first in line waits for the first counter to free up (about half a service spread over the
  windows) and everyone in front adds one service per window:
  ``(position + 0.5) × service_minutes ÷ windows``;
* a lane no open window serves has no estimate (``None``): the board, the lane tables and the
  ticket slip say 暂无窗口办理，请咨询导服台 instead of a number, and the supervisor console
  flags the lane.

``arrivals_per_min`` (the recommender's planning what-if only) adds the mean wait in queue of
an M/M/c queue (Erlang C) at that arrival rate; an overloaded lane (arrivals faster than the
windows can serve) is charged the growth of its queue over the next half hour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hall_app.domain.i18n import QT_TRANSLATE_NOOP

HORIZON_MINUTES = 30.0

NO_WINDOW = QT_TRANSLATE_NOOP("Waits", "暂无窗口办理，请咨询导服台")


@dataclass(frozen=True)
class LaneCapacity:
    """What serves a lane now: open windows, how many are busy, the average service time."""

    windows: int
    busy: int
    service_minutes: float


def erlang_c_wait(arrivals_per_min: float, service_min: float, servers: int) -> float:
    """Mean wait in queue (minutes) of an M/M/c queue; ``inf`` when c servers cannot keep up."""
    if arrivals_per_min <= 0:
        return 0.0
    if servers <= 0:
        return math.inf
    load = arrivals_per_min * service_min  # offered load in Erlangs
    rho = load / servers
    if rho >= 1:
        return math.inf
    term, total = 1.0, 1.0
    for k in range(1, servers):
        term *= load / k
        total += term
    top = term * load / servers / (1 - rho)
    probability_wait = top / (total + top)
    return probability_wait * service_min / (servers - load)


def expected_wait(
    ahead: int, capacity: LaneCapacity, arrivals_per_min: float = 0.0
) -> float | None:
    """Expected wait in minutes of someone joining the lane now; None when no window is open
    for it. See the module docstring for the formula."""
    windows = capacity.windows
    if windows <= 0:
        return None
    free = max(0, windows - max(0, capacity.busy))
    position = ahead - free  # in line for the busy windows (negative: a window is free)
    backlog = 0.0 if position < 0 else (position + 0.5) * capacity.service_minutes / windows
    queued = erlang_c_wait(arrivals_per_min, capacity.service_minutes, windows)
    if math.isinf(queued):  # overloaded: the queue keeps growing over the horizon
        growth = arrivals_per_min * capacity.service_minutes - windows
        queued = growth * HORIZON_MINUTES / windows
    return backlog + queued


def estimate_wait_minutes(ahead: int, capacity: LaneCapacity) -> int | None:
    """The figure shown and printed: whole minutes, or None (no open window)."""
    value = expected_wait(ahead, capacity)
    return None if value is None else round(value)
