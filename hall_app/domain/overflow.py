"""The overflow warning (超限预警): will a lane's wait pass the hall's limit, or its queue run
past closing time? Pure rules.

From the queue now and the expected arrivals, the forward simulator runs the next two hours
over many seeds (``domain/forward.py``). A lane is warned about when, in at least half of the
seeds, someone who takes a ticket in that time waits longer than ``limit`` minutes; the warning
says from when (the median of the seeds' first such ticket) and by how much (the median of the
seeds' longest wait), or that people will still be waiting at closing time. The remedies the
console offers with it, each with its figures: call someone forward (the staffing
recommender's proposal, checked forward), offer bookings to new walk-ins of the lane from a
cut-off (they may still take a ticket, marked with its expected wait), send bundle items to
综合受理.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from hall_app.domain.forward import HORIZON_SECONDS, SEEDS, Snapshot, _people
from hall_app.domain.hallsim import MemoryFloor
from hall_app.domain.hallsim_run import Run
from hall_app.domain.rota import clock


@dataclass(frozen=True)
class Warning:
    lane: str
    name: str
    from_minute: int  # when a newcomer's wait is expected to pass the limit
    longest: float  # the longest wait expected, minutes
    past_closing: int  # people expected still waiting at closing time
    share: float  # the share of seeds that overflowed

    def text(self, limit: float) -> str:
        parts = [
            f"{self.name}：预计 {clock(self.from_minute)} 起取号的群众等待将超过 {limit:.0f} 分钟"
            f"（最长约 {self.longest:.0f} 分钟）"
        ]
        if self.past_closing:
            parts.append(f"闭厅时约 {self.past_closing} 人仍在等候")
        return "，".join(parts)


def warnings(snapshot: Snapshot, limit: float = 60.0, seeds: int = SEEDS) -> list[Warning]:
    """The lanes expected to pass ``limit`` minutes of waiting within two hours."""
    model = snapshot.model
    closing = model.periods[-1][1] * 60
    first: dict[str, list[int]] = {}  # lane -> per overflowing seed, its first such ticket
    longest: dict[str, list[float]] = {}
    left: dict[str, int] = {}
    for seed in range(1, seeds + 1):
        people = _people(snapshot, seed)
        run = Run(
            model,
            people,
            snapshot.rota,
            MemoryFloor(model.green_lane, model.fairness),
            start=snapshot.now,
            end=snapshot.now + HORIZON_SECONDS,
            in_hand=snapshot.in_hand,
        )
        outcome = run.run()
        waits = outcome.waits()
        seen: dict[str, int] = {}
        worst: dict[str, float] = {}
        for v in people:
            lane = str(v.service_lane)
            wait = waits[v.issue_order]
            worst[lane] = max(worst.get(lane, 0.0), wait)
            if wait > limit and lane not in seen:
                seen[lane] = max(v.at, snapshot.now)
            if outcome.end >= closing and v.issue_order not in outcome.called:
                left[lane] = left.get(lane, 0) + 1
        for lane, at in seen.items():
            first.setdefault(lane, []).append(at)
            longest.setdefault(lane, []).append(worst[lane])
    return sorted(
        (
            Warning(
                lane,
                model.names.get(lane, lane),
                int(statistics.median(times)) // 60,
                round(statistics.median(longest[lane])),
                round(left.get(lane, 0) / seeds),
                len(times) / seeds,
            )
            for lane, times in first.items()
            if len(times) >= seeds / 2
        ),
        key=lambda w: w.from_minute,
    )
