"""The picture of the server's queue a terminal keeps for an outage (read while online).

An offline desk suggests what to call from what it knows: the tickets that were waiting (or
at a window) when the server went away, the windows and the lanes they serve (so reception
can say where to go), and which terminal holds which block of offline S-numbers (so a
clerk can tell whose number a citizen brings).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hall_app.domain.fallback import TICKET
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor, ServiceContext
from hall_app.services.incidents import require_any
from hall_app.store import models as m
from hall_app.store.journal import Journal

# the states a ticket can be in while a citizen still waits for it or stands at a window
OPEN_STATES = ("waiting", "called", "serving")


def read_queue(ctx: ServiceContext) -> dict[str, Any]:
    """Today's open tickets, the windows with their lanes, the offline S-number blocks."""
    day = ctx.today()
    with ctx.db.read() as s:
        cats = {c.id: c for c in s.scalars(select(m.Category))}
        windows = {w.id: w for w in s.scalars(select(m.Window).where(m.Window.active))}
        lanes: dict[int, list[str]] = {}
        for wc in s.scalars(select(m.WindowCategory).order_by(m.WindowCategory.position)):
            if wc.category_id in cats:
                lanes.setdefault(wc.window_id, []).append(cats[wc.category_id].code)
        open_tickets = s.scalars(
            select(m.Ticket)
            .where(m.Ticket.service_date == day, m.Ticket.state.in_(OPEN_STATES))
            .order_by(m.Ticket.queued_at)
        ).all()
        # the names of the open tickets' items and bundles only: this runs every few seconds
        items = _names(s, m.ServiceItem, {t.item_id for t in open_tickets if t.item_id})
        bundles = _names(s, m.Bundle, {t.bundle_id for t in open_tickets if t.bundle_id})
        tickets = []
        for t in open_tickets:
            lane = cats[t.category_id]
            label = (
                (items.get(t.item_id) if t.item_id else None)
                or (bundles.get(t.bundle_id) if t.bundle_id else None)
                or cats[t.service_category_id].name
            )
            window = windows.get(t.window_id) if t.window_id else None
            sent = windows.get(t.target_window_id) if t.target_window_id else None
            tickets.append(
                {
                    "number": t.number,
                    "lane": lane.code,
                    "label": label,
                    "priority": t.priority,
                    "state": t.state,
                    "issued_at": t.queued_at.isoformat(),
                    "window": window.number if window else None,
                    # the call order's other facts (domain.call_order)
                    "service_lane": cats[t.service_category_id].code,
                    "sent_to": sent.number if sent else None,
                }
            )
        blocks = [
            {"owner": b.owner, "first": b.first, "last": b.last}
            for b in s.scalars(
                select(m.NumberBlock).where(
                    m.NumberBlock.kind == TICKET, m.NumberBlock.service_date == day
                )
            )
        ]
    return {
        "taken_at": ctx.now().isoformat(),
        "day": day.isoformat(),
        "tickets": tickets,
        "windows": [
            {"number": w.number, "lanes": lanes.get(w.id, []), "open": w.status == "open"}
            for w in sorted(windows.values(), key=lambda w: w.number)
        ],
        "blocks": blocks,
    }


def _names(s: Any, model: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {i: name for i, name in s.execute(select(model.id, model.name).where(model.id.in_(ids)))}


def keep_queue(ctx: ServiceContext, actor: Actor, journal: Journal) -> int:
    """Refresh the journal's picture of the queue; the number of open tickets in it."""
    require_any(actor, Permission.SERVE_AT_WINDOW, Permission.ISSUE_TICKET)
    snapshot = read_queue(ctx)
    journal.put_queue_snapshot(snapshot)
    return len(snapshot["tickets"])
