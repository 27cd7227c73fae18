"""The staffing recommender's estimates. Pure rules.

* The arrival rate a lane is planned for: the larger of the forecast's mean over the next hour
  and the last hour's rate (the last hour's alone without a forecast). Its service time: the
  last hour's services and the catalog's average counted as ten more.
* The windows a lane has: those calling it first, plus the time that windows calling it second
  or later are expected to have left over from their own first lane (a fluid estimate,
  rounded down to whole windows, only for a lane with a window of its own).
* The wait someone joining the lane can expect: the people ahead shared over the windows
  (with as many windows busy as the load keeps busy on average when nobody waits),
  plus the queueing of the arrivals (Erlang C, ``domain/waits.erlang_c_wait``), which near and
  past capacity is held to what the next half hour can build — a service time plus the half
  hour times how far the load is past half — so that a lane at 99 % does not outrank a lane
  at 230 %, as the steady-state formula alone would make it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol

from hall_app.domain import waits
from hall_app.domain.hallsim_policy import lane_loads
from hall_app.domain.hallsim_run import Desk, Run
from hall_app.domain.tidal import LaneLoad, erlang_c_wait

HORIZON_MINUTES = 30.0
PRIOR_SERVICES = 10  # the catalog's average counts as this many services of the last hour


class Expected(Protocol):
    """The expected arrivals: people per hour in ``lane`` around ``minute`` of the day."""

    def rate_at(self, lane: str, minute: int) -> float: ...


def looking_ahead(run: Run, expected: Expected | None, minutes: int = 60) -> dict[str, LaneLoad]:
    """The lanes, each with the arrival rate it is planned for."""
    out = {}
    since = run.now - 3600
    for lane in lane_loads(run):
        # the service time: the last hour's services pulled towards the catalog's average
        # (a few quick services early in the day must not make a lane look roomy)
        recent = [seconds / 60 for at, seconds in run.served.get(lane.code, ()) if at >= since]
        catalog = float(run.model.service_minutes.get(lane.code, lane.service_min))
        service = (sum(recent) + PRIOR_SERVICES * catalog) / (len(recent) + PRIOR_SERVICES)
        lane = replace(lane, service_min=service)
        rate = lane.arrivals_per_min
        if expected is not None:
            start = run.now // 60
            ahead = [expected.rate_at(lane.code, start + k) for k in range(0, minutes, 5)]
            rate = max(rate, sum(ahead) / len(ahead) / 60)
        out[lane.code] = replace(lane, arrivals_per_min=rate)
    return out


def first_lane(desk: Desk, lanes: Mapping[str, LaneLoad]) -> str | None:
    return next((c for c in desk.calling if c in lanes), None)


def first_servers(desks: Sequence[Desk], lanes: Mapping[str, LaneLoad]) -> dict[str, int]:
    """Windows per lane, each counted for the first lane it calls."""
    count: dict[str, int] = {}
    for d in desks:
        first = first_lane(d, lanes)
        if first is not None:
            count[first] = count.get(first, 0) + 1
    return count


def busy_shares(desks: Sequence[Desk], lanes: Mapping[str, LaneLoad]) -> dict[str, float]:
    """The share of its time a window calling a lane first spends on that lane."""
    first = first_servers(desks, lanes)
    return {
        code: min(1.0, lane.arrivals_per_min * lane.service_min / first[code])
        for code, lane in lanes.items()
        if first.get(code)
    }


def spare_windows(desks: Sequence[Desk], lanes: Mapping[str, LaneLoad]) -> dict[str, float]:
    """What windows calling a lane second or later give it (see the module docstring)."""
    busy = busy_shares(desks, lanes)
    spare: dict[str, float] = {}
    for d in desks:
        ranked = [c for c in d.calling if c in lanes]
        if not ranked:
            continue
        left = 1.0 - busy.get(ranked[0], 0.0)
        for code in ranked[1:]:
            spare[code] = spare.get(code, 0.0) + left
    return spare


def planning_wait(lane: LaneLoad, servers: int, spare: float = 0.0) -> float:
    """The wait someone joining ``lane`` can expect (see the module docstring)."""
    windows = servers + (int(spare) if servers > 0 else 0)
    if windows <= 0:
        return math.inf if lane.waiting or lane.arrivals_per_min > 0 else 0.0
    offered = lane.arrivals_per_min * lane.service_min  # windows kept busy, on average
    busy = min(windows, math.ceil(offered)) if lane.waiting == 0 else windows
    ahead = (
        waits.expected_wait(lane.waiting, waits.LaneCapacity(windows, busy, lane.service_min))
        or 0.0
    )
    load = offered / windows
    fluid = lane.service_min + HORIZON_MINUTES * max(0.0, load - 0.5)
    if load >= 1:
        return ahead + fluid
    return ahead + min(erlang_c_wait(lane.arrivals_per_min, lane.service_min, windows), fluid)


class Board:
    """The lanes' planned load, windows and waits during one round of advice, updated as
    proposals are made so that each sees the ones before it."""

    def __init__(self, run: Run, expected: Expected | None) -> None:
        self.run = run
        self.loads = looking_ahead(run, expected)
        self.desks = run.open_desks()
        self.servers = first_servers(self.desks, self.loads)
        self.spare = spare_windows(self.desks, self.loads)
        self.busy = busy_shares(self.desks, self.loads)  # as the round starts
        self._waits: dict[tuple[str, int, float], float] = {}

    def wait(self, lane: str, change: int = 0) -> float:
        key = (lane, self.servers.get(lane, 0) + change, self.spare.get(lane, 0.0))
        if key not in self._waits:  # the same question comes for every window of a lane
            self._waits[key] = planning_wait(self.loads[lane], key[1], key[2])
        return self._waits[key]

    def minimum(self, lane: str) -> int:
        return max(1, self.run.plan.minimums.get(lane, 1))

    def can_give(
        self, desk: Desk, below: float, *, green_first: bool = False
    ) -> tuple[str, float] | None:
        """The desk's first lane and its wait without it, if the lane keeps its minimum and
        would still expect under ``below`` minutes; never a window calling the green channel
        first, unless ``green_first`` (a move that keeps the green channel first there)."""
        green = self.run.model.green_lane
        first = first_lane(desk, self.loads)
        if first is None or (not green_first and green is not None and desk.lanes[:1] == (green,)):
            return None
        if self.servers.get(first, 0) - 1 < self.minimum(first):
            return None
        after = self.wait(first, -1)
        return (first, after) if after <= below else None

    def others_keep(self, desk: Desk, below: float) -> bool:
        """Whether the lanes ``desk`` calls second or later would still expect under
        ``below`` minutes (or no worse than now) without the time it gives them."""
        ranked = [c for c in desk.calling if c in self.loads]
        if len(ranked) < 2:
            return True
        share = 1.0 - self.busy.get(ranked[0], 0.0)
        for code in ranked[1:]:
            now = self.wait(code)
            after = planning_wait(
                self.loads[code], self.servers.get(code, 0), self.spare.get(code, 0.0) - share
            )
            if after > max(below, now + 0.5):
                return False
        return True

    def move(self, source: str | None, target: str | None) -> None:
        if source is not None:
            self.servers[source] = self.servers.get(source, 0) - 1
        if target is not None:
            self.servers[target] = self.servers.get(target, 0) + 1
