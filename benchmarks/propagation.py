"""How long until another terminal's change feed moves after a commit (part of run.py)."""

from __future__ import annotations

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
from hall_app.services.hall import open_hall  # noqa: E402


def bench_propagation(rounds: int = 10) -> None:
    """How long until another terminal's change feed moves after a commit."""
    import random
    import threading

    print("== 10. change seen by another terminal (change feed: PRAGMA data_version, SQLite)")
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'prop.sqlite3'}"
    writer = open_hall(Config(db_url=url, terminal="writer"))
    writer.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    reader = open_hall(Config(db_url=url, terminal="reader"))
    reception = writer.auth.login("2001", "demo2001")
    rng = random.Random(4)
    moved = threading.Event()
    seen_at: list[float] = []

    def on_move(_version: int) -> None:
        seen_at.append(time.perf_counter())
        moved.set()

    reader.changes.subscribe(on_move)
    delays = []
    for _ in range(rounds):
        time.sleep(rng.uniform(0.2, 0.5))
        moved.clear()
        seen_at.clear()
        writer.tickets.issue(reception, category_code="A")
        committed = time.perf_counter()
        moved.wait(10)
        delays.append(max(0.0, seen_at[0] - committed) if seen_at else 10.0)
    print(
        f"   seen after median {statistics.median(delays):.2f} s, max {max(delays):.2f} s "
        f"(n={len(delays)})"
    )
    writer.close()
    reader.close()
