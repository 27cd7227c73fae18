"""Tidal windows (潮汐窗口): queueing estimates and switch proposals. Pure rules.

Each open window is counted as a server of its first category (the one it calls from
first). The expected wait of a newcomer in a lane is the hall's one wait estimate
(``domain/waits.py``): the time to clear the people already waiting plus, at the recent
arrival rate, the steady-state wait of an M/M/c queue (Erlang C); an overloaded lane is
charged the growth of its queue over the next half hour. A proposal moves one window to
another first category when that lowers the worst expected wait, within the limits: the clerk must be qualified, a window switches
at most once per ``min_gap`` minutes, and no lane with people waiting is left unserved.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hall_app.domain import waits
from hall_app.domain.waits import LaneCapacity
from hall_app.domain.waits import erlang_c_wait as erlang_c_wait  # re-exported


def expected_wait(waiting: int, arrivals_per_min: float, service_min: float, servers: int) -> float:
    """The recommender's what-if: the hall's one wait estimate (``domain/waits.py``) for a lane
    with ``servers`` windows, all counted busy, plus the queueing of the expected arrivals;
    ``inf`` with people waiting (or arriving) and no window."""
    value = waits.expected_wait(
        waiting, LaneCapacity(servers, servers, service_min), arrivals_per_min
    )
    if value is None:
        return math.inf if waiting or arrivals_per_min > 0 else 0.0
    return value


@dataclass(frozen=True)
class LaneLoad:
    code: str
    name: str
    waiting: int
    arrivals_per_min: float
    service_min: float


@dataclass(frozen=True)
class WindowState:
    number: int
    categories: tuple[str, ...]  # its full list in calling order (green and unmodelled lanes too)
    qualified: frozenset[str]  # categories its clerk may serve
    minutes_since_switch: float = math.inf
    busy: bool = False


@dataclass(frozen=True)
class Proposal:
    window: int
    from_categories: tuple[str, ...]
    to_categories: tuple[str, ...]
    lane_from: str
    lane_to: str
    wait_to_before: float
    wait_to_after: float
    wait_from_after: float
    worst_before: float
    worst_after: float
    reason: str = field(default="", compare=False)


def _serving(w: WindowState, modelled: Mapping[str, object]) -> str | None:
    """The lane a window is counted as a server of: its first modelled category (a green
    lane or an unmodelled lane ahead of it stays in the list but is not a modelled server)."""
    return next((c for c in w.categories if c in modelled), None)


def _servers(windows: Sequence[WindowState], modelled: Mapping[str, object]) -> dict[str, int]:
    count: dict[str, int] = {}
    for w in windows:
        lane = _serving(w, modelled)
        if lane is not None:
            count[lane] = count.get(lane, 0) + 1
    return count


def switched_order(categories: Sequence[str], source: str, target: str) -> tuple[str, ...]:
    """The window's full list after a switch from ``source`` to ``target``: ``target`` takes
    the place of ``source``, which follows it; every other lane keeps its place (a green
    channel first stays first)."""
    rest = [c for c in categories if c != target]
    at = rest.index(source) if source in rest else 0
    return (*rest[:at], target, *rest[at:])


def order_text(categories: Sequence[str], names: Mapping[str, str]) -> str:
    return "、".join(f"{c} {names[c]}" if c in names else c for c in categories) or "无"


def _waits(lanes: Sequence[LaneLoad], servers: dict[str, int]) -> dict[str, float]:
    return {
        lane.code: expected_wait(
            lane.waiting, lane.arrivals_per_min, lane.service_min, servers.get(lane.code, 0)
        )
        for lane in lanes
    }


def _score(waits: dict[str, float]) -> tuple[int, float]:
    """Lanes left waiting without any window first, then the worst finite wait."""
    finite = [w for w in waits.values() if not math.isinf(w)]
    return sum(math.isinf(w) for w in waits.values()), max(finite, default=0.0)


def _minutes(value: float) -> str:
    return "很长" if math.isinf(value) else f"{value:.0f}分钟"


def recommend(
    lanes: Sequence[LaneLoad],
    windows: Sequence[WindowState],
    *,
    max_moves: int = 3,
    min_gap: float = 30.0,
    min_gain: float = 3.0,
    names: Mapping[str, str] | None = None,
    donor_limit: float = math.inf,
    keep: Mapping[str, int] | None = None,
) -> list[Proposal]:
    """Greedy switches that each lower the worst expected wait by at least ``min_gain``
    minutes; one move per window, none within ``min_gap`` minutes of its last switch, none
    that leaves the lane it takes the window from expecting more than ``donor_limit`` minutes
    or with fewer windows than ``keep`` says (the rota's minimum per lane).
    A proposal carries the window's full list before and after (``names``: every lane's
    name, green and unmodelled ones too, for the text)."""
    by_code = {lane.code: lane for lane in lanes}
    label = {**(names or {}), **{lane.code: lane.name for lane in lanes}}
    current = list(windows)
    proposals: list[Proposal] = []
    moved: set[int] = set()
    for _ in range(max_moves):
        servers = _servers(current, by_code)
        waits = _waits(lanes, servers)
        unserved, worst = _score(waits)
        best: tuple[tuple[int, float], Proposal, list[WindowState]] | None = None
        for index, w in enumerate(current):
            source = _serving(w, by_code)
            if w.number in moved or w.minutes_since_switch < min_gap or source is None:
                continue
            for target in by_code:
                if target == source or target not in w.qualified:
                    continue
                trial = dict(servers)
                trial[source] = trial.get(source, 0) - 1
                trial[target] = trial.get(target, 0) + 1
                if trial[source] == 0 and source in by_code and by_code[source].waiting > 0:
                    continue  # never leave a lane with people waiting unserved
                if keep is not None and trial[source] < keep.get(source, 0):
                    continue  # nor below its minimum number of windows
                after = dict(waits)  # only the two lanes the move touches change
                for code in (source, target):
                    lane = by_code[code]
                    after[code] = expected_wait(
                        lane.waiting, lane.arrivals_per_min, lane.service_min, trial[code]
                    )
                if after[source] > donor_limit:
                    continue  # the lane giving the window must stay within the limit
                new_unserved, new_worst = _score(after)
                better = new_unserved < unserved or (
                    new_unserved == unserved and worst - new_worst >= min_gain
                )
                if not better:
                    continue
                order = switched_order(w.categories, source, target)
                proposal = Proposal(
                    window=w.number,
                    from_categories=w.categories,
                    to_categories=order,
                    lane_from=source,
                    lane_to=target,
                    wait_to_before=waits[target],
                    wait_to_after=after[target],
                    wait_from_after=after[source],  # source is a modelled lane: always estimated
                    worst_before=worst,
                    worst_after=new_worst,
                    reason=(
                        f"{by_code[target].name} 等候{by_code[target].waiting}人，"
                        f"预计等待{_minutes(waits[target])}；{w.number}号窗口由"
                        f"{by_code[source].name if source in by_code else source}转为"
                        f"{by_code[target].name}后预计降至{_minutes(after[target])}"
                        f"（叫号顺序：{order_text(w.categories, label)} → "
                        f"{order_text(order, label)}）"
                    ),
                )
                score = (new_unserved, new_worst)
                if best is None or score < best[0]:
                    trial_windows = list(current)
                    trial_windows[index] = WindowState(w.number, order, w.qualified, 0.0, w.busy)
                    best = (score, proposal, trial_windows)
        if best is None:
            break
        _best_score, proposal, current = best
        proposals.append(proposal)
        moved.add(proposal.window)
    return proposals


def coverage_problems(
    before: Mapping[int, Sequence[str]],
    after: Mapping[int, Sequence[str]],
    green: frozenset[str],
    waiting: Mapping[str, int],
    names: Mapping[str, str],
) -> list[str]:
    """Why a change of window lists must not be made without an override: ``before`` and
    ``after`` map every open window to its list. The green channel loses its last window
    (or its last window that calls it first), or a lane with people waiting loses its last
    window. A lane that had no window before is not this change's doing."""

    def windows_of(lists: Mapping[int, Sequence[str]], code: str, first: bool = False) -> int:
        return sum(
            1
            for codes in lists.values()
            if (tuple(codes[:1]) == (code,) if first else code in codes)
        )

    problems = []
    for code in sorted(green):
        name = names.get(code, code)
        if windows_of(before, code) and not windows_of(after, code):
            problems.append(f"{name}将没有任何窗口办理")
        elif windows_of(before, code, first=True) and not windows_of(after, code, first=True):
            problems.append(f"{name}将没有优先叫号的窗口（绿色通道窗口）")
    for code, count in sorted(waiting.items()):
        if code in green or count <= 0:
            continue
        if windows_of(before, code) and not windows_of(after, code):
            problems.append(f"{names.get(code, code)}有 {count} 人等候，将没有窗口办理")
    return problems


def default_end(
    now: dt.datetime, periods: Sequence[tuple[dt.time, dt.time]], hours: float = 2.0
) -> dt.datetime:
    """When a temporary change ends unless the supervisor says otherwise: in ``hours``, or at
    the end of the current (or next) opening period if that comes sooner. ``now`` is local."""
    limit = now + dt.timedelta(hours=hours)
    ends = sorted(dt.datetime.combine(now.date(), end, now.tzinfo) for _start, end in periods)
    upcoming = [end for end in ends if end > now]
    return min(limit, upcoming[0]) if upcoming else limit


@dataclass(frozen=True)
class Alert:
    level: str  # warn | alarm
    text: str


def alerts(
    lanes: Sequence[tuple[str, int, int, int]],
    idle_windows: Sequence[tuple[int, str]],
    paused: Sequence[tuple[int, int]] = (),
    *,
    per_window: int = 10,
    longest_minutes: int = 30,
    paused_minutes: int = 15,
) -> list[Alert]:
    """Supervisor alerts. ``lanes``: (name, waiting, longest wait in minutes, open windows);
    ``idle_windows``: (number, name of a category of it that has people waiting);
    ``paused``: (number, minutes paused)."""
    out = []
    for name, waiting, longest, open_windows in lanes:
        if waiting and open_windows == 0:
            out.append(Alert("alarm", f"{name} 有 {waiting} 人等候，但没有开放窗口"))
        elif open_windows and waiting / open_windows >= per_window:
            out.append(
                Alert(
                    "alarm",
                    f"{name} 每个开放窗口等候 {waiting / open_windows:.0f} 人（阈值 {per_window}）",
                )
            )
        if longest >= longest_minutes:
            out.append(Alert("warn", f"{name} 最长已等待 {longest} 分钟（阈值 {longest_minutes}）"))
    for number, name in idle_windows:
        out.append(Alert("warn", f"{number}号窗口空闲，而其服务的{name}有人等候"))
    for number, minutes in paused:
        if minutes >= paused_minutes:
            out.append(Alert("warn", f"{number}号窗口已暂停服务 {minutes} 分钟"))
    return out
