"""The fast day simulator, the forward check and the overflow warning (issue 19), measured.

    .venv/bin/python benchmarks/simulator.py [--quick]

Prints: the time of a day of ~1,000 arrivals at 32 windows (median of 5, each policy), of a
two-hour run from a queue, of one forward check (20 seeds, with and without); the targets on
the Monday profile (seeds 1–5) and the pre-holiday profile (seeds 1–10): overall p95, staff-hours
and each lane's p95 against static; and how long before a lane's wait passes 60 minutes the
overflow warning is first given (pre-holiday, static, seeds 1–10; the console checked every five
minutes from the 08:00 morning check, half an hour before opening).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from hall_app import paths
from hall_app.config import Config
from hall_app.domain.arrivals import generate, rates_from_arrivals, read_profile
from hall_app.domain.forward import bands, check, lane_p95, snapshot_of
from hall_app.domain.hallsim import MIDNIGHT, MemoryFloor, SlotRates, draw_visits
from hall_app.domain.hallsim_policy import TidalPolicy
from hall_app.domain.hallsim_report import report
from hall_app.domain.hallsim_run import Run
from hall_app.domain.overflow import warnings
from hall_app.domain.staffing import StaffingPolicy, advise
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.context import FakeClock
from hall_app.services.hall import open_hall
from hall_app.services.hall_model import hall_setup

ARRIVALS = paths.resources_dir() / "arrivals"


def _setup():  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(prefix="hall_bench_sim_"))
    hall = open_hall(
        Config(db_url=f"sqlite:///{folder / 'b.sqlite3'}", terminal="bench"),
        clock=FakeClock(MIDNIGHT),
    )
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    setup = hall_setup(hall.db)
    setup = replace(setup, model=replace(setup.model, fairness=hall.tickets.fairness))
    hall.close()
    return setup


def _policy(name: str, visits):  # type: ignore[no-untyped-def]
    if name == "tidal":
        return TidalPolicy()
    if name == "tidal-staffing":
        return StaffingPolicy(expected=SlotRates(visits))
    return None


def _day(setup, arrivals, policy: str, seed: int):  # type: ignore[no-untyped-def]
    visits = draw_visits(arrivals, setup.model, seed)
    floor = MemoryFloor(setup.model.green_lane, setup.model.fairness)
    run = Run(setup.model, visits, setup.rota, floor, _policy(policy, visits))
    started = time.perf_counter()
    outcome = run.run()
    seconds = time.perf_counter() - started
    return report(
        outcome, policy=policy, seed=seed, span_seconds=max(1, outcome.end - run.start)
    ), seconds


def _items(setup):  # type: ignore[no-untyped-def]
    items: dict[str, list[str]] = {}
    for code, lane in sorted(setup.lane_of.items()):
        items.setdefault(lane, []).append(code)
    return items


def speed(setup) -> None:  # type: ignore[no-untyped-def]
    monday = read_profile(ARRIVALS / "monday_peak.csv", setup.lane_of)
    big = generate(rates_from_arrivals(monday).scaled(1000 / len(monday)), 7, _items(setup))
    print(
        f"== fast simulator: a day of {len(big)} arrivals at {len(setup.model.windows)} windows (median of 5)"
    )
    for policy in ("static", "tidal", "tidal-staffing"):
        times = [_day(setup, big, policy, seed)[1] for seed in range(1, 6)]
        print(f"   {policy:<15} {statistics.median(times) * 1000:6.0f} ms   (target ≤ 300 ms)")
    profile = read_profile(ARRIVALS / "preholiday_surge.csv", setup.lane_of)
    snap = _snapshot(setup, profile, 10 * 60, seed=1)
    runs = []
    for seed in range(1, 21):
        started = time.perf_counter()
        lane_p95(snap, (), seed)
        runs.append(time.perf_counter() - started)
    print(
        f"== two-hour run from the 10:00 queue (pre-holiday, {len(snap.waiting)} waiting): "
        f"median {statistics.median(runs) * 1000:.1f} ms (target ≤ 12 ms)"
    )
    monday = read_profile(ARRIVALS / "monday_peak.csv", setup.lane_of)
    run = snap_run(setup, monday, 9 * 60 + 30, 1)
    rates = rates_from_arrivals(monday)
    snap = snapshot_of(run, run.floor_ref, rates, _items(setup))
    started = time.perf_counter()
    base = bands(snap)
    baseline = time.perf_counter() - started
    proposals = advise(run, expected=rates)
    checks = [check(snap, p.action, base) for p in proposals]
    times = [c.seconds for c in checks]
    print(
        f"== forward check at 09:30 on the Monday (seed 1), 20 seeds × 2 h: baseline "
        f"{baseline * 1000:.0f} ms once per refresh; {len(times)} proposals, each "
        f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms with the baseline shared, "
        f"{(baseline + max(times)) * 1000:.0f} ms at most alone (target ≤ 1 s); "
        f"{sum(c.helps for c in checks)} kept"
    )


def snap_run(setup, arrivals, minute: int, seed: int):  # type: ignore[no-untyped-def]
    visits = draw_visits(arrivals, setup.model, seed)
    floor = MemoryFloor(setup.model.green_lane, setup.model.fairness)
    run = Run(setup.model, visits, setup.rota, floor, None, end=minute * 60)
    run.run()
    run.now = minute * 60
    run.floor_ref = floor  # type: ignore[attr-defined]
    return run


def _snapshot(setup, arrivals, minute: int, seed: int):  # type: ignore[no-untyped-def]
    run = snap_run(setup, arrivals, minute, seed)
    return snapshot_of(run, run.floor_ref, rates_from_arrivals(arrivals), _items(setup))


def targets(setup, seeds_monday: int, seeds_holiday: int) -> None:  # type: ignore[no-untyped-def]
    for name, count, policies in (
        ("monday_peak", seeds_monday, ("static", "tidal", "tidal-staffing")),
        ("preholiday_surge", seeds_holiday, ("static", "tidal", "tidal-staffing")),
    ):
        arrivals = read_profile(ARRIVALS / f"{name}.csv", setup.lane_of)
        print(
            f"== {name} ({len(arrivals)} arrivals): overall p95 / staff-hours; lanes worse than static by > max(10 %, 5 min)"
        )
        for seed in range(1, count + 1):
            results = {p: _day(setup, arrivals, p, seed)[0] for p in policies}
            static = results["static"]
            line = [f"   seed {seed:>2}"]
            for policy, r in results.items():
                worse = [
                    lane
                    for lane, f in r["categories"].items()
                    if f["p95"]
                    > max(
                        static["categories"][lane]["p95"] * 1.1,
                        static["categories"][lane]["p95"] + 5,
                    )
                ]
                cut = (
                    1 - r["overall"]["p95"] / static["overall"]["p95"]
                    if static["overall"]["p95"]
                    else 0.0
                )
                hours = 1 - r["staff_hours"] / static["staff_hours"]
                line.append(
                    f"{policy} {r['overall']['p95']:5.1f} ({cut:+.0%}) {r['staff_hours']:5.1f} h ({-hours:+.0%})"
                    + (f" worse:{','.join(worse)}" if worse else "")
                )
            print(" | ".join(line))


def lead(setup, seeds: int, limit: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    arrivals = read_profile(ARRIVALS / "preholiday_surge.csv", setup.lane_of)
    print(f"== overflow warning lead (pre-holiday, static, limit {limit:.0f} min)")
    leads = []
    for seed in range(1, seeds + 1):
        visits = draw_visits(arrivals, setup.model, seed)
        floor = MemoryFloor(setup.model.green_lane, setup.model.fairness)
        run = Run(setup.model, visits, setup.rota, floor, None)
        outcome = run.run()
        waits = outcome.waits()
        passes = {}
        for v in visits:
            if waits[v.issue_order] > limit:
                lane = str(v.service_lane)
                passes[lane] = min(passes.get(lane, 10**9), v.at + int(limit * 60))
        warned = {}
        for minute in range(480, 1020, 5):  # from the 08:00 morning check, every 5 minutes
            if all(lane in warned for lane in passes) or minute * 60 >= max(
                passes.values(), default=0
            ):
                break
            snap = _snapshot(setup, arrivals, minute, seed)
            for w in warnings(snap, limit):
                warned.setdefault(w.lane, minute * 60)
        for lane, at in sorted(passes.items()):
            given = warned.get(lane)
            gap = (at - given) / 60 if given is not None else None
            leads.append(gap)
            print(
                f"   seed {seed:>2} lane {lane}: wait passes {limit:.0f} min at "
                f"{at // 3600:02d}:{at // 60 % 60:02d}; warned "
                + (
                    f"at {given // 3600:02d}:{given // 60 % 60:02d}, {gap:.0f} min ahead"
                    if given is not None
                    else "never"
                )
            )
    false = 0
    checks = 0
    for name in ("monday_peak", "midweek_quiet"):
        quiet = read_profile(ARRIVALS / f"{name}.csv", setup.lane_of)
        for seed in range(1, 6 if seeds > 1 else 2):
            for minute in (480, 540, 600, 660, 840, 960):
                checks += 1
                false += bool(warnings(_snapshot(setup, quiet, minute, seed), limit))
    print(
        f"   false alarms on the Monday and midweek profiles (no wait there passes {limit:.0f} "
        f"min): {false} of {checks} checks"
    )
    known = [x for x in leads if x is not None]
    if known:
        print(
            f"   shortest lead {min(known):.0f} min, median {statistics.median(known):.0f} min (target ≥ 90)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    setup = _setup()
    speed(setup)
    targets(setup, 2 if args.quick else 5, 2 if args.quick else 10)
    lead(setup, 1 if args.quick else 10)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
