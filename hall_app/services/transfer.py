"""Transfer (F6): the windows a ticket can go to, and the move itself with its reason.

A target window must be open (someone logged in) and serve the ticket's lane; the reason is
stored on the ticket and shown at the receiving window as ``转自3号窗口：<reason>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain import transfer as rules
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.roles import Permission
from hall_app.domain.tickets import Action, Priority, TicketState
from hall_app.services.context import Actor, audit
from hall_app.services.qualifications import check_receive
from hall_app.store.changes import announce_change
from hall_app.store.models import Category, Staff, Ticket, Window, WindowCategory

if TYPE_CHECKING:
    from hall_app.services.tickets import TicketService, TicketView


def target_windows(s: Session) -> list[rules.TargetWindow]:
    """Every active window: open/closed, who is there and the lanes it serves."""
    lanes: dict[int, list[str]] = {}
    for window_id, code in s.execute(
        select(WindowCategory.window_id, Category.code)
        .join(Category, Category.id == WindowCategory.category_id)
        .order_by(WindowCategory.window_id, WindowCategory.position)
    ):
        lanes.setdefault(window_id, []).append(code)
    rows = s.execute(
        select(Window.id, Window.number, Window.status, Staff.name)
        .outerjoin(Staff, Staff.id == Window.staff_id)
        .where(Window.active)
        .order_by(Window.number)
    ).all()
    return [
        rules.TargetWindow(number, status, name or "", tuple(lanes.get(wid, ())))
        for wid, number, status, name in rows
    ]


def _lane_codes(s: Session, ticket: Ticket) -> tuple[str, str]:
    lane = s.get_one(Category, ticket.category_id)
    service = s.get_one(Category, ticket.service_category_id)
    return lane.code, service.code


def transfer(
    tickets: TicketService,
    actor: Actor,
    *,
    window_number: int | None = None,
    number: str | None = None,
    to_category: str | None = None,
    to_window: int | None = None,
    reason: str = "",
) -> TicketView:
    """Move a ticket to another lane and/or window; it keeps its original queue time.

    The ticket is the one in hand at ``window_number`` or, for reception, ``number``.
    Refused with the reason when the target window is closed or does not serve the lane.
    """
    if to_category is None and to_window is None:
        raise InvalidInput("请选择转移到的业务类别或窗口")
    why = rules.clean_reason(reason)
    if window_number is not None:
        tickets._require_window(actor, window_number)
    else:
        actor.require(Permission.REQUEUE)
    ctx = tickets.ctx
    with ctx.db.write() as s:
        if window_number is not None:
            window = tickets._lock_window(s, window_number, actor)
            ticket = tickets._current_at(s, window)
            if ticket is None:
                raise NotAllowed(f"{window_number}号窗口当前没有号票可转移")
        elif number is not None:
            ticket = tickets._by_number(s, number)
            if ticket.state != TicketState.WAITING.value:
                raise NotAllowed(f"号票 {ticket.number} 正在窗口办理，只能由该窗口转移")
        else:
            raise InvalidInput("请指定要转移的号票")
        tickets._apply(ticket, Action.TRANSFER)
        if to_category is not None:
            cat = s.scalar(select(Category).where(Category.code == to_category, Category.active))
            if cat is None:
                raise NotFound(f"业务类别「{to_category}」不存在或已停用")
            ticket.category_id = cat.id
            if not cat.green_channel:
                ticket.service_category_id = cat.id
        target_id = None
        if to_window is not None:
            target = next((w for w in target_windows(s) if w.number == to_window), None)
            if target is None:
                raise NotFound(f"窗口 {to_window} 不存在")
            lane, service = _lane_codes(s, ticket)
            rules.check(
                target,
                lane,
                service if ticket.priority == int(Priority.GREEN) else None,
                from_window=window_number,
            )
            receiving = s.scalar(select(Window).where(Window.number == to_window))
            assert receiving is not None
            check_receive(
                s,
                receiving,
                ticket.service_category_id
                if ticket.priority == int(Priority.GREEN)
                else ticket.category_id,
            )
            target_id = receiving.id
        ticket.target_window_id = target_id
        ticket.window_id = None
        ticket.call_count = 0
        ticket.called_at = None
        ticket.started_at = None
        ticket.transfer_count += 1
        ticket.transfer_from = window_number
        ticket.transfer_reason = why
        audit(
            s,
            ctx,
            actor,
            Action.TRANSFER,
            "ticket",
            ticket.id,
            number=ticket.number,
            from_window=window_number,
            to_category=to_category,
            to_window=to_window,
        )
        announce_change(s)
        return tickets._view(s, ticket.id)


def targets(tickets: TicketService) -> list[rules.TargetWindow]:
    with tickets.ctx.db.read() as s:
        return target_windows(s)
