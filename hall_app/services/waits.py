"""The inputs of the hall's one wait estimate (``domain/waits.py``), read in one place.

The board, the lane tables (``QueueService.status``) and the ticket slip
(``TicketService.issue``) all read a lane's capacity here and apply the same domain rule, so
the same lane shows the same figure everywhere.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.tickets import ACTIVE_AT_WINDOW, TicketState
from hall_app.domain.waits import LaneCapacity
from hall_app.store.models import Category, Ticket, Window, WindowCategory

RECENT_SERVICES = 20  # the average service time is taken over the lane's last 20 services today
MIN_SERVICES = 3  # … once there are at least 3; the catalog's average until then


def lane_capacities(
    s: Session, day: dt.date, lane_id: int | None = None
) -> dict[int, LaneCapacity]:
    """Per active lane (category id): open windows serving it, how many of them have a ticket
    at the counter, and the average service time. ``lane_id`` limits it to one lane."""
    cats = select(Category.id, Category.avg_service_minutes).where(Category.active)
    if lane_id is not None:
        cats = cats.where(Category.id == lane_id)
    catalog_avg = {cid: float(avg or 10) for cid, avg in s.execute(cats)}
    serving = (
        select(WindowCategory.category_id, Window.id)
        .join(Window, Window.id == WindowCategory.window_id)
        .where(Window.active, Window.status == "open")
    )
    if lane_id is not None:
        serving = serving.where(WindowCategory.category_id == lane_id)
    windows: dict[int, set[int]] = {}
    for cid, wid in s.execute(serving):
        windows.setdefault(cid, set()).add(wid)
    every_window = set().union(*windows.values()) if windows else set()
    busy_windows = (
        set(
            s.scalars(
                select(Ticket.window_id).where(
                    Ticket.service_date == day,
                    Ticket.window_id.in_(every_window),
                    Ticket.state.in_([st.value for st in ACTIVE_AT_WINDOW]),
                )
            )
        )
        if every_window
        else set()
    )
    finished = (
        select(Ticket.service_category_id, Ticket.started_at, Ticket.finished_at)
        .where(
            Ticket.service_date == day,
            Ticket.state == TicketState.FINISHED.value,
            Ticket.started_at.is_not(None),
            Ticket.finished_at.is_not(None),
        )
        .order_by(Ticket.finished_at.desc())
    )
    if lane_id is not None:
        finished = finished.where(Ticket.service_category_id == lane_id).limit(RECENT_SERVICES)
    else:
        finished = finished.limit(1000)
    recent: dict[int, list[float]] = {}
    for cid, started, ended in s.execute(finished):
        durations = recent.setdefault(cid, [])
        if started is not None and ended is not None and len(durations) < RECENT_SERVICES:
            durations.append((ended - started).total_seconds() / 60)
    out = {}
    for cid, avg in catalog_avg.items():
        durations = recent.get(cid, [])
        if len(durations) >= MIN_SERVICES:
            avg = sum(durations) / len(durations)
        lane_windows = windows.get(cid, set())
        out[cid] = LaneCapacity(len(lane_windows), len(lane_windows & busy_windows), avg)
    return out
