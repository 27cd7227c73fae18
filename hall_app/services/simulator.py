"""The day simulator: a whole day of arrivals through the real services, on a throwaway
SQLite database with a simulated clock, under a static or a tidal window policy.

Every window with a default clerk is staffed all day; a called ticket is served at once
for a random time around its category's average (seeded). The tidal policy lets the
automatic mode switch windows every five simulated minutes (at most one switch per window
per hour) and reverts nothing by hand. Waits are measured from issue to call.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from hall_app import paths
from hall_app.config import Config
from hall_app.domain.errors import InvalidInput
from hall_app.domain.roles import Permission
from hall_app.domain.tickets import GreenReason
from hall_app.domain.tidal import recommend
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.context import Actor, FakeClock
from hall_app.store import models as m

STEP_SECONDS = 30
TIDAL_EVERY_MINUTES = 5
SWITCH_GAP_MINUTES = 60


@dataclass(frozen=True)
class Arrival:
    at: dt.time
    item_code: str
    appointment: bool
    green: bool


def read_arrivals(path: Path) -> list[Arrival]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"无法读取到达文件 {path}：{exc}") from None
    rows, problems = [], []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            rows.append(
                Arrival(
                    dt.time.fromisoformat(row["time"].strip()),
                    row["item_code"].strip(),
                    row["source"].strip() == "appointment",
                    row["priority"].strip() == "green",
                )
            )
        except (KeyError, ValueError, AttributeError):
            problems.append(f"第 {number} 行格式不正确（应为 time,item_code,source,priority）")
    if problems:
        raise InvalidInput("到达文件有误：\n" + "\n".join(problems[:20]))
    if not rows:
        raise InvalidInput("到达文件中没有记录")
    return sorted(rows, key=lambda a: a.at)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0


def simulate(
    arrivals_file: Path, policy: str, seed: int, day: dt.date = dt.date(2026, 11, 23)
) -> dict[str, object]:
    from hall_app.services.hall import open_hall  # the composition, inside the simulation

    if policy not in ("static", "tidal"):
        raise InvalidInput("策略应为 static 或 tidal")
    arrivals = read_arrivals(arrivals_file)
    rng = random.Random(seed)
    tz = dt.timezone(dt.timedelta(hours=8))
    clock = FakeClock(dt.datetime.combine(day, dt.time(8, 0), tz))
    folder = Path(tempfile.mkdtemp(prefix="hall_sim_"))
    hall = open_hall(
        Config(db_url=f"sqlite:///{folder / 'sim.sqlite3'}", terminal="simulator"), clock=clock
    )
    try:
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        with hall.db.read() as s:
            clerks: dict[int, str] = {
                w: n
                for w, n in s.execute(
                    select(m.Staff.default_window, m.Staff.staff_no).where(
                        m.Staff.default_window.is_not(None)
                    )
                )
                if w is not None
            }
            avg = {
                c: a for c, a in s.execute(select(m.Category.code, m.Category.avg_service_minutes))
            }
            lane_of = {
                code: cat
                for code, cat in s.execute(
                    select(m.ServiceItem.code, m.Category.code).join(
                        m.Category, m.Category.id == m.ServiceItem.category_id
                    )
                )
            }
        actors = {w: hall.auth.login(no, f"demo{no}", w) for w, no in sorted(clerks.items())}
        reception = hall.auth.login("2001", "demo2001")
        busy_until: dict[int, dt.datetime | None] = dict.fromkeys(actors)
        busy_seconds: dict[int, float] = dict.fromkeys(actors, 0.0)
        issued_at: dict[str, tuple[dt.datetime, str]] = {}
        waits: dict[str, list[float]] = {}
        switches = 0
        arrived = 0  # a window that found nothing waits for the next arrival or switch
        found_nothing: dict[int, int] = {}
        pending = list(arrivals)
        last_tidal = clock.now
        tidal_job = Actor.system("simulator_tidal", hall.ctx.terminal, Permission.MANAGE_TIDAL)
        start = clock.now
        while True:
            now = clock.now
            while pending and dt.datetime.combine(day, pending[0].at, tz) <= now:
                a = pending.pop(0)
                issued = hall.tickets.issue(
                    reception,
                    item_code=a.item_code,
                    appointment=a.appointment,
                    green_reason=GreenReason.ELDERLY if a.green else None,
                )
                issued_at[issued.ticket.number] = (now, lane_of.get(a.item_code, "?"))
                arrived += 1
            if policy == "tidal" and (now - last_tidal).total_seconds() >= TIDAL_EVERY_MINUTES * 60:
                last_tidal = now
                lanes, windows = hall.tidal.state()
                for proposal in recommend(lanes, windows, min_gap=SWITCH_GAP_MINUTES):
                    hall.tidal.accept(tidal_job, proposal, source="auto")
                    switches += 1
                    found_nothing.clear()
            for w, actor in actors.items():
                until = busy_until[w]
                if until is not None and until <= now:
                    hall.tickets.finish(actor, w)
                    busy_until[w] = None
                if busy_until[w] is None and found_nothing.get(w, -1) < arrived:
                    ticket = hall.tickets.call_next(actor, w)
                    if ticket is None:
                        found_nothing[w] = arrived
                    else:
                        hall.tickets.start(actor, w)
                        at, lane = issued_at[ticket.number]
                        waits.setdefault(lane, []).append((now - at).total_seconds() / 60)
                        mean = avg.get(lane, 10)
                        minutes = min(3 * mean, max(1.0, rng.gauss(mean, mean / 3)))
                        busy_until[w] = now + dt.timedelta(minutes=minutes)
                        busy_seconds[w] += minutes * 60
            if not pending and all(v is None for v in busy_until.values()):
                break
            clock.advance(seconds=STEP_SECONDS)
        hours = (clock.now - start).total_seconds()
        every = [x for values in waits.values() for x in values]

        def figures(values: list[float]) -> dict[str, float]:
            return {
                "n": len(values),
                "mean": round(statistics.mean(values), 1) if values else 0.0,
                "p95": round(_p95(values), 1),
                "max": round(max(values, default=0.0), 1),
            }

        return {
            "policy": policy,
            "seed": seed,
            "arrivals": len(arrivals),
            "overall": figures(every),
            "categories": {lane: figures(values) for lane, values in sorted(waits.items())},
            "utilization": {str(w): round(busy_seconds[w] / hours, 2) for w in sorted(actors)},
            "mean_utilization": round(statistics.mean(busy_seconds[w] / hours for w in actors), 2),
            "switches": switches,
        }
    finally:
        hall.close()
