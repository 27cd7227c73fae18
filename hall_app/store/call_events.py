"""The call-event channel: the typed records the calling board and its voice read (issue 17).

A window's call or recall writes one ``call_event`` row in the call's own write transaction
(:func:`record_call`) and announces it on the change feed (``store.changes``): the row commits
or rolls back with the call, and every terminal's feed moves at its commit (PostgreSQL NOTIFY,
SQLite ``data_version``). The board then reads the rows (:func:`latest_calls`,
:func:`calls_after`) as :class:`~hall_app.domain.calls.CallEvent` — it never reads the audit
log, whose JSON detail may be reworded freely.

Ids come from the table's sequence (PostgreSQL) or rowid (SQLite), in the order the calls
were made; on PostgreSQL two calls can commit out of that order, so a reader asks for every
call after the newest it had at its first look and skips those it has seen (``ui/board.py``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from hall_app.domain.calls import CallEvent
from hall_app.domain.tickets import Priority
from hall_app.store.call_models import CallEventRow
from hall_app.store.changes import announce_change
from hall_app.store.models import Category, Ticket

_CallSelect = Select[int, str, int, str, int, bool, dt.datetime]  # id, number, window, lane, …


def record_call(
    session: Session, ticket: Ticket, window: int, at: dt.datetime | None = None
) -> None:
    """Record ``ticket``'s call (or recall: its ``call_count`` says which) at window number
    ``window`` at ``at`` (by default its ``called_at``), in the caller's write transaction,
    and announce it on the change feed: the row and the announcement commit or roll back
    with the call. (PostgreSQL delivers identical notifications of one transaction once:
    the caller's own ``announce_change`` and this one are one.)"""
    when = at or ticket.called_at
    if when is None:
        raise ValueError(f"ticket {ticket.number} has no call time")
    session.add(
        CallEventRow(
            day=ticket.service_date,
            at=when,
            ticket_id=ticket.id,
            number=ticket.number,
            window=window,
            lane_id=ticket.category_id,
            call_count=max(1, ticket.call_count),
            green=ticket.priority == int(Priority.GREEN),
        )
    )
    announce_change(session)


def _select() -> _CallSelect:
    return select(
        CallEventRow.id,
        CallEventRow.number,
        CallEventRow.window,
        Category.code,
        CallEventRow.call_count,
        CallEventRow.green,
        CallEventRow.at,
    ).join(Category, Category.id == CallEventRow.lane_id)


def _events(session: Session, stmt: _CallSelect) -> list[CallEvent]:
    return [
        CallEvent(
            event_id=event_id,
            number=number,
            window=window,
            lane=lane,
            call_count=count,
            green=bool(green),
            at=at,
        )
        for event_id, number, window, lane, count, green, at in session.execute(stmt)
    ]


def latest_calls(session: Session, day: dt.date, limit: int) -> list[CallEvent]:
    """The day's newest ``limit`` calls, newest first."""
    stmt = _select().where(CallEventRow.day == day).order_by(CallEventRow.id.desc()).limit(limit)
    return _events(session, stmt)


def calls_after(session: Session, day: dt.date, after: int, limit: int) -> list[CallEvent]:
    """The day's newest ``limit`` calls with an id above ``after``, oldest first."""
    stmt = (
        _select()
        .where(CallEventRow.day == day, CallEventRow.id > after)
        .order_by(CallEventRow.id.desc())
        .limit(limit)
    )
    return _events(session, stmt)[::-1]
