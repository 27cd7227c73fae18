"""PNG pictures of the paper kit (应急包), for reading it as a citizen and as a clerk do.

    .venv/bin/python scripts/kit_pages.py [docs/documents/kit]

A fresh demo hall (SQLite in a temporary folder, the demo catalog, a fake clock on Wednesday
30 December 2026) with a month of tickets for a few items, so that the kit's common items
follow the hall's real volumes; the supervisor prints a kit for the drawer (no incident).
The PDF stays in the temporary folder; one PNG per page at 60 dpi (``pdftoppm -r 60``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import select

from hall_app import paths
from hall_app.config import Config
from hall_app.printing.kit import render_kit
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.context import FakeClock
from hall_app.services.hall import open_hall
from hall_app.store import models as m

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 12, 30, 16, 0, tzinfo=SHANGHAI)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="hall-kit-"))
    try:
        url = f"sqlite:///{folder / 'hall.sqlite3'}"
        clock = FakeClock(START.astimezone(dt.UTC))
        hall = open_hall(Config(db_url=url, terminal="documents"), upgrade=True, clock=clock)
        try:
            hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
            with hall.ctx.db.write() as s:  # a month of demand: the last items the most
                items = list(s.scalars(select(m.ServiceItem).order_by(m.ServiceItem.id.desc())))
                lane = s.scalars(select(m.Category)).first()
                assert lane is not None
                for rank, item in enumerate(items[:6]):
                    for n in range(30 - 4 * rank):
                        day = START.date() - dt.timedelta(days=1 + n % 20)
                        at = dt.datetime.combine(day, dt.time(9, 0), SHANGHAI)
                        s.add(
                            m.Ticket(
                                service_date=day,
                                number=f"K{rank}{n:02d}",
                                prefix="K",
                                sequence=rank * 100 + n,
                                category_id=lane.id,
                                service_category_id=lane.id,
                                item_id=item.id,
                                priority=2,
                                state="finished",
                                issued_at=at,
                                queued_at=at,
                                terminal="documents",
                            )
                        )
            boss = hall.auth.login("3001", "demo3001", None)
            data = hall.fallback.kit(boss)
        finally:
            hall.close()
        pdf = folder / "kit.pdf"
        pdf.write_bytes(render_kit(data))
        for old in out.glob("kit-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / "kit")], check=True)
        shutil.copy(pdf, folder.parent / "hall-kit-last.pdf")
        print(f"{len(sorted(out.glob('kit-*.png')))} pages → {out}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/documents/kit")))
