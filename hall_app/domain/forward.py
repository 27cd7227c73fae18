"""The forward check (前瞻校验): before a proposal is shown, the next two hours are simulated
from the queue as it stands, with and without it, over many seeds. Pure rules.

Each seed draws the expected arrivals (``domain/arrivals.generate`` at the forecast's rates)
and new service times for everyone, and runs the fast simulator twice on the same people:
once as things stand, once with the proposal applied now. For each lane the console shows the
mean of the seeds' p95 waits and the range the middle 90 % of seeds fall in.

The objective (the one a supervisor signs, docs/simulator.md): the largest lane p95 must come
down, with no lane (the green channel above all) made worse than ``tolerance``; a proposal that
saves staff (closing a window) must not raise any lane's p95 by more than ``tolerance``.
Proposals that do neither are dropped.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from hall_app.domain.arrivals import Rates, generate
from hall_app.domain.hallsim import (
    GREEN,
    HallModel,
    MemoryFloor,
    Visit,
    draw_visits,
    service_seconds,
)
from hall_app.domain.hallsim_report import p95
from hall_app.domain.hallsim_run import Action, Close, Run
from hall_app.domain.rota import Rota

HORIZON_SECONDS = 2 * 3600
SEEDS = 20


@dataclass(frozen=True)
class Snapshot:
    """The hall now, as the forward check starts from it."""

    model: HallModel  # ``windows``: each window's lanes as they are now
    now: int  # seconds after midnight
    rota: Rota  # who is at which window from now on, and the back office
    waiting: tuple[Visit, ...]  # the queue (issue order kept)
    in_hand: Mapping[int, tuple[Visit, int]]  # window -> (ticket at the counter, done at)
    rates: Rates  # the expected arrivals (people per hour by lane and slot)
    items_by_lane: Mapping[str, Sequence[str]]
    green_share: float = 0.03
    appointment_share: float = 0.15


@dataclass(frozen=True)
class Band:
    """A lane's p95 wait over the seeds: the mean, and the middle 90 % of seeds."""

    mean: float
    low: float
    high: float


def _band(values: Sequence[float]) -> Band:
    ordered = sorted(values)
    n = len(ordered)
    return Band(
        round(statistics.mean(ordered), 1),
        round(ordered[int(0.05 * (n - 1))], 1),
        round(ordered[round(0.95 * (n - 1))], 1),
    )


def draw_people(snapshot: Snapshot, seed: int, horizon: int = HORIZON_SECONDS) -> list[Visit]:
    """The queue as it stands with new service times, and the arrivals of the next
    ``horizon`` seconds drawn at the forecast's rates, for one seed."""
    rng = random.Random(seed * 7919 + 1)
    waiting = [
        replace(
            v,
            service=service_seconds(
                rng, snapshot.model.service_minutes.get(str(v.service_lane), 10.0)
            ),
        )
        for v in snapshot.waiting
    ]
    minute = snapshot.now / 60
    arrivals = generate(
        snapshot.rates,
        seed,
        snapshot.items_by_lane,
        start_minute=minute,
        end_minute=minute + horizon / 60,
        green_share=snapshot.green_share,
        appointment_share=snapshot.appointment_share,
    )
    first = 1 + max(
        (v.issue_order for v in (*snapshot.waiting, *(h for h, _ in snapshot.in_hand.values()))),
        default=0,
    )
    return waiting + draw_visits(arrivals, snapshot.model, seed, first_index=first)


def run_from(snapshot: Snapshot, people: Sequence[Visit], end: int | None = None) -> Run:
    """A run of ``people`` from the snapshot's moment (to ``end``, or until all are called)."""
    model = snapshot.model
    return Run(
        model,
        people,
        snapshot.rota,
        MemoryFloor(model.green_lane, model.fairness),
        start=snapshot.now,
        end=end,
        in_hand=snapshot.in_hand,
    )


def lane_p95(snapshot: Snapshot, actions: Sequence[Action], seed: int) -> dict[str, float]:
    """One seed: each lane's p95 wait (minutes) over the next two hours with ``actions``."""
    people = draw_people(snapshot, seed)
    model = snapshot.model
    run = run_from(snapshot, people, snapshot.now + HORIZON_SECONDS)
    if actions:
        run.apply(actions)
    outcome = run.run()
    waits = outcome.waits()
    by_lane: dict[str, list[float]] = {}
    for v in people:
        by_lane.setdefault(str(v.service_lane), []).append(waits[v.issue_order])
        if model.green_lane is not None and v.priority == GREEN:  # the green channel, also
            by_lane.setdefault(model.green_lane, []).append(waits[v.issue_order])
    return {lane: p95(values) for lane, values in by_lane.items()}


def bands(
    snapshot: Snapshot, actions: Sequence[Action] = (), seeds: int = SEEDS
) -> dict[str, Band]:
    """Each lane's p95 band over ``seeds`` seeds (the same seeds for every proposal)."""
    runs = [lane_p95(snapshot, actions, seed) for seed in range(1, seeds + 1)]
    lanes = sorted({lane for r in runs for lane in r})
    return {lane: _band([r.get(lane, 0.0) for r in runs]) for lane in lanes}


@dataclass(frozen=True)
class Check:
    without: dict[str, Band]
    with_: dict[str, Band]
    helps: bool
    why: str
    seconds: float


def worst(values: Mapping[str, Band]) -> float:
    return max((b.mean for b in values.values()), default=0.0)


def judge(
    action: Action,
    without: Mapping[str, Band],
    with_: Mapping[str, Band],
    green_lane: str | None,
    tolerance: float = 5.0,
) -> tuple[bool, str]:
    """Whether the proposal keeps its place under the objective, and why, in Chinese: the
    green channel no worse (1 minute), no lane worse by more than 10 % or ``tolerance``
    minutes, the largest lane p95 not up; then a close (it saves staff) is kept, anything
    else only if it brings the largest lane p95 down or some lane's down by 2 minutes."""
    if (
        green_lane is not None
        and green_lane in with_
        and green_lane in without
        and with_[green_lane].mean > without[green_lane].mean + 1.0
    ):
        return False, "绿色通道等待将变长"
    common = [lane for lane in with_ if lane in without]
    worse = [
        lane
        for lane in common
        if with_[lane].mean > max(without[lane].mean * 1.1, without[lane].mean + tolerance)
    ]
    if worse:
        return False, f"{'、'.join(worse)} 的 p95 等待将明显变长"
    before, after = worst(without), worst(with_)
    if after > before + 0.5:
        return False, f"最长类别 p95 {before:.0f} → {after:.0f} 分钟，将变长"
    if isinstance(action, Close):
        return True, f"最长类别 p95 {before:.0f} → {after:.0f} 分钟，节省人力"
    if before - after >= 0.5:
        return True, f"最长类别 p95 {before:.0f} → {after:.0f} 分钟"
    gain, lane = max(((without[x].mean - with_[x].mean, x) for x in common), default=(0.0, ""))
    if gain >= 2.0:
        return True, f"{lane} p95 {without[lane].mean:.0f} → {with_[lane].mean:.0f} 分钟"
    return False, f"最长类别 p95 {before:.0f} → {after:.0f} 分钟，没有改善"


def check(
    snapshot: Snapshot,
    action: Action,
    without: Mapping[str, Band] | None = None,
    seeds: int = SEEDS,
) -> Check:
    """Check one proposal (``without``: the baseline bands, computed once per console
    refresh and shared by every proposal)."""
    started = time.perf_counter()
    base = dict(without) if without is not None else bands(snapshot, (), seeds)
    with_ = bands(snapshot, (action,), seeds)
    helps, why = judge(action, base, with_, snapshot.model.green_lane)
    return Check(base, with_, helps, why, time.perf_counter() - started)


def snapshot_of(
    run: Run,
    floor: MemoryFloor,
    rates: Rates,
    items_by_lane: Mapping[str, Sequence[str]],
) -> Snapshot:
    """A simulated hall's state at ``run.now`` (the simulator's own console)."""
    desks = run.desks.values()
    return Snapshot(
        model=replace(run.model, windows={d.number: d.lanes for d in desks}),
        now=run.now,
        rota=run.plan,
        waiting=tuple(floor.waiting()),
        in_hand={d.number: (d.visit, d.until) for d in desks if d.visit is not None},
        rates=rates,
        items_by_lane=items_by_lane,
    )


def run_at(
    snapshot: Snapshot,
    arrived: Mapping[str, Sequence[int]],
    served: Mapping[str, Sequence[tuple[int, int]]],
) -> Run:
    """The hall of ``snapshot`` as a run standing at its moment, with the last hour's
    arrivals (lane -> seconds) and services (lane -> (finished, seconds)) the recommender
    reads; nothing has been simulated yet."""
    model = snapshot.model
    run = Run(
        model,
        snapshot.waiting,
        snapshot.rota,
        MemoryFloor(model.green_lane, model.fairness),
        start=snapshot.now,
        end=snapshot.now,
        in_hand=snapshot.in_hand,
    )
    run.prime()
    for lane, times in arrived.items():
        run.arrived[lane] = deque(sorted(times))
    for lane, done in served.items():
        run.served[lane] = deque(sorted(done))
    return run
