"""The staffing recommender (服务资源动态调配): people as well as lanes. Pure rules.

Every five minutes in the simulator, and whenever the supervisor's console refreshes, it plans
each lane for the arrivals expected over the next hour (``domain/staffing_estimate.py``) and
proposes, lane by lane from the one expected to wait longest:

1. for a lane expected to wait more than ``call_above`` minutes (while the hall is open):
   **switch a window** to it — a window whose own lane would still expect under
   ``give_below`` minutes without it, keeps its minimum number of windows, and whose person is
   qualified; failing that **call someone forward** from the back office (a window's own clerk
   first) to a closed window, or to a window of a lane that can give it (its person goes to the
   back office); up to ``per_lane`` moves per lane, until the lane is expected under the limit;
2. **put back a break** that is due now by ``break_shift`` minutes when the person's lane is
   expected to wait more than ``call_above`` (inside the shift);
3. **close a quiet window** (after its ticket in hand) whose lane could give it, when its
   person is not qualified for a lane in trouble and the window has not changed within
   ``settle_minutes``; its person goes to the back office and may be called again.

The objective a supervisor signs (docs/simulator.md): no lane that gives a window is left
expecting more than ``give_below`` minutes or below its minimum, the green channel's windows are
never taken, the lane expected to wait longest is helped first, and staff-hours are saved only
where no lane is in trouble. Every proposal carries the expected waits before and after and the
staff-hours it costs (+) or saves (−); the console then checks each one forward
(``domain/forward.py``) and drops those that do not help.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hall_app.domain.hallsim_run import Action, CallIn, Close, Desk, MoveBreak, Run, Switch
from hall_app.domain.rota import Kind, clock
from hall_app.domain.staffing_estimate import Board, Expected, first_lane

SWITCH_GAP_SECONDS = 3600  # a window switches lanes at most once an hour (the tidal rule)


@dataclass(frozen=True)
class StaffingRules:
    call_above: float = 20.0  # minutes: a lane expected to wait longer gets help
    give_below: float = 2.0  # minutes: a lane gives a window if it still waits under this
    close_below: float = 4.0  # minutes: a window closes if its lane still waits under this
    settle_minutes: int = 30  # no close within this of a window's last change
    break_shift: int = 30  # minutes a break due at a busy time is put back
    per_lane: int = 2  # moves per lane and round
    max_closes: int = 6  # per round


@dataclass(frozen=True)
class Advice:
    """One proposal with its expected effect."""

    action: Action
    lane: str  # the lane it helps (call, switch, break) or the quiet lane (close)
    wait_before: float  # that lane's expected wait, minutes
    wait_after: float
    staff_hours: float  # + costs, − saves (to the end of the person's shift)
    text: str


def _minutes(value: float) -> str:
    return "很长" if math.isinf(value) else f"{value:.0f}分钟"


def _shift_end(run: Run, staff_no: str, minute: int, kind: Kind | None = None) -> int:
    return max(
        (
            s.end
            for s in run.plan.shifts
            if s.staff_no == staff_no and s.covers(minute) and (kind is None or s.kind is kind)
        ),
        default=minute,
    )


class _Round:
    """One round of advice: the board and what has been proposed so far."""

    def __init__(self, run: Run, rules: StaffingRules, expected: Expected | None) -> None:
        self.run, self.rules = run, rules
        self.board = Board(run, expected)
        self.minute = run.now // 60
        self.out: list[Advice] = []
        self.used: set[int] = set()  # windows already in a proposal
        self.taken: set[str] = set()  # people already in a proposal

    def name(self, lane: str) -> str:
        return self.run.model.names.get(lane, lane)

    def help(self, lane: str) -> bool:
        """One move for ``lane``: a switch if a window can be spared, else a call."""
        return self._switch(lane) or self._call(lane)

    def _switch(self, lane: str) -> bool:
        run, board = self.run, self.board
        best: tuple[float, Desk, str] | None = None
        for desk in board.desks:
            if (
                desk.number in self.used
                or desk.staff is None
                or lane in desk.calling[:1]
                or lane not in run.model.qualified.get(desk.staff, frozenset())
                or run.now - desk.last_switch < SWITCH_GAP_SECONDS
            ):
                continue
            gives = board.can_give(desk, self.rules.give_below, green_first=True)
            if gives is not None and (best is None or gives[1] < best[0]):
                best = (gives[1], desk, gives[0])
        if best is None:
            return False
        _after, desk, source = best
        before = board.wait(lane)
        board.move(source, lane)
        green = run.model.green_lane
        keep = desk.lanes[:1] if green is not None and desk.lanes[:1] == (green,) else ()
        # the lane goes first, or right after the green channel on its window
        lanes = (*keep, lane, *(c for c in desk.lanes if c != lane and c not in keep))
        self.used.add(desk.number)
        after = board.wait(lane)
        self.out.append(
            Advice(
                Switch(desk.number, lanes, f"{self.name(lane)}预计等待{_minutes(before)}"),
                lane,
                before,
                after,
                0.0,
                f"{desk.number}号窗口 由{self.name(source)}转为优先办理{self.name(lane)}："
                f"{self.name(lane)}预计等待 {_minutes(before)} → {_minutes(after)}，"
                f"{self.name(source)}约 {_minutes(board.wait(source))}",
            )
        )
        return True

    def _call(self, lane: str) -> bool:
        run, board, model = self.run, self.board, self.run.model
        people = [
            no
            for no in run.plan.back_office(self.minute)
            if no not in self.taken and lane in model.qualified.get(no, frozenset())
        ]
        if not people:
            return False
        closed = sorted(
            (d for d in run.desks.values() if d.staff is None and d.number not in self.used),
            key=lambda d: (lane not in d.lanes[:1], lane not in d.lanes, d.number),
        )
        giver: str | None = None
        if closed:
            desk = closed[0]
        else:  # no closed window: take one from a lane that can spare it
            offers = [
                (gives[1], d.number, d, gives[0])
                for d in board.desks
                if d.number not in self.used
                and d.staff not in people
                and (gives := board.can_give(d, self.rules.give_below)) is not None
                and board.others_keep(d, self.rules.give_below)
            ]
            if not offers:
                return False
            _after, _number, desk, giver = min(offers, key=lambda o: (o[0], o[1]))
        own = {
            s.staff_no for s in run.plan.shifts if s.kind is Kind.WORK and s.window == desk.number
        }
        person = next((no for no in people if no in own), people[0])  # its own clerk first
        lanes = (lane, *(c for c in model.windows[desk.number] if c != lane))
        before = board.wait(lane)
        board.move(giver, lane)
        after = board.wait(lane)
        until = _shift_end(run, person, self.minute)
        self.used.add(desk.number)
        self.taken.add(person)
        swap = f"（{desk.staff} 回后台）" if desk.staff is not None else ""
        self.out.append(
            Advice(
                CallIn(desk.number, person, lanes, f"{self.name(lane)}预计等待{_minutes(before)}"),
                lane,
                before,
                after,
                (until - self.minute) / 60,
                f"请后台 {person} 到 {desk.number}号窗口{swap} 办理{self.name(lane)}"
                f"（至 {clock(until)}）：预计等待 {_minutes(before)} → {_minutes(after)}",
            )
        )
        return True

    def breaks(self) -> None:
        run, board = self.run, self.board
        for desk in board.desks:
            lane = first_lane(desk, board.loads)
            if desk.staff is None or desk.number in self.used or lane is None:
                continue
            if board.wait(lane) <= self.rules.call_above:
                continue
            for b in run.plan.breaks(desk.staff):
                end = _shift_end(run, desk.staff, b.start, Kind.WORK)
                new = b.start + self.rules.break_shift
                if (
                    b.start <= self.minute + 5
                    and self.minute <= b.start
                    and new + (b.end - b.start) <= end
                ):
                    self.used.add(desk.number)
                    self.out.append(
                        Advice(
                            MoveBreak(desk.staff, b.start, new),
                            lane,
                            board.wait(lane),
                            board.wait(lane),
                            0.0,
                            f"{desk.number}号窗口 {desk.staff} 的休息由 {clock(b.start)} 推迟到 "
                            f"{clock(new)}（{self.name(lane)}排队较长）",
                        )
                    )
                    break

    def closes(self, trouble: set[str]) -> None:
        run, board, rules = self.run, self.board, self.rules
        closes = 0
        # a lane where someone could move to a lane in trouble keeps its slack for that move
        reserved = {
            first_lane(d, board.loads)
            for d in board.desks
            if d.staff is not None and trouble & run.model.qualified.get(d.staff, frozenset())
        }
        for desk in sorted(board.desks, key=lambda d: -d.number):
            if closes >= rules.max_closes:
                return
            if desk.number in self.used or desk.staff is None:
                continue
            settle = rules.settle_minutes * 60
            if run.now - desk.last_switch < settle:
                continue  # changed (switched, opened by a call) within the half hour
            if first_lane(desk, board.loads) in reserved:
                continue  # quiet here, but its lane's slack may go to a lane in trouble
            gives = board.can_give(desk, rules.close_below)
            if gives is None or not board.others_keep(desk, rules.close_below):
                continue
            lane, after = gives
            if any(
                board.loads[c].waiting
                and not any(d is not desk and c in d.calling for d in board.desks)
                for c in desk.calling
                if c in board.loads
            ):
                continue  # the last window of a lane with people waiting
            before = board.wait(lane)
            board.move(lane, None)
            until = _shift_end(run, desk.staff, self.minute, Kind.WORK)
            closes += 1
            self.used.add(desk.number)
            self.out.append(
                Advice(
                    Close(desk.number, f"{self.name(lane)}空闲"),
                    lane,
                    before,
                    after,
                    -(until - self.minute) / 60,
                    f"{desk.number}号窗口 暂停对外，{desk.staff} 回后台（至 {clock(until)}）："
                    f"{self.name(lane)}预计等待 {_minutes(before)} → {_minutes(after)}",
                )
            )


def advise(
    run: Run, rules: StaffingRules | None = None, expected: Expected | None = None
) -> list[Advice]:
    """The proposals for the hall as it stands in ``run`` at ``run.now`` (``expected``: the
    arrivals forecast)."""
    rules = rules or StaffingRules()
    r = _Round(run, rules, expected)
    board = r.board
    trouble = {lane for lane in board.loads if board.wait(lane) > rules.call_above}
    if run.in_period():
        for lane in sorted(trouble, key=lambda c: (-board.wait(c), c)):
            for _ in range(rules.per_lane):
                if board.wait(lane) <= rules.call_above or not r.help(lane):
                    break
        r.breaks()
        r.closes(trouble)
    return r.out


class StaffingPolicy:
    """The simulator's ``tidal-staffing`` policy: every proposal applied, but no window
    closed in a lane someone was called to within ``settle_minutes``, and nobody called to a
    lane a window just left unless its wait is twice the limit (no see-saw between the two)."""

    def __init__(
        self, rules: StaffingRules | None = None, expected: Expected | None = None
    ) -> None:
        self.rules, self.expected = rules or StaffingRules(), expected
        self.closed: dict[str, int] = {}  # lane -> when a window of it last closed
        self.called: dict[str, int] = {}  # lane -> when someone was last called for it

    def decide(self, run: Run, now: int) -> Sequence[Action]:
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
