"""The day simulator's figures: waits per lane and overall, staff-hours, use of windows.
Pure rules. The JSON fields (``overall``, ``categories`` with ``n``/``mean``/``p95``/``max``,
``utilization``, ``mean_utilization``, ``switches``) are the ones the simulator has always
printed; ``staff_hours`` and ``actions`` are added."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence

from hall_app.domain.hallsim_run import CallIn, Close, MoveBreak, Outcome, Switch


def p95(values: Sequence[float]) -> float:
    """The 95th percentile by the nearest rank (the simulator's measure since the start)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0


def figures(values: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "mean": round(statistics.mean(values), 1) if values else 0.0,
        "p95": round(p95(values), 1),
        "max": round(max(values, default=0.0), 1),
    }


def lane_waits(outcome: Outcome) -> dict[str, list[float]]:
    """Each ticket's wait in minutes, by its item's lane (a green-channel ticket counts in its
    item's lane, as the simulator has always reported)."""
    waits = outcome.waits()
    out: dict[str, list[float]] = {}
    for v in outcome.visits:
        out.setdefault(str(v.service_lane), []).append(waits[v.issue_order])
    return out


def _counts(actions: Iterable[object]) -> dict[str, int]:
    kinds = {Switch: "switch", CallIn: "call_in", Close: "close", MoveBreak: "move_break"}
    out = dict.fromkeys(kinds.values(), 0)
    for action in actions:
        out[kinds[type(action)]] += 1
    return out


def report(outcome: Outcome, *, policy: str, seed: int, span_seconds: int) -> dict[str, object]:
    by_lane = lane_waits(outcome)
    every = [x for values in by_lane.values() for x in values]
    busy: Mapping[int, int] = outcome.busy_seconds
    use = {str(w): round(busy[w] / span_seconds, 2) for w in sorted(busy)}
    counts = _counts(a for _t, a in outcome.actions)
    return {
        "policy": policy,
        "seed": seed,
        "arrivals": len(outcome.visits),
        "overall": figures(every),
        "categories": {lane: figures(values) for lane, values in sorted(by_lane.items())},
        "utilization": use,
        "mean_utilization": round(statistics.mean(use.values()), 2) if use else 0.0,
        "switches": counts["switch"],
        "actions": counts,
        "staff_hours": round(outcome.staff_seconds / 3600, 1),
        "not_called": len(outcome.visits) - len(outcome.called),
    }
