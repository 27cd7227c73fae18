"""What the supervisor console reads of the tidal windows (a part of :class:`TidalService`):
the lanes' load and the open windows (``state``), the recommender's proposals, and the
console's lanes, alerts, hourly charts and wait distribution. Nothing here writes."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain.tidal import LaneLoad, Proposal, WindowState, recommend
from hall_app.services.devices import device_alerts
from hall_app.services.settings import load_settings
from hall_app.store import models as m

if TYPE_CHECKING:
    from hall_app.services.context import ServiceContext
    from hall_app.services.queues import QueueService


@dataclass(frozen=True)
class ConsoleLane:
    code: str
    name: str
    waiting: int
    longest_minutes: int
    avg_wait_last_hour: float | None
    served_today: int
    windows: tuple[int, ...]


@dataclass(frozen=True)
class Console:
    lanes: tuple[ConsoleLane, ...]
    alerts: tuple[object, ...]
    arrivals_per_hour: dict[int, int]
    services_per_hour: dict[int, int]
    wait_histogram: dict[str, int]  # "0-5", "5-10", … minutes, today's called tickets
    proposals: tuple[Proposal, ...]
    auto: bool


WAIT_BINS = ((0, 5), (5, 10), (10, 15), (15, 20), (20, 30), (30, 45), (45, 60), (60, 10_000))


def window_codes(s: Session, window_id: int) -> list[str]:
    """The window's categories (codes), in its calling order."""
    return list(
        s.scalars(
            select(m.Category.code)
            .join(m.WindowCategory, m.WindowCategory.category_id == m.Category.id)
            .where(m.WindowCategory.window_id == window_id)
            .order_by(m.WindowCategory.position)
        )
    )


class TidalConsole:
    ctx: ServiceContext

    def state(self, horizon_minutes: int = 60) -> tuple[list[LaneLoad], list[WindowState]]:
        """Lanes (waiting, recent arrival rate, recent service time) and open windows."""
        now = self.ctx.now()
        day = self.ctx.today()
        since = now - dt.timedelta(minutes=horizon_minutes)
        with self.ctx.db.read() as s:
            cats = {c.id: c for c in s.scalars(select(m.Category).where(m.Category.active))}
            waiting = dict(
                s.execute(
                    select(m.Ticket.category_id, func.count())
                    .where(m.Ticket.service_date == day, m.Ticket.state == "waiting")
                    .group_by(m.Ticket.category_id)
                ).all()
            )
            arrivals = dict(
                s.execute(
                    select(m.Ticket.category_id, func.count())
                    .where(m.Ticket.service_date == day, m.Ticket.issued_at >= since)
                    .group_by(m.Ticket.category_id)
                ).all()
            )
            durations: dict[int, list[float]] = {}
            for cid, a, b in s.execute(
                select(m.Ticket.category_id, m.Ticket.started_at, m.Ticket.finished_at).where(
                    m.Ticket.service_date == day,
                    m.Ticket.finished_at >= since,
                    m.Ticket.started_at.is_not(None),
                )
            ):
                if a is not None and b is not None:  # both, by the query
                    durations.setdefault(cid, []).append((b - a).total_seconds() / 60)
            lanes = [
                LaneLoad(
                    c.code,
                    c.name,
                    int(waiting.get(cid, 0)),
                    arrivals.get(cid, 0) / horizon_minutes,
                    (sum(durations[cid]) / len(durations[cid]))
                    if len(durations.get(cid, [])) >= 3
                    else float(c.avg_service_minutes),
                )
                for cid, c in cats.items()
                if not c.green_channel
            ]
            last_switch = dict(
                s.execute(
                    select(m.WindowChange.window_id, func.max(m.WindowChange.at)).group_by(
                        m.WindowChange.window_id
                    )
                ).all()
            )
            quals: dict[int, set[str]] = {}
            for staff_id, code in s.execute(
                select(m.StaffQualification.staff_id, m.Category.code).join(
                    m.Category, m.Category.id == m.StaffQualification.category_id
                )
            ):
                quals.setdefault(staff_id, set()).add(code)
            windows = []
            for w in s.scalars(
                select(m.Window)
                .where(m.Window.active, m.Window.status == "open")
                .order_by(m.Window.number)
            ):
                codes = tuple(
                    window_codes(s, w.id)
                )  # the full list: green and unmodelled lanes too
                since_switch = (
                    (now - last_switch[w.id]).total_seconds() / 60
                    if w.id in last_switch
                    else math.inf
                )
                windows.append(
                    WindowState(
                        w.number, codes, frozenset(quals.get(w.staff_id or -1, set())), since_switch
                    )
                )
        return lanes, windows

    def proposals(self, max_moves: int = 3) -> list[Proposal]:
        lanes, windows = self.state()
        with self.ctx.db.read() as s:
            names = dict(s.execute(select(m.Category.code, m.Category.name)).all())
        return recommend(lanes, windows, max_moves=max_moves, names=names)

    def console(self, queues: QueueService) -> Console:
        """The supervisor console: lanes, alerts, hourly charts, wait distribution, proposals."""
        from hall_app.domain.tidal import alerts as make_alerts

        status = queues.status()
        now, day = self.ctx.now(), self.ctx.today()
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(
                    m.Ticket.category_id,
                    m.Ticket.issued_at,
                    m.Ticket.called_at,
                    m.Ticket.finished_at,
                ).where(m.Ticket.service_date == day)
            ).all()
            code_of = {c.id: c.code for c in s.scalars(select(m.Category))}
            auto = load_settings(s).tidal_auto
        arrivals: dict[int, int] = {}
        services: dict[int, int] = {}
        hist = {f"{a}-{b}" if b < 10_000 else f"{a}+": 0 for a, b in WAIT_BINS}
        last_hour: dict[str, list[float]] = {}
        served: dict[str, int] = {}
        for cid, issued, called, finished in rows:
            arrivals[self.ctx.local(issued).hour] = arrivals.get(self.ctx.local(issued).hour, 0) + 1
            if finished is not None:
                hour = self.ctx.local(finished).hour
                services[hour] = services.get(hour, 0) + 1
                served[code_of[cid]] = served.get(code_of[cid], 0) + 1
            if called is not None:
                wait = (called - issued).total_seconds() / 60
                for a, b in WAIT_BINS:
                    if a <= wait < b:
                        hist[f"{a}-{b}" if b < 10_000 else f"{a}+"] += 1
                        break
                if (now - called).total_seconds() <= 3600:
                    last_hour.setdefault(code_of[cid], []).append(wait)
        lanes = []
        for lane in status.lanes:
            serving = tuple(
                w.number for w in status.windows if w.status == "open" and lane.code in w.categories
            )
            waits = last_hour.get(lane.code, [])
            lanes.append(
                ConsoleLane(
                    lane.code,
                    lane.name,
                    lane.waiting,
                    lane.longest_wait_seconds(status.at) // 60,
                    sum(waits) / len(waits) if waits else None,
                    served.get(lane.code, 0),
                    serving,
                )
            )
        waiting_lanes = {lane.code: lane for lane in status.lanes if lane.waiting}
        idle = [
            (w.number, waiting_lanes[c].name)
            for w in status.windows
            if w.status == "open" and w.current_number is None
            for c in w.categories[:1]
            if c in waiting_lanes
        ]
        with self.ctx.db.read() as s:
            paused = [
                (n, int((now - at).total_seconds() // 60))
                for n, at in s.execute(
                    select(m.Window.number, m.Window.paused_at).where(
                        m.Window.status == "paused", m.Window.paused_at.is_not(None)
                    )
                )
                if at is not None  # none, by the query
            ]
        found = make_alerts(
            [(x.name, x.waiting, x.longest_minutes, len(x.windows)) for x in lanes], idle, paused
        )
        found = [*device_alerts(self.ctx), *found]  # e.g. the board's audio has failed
        return Console(
            tuple(lanes), tuple(found), arrivals, services, hist, tuple(self.proposals()), auto
        )
