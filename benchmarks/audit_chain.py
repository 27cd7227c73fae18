"""The tamper-evident audit trail's cost (issue 16): what chaining adds to each audited
write, and how fast ``audit verify`` checks a trail.

    .venv/bin/python benchmarks/audit_chain.py [--pg URL] [--writes N] [--entries N]

1. an audited write (one transaction holding one audit entry, then its seal: head row locked,
   entry chained, head moved) against the plain insert it replaced;
2. verification rate (entries per second) over a trail of ``--entries`` entries.
On SQLite (a temporary file) and, with ``--pg``, on PostgreSQL (a throwaway database).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, text  # noqa: E402

from hall_app.config import Config  # noqa: E402
from hall_app.services import audit_log  # noqa: E402
from hall_app.services.catalog import bootstrap_actor  # noqa: E402
from hall_app.services.context import audit  # noqa: E402
from hall_app.services.hall import Hall, open_hall  # noqa: E402
from hall_app.store.models import AuditEntry  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def fmt(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"p50 {pct(ms, 50):6.2f} ms   p99 {pct(ms, 99):6.2f} ms   (n={len(ms)})"


def bench_writes(hall: Hall, writes: int) -> None:
    actor = hall.auth.login("3001", "demo3001")
    plain = insert(AuditEntry.__table__)
    chained_times, plain_times = [], []
    for i in range(writes):
        start = time.perf_counter()
        with hall.db.write() as s:
            audit(s, hall.ctx, actor, "bench", "ticket", i, number=f"A{i:03d}", window=3)
        chained_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        with hall.db.write() as s:  # the write as it was before the chain (no lock, no hash)
            s.connection().execute(
                plain,
                {
                    "at": hall.ctx.now(),
                    "staff_id": actor.staff_id,
                    "terminal": "bench",
                    "action": "bench_plain",
                    "entity": "ticket",
                    "entity_id": i,
                    "detail": f'{{"number": "A{i:03d}", "window": 3}}',
                    "day": dt.date(1900, 1, 1),
                    "seq": -1 - i,
                    "prev_hash": "",
                    "hash": "",
                },
            )
        plain_times.append(time.perf_counter() - start)
    print(f"  chained audited write   {fmt(chained_times)}")
    print(f"  plain insert (before)   {fmt(plain_times)}")
    extra = (pct(chained_times, 50) - pct(plain_times, 50)) * 1000
    print(f"  chaining adds           {extra:6.2f} ms per audited write (p50)")
    with hall.db.engine.begin() as conn:  # the plain rows are not part of any chain
        conn.execute(text("DELETE FROM audit_log WHERE action = 'bench_plain'"))


def bench_verify(hall: Hall, entries: int) -> None:
    actor = hall.auth.login("3001", "demo3001")
    made = 0
    while made < entries:
        with hall.db.write() as s:
            conn = s.connection()
            for i in range(min(2000, entries - made)):
                audit_log.append(
                    conn,
                    hall.ctx.tz,
                    at=hall.ctx.now(),
                    staff_id=actor.staff_id,
                    terminal="bench",
                    action="bench",
                    entity="ticket",
                    entity_id=made + i,
                    detail=f'{{"number": "A{i:03d}"}}',
                )
        made += min(2000, entries - made)
    start = time.perf_counter()
    verdict = hall.audit.verify(actor)
    took = time.perf_counter() - start
    assert verdict.ok, verdict.broken
    print(
        f"  verify {verdict.checked:,} entries in {took:.2f} s: "
        f"{verdict.checked / took:,.0f} entries/s"
    )


def run(url: str, label: str, writes: int, entries: int) -> None:
    print(f"== {label}")
    hall = open_hall(Config(db_url=url, terminal="bench"), upgrade=True)
    try:
        from hall_app import paths

        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        bench_writes(hall, writes)
        bench_verify(hall, entries)
    finally:
        hall.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", help="PostgreSQL admin URL (a throwaway database is made)")
    parser.add_argument("--writes", type=int, default=500)
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    print("Audit chain (benchmarks/audit_chain.py)")
    folder = Path(tempfile.mkdtemp())
    run(f"sqlite:///{folder / 'bench.sqlite3'}", "SQLite", args.writes, args.entries)
    if args.pg:
        name = f"bench_audit_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            run(args.pg.rsplit("/", 1)[0] + f"/{name}", "PostgreSQL", args.writes, args.entries)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
