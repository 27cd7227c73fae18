"""What ``synchronous=FULL`` costs on SQLite: issue latency with NORMAL and with FULL.

    /work/main/.venv/bin/python benchmarks/sqlite_sync.py [--tickets 400] [--rounds 3]

Each round makes a fresh demo hall per mode (in a temporary folder on the same disk as the
data folder would be, ``--dir`` to choose another), logs reception in and issues tickets
one after another, timing each ``issue`` (one write transaction: counter upsert, ticket,
audit entry, commit). The modes alternate round by round so a busy neighbour on the
machine hurts both alike. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hall_app import paths  # noqa: E402
from hall_app.config import Config  # noqa: E402
from hall_app.services.catalog import bootstrap_actor  # noqa: E402
from hall_app.services.context import FakeClock  # noqa: E402
from hall_app.services.hall import open_hall  # noqa: E402
from hall_app.store import db as store_db  # noqa: E402

MODES = ("NORMAL", "FULL")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(mode: str, folder: Path, tickets: int) -> list[float]:
    store_db.SQLITE_SYNCHRONOUS = mode
    path = folder / f"hall-{mode.lower()}-{time.monotonic_ns()}.sqlite3"
    clock = FakeClock(dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC))
    hall = open_hall(
        Config(db_url=f"sqlite:///{path}", terminal="bench"), upgrade=True, clock=clock
    )
    try:
        with hall.db.engine.connect() as conn:
            actual = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        assert actual == {"NORMAL": 1, "FULL": 2}[mode], actual
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        actor = hall.auth.login("2001", "demo2001")
        codes = [e.code for e in hall.catalog.entries() if e.kind == "item"][:20]
        times = []
        for n in range(tickets):
            started = time.perf_counter()
            hall.tickets.issue(actor, item_code=codes[n % len(codes)])
            times.append(time.perf_counter() - started)
            clock.advance(seconds=5)
        return times
    finally:
        hall.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=400, help="tickets per round and mode")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--dir", type=Path, help="folder for the test files (default: a temp folder)"
    )
    args = parser.parse_args()
    results: dict[str, list[float]] = {m: [] for m in MODES}
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for round_no in range(args.rounds):
            for mode in MODES if round_no % 2 == 0 else reversed(MODES):
                results[mode] += run(mode, Path(tmp), args.tickets)
    print(
        f"SQLite issue latency, {args.rounds} rounds × {args.tickets} tickets per mode "
        f"(folder {args.dir or tempfile.gettempdir()})"
    )
    for mode in MODES:
        ms = [v * 1000 for v in results[mode]]
        print(
            f"  synchronous={mode:<6}  p50 {pct(ms, 50):6.2f} ms   p90 {pct(ms, 90):6.2f} ms   "
            f"p99 {pct(ms, 99):6.2f} ms   mean {statistics.fmean(ms):6.2f} ms   (n={len(ms)})"
        )
    normal, full = (statistics.median(results[m]) * 1000 for m in MODES)
    print(f"  FULL costs {full - normal:+.2f} ms per issue at the median ({full / normal:.2f}×)")


if __name__ == "__main__":
    main()
