"""One run of the day simulator: events in time order on a floor. Pure rules.

At each moment, in this order: windows finish the ticket in hand; the day's plan (the rota,
as changed by the policy) seats and unseats people; the arrivals take their tickets; the policy
(every five minutes while the hall is open) decides; then every free, staffed window calls, in
window-number order. A called person who has gone costs the window ``recall_seconds`` (one
recall, then 过号). Waits run from taking the ticket to being called.

A window whose person leaves at a break, a shift change or a close the policy decided stops
after the ticket in hand. At the end of an opening period (lunch, closing time) a window keeps
calling while people are still waiting for it (延时服务: nobody holding a ticket is sent away)
and closes when it finds nobody. Staff-hours count the time people sit at windows, overtime
included.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from hall_app.domain.hallsim import Floor, HallModel, Visit
from hall_app.domain.rota import Kind, Rota, Shift


@dataclass(slots=True)
class Desk:
    """A window during the run."""

    number: int
    lanes: tuple[str, ...]  # its calling list (the catalog's, or as switched)
    staff: str | None = None
    calling: tuple[str, ...] = ()  # the lanes its person may call from
    visit: Visit | None = None
    until: int = 0
    since: int = 0  # when the person sat down
    last_switch: int = -(10**9)
    leaving: bool = False  # the person leaves once the ticket in hand is done
    busy_seconds: int = 0


@dataclass(frozen=True)
class Switch:
    window: int
    lanes: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class CallIn:
    """Call ``staff_no`` from the back office to open ``window`` with ``lanes``."""

    window: int
    staff_no: str
    lanes: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class Close:
    """Close ``window`` after its ticket in hand; its person goes to the back office."""

    window: int
    reason: str = ""


@dataclass(frozen=True)
class MoveBreak:
    staff_no: str
    old_start: int  # minutes
    new_start: int
    reason: str = ""


Action = Switch | CallIn | Close | MoveBreak


class Policy(Protocol):
    def decide(self, run: Run, now: int) -> Sequence[Action]: ...


@dataclass
class Outcome:
    """What happened to each ticket, and the staffing the day cost."""

    called: dict[int, int]  # visit index -> seconds when called
    visits: Sequence[Visit]
    staff_seconds: int
    busy_seconds: dict[int, int]
    actions: list[tuple[int, Action]] = field(default_factory=list)
    end: int = 0

    def waits(self) -> dict[int, float]:
        """Minutes from ticket to call for everyone called; those never called are charged
        up to the end of the run."""
        return {
            v.issue_order: (self.called.get(v.issue_order, self.end) - v.at) / 60
            for v in self.visits
        }


TICK_SECONDS = 300


class Run:
    """The state of one run; policies read it (``lane_waiting``, ``recent_arrivals``, …)."""

    def __init__(
        self,
        model: HallModel,
        visits: Sequence[Visit],
        rota: Rota,
        floor: Floor,
        policy: Policy | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
        tick: int = TICK_SECONDS,
        in_hand: Mapping[int, tuple[Visit, int]] | None = None,
    ) -> None:
        self.model, self.visits, self.floor, self.policy = model, visits, floor, policy
        self.plan = rota
        self.start = model.periods[0][0] * 60 if start is None else start
        self.stop = end  # a forward run stops here; a day runs until everyone is called
        self.desks = {n: Desk(n, lanes) for n, lanes in sorted(model.windows.items())}
        self.waiting: dict[str, int] = {}  # lane -> people waiting (green channel in its lane)
        self.arrived: dict[str, deque[int]] = {}  # lane -> arrival seconds (last hour)
        self.served: dict[str, deque[tuple[int, int]]] = {}  # lane -> (finished, seconds)
        self.called: dict[int, int] = {}
        self.actions: list[tuple[int, Action]] = []
        self.staff_seconds = 0
        self.now = self.start
        self._busy: list[tuple[int, int]] = []
        self._ticks = [
            t
            for a, b in model.periods
            for t in range(a * 60, b * 60, tick)
            if t >= self.start and (end is None or t < end)
        ]
        self._changes = self._change_times()
        self._in_hand = dict(in_hand or {})  # window -> (ticket at the counter, done at)

    # -- what policies read --------------------------------------------------------------
    def open_desks(self) -> list[Desk]:
        return [d for d in self.desks.values() if d.staff is not None and not d.leaving]

    def arrivals_per_min(self, lane: str, minutes: int = 60) -> float:
        since = self.now - minutes * 60
        times = self.arrived.get(lane, ())
        return sum(1 for t in times if t >= since) / minutes

    def service_minutes(self, lane: str, minutes: int = 60) -> float:
        since = self.now - minutes * 60
        recent = [s for at, s in self.served.get(lane, ()) if at >= since]
        if len(recent) >= 3:
            return sum(recent) / len(recent) / 60
        return float(self.model.service_minutes.get(lane, 10.0))

    def in_period(self, at: int | None = None) -> bool:
        t = (self.now if at is None else at) / 60
        return any(a <= t < b for a, b in self.model.periods)

    # -- the run ---------------------------------------------------------------------------
    def _change_times(self) -> list[int]:
        return sorted({m * 60 for m in self.plan.change_minutes() if m * 60 >= self.now})

    def replan(self, rota: Rota) -> None:
        self.plan = rota
        self._changes = self._change_times()

    def prime(self) -> int:
        """Set the hall as it stands at the start: the people already waiting (a forward
        run), who sits where, the tickets at the counters. Returns the next arrival's index."""
        visits, n = self.visits, len(self.visits)
        i = next((k for k, v in enumerate(visits) if v.at >= self.start), n)
        for v in visits[:i]:
            self._arrive(v)
        self._settle_all()
        for number, (visit, until) in self._in_hand.items():
            desk = self.desks[number]
            desk.visit, desk.until = visit, max(until, self.now)
            self.called[visit.issue_order] = visit.at  # called before the run: no wait here
            heapq.heappush(self._busy, (desk.until, number))
        return i

    def run(self) -> Outcome:
        visits, n = self.visits, len(self.visits)
        i = self.prime()
        self._calls(set(self.desks))
        ticks = deque(self._ticks)
        while True:
            ci = bisect_right(self._changes, self.now)
            times = []
            if i < n:
                times.append(visits[i].at)
            if self._busy:
                times.append(self._busy[0][0])
            if ticks:
                times.append(ticks[0])
            if ci < len(self._changes):
                times.append(self._changes[ci])
            if not times:
                break
            now = max(self.now, min(times))
            if self.stop is not None and now >= self.stop:
                break
            self.now = now
            dirty: set[int] = set()
            while self._busy and self._busy[0][0] <= now:
                _until, number = heapq.heappop(self._busy)
                self._finish(self.desks[number])
                dirty.add(number)
            if ci < len(self._changes) and self._changes[ci] <= now:
                dirty |= self._settle_all()
            while i < n and visits[i].at <= now:
                dirty |= self._arrive(visits[i])
                i += 1
            if ticks and ticks[0] <= now:
                ticks.popleft()
                if self.policy is not None:
                    dirty |= self.apply(self.policy.decide(self, now))
            self._calls(dirty)
        end = self.now if self.stop is None else self.stop
        for desk in self.desks.values():
            if desk.staff is not None:
                self.staff_seconds += max(0, end - desk.since)
        return Outcome(
            dict(self.called),
            self.visits,
            self.staff_seconds,
            {d.number: d.busy_seconds for d in self.desks.values()},
            self.actions,
            end,
        )

    def _arrive(self, visit: Visit) -> set[int]:
        lane = str(visit.lane)
        self.floor.arrive(visit, self.now)
        self.waiting[lane] = self.waiting.get(lane, 0) + 1
        times = self.arrived.setdefault(lane, deque())
        times.append(visit.at)
        while times and times[0] < self.now - 3600:
            times.popleft()
        service_lane = str(visit.service_lane)
        return {
            d.number
            for d in self.desks.values()
            if d.visit is None
            and d.staff is not None
            and (lane in d.calling or service_lane in d.calling)
        }

    def _finish(self, desk: Desk) -> None:
        visit = desk.visit
        assert visit is not None
        self.floor.finish(desk.number, visit, self.now)
        if not visit.no_show:
            lane = str(visit.lane)
            served = self.served.setdefault(lane, deque())
            served.append((self.now, visit.service))
            while served and served[0][0] < self.now - 3600:
                served.popleft()
        desk.visit = None
        if desk.leaving:
            self._settle(desk)

    def _calls(self, numbers: set[int]) -> None:
        for number in sorted(numbers):
            desk = self.desks[number]
            if desk.visit is not None or desk.staff is None or desk.leaving:
                continue
            visit = self.floor.call(number, desk.calling, self.now)
            if visit is None:
                if self._overtime(desk):
                    self._leave(desk)  # 延时服务 over: nobody left for it
                continue
            self.called[visit.issue_order] = self.now
            lane = str(visit.lane)
            self.waiting[lane] -= 1
            seconds = self.model.recall_seconds if visit.no_show else visit.service
            desk.visit, desk.until = visit, self.now + seconds
            desk.busy_seconds += seconds
            heapq.heappush(self._busy, (desk.until, number))

    def _overtime(self, desk: Desk) -> bool:
        """Kept on past its person's shift because people were waiting at closing time."""
        return (
            desk.staff is not None
            and self.plan.at_windows(self.now / 60).get(desk.number) != desk.staff
        )

    def _settle_all(self) -> set[int]:
        changed = set()
        for desk in self.desks.values():
            if self._settle(desk):
                changed.add(desk.number)
        return changed

    def _settle(self, desk: Desk) -> bool:
        """Seat or unseat the window's person as the plan says; True when it may call now."""
        wanted = self.plan.at_windows(self.now / 60).get(desk.number)
        if wanted == desk.staff:
            desk.leaving = False
            return wanted is not None
        if desk.staff is not None:
            if wanted is None and self._ended_period():
                desk.leaving = False
                return desk.visit is None  # 延时服务: it calls until it finds nobody
            if desk.visit is not None:
                desk.leaving = True
                return False
            self._leave(desk)
        if wanted is not None and wanted not in self._seated():
            desk.staff, desk.since, desk.leaving = wanted, self.now, False
            desk.calling = self.model.calling(wanted, desk.lanes)
            self.floor.seat(desk.number, wanted, desk.lanes, self.now)
            return True
        return False

    def _seated(self) -> set[str]:
        return {d.staff for d in self.desks.values() if d.staff is not None}

    def _ended_period(self) -> bool:
        """The moment an opening period ends (lunch or closing), not a break inside one."""
        minute = self.now / 60
        return any(b <= minute for _a, b in self.model.periods) and not self.in_period()

    def _leave(self, desk: Desk) -> None:
        self.staff_seconds += max(0, self.now - desk.since)
        desk.staff, desk.calling, desk.leaving = None, (), False
        self.floor.seat(desk.number, None, desk.lanes, self.now)

    # -- actions ---------------------------------------------------------------------------
    def apply(self, actions: Sequence[Action]) -> set[int]:
        """Carry out a policy's actions now; the windows that may call because of them."""
        dirty: set[int] = set()
        minute = self.now // 60
        for action in actions:
            self.actions.append((self.now, action))
            if isinstance(action, Switch):
                desk = self.desks[action.window]
                desk.lanes, desk.last_switch = action.lanes, self.now
                desk.calling = self.model.calling(desk.staff, desk.lanes)
                self.floor.seat(desk.number, desk.staff, desk.lanes, self.now)
                dirty.add(desk.number)
            elif isinstance(action, CallIn):
                desk = self.desks[action.window]
                desk.lanes, desk.last_switch = action.lanes, self.now
                self.replan(_call_in(self.plan, action.staff_no, action.window, minute))
                dirty |= self._settle_all()
            elif isinstance(action, Close):
                self.desks[action.window].last_switch = self.now
                self.replan(_close(self.plan, action.window, minute))
                self._settle_all()
            else:
                self.replan(
                    self.plan.with_break_moved(action.staff_no, action.old_start, action.new_start)
                )
                dirty |= self._settle_all()
        return dirty


def _call_in(rota: Rota, staff_no: str, window: int, minute: int) -> Rota:
    """``staff_no`` leaves the back office for ``window`` from ``minute`` to the end of the
    opening period their back-office time was in; whoever sat there goes to the back office
    (after the ticket in hand)."""
    until = max(
        (s.end for s in rota.shifts if s.staff_no == staff_no and s.covers(minute)),
        default=minute + 60,
    )
    rota = _close(rota, window, minute)
    shifts: list[Shift] = []
    for s in rota.shifts:
        if s.staff_no == staff_no and s.kind is Kind.BACK_OFFICE and s.covers(minute):
            shifts.append(Shift(Kind.BACK_OFFICE, staff_no, s.start, minute))
            continue
        shifts.append(s)
    shifts.append(Shift(Kind.WORK, staff_no, minute, until, window))
    return Rota(tuple(s for s in shifts if s.start < s.end), rota.minimums)


def _close(rota: Rota, window: int, minute: int) -> Rota:
    """The person at ``window`` goes to the back office at ``minute`` for the rest of their
    shift (and may be called forward again)."""
    shifts: list[Shift] = []
    for s in rota.shifts:
        if s.kind is Kind.WORK and s.window == window and s.covers(minute):
            shifts.append(Shift(Kind.WORK, s.staff_no, s.start, minute, window))
            shifts.append(Shift(Kind.BACK_OFFICE, s.staff_no, minute, s.end))
            continue
        shifts.append(s)
    return Rota(tuple(s for s in shifts if s.start < s.end), rota.minimums)
