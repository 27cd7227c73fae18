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
from dataclasses import dataclass, replace

from hall_app.domain.arrivals import Rates
from hall_app.domain.forward import SEEDS, Band, Snapshot, bands, draw_people, run_from
from hall_app.domain.rota import clock

# the share of walk-ins assumed to take a booking when reception offers one first (no hall data
# yet; the console says it is an assumption)
BOOKING_ACCEPTED = 0.3


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
    """The lanes expected to make someone wait more than ``limit`` minutes before the day
    is out: the rest of the day is simulated (arrivals until closing, then everyone still
    waiting served), ``seeds`` times."""
    model = snapshot.model
    closing = model.periods[-1][1] * 60
    first: dict[str, list[int]] = {}  # lane -> per overflowing seed, its first such ticket
    longest: dict[str, list[float]] = {}
    left: dict[str, int] = {}
    for seed in range(1, seeds + 1):
        people = draw_people(snapshot, seed, max(0, closing - snapshot.now))
        outcome = run_from(snapshot, people).run()
        waits = outcome.waits()
        seen: dict[str, int] = {}
        worst: dict[str, float] = {}
        for v in people:
            lane = str(v.service_lane)
            wait = waits[v.issue_order]
            worst[lane] = max(worst.get(lane, 0.0), wait)
            if wait > limit and lane not in seen:
                seen[lane] = max(v.at, snapshot.now)
            if v.at < closing and outcome.called.get(v.issue_order, outcome.end + 1) > closing:
                left[lane] = left.get(lane, 0) + 1  # still waiting when the hall closes
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


@dataclass(frozen=True)
class RemedyOption:
    """A remedy for a warned lane, with its expected effect on that lane's p95 over the next
    two hours (``forward.bands``)."""

    lane: str
    kind: str  # booking_first | bundle_to_general
    text: str
    without: Band
    with_: Band


def _rates_moved(rates: Rates, lane: str, keep: float, to: str | None = None) -> Rates:
    """``rates`` with ``lane`` kept at ``keep`` of itself, the rest added to ``to``."""
    per_lane = dict(rates.per_lane)
    own = per_lane.get(lane, ())
    per_lane[lane] = tuple(r * keep for r in own)
    if to is not None and own:
        other = list(per_lane.get(to, ())) + [0.0] * max(0, len(own) - len(per_lane.get(to, ())))
        per_lane[to] = tuple(o + r * (1 - keep) for o, r in zip(other, own, strict=False))
    return Rates(rates.start_minute, rates.slot_minutes, per_lane)


def remedy_options(
    snapshot: Snapshot,
    warning: Warning,
    *,
    accept_share: float = BOOKING_ACCEPTED,
    bundle_share: float = 0.0,
    general_lane: str = "A",
    seeds: int = SEEDS,
) -> list[RemedyOption]:
    """The remedies for ``warning`` besides calling staff (the staffing proposals do that):

    * booking first: from now, reception offers each new walk-in of the lane a booking for the
      next quiet slot; ``accept_share`` of walk-ins are assumed to take it (an assumption the
      console states: the hall's own count of offers and bookings replaces it once it has one);
    * bundle items to 综合受理: ``bundle_share`` of the lane's arrivals (its items that belong to
      a 一件事) wait in ``general_lane`` instead.
    """
    lane = warning.lane
    walk_ins = max(0.0, 1.0 - snapshot.appointment_share - snapshot.green_share)
    base = bands(snapshot, (), seeds)
    without = base.get(lane, Band(0.0, 0.0, 0.0))
    out = []
    keep = 1.0 - accept_share * walk_ins
    booked = replace(snapshot, rates=_rates_moved(snapshot.rates, lane, keep))
    after = bands(booked, (), seeds).get(lane, without)
    out.append(
        RemedyOption(
            lane,
            "booking_first",
            f"{warning.name}：导服对新到的现场取号群众先行引导预约（仍可取号，号票注明预计等待）；"
            f"按约 {accept_share:.0%} 接受预约估计，p95 等待 {without.mean:.0f} → {after.mean:.0f} 分钟",
            without,
            after,
        )
    )
    if bundle_share > 0 and lane != general_lane:
        moved = replace(
            snapshot, rates=_rates_moved(snapshot.rates, lane, 1.0 - bundle_share, general_lane)
        )
        result = bands(moved, (), seeds)
        after = result.get(lane, without)
        general = result.get(general_lane, Band(0.0, 0.0, 0.0))
        out.append(
            RemedyOption(
                lane,
                "bundle_to_general",
                f"{warning.name}：一件事事项改由综合受理窗口办理（约占该类 {bundle_share:.0%}）；"
                f"p95 等待 {without.mean:.0f} → {after.mean:.0f} 分钟，综合受理约 {general.mean:.0f} 分钟",
                without,
                after,
            )
        )
    return out
