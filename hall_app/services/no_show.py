"""Undoing a no-show (过号) within two minutes: the ticket is called again at the same window.

The undo does not use up the ticket's one requeue and keeps its call count; only the clerk at
that window (or a supervisor) can undo, and only while the window has nothing else in hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from hall_app.domain.errors import NotAllowed
from hall_app.domain.tickets import Action, TicketState
from hall_app.services.context import Actor, audit
from hall_app.store.changes import announce_change
from hall_app.store.models import Ticket

if TYPE_CHECKING:
    from hall_app.services.tickets import TicketService, TicketView


def undo_no_show(
    tickets: TicketService, actor: Actor, window_number: int, number: str | None = None
) -> TicketView:
    """Back to ``called`` at ``window_number``: the window's latest no-show, or ``number``."""
    tickets._require_window(actor, window_number)
    ctx = tickets.ctx
    now = ctx.now()
    with ctx.db.write() as s:
        window = tickets._lock_window(s, window_number, actor)
        busy = tickets._current_at(s, window)
        if busy is not None:
            raise NotAllowed(f"{window_number}号窗口当前有号票 {busy.number}，请先处理完再撤销过号")
        stmt = select(Ticket).where(
            Ticket.window_id == window.id,
            Ticket.service_date == ctx.today(),
            Ticket.state == TicketState.NO_SHOW.value,
        )
        if number:
            stmt = stmt.where(Ticket.number == number.strip().upper())
        ticket = s.scalar(
            stmt.order_by(Ticket.no_show_at.desc(), Ticket.id.desc()).limit(1).with_for_update()
        )
        if ticket is None:
            raise NotAllowed(f"{window_number}号窗口没有可撤销的过号")
        tickets._apply(ticket, Action.UNDO_NO_SHOW, now=now)
        ticket.no_show_at = None
        ticket.served_by = actor.staff_id
        audit(
            s,
            ctx,
            actor,
            Action.UNDO_NO_SHOW,
            "ticket",
            ticket.id,
            number=ticket.number,
            window=window_number,
        )
        announce_change(s)
        return tickets._view(s, ticket.id)
