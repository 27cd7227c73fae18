"""Calling the next ticket (F1) online: the window's checks, then the domain's call order
(:mod:`hall_app.domain.call_order`) as one SQL query.

The ``ORDER BY`` is built term by term from ``call_order.ORDER`` and the filter mirrors
``call_order.callable_at``, so the database picks the ticket the domain would pick
(tests/test_call_order_property.py checks it on random queues). The query keeps ``LIMIT 1``
with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL: two windows never take the same ticket, and
no window locks more than the one it takes. On SQLite the write transaction is IMMEDIATE.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, case, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Select

from hall_app.domain import call_order as rule
from hall_app.domain.errors import NotAllowed, NotFound
from hall_app.domain.tickets import ACTIVE_AT_WINDOW, Action, Priority, TicketState
from hall_app.services.context import Actor, audit
from hall_app.services.qualifications import servable_ids
from hall_app.store.call_events import record_call
from hall_app.store.changes import announce_change
from hall_app.store.models import Ticket, Window, WindowCategory

if TYPE_CHECKING:
    from hall_app.services.ticket_views import TicketView
    from hall_app.services.tickets import TicketService

# built once, so SQLAlchemy's statement cache is hit on every call
_WINDOW = (
    select(Window.id, Window.active, Window.status, Window.staff_id, WindowCategory.category_id)
    .outerjoin(WindowCategory, WindowCategory.window_id == Window.id)
    .where(Window.number == bindparam("number"))
    .order_by(WindowCategory.position)
)
# PostgreSQL: the window row is locked first, so two clicks at one window queue up
_WINDOW_LOCK_PG = _WINDOW.with_for_update(of=Window)
_ACTIVE_AT = select(Ticket.number).where(
    Ticket.window_id == bindparam("window_id"),
    Ticket.state.in_([s.value for s in ACTIVE_AT_WINDOW]),
)


def _rank(column: Any, caller: rule.Caller) -> ColumnElement[int]:
    """``caller.rank`` of a lane column (a lane not served: ``caller.unserved``)."""
    ranks = {lane: pos for pos, lane in enumerate(caller.lanes)}
    return case(ranks, value=column, else_=caller.unserved)


def _lane_rank(caller: rule.Caller) -> ColumnElement[int]:
    """``call_order.lane_rank``: the lane's rank, for green tickets the better of it and
    the rank of the item's own lane."""
    own = _rank(Ticket.category_id, caller)
    service = _rank(Ticket.service_category_id, caller)
    green = Ticket.priority == int(Priority.GREEN)
    return case((and_(green, service < own), service), else_=own)


def order_terms(caller: rule.Caller) -> list[Any]:
    """``call_order.ORDER`` as SQL, one expression per term."""
    terms: dict[rule.Term, Any] = {
        rule.Term.SENT_HERE: case((Ticket.target_window_id == caller.window, 0), else_=1),
        rule.Term.LANE_RANK: _lane_rank(caller),
        rule.Term.PRIORITY: Ticket.priority,
        rule.Term.QUEUED_AT: Ticket.queued_at,
        rule.Term.ISSUE_ORDER: Ticket.id,
    }
    return [terms[term] for term in rule.ORDER]


def callable_at(caller: rule.Caller) -> ColumnElement[bool]:
    """``call_order.callable_at`` as SQL."""
    return or_(
        Ticket.target_window_id == caller.window,
        and_(Ticket.target_window_id.is_(None), _lane_rank(caller) < caller.unserved),
    )


def next_ticket_query(caller: rule.Caller, day: dt.date) -> Select[Ticket]:
    """The waiting tickets ``caller`` may call today, in the call order (the first one)."""
    return (
        select(Ticket)
        .where(Ticket.service_date == day, Ticket.state == TicketState.WAITING.value)
        .where(callable_at(caller))
        .order_by(*order_terms(caller))
        .limit(1)
    )


def recent_priorities(s: Session, window_id: int, day: dt.date, n: int) -> list[int]:
    """The priorities of the window's last ``n`` calls today, newest first."""
    return list(
        s.scalars(
            select(Ticket.priority)
            .where(
                Ticket.window_id == window_id,
                Ticket.service_date == day,
                Ticket.called_at.is_not(None),
            )
            .order_by(Ticket.called_at.desc())
            .limit(n)
        )
    )


def pick(
    s: Session,
    caller: rule.Caller,
    day: dt.date,
    now: dt.datetime,
    fairness: rule.Fairness,
    *,
    lock: bool,
) -> Ticket | None:
    """The ticket ``caller`` calls next (``call_order.pick_next`` in SQL), locked with
    ``SKIP LOCKED`` when ``lock``."""
    stmt = next_ticket_query(caller, day)
    if lock:
        stmt = stmt.with_for_update(skip_locked=True, of=Ticket)
    ticket = s.scalar(stmt)
    if (
        ticket is not None
        and ticket.priority < int(Priority.NORMAL)
        and fairness.streak
        and caller.window is not None
        and fairness.due(recent_priorities(s, caller.window, day, fairness.streak))
    ):
        # fairness: a walk-in who has waited long enough goes before a third priority
        # ticket in a row (the priority ticket stays at the head of its queue)
        walk_in = s.scalar(
            stmt.where(
                Ticket.priority == int(Priority.NORMAL), Ticket.queued_at <= now - fairness.wait
            )
        )
        if walk_in is not None:
            ticket = walk_in
    return ticket


def call_next(tickets: TicketService, actor: Actor, window_number: int) -> TicketView | None:
    """Call the next ticket for the window, or None when nobody waits for it."""
    ctx = tickets.ctx
    tickets._require_window(actor, window_number)
    day = ctx.today()
    pg = ctx.db.dialect == "postgresql"
    with ctx.db.write() as s:
        rows = s.execute(_WINDOW_LOCK_PG if pg else _WINDOW, {"number": window_number}).all()
        if not rows or not rows[0].active:
            raise NotFound(f"窗口 {window_number} 不存在或已停用")
        window_id = rows[0].id
        tickets._require_holder(actor, rows[0].staff_id, window_number)
        if rows[0].status == "paused":
            raise NotAllowed(f"{window_number}号窗口已暂停服务，请先恢复服务再叫号")
        lanes = [r.category_id for r in rows if r.category_id is not None]
        order = servable_ids(s, actor.staff_id, actor.permissions, lanes)
        active = s.scalar(_ACTIVE_AT, {"window_id": window_id})
        if active is not None:
            raise NotAllowed(
                f"{window_number}号窗口当前号票 {active} 尚未处理完，请先办结、过号或转移"
            )
        if not lanes:
            raise NotAllowed(f"{window_number}号窗口未分配业务类别，请联系值班长")
        if not order:
            raise NotAllowed(f"您不具备{window_number}号窗口任何业务类别的资质，请联系值班长")
        caller = rule.Caller(window_id, tuple(order))
        ticket = pick(s, caller, day, ctx.now(), tickets.fairness, lock=pg)
        if ticket is None:
            return None
        tickets._apply(ticket, Action.CALL)
        if rows[0].status != "open":  # a window that calls is open (also headless)
            s.execute(update(Window).where(Window.id == window_id).values(status="open"))
        ticket.window_id = window_id
        ticket.target_window_id = None
        ticket.called_at = ctx.now()
        ticket.call_count = 1
        ticket.served_by = actor.staff_id
        record_call(s, ticket, window_number)  # what the board reads
        audit(
            s,
            ctx,
            actor,
            Action.CALL,
            "ticket",
            ticket.id,
            number=ticket.number,
            window=window_number,
        )
        announce_change(s)
        return tickets._view(s, ticket.id)
