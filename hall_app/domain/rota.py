"""A day's rota (排班): who works at which window when, their breaks, the back office and the
least number of windows each lane keeps. Pure rules.

Times are minutes of the day (08:30 is 510). A person is *at a window* during a ``work`` shift
there, except during their ``break`` shifts; a ``backoffice`` shift says they are in the back
office and may be called to the front. A clerk whose window closes early goes back to the back
office for the rest of their shift (the simulator and the recommender count them as callable).

Staff-hours count the time someone is at a window (work minus breaks): the front-line cost the
recommender saves by closing a quiet window and spends by calling someone forward.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property


class Kind(enum.StrEnum):
    WORK = "work"
    BREAK = "break"
    BACK_OFFICE = "backoffice"


@dataclass(frozen=True, slots=True)
class Shift:
    kind: Kind
    staff_no: str
    start: int  # minute of the day
    end: int  # exclusive
    window: int | None = None  # the window of a work shift; None for a break or back office

    def covers(self, minute: float) -> bool:
        return self.start <= minute < self.end


@dataclass(frozen=True)
class Rota:
    shifts: tuple[Shift, ...]
    minimums: Mapping[str, int] = field(default_factory=dict)  # lane -> windows at least
    note: str = ""  # e.g. that this is the hall's default, no rota having been saved that day

    @cached_property
    def _break_times(self) -> dict[str, list[tuple[int, int]]]:
        """Each person's breaks (computed once)."""
        out: dict[str, list[tuple[int, int]]] = {}
        for s in self.shifts:
            if s.kind is Kind.BREAK:
                out.setdefault(s.staff_no, []).append((s.start, s.end))
        return out

    def _on_break(self, staff_no: str, minute: float) -> bool:
        return any(a <= minute < b for a, b in self._break_times.get(staff_no, ()))

    @cached_property
    def _timeline(self) -> tuple[list[int], list[dict[int, str]]]:
        """Who is at which window from each change minute on (computed once)."""
        starts = self.change_minutes()
        return starts, [self._at_windows(m) for m in starts]

    def at_windows(self, minute: float) -> dict[int, str]:
        """Window -> the person at it at ``minute`` (work shift, not on a break)."""
        starts, plans = self._timeline
        at = bisect_right(starts, minute) - 1
        return dict(plans[at]) if at >= 0 else {}

    def _at_windows(self, minute: float) -> dict[int, str]:
        return {
            s.window: s.staff_no
            for s in self.shifts
            if s.kind is Kind.WORK
            and s.window is not None
            and s.covers(minute)
            and not self._on_break(s.staff_no, minute)
        }

    def back_office(self, minute: float) -> list[str]:
        """The people in the back office at ``minute`` who may be called forward."""
        at_front = set(self.at_windows(minute).values())
        return sorted(
            {
                s.staff_no
                for s in self.shifts
                if s.kind is Kind.BACK_OFFICE
                and s.covers(minute)
                and s.staff_no not in at_front
                and not self._on_break(s.staff_no, minute)
            }
        )

    def change_minutes(self) -> list[int]:
        """Every minute at which someone arrives at or leaves a window or the back office."""
        return sorted({m for s in self.shifts for m in (s.start, s.end)})

    def breaks(self, staff_no: str) -> list[Shift]:
        return sorted(
            (s for s in self.shifts if s.kind is Kind.BREAK and s.staff_no == staff_no),
            key=lambda s: s.start,
        )

    def staff_minutes(self) -> int:
        """Minutes of people at windows over the day, as planned (work minus breaks)."""
        total = 0
        for s in self.shifts:
            if s.kind is not Kind.WORK:
                continue
            total += s.end - s.start
            for b in self.breaks(s.staff_no):
                total -= max(0, min(b.end, s.end) - max(b.start, s.start))
        return total

    def with_break_moved(self, staff_no: str, old_start: int, new_start: int) -> Rota:
        """The same rota with one break of ``staff_no`` starting at ``new_start`` instead."""
        shifts = []
        for s in self.shifts:
            if s.kind is Kind.BREAK and s.staff_no == staff_no and s.start == old_start:
                s = Shift(Kind.BREAK, staff_no, new_start, new_start + (s.end - s.start))
            shifts.append(s)
        return replace(self, shifts=tuple(shifts))


def default_rota(
    clerks: Mapping[int, str],
    back_office: Sequence[str],
    periods: Sequence[tuple[int, int]],
    minimums: Mapping[str, int] | None = None,
) -> Rota:
    """Every window's own clerk at it through each opening period (``clerks``: window ->
    staff number), the others in the back office all day."""
    shifts = [
        Shift(Kind.WORK, staff_no, start, end, window)
        for window, staff_no in sorted(clerks.items())
        for start, end in periods
    ]
    shifts += [
        Shift(Kind.BACK_OFFICE, staff_no, start, end)
        for staff_no in back_office
        for start, end in periods
    ]
    return Rota(tuple(shifts), dict(minimums or {}))


def problems(
    rota: Rota,
    windows: Collection[int],
    staff: Mapping[str, frozenset[str]],
    window_lanes: Mapping[int, Collection[str]] | None = None,
) -> list[str]:
    """What is wrong with a rota, in Chinese (``staff``: staff number -> qualified lanes;
    ``window_lanes``: window -> its lanes, when given a person must be qualified for at least
    one lane of each window they are put at)."""
    out = []
    for s in rota.shifts:
        who = f"{s.staff_no}"
        if s.staff_no not in staff:
            out.append(f"工号 {who} 不存在")
        if s.start >= s.end:
            out.append(f"工号 {who} 的时段 {clock(s.start)}–{clock(s.end)} 结束不晚于开始")
        if s.kind is Kind.WORK and (s.window is None or s.window not in windows):
            out.append(f"工号 {who} 的上岗窗口 {s.window or '（空）'} 不存在")
        elif (
            s.kind is Kind.WORK
            and s.window is not None
            and window_lanes is not None
            and s.staff_no in staff
            and not set(window_lanes.get(s.window, ())) & staff[s.staff_no]
        ):
            lanes = "、".join(sorted(window_lanes.get(s.window, ()))) or "（无）"
            out.append(f"工号 {who} 不具备{s.window}号窗口任一业务类别（{lanes}）的办理资格")
    work = [s for s in rota.shifts if s.kind is Kind.WORK]
    for i, a in enumerate(work):
        for b in work[i + 1 :]:
            if a.start < b.end and b.start < a.end:
                if a.staff_no == b.staff_no:
                    out.append(f"工号 {a.staff_no} 在 {clock(max(a.start, b.start))} 同时排在两处")
                elif a.window == b.window:
                    out.append(
                        f"{a.window}号窗口在 {clock(max(a.start, b.start))} 同时排了 "
                        f"{a.staff_no} 和 {b.staff_no}"
                    )
    for s in rota.shifts:
        if s.kind is Kind.BREAK and not any(
            w.staff_no == s.staff_no and w.start <= s.start and s.end <= w.end for w in work
        ):
            out.append(f"工号 {s.staff_no} 的休息 {clock(s.start)}–{clock(s.end)} 不在其上岗时段内")
    for lane, count in rota.minimums.items():
        if count < 0:
            out.append(f"业务类别 {lane} 的最少窗口数不能为负")
    return out


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


#: the demo hall's opening periods (08:30–12:00, 13:30–17:00)
DEFAULT_PERIODS: tuple[tuple[int, int], ...] = ((510, 720), (810, 1020))
#: where each period's 15-minute breaks may start (10:00 … 11:30; 15:00 … 16:30)
BREAK_STARTS: tuple[tuple[int, ...], ...] = (
    tuple(range(600, 691, 15)),
    tuple(range(900, 991, 15)),
)
BREAK_MINUTES = 15


def with_staggered_breaks(
    rota: Rota,
    window_lanes: Mapping[int, Collection[str]],
    starts: Sequence[Sequence[int]] = BREAK_STARTS,
    length: int = BREAK_MINUTES,
) -> Rota:
    """``rota`` with one break of ``length`` minutes per work shift, its start taken from the
    shift's list in ``starts``: window by window, among the starts at which every lane of the
    window keeps at least its minimum (at least one) other window open, the one with the
    fewest of those lanes' windows already away, then the fewest windows away, then the
    earliest. A window whose lanes cannot spare it gets no break there."""
    shifts = list(rota.shifts)
    off: dict[int, set[int]] = {}  # break start -> windows on break then
    at_front: dict[int, frozenset[int]] = {}  # break start -> windows staffed (before breaks)
    work = sorted(
        (s for s in rota.shifts if s.kind is Kind.WORK and s.window is not None),
        key=lambda s: (s.start, s.window or 0),
    )
    for shift in work:
        window = shift.window
        assert window is not None
        lanes = tuple(window_lanes.get(window, ()))
        choices = next(
            (c for c in starts if c and shift.start <= c[0] and c[-1] + length <= shift.end), ()
        )
        best: tuple[int, int, int] | None = None
        for start in choices:
            away = off.get(start, set())
            if start not in at_front:
                at_front[start] = frozenset(rota.at_windows(start))
            staffed = at_front[start] - away
            if all(
                sum(1 for w in staffed if lane in window_lanes.get(w, ()))
                > max(1, rota.minimums.get(lane, 1))
                for lane in lanes
            ):
                crowding = sum(1 for w in away for lane in lanes if lane in window_lanes.get(w, ()))
                best = min(best or (crowding, len(away), start), (crowding, len(away), start))
        if best is not None:
            off.setdefault(best[2], set()).add(window)
            shifts.append(Shift(Kind.BREAK, shift.staff_no, best[2], best[2] + length))
    return replace(rota, shifts=tuple(shifts))
