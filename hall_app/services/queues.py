"""What the queues look like now: per lane and per window. Read-only, cheap to poll."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from hall_app.domain.tickets import ACTIVE_AT_WINDOW, Priority, TicketState
from hall_app.domain.waits import estimate_wait_minutes
from hall_app.services.context import ServiceContext
from hall_app.services.waits import lane_capacities
from hall_app.store.changes import ChangeFeed
from hall_app.store.models import Category, Staff, Ticket, Window, WindowCategory


@dataclass(frozen=True)
class LaneStatus:
    code: str
    name: str
    prefix: str
    green_channel: bool
    waiting: int
    green_waiting: int
    oldest_issued_at: dt.datetime | None
    avg_service_minutes: int
    open_windows: int
    estimated_minutes: int | None = None  # for someone joining the lane now

    def longest_wait_seconds(self, now: dt.datetime) -> int:
        if self.oldest_issued_at is None:
            return 0
        return max(0, int((now - self.oldest_issued_at).total_seconds()))


@dataclass(frozen=True)
class WindowStatus:
    number: int
    name: str
    status: str
    staff_name: str
    categories: tuple[str, ...]
    current_number: str | None
    current_state: TicketState | None


@dataclass(frozen=True)
class QueueStatus:
    at: dt.datetime
    marker: int
    lanes: tuple[LaneStatus, ...]
    windows: tuple[WindowStatus, ...] = field(default=())
    closed: int = 0  # today's 未办结（闭厅） tickets, counted apart from waiting and finished

    def lanes_for(self, codes: tuple[str, ...]) -> list[LaneStatus]:
        by_code = {lane.code: lane for lane in self.lanes}
        return [by_code[c] for c in codes if c in by_code]

    def window(self, number: int) -> WindowStatus | None:
        return next((w for w in self.windows if w.number == number), None)

    def as_json(self) -> dict[str, object]:
        return {
            "at": self.at.isoformat(),
            "closed": self.closed,
            "lanes": [
                {
                    "code": lane.code,
                    "name": lane.name,
                    "prefix": lane.prefix,
                    "waiting": lane.waiting,
                    "green_waiting": lane.green_waiting,
                    "longest_wait_seconds": lane.longest_wait_seconds(self.at),
                    "open_windows": lane.open_windows,
                    "estimated_minutes": lane.estimated_minutes,
                }
                for lane in self.lanes
            ],
            "windows": [
                {
                    "number": w.number,
                    "status": w.status,
                    "categories": list(w.categories),
                    "current": w.current_number,
                    "current_state": w.current_state.value if w.current_state else None,
                }
                for w in self.windows
            ],
        }


class QueueService:
    def __init__(
        self, ctx: ServiceContext, feed: Callable[[bool], ChangeFeed | None] | None = None
    ) -> None:
        self.ctx = ctx
        self._feed = feed  # feed(open): the process's change feed, opened if ``open``

    def marker(self) -> int:
        """The change feed's version: when it moves, something in the queues changed (no
        database read: the feed listens on a connection of its own). Opens the feed."""
        feed = self._feed(True) if self._feed is not None else None
        return feed.version() if feed is not None else 0

    def _version(self) -> int:
        feed = self._feed(False) if self._feed is not None else None
        return feed.version() if feed is not None else 0

    def status(self) -> QueueStatus:
        day = self.ctx.today()
        marker = self._version()  # a status read alone does not open the feed
        with self.ctx.db.read() as s:
            waiting = {
                cid: (n, g, oldest)
                for cid, n, g, oldest in s.execute(
                    select(
                        Ticket.category_id,
                        func.count(Ticket.id),
                        func.sum(case((Ticket.priority == int(Priority.GREEN), 1), else_=0)),
                        func.min(Ticket.issued_at),
                    )
                    .where(Ticket.service_date == day, Ticket.state == TicketState.WAITING.value)
                    .group_by(Ticket.category_id)
                )
            }
            windows = s.execute(
                select(Window.id, Window.number, Window.name, Window.status, Staff.name)
                .outerjoin(Staff, Staff.id == Window.staff_id)
                .where(Window.active)
                .order_by(Window.number)
            ).all()
            categories = {
                c.id: c
                for c in s.scalars(select(Category).where(Category.active).order_by(Category.id))
            }
            served_by: dict[int, list[str]] = {}
            open_count: dict[int, int] = {}
            status_by_window = {w.id: w.status for w in windows}
            for wid, cid in s.execute(
                select(WindowCategory.window_id, WindowCategory.category_id).order_by(
                    WindowCategory.window_id, WindowCategory.position
                )
            ):
                if cid in categories:
                    served_by.setdefault(wid, []).append(categories[cid].code)
                    if status_by_window.get(wid) == "open":
                        open_count[cid] = open_count.get(cid, 0) + 1
            current = {
                wid: (number, state)
                for wid, number, state in s.execute(
                    select(Ticket.window_id, Ticket.number, Ticket.state).where(
                        Ticket.service_date == day,
                        Ticket.state.in_([st.value for st in ACTIVE_AT_WINDOW]),
                    )
                )
            }
            closed = int(
                s.scalar(
                    select(func.count(Ticket.id)).where(
                        Ticket.service_date == day, Ticket.state == TicketState.CLOSED.value
                    )
                )
                or 0
            )
            capacity = lane_capacities(s, day)
        lanes = []
        for cid, cat in categories.items():
            n, g, oldest = waiting.get(cid, (0, 0, None))
            lanes.append(
                LaneStatus(
                    code=cat.code,
                    name=cat.name,
                    prefix=cat.prefix,
                    green_channel=cat.green_channel,
                    waiting=int(n),
                    green_waiting=int(g or 0),
                    oldest_issued_at=oldest,
                    avg_service_minutes=cat.avg_service_minutes,
                    open_windows=open_count.get(cid, 0),
                    estimated_minutes=estimate_wait_minutes(int(n), capacity[cid]),
                )
            )
        return QueueStatus(
            at=self.ctx.now(),
            marker=marker,
            lanes=tuple(lanes),
            windows=tuple(
                WindowStatus(
                    number=w.number,
                    name=w.name,
                    status=w.status,
                    staff_name=w[4] or "",
                    categories=tuple(served_by.get(w.id, ())),
                    current_number=current.get(w.id, (None, None))[0],
                    current_state=TicketState(current[w.id][1]) if w.id in current else None,
                )
                for w in windows
            ),
            closed=closed,
        )
