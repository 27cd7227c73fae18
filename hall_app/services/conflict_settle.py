"""Settling an offline conflict for real (issue 15): the supervisor's choice is applied to the
ticket, in the caller's transaction.

- ``offline``: what the terminal did offline stands — the offline finish (or no-show, or
  call) with its original time and window, whatever the server holds;
- ``online``: what the server holds stands; the offline record is closed;
- ``state``: a person sets the ticket's state by hand (waiting, finished, no-show,
  cancelled), with a reason.

Only ticket moves can be settled ``offline`` or ``state``: a record of another kind (a number
used twice, a rating, a slip) is settled by keeping what the server has, with a note.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput
from hall_app.domain.ticket_states import TicketState
from hall_app.services import replay
from hall_app.store import models as m

OUTCOMES = {"offline": "采用离线结果", "online": "保留联网结果", "state": "手工指定状态"}
# the journal records whose offline outcome can be applied (they hold no personal data, so
# their payload may be kept on the server)
SETTLE_KINDS = ("ticket_call", "ticket_finish", "ticket_no_show")
# the states a supervisor may set by hand: a called or serving ticket needs a window and a clerk
MANUAL_STATES = (
    TicketState.WAITING,
    TicketState.FINISHED,
    TicketState.NO_SHOW,
    TicketState.CANCELLED,
)


def manual_state(text: str) -> TicketState:
    for state in MANUAL_STATES:
        if text.strip() in (state.value, state.label):
            return state
    allowed = "、".join(f"{s.value}（{s.label}）" for s in MANUAL_STATES)
    raise InvalidInput(f"状态「{text.strip()}」无效，应为 {allowed}")


def _ticket(s: Session, row: m.FallbackRecord, payload: dict[str, Any] | None) -> m.Ticket:
    if row.kind not in SETTLE_KINDS:
        raise InvalidInput(
            f"{row.reference} 不是叫号、办结或过号记录：只能保留联网结果并写明处理说明"
        )
    if payload is None:
        raise InvalidInput(
            f"冲突 {row.reference} 没有保存离线记录内容（升级前的记录）："
            "请保留联网结果，或手工指定状态"
        )
    ticket = s.scalar(
        select(m.Ticket)
        .where(
            m.Ticket.service_date == dt.date.fromisoformat(payload["day"]),
            m.Ticket.number == str(payload["number"]).upper(),
        )
        .with_for_update()
    )
    if ticket is None:
        raise InvalidInput(f"服务器上没有号票 {row.reference}")
    return ticket


def apply_offline(s: Session, row: m.FallbackRecord) -> m.Ticket:
    """The terminal's offline move stands, with its original time, window and clerk."""
    payload = json.loads(row.payload) if row.payload else None
    ticket = _ticket(s, row, payload)
    assert payload is not None
    at = replay.when(payload.get("at")) or row.original_at
    window = (
        s.scalar(select(m.Window.id).where(m.Window.number == payload.get("window")))
        if payload.get("window")
        else None
    )
    staff = replay.staff_id(s, row.staff_no)
    if window is not None:
        ticket.window_id = window
    if staff is not None:
        ticket.served_by = staff
    if row.kind == "ticket_call":
        ticket.state, ticket.called_at = TicketState.CALLED.value, at
        ticket.call_count += 1
        ticket.finished_at = ticket.no_show_at = None
        return ticket
    ticket.called_at = ticket.called_at if ticket.called_at and ticket.called_at <= at else at
    ticket.finished_at = at
    if row.kind == "ticket_finish":
        ticket.state = TicketState.FINISHED.value
        ticket.started_at = (
            ticket.started_at if ticket.started_at and ticket.started_at <= at else ticket.called_at
        )
        ticket.no_show_at = None
    else:
        ticket.state, ticket.no_show_at = TicketState.NO_SHOW.value, at
    return ticket


def apply_state(
    s: Session, row: m.FallbackRecord, state: TicketState, now: dt.datetime
) -> m.Ticket:
    """A person sets the state: waiting puts the ticket back in its queue (from now)."""
    payload = (
        json.loads(row.payload)
        if row.payload
        else {
            "day": row.original_at.astimezone(now.tzinfo).date().isoformat(),
            "number": row.reference,
        }
    )
    if row.kind not in SETTLE_KINDS:
        raise InvalidInput(
            f"{row.reference} 不是叫号、办结或过号记录：只能保留联网结果并写明处理说明"
        )
    ticket = _ticket(s, row, payload)
    ticket.state = state.value
    if state is TicketState.WAITING:
        ticket.queued_at, ticket.window_id, ticket.served_by = now, None, None
        ticket.finished_at = ticket.no_show_at = None
        ticket.requeue_count += 1
    elif state is TicketState.NO_SHOW:
        ticket.no_show_at = ticket.finished_at = ticket.no_show_at or now
    else:
        ticket.finished_at = ticket.finished_at or now
    return ticket


def close_earlier_calls(s: Session, row: m.FallbackRecord, note: str) -> int:
    """A finish or no-show settled (whichever way) decides its ticket: the same terminal's
    open conflict over calling that ticket before it goes with it. Left open, it could be
    settled ``offline`` afterwards and put the decided ticket back at the window as called."""
    if row.kind not in ("ticket_finish", "ticket_no_show") or row.payload is None:
        return 0
    day = json.loads(row.payload).get("day")
    calls = s.scalars(
        select(m.FallbackRecord)
        .where(
            m.FallbackRecord.kind == "ticket_call",
            m.FallbackRecord.outcome == "conflict",
            m.FallbackRecord.terminal == row.terminal,
            m.FallbackRecord.reference == row.reference,
            m.FallbackRecord.original_at <= row.original_at,
        )
        .with_for_update()
    )
    closed = 0
    for call in calls:
        if call.payload is not None and json.loads(call.payload).get("day") != day:
            continue
        call.outcome = "resolved"
        call.detail = f"{call.detail}\n{note}"
        closed += 1
    return closed
