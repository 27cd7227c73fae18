"""The staffing recommender (服务资源动态调配): people as well as lanes. Pure rules.

Every five minutes (in the simulator; on demand in the supervisor console) it looks at each
lane's expected wait (the tidal what-if, ``domain/tidal.expected_wait``: the queue now plus
the last hour's arrivals, Erlang C) and proposes, in this order:

1. **Call someone forward** when a lane is expected to wait more than ``call_above`` minutes:
   a person in the back office qualified for the lane opens a closed window (one whose catalog
   lanes include it first), calling that lane first.
2. **Switch a window's lane** (the tidal step) when that lowers the worst wait — but a window
   only leaves a lane that would still expect under ``donor_limit`` minutes without it, and
   never leaves the green channel.
3. **Move a break** that is due now by ``break_shift`` minutes when the person's lane is
   expected to wait more than ``call_above`` (once per break, inside the shift).
4. **Close a quiet window** (after its ticket in hand) when its lane would still expect under
   ``close_below`` minutes without it, the lane keeps its minimum number of windows, and no
   window that calls the green channel first is closed; its person goes to the back office.

The objective a supervisor signs (documented in docs/simulator.md): first, no lane with people
waiting and no green channel without a window; then the largest expected wait of any lane,
with no window taken from a lane that would then wait more than ``donor_limit``; then the
fewest staff-hours. Every proposal carries the expected waits before and after and the
staff-hours it costs (+) or saves (−).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from hall_app.domain.hallsim_policy import lane_loads, window_states
from hall_app.domain.hallsim_run import Action, CallIn, Close, Desk, MoveBreak, Run, Switch
from hall_app.domain.rota import Kind, clock
from hall_app.domain.tidal import LaneLoad, expected_wait, recommend


class Expected(Protocol):
    """The expected arrivals: people per hour in ``lane`` around ``minute`` of the day."""

    def rate_at(self, lane: str, minute: int) -> float: ...


def looking_ahead(run: Run, expected: Expected | None, minutes: int = 60) -> dict[str, LaneLoad]:
    """The lanes with the busiest arrival rate expected over the next ``minutes`` (the larger
    of the forecast's and the last hour's), or the last hour's alone without a forecast."""
    out = {}
    for lane in lane_loads(run):
        rate = lane.arrivals_per_min
        if expected is not None:
            start = run.now // 60
            ahead = max(expected.rate_at(lane.code, start + k) for k in range(0, minutes, 5))
            rate = max(rate, ahead / 60)
        out[lane.code] = replace(lane, arrivals_per_min=rate)
    return out


@dataclass(frozen=True)
class StaffingRules:
    call_above: float = 20.0  # minutes: a lane expected to wait longer calls someone forward
    close_below: float = 5.0  # minutes: a window closes if its lane still waits under this
    donor_limit: float = 3.0  # minutes: a window leaves a lane only if it still waits under this
    settle_minutes: int = 30  # no close or switch within this of a window's last change
    break_shift: int = 30  # minutes a break due at a busy time is put back
    max_closes: int = 6
    burst: int = 1  # a window closes only if its lane could take this many more at once


@dataclass(frozen=True)
class Advice:
    """One proposal with its expected effect."""

    action: Action
    lane: str  # the lane it helps (call, switch, break) or the quiet lane (close)
    wait_before: float  # that lane's expected wait, minutes
    wait_after: float
    staff_hours: float  # + costs, − saves (to the end of the person's shift)
    text: str


def _servers(desks: Sequence[Desk], lanes: Mapping[str, LaneLoad]) -> dict[str, int]:
    count: dict[str, int] = {}
    for d in desks:
        first = next((c for c in d.calling if c in lanes), None)
        if first is not None:
            count[first] = count.get(first, 0) + 1
    return count


def _wait(lane: LaneLoad, servers: int) -> float:
    return expected_wait(lane.waiting, lane.arrivals_per_min, lane.service_min, servers)


def _minutes(value: float) -> str:
    return "很长" if math.isinf(value) else f"{value:.0f}分钟"


def advise(
    run: Run, rules: StaffingRules = StaffingRules(), expected: Expected | None = None
) -> list[Advice]:
    """The proposals for the hall as it stands in ``run`` at ``run.now`` (``expected``: the
    arrivals forecast, see :func:`looking_ahead`)."""
    model, now = run.model, run.now
    minute = now // 60
    loads = looking_ahead(run, expected)
    open_desks = run.open_desks()
    servers = _servers(open_desks, loads)
    waits = {code: _wait(lane, servers.get(code, 0)) for code, lane in loads.items()}
    out: list[Advice] = []
    taken: set[str] = set()
    used_windows: set[int] = set()

    # 1. call someone forward for the lanes waiting longest
    closed = [d for d in run.desks.values() if d.staff is None]
    for code in sorted(waits, key=lambda c: -waits[c]):
        if waits[code] <= rules.call_above or not run.in_period():
            break
        people = [
            no
            for no in run.plan.back_office(minute)
            if no not in taken and code in model.qualified.get(no, frozenset())
        ]
        windows = sorted(
            (d for d in closed if d.number not in used_windows),
            key=lambda d: (code not in d.lanes[:1], code not in d.lanes, d.number),
        )
        if not people or not windows:
            continue
        desk = windows[0]
        own = {
            s.staff_no for s in run.plan.shifts if s.kind is Kind.WORK and s.window == desk.number
        }
        person = next((no for no in people if no in own), people[0])  # its own clerk first
        lanes = (code, *(c for c in model.windows[desk.number] if c != code))
        after = _wait(loads[code], servers.get(code, 0) + 1)
        until = max(
            (s.end for s in run.plan.shifts if s.staff_no == person and s.covers(minute)),
            default=minute,
        )
        servers[code] = servers.get(code, 0) + 1
        taken.add(person)
        used_windows.add(desk.number)
        out.append(
            Advice(
                CallIn(
                    desk.number,
                    person,
                    lanes,
                    f"{model.names.get(code, code)}预计等待{_minutes(waits[code])}",
                ),
                code,
                waits[code],
                after,
                (until - minute) / 60,
                f"请后台 {person} 到 {desk.number}号窗口 办理{model.names.get(code, code)}"
                f"（至 {clock(until)}）：预计等待 {_minutes(waits[code])} → {_minutes(after)}",
            )
        )
        waits[code] = after

    # 2. switch lanes, protecting the lanes that give a window
    states = [
        w
        for w in window_states(run)
        if w.number not in used_windows
        and not (model.green_lane is not None and w.categories[:1] == (model.green_lane,))
    ]
    current = [
        LaneLoad(c, lane.name, lane.waiting, lane.arrivals_per_min, lane.service_min)
        for c, lane in loads.items()
    ]
    for p in recommend(
        current,
        states,
        min_gap=60,
        names=model.names,
        donor_limit=rules.donor_limit,
        keep={lane: max(1, run.plan.minimums.get(lane, 1)) for lane in loads},
    ):
        out.append(
            Advice(
                Switch(p.window, p.to_categories, p.reason),
                p.lane_to,
                p.wait_to_before,
                p.wait_to_after,
                0.0,
                p.reason,
            )
        )
        used_windows.add(p.window)
        servers[p.lane_from] = servers.get(p.lane_from, 0) - 1
        servers[p.lane_to] = servers.get(p.lane_to, 0) + 1

    # 3. put back a break due now at a busy lane
    for desk in open_desks:
        if desk.staff is None or desk.number in used_windows:
            continue
        first = next((c for c in desk.calling if c in loads), None)
        if first is None or _wait(loads[first], servers.get(first, 0)) <= rules.call_above:
            continue
        for b in run.plan.breaks(desk.staff):
            shift_end = max(
                (
                    s.end
                    for s in run.plan.shifts
                    if s.kind is Kind.WORK
                    and s.staff_no == desk.staff
                    and s.start <= b.start < s.end
                ),
                default=b.end,
            )
            new = b.start + rules.break_shift
            if (
                b.start <= minute + 5
                and minute < b.start + 1
                and new + (b.end - b.start) <= shift_end
            ):
                out.append(
                    Advice(
                        MoveBreak(desk.staff, b.start, new),
                        first,
                        waits.get(first, 0.0),
                        waits.get(first, 0.0),
                        0.0,
                        f"{desk.number}号窗口 {desk.staff} 的休息由 {clock(b.start)} 推迟到 {clock(new)}"
                        f"（{model.names.get(first, first)}排队较长）",
                    )
                )
                used_windows.add(desk.number)

    # 4. close quiet windows
    closes = 0
    green_first = {
        d.number
        for d in open_desks
        if model.green_lane is not None and d.lanes[:1] == (model.green_lane,)
    }
    for desk in sorted(open_desks, key=lambda d: -d.number):
        if closes >= rules.max_closes or not run.in_period():
            break
        if desk.number in used_windows or desk.number in green_first:
            continue
        if (
            now - desk.last_switch < rules.settle_minutes * 60
            or now - desk.since < rules.settle_minutes * 60
        ):
            continue
        first = next((c for c in desk.calling if c in loads), None)
        if first is None:
            continue
        left = servers.get(first, 0) - 1
        if left < max(1, run.plan.minimums.get(first, 1)):
            continue
        after = _wait(loads[first], left)
        burst = _wait(replace(loads[first], waiting=loads[first].waiting + rules.burst), left)
        if (
            burst > rules.call_above
            or after > rules.close_below
            or any(
                waits[c] > rules.call_above
                for c in model.qualified.get(desk.staff or "", ())
                if c in waits
            )
        ):
            continue  # quiet here, but its person could help a lane in trouble: switch instead
        if any(
            c in loads and loads[c].waiting and not _others_serve(open_desks, desk, c)
            for c in desk.calling
        ):
            continue
        until = max(
            (
                s.end
                for s in run.plan.shifts
                if s.staff_no == desk.staff and s.kind is Kind.WORK and s.covers(minute)
            ),
            default=minute,
        )
        servers[first] = left
        closes += 1
        used_windows.add(desk.number)
        out.append(
            Advice(
                Close(desk.number, f"{model.names.get(first, first)}空闲"),
                first,
                waits[first],
                after,
                -(until - minute) / 60,
                f"{desk.number}号窗口 暂停对外，{desk.staff} 回后台（至 {clock(until)}）："
                f"{model.names.get(first, first)}预计等待 {_minutes(waits[first])} → {_minutes(after)}",
            )
        )
    return out


def _others_serve(desks: Sequence[Desk], desk: Desk, lane: str) -> bool:
    return any(d is not desk and lane in d.calling for d in desks)


class StaffingPolicy:
    """The simulator's ``tidal-staffing`` policy: every proposal applied."""

    def __init__(
        self, rules: StaffingRules = StaffingRules(), expected: Expected | None = None
    ) -> None:
        self.rules, self.expected = rules, expected

        self.closed: dict[str, int] = {}  # lane -> when a window of it last closed
        self.called: dict[str, int] = {}  # lane -> when someone was last called for it

    def decide(self, run: Run, now: int) -> Sequence[Action]:
        """Every proposal, but no window closed in a lane someone was called to within the
        last ``settle_minutes``, and nobody called to a lane a window just left unless its
        wait is twice the limit (no see-saw between the two)."""
        settle = self.rules.settle_minutes * 60
        out = []
        for advice in advise(run, self.rules, self.expected):
            lane, action = advice.lane, advice.action
            if isinstance(action, Close):
                if now - self.called.get(lane, -settle) < settle:
                    continue
                self.closed[lane] = now
            elif isinstance(action, CallIn):
                recent = now - self.closed.get(lane, -settle) < settle
                if recent and advice.wait_before <= 2 * self.rules.call_above:
                    continue
                self.called[lane] = now
            out.append(action)
        return out
