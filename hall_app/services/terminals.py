"""Terminal sessions: who holds each window, each terminal's last poll, takeovers, and the
tickets left in hand at windows nobody attends (closed, or a silent terminal).

A login that takes a window opens a ``terminal_session`` row and points the window at it; a
second login at that window ends the first session as ``taken_over`` (the displaced terminal
sees it at its next poll and locks its window screen). ``poll`` is what every GUI terminal
runs once a second: the change feed's version (no database read), one read of its own session
(the outage probe), and a write of its last poll at most every ``HEARTBEAT_SECONDS`` (the GUI
sends that write apart, :meth:`TerminalService.heartbeat`, so a stuck write is told apart from
a server that does not answer).
On PostgreSQL the poll also measures this PC's offset from the server's clock again when
it is due, and the heartbeat stores it with the session (``services/server_clock.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import literal, select, update
from sqlalchemy.orm import Session, aliased

from hall_app.domain.errors import NotAllowed
from hall_app.domain.roles import Permission
from hall_app.domain.sessions import (
    EndReason,
    Stranded,
    WindowFacts,
    is_silent,
    needs_heartbeat,
    returned_state,
    stranded_reason,
)
from hall_app.domain.tickets import ACTIVE_AT_WINDOW, TicketFacts, TicketState
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded, require_window
from hall_app.services.queues import QueueService
from hall_app.services.server_clock import clock_skew_ms, resync_if_due
from hall_app.services.settings import load_settings
from hall_app.services.tickets import TicketService, TicketView
from hall_app.store.changes import announce_change
from hall_app.store.models import (
    Category,
    Staff,
    TerminalSession,
    Ticket,
    TicketCounter,
    Window,
)

_ACTIVE = [state.value for state in ACTIVE_AT_WINDOW]


@dataclass(frozen=True)
class WindowHolder:
    """Who holds a window now, since when, from which terminal, and whether it is silent."""

    staff_id: int
    staff_no: str
    name: str
    since: dt.datetime | None
    terminal: str | None
    last_seen_at: dt.datetime | None
    silent: bool


@dataclass(frozen=True)
class Displaced:
    """This terminal's session was ended by another login at its window."""

    by_name: str
    by_staff_no: str
    at: dt.datetime


@dataclass(frozen=True)
class PollResult:
    marker: int
    displaced: Displaced | None = None
    heartbeat_due: bool = False  # poll(heartbeat=False): the caller should send heartbeat()


@dataclass(frozen=True)
class StrandedTicket:
    number: str
    state: TicketState
    lane_name: str
    window_number: int
    called_at: dt.datetime | None
    reason: Stranded
    holder_name: str  # "" when nobody holds the window
    last_seen_at: dt.datetime | None


def holder_of(
    s: Session, window: Window, now: dt.datetime, silent_minutes: int
) -> WindowHolder | None:
    """The holder of ``window`` (read in the caller's transaction), or None when free."""
    if window.staff_id is None:
        return None
    staff = s.get_one(Staff, window.staff_id)
    session = s.get(TerminalSession, window.session_id) if window.session_id else None
    seen = session.last_seen_at if session else None
    return WindowHolder(
        staff_id=staff.id,
        staff_no=staff.staff_no,
        name=staff.name,
        since=session.started_at if session else None,
        terminal=session.terminal if session else None,
        last_seen_at=seen,
        silent=seen is not None and is_silent(seen, now, silent_minutes),
    )


def silent_minutes(s: Session) -> int:
    return load_settings(s).silent_minutes


def open_session(s: Session, ctx: ServiceContext, staff_id: int, window_number: int | None) -> int:
    now = ctx.now()
    row = TerminalSession(
        terminal=ctx.terminal,
        staff_id=staff_id,
        window_number=window_number,
        started_at=now,
        last_seen_at=now,
        end_reason="",
        clock_offset_ms=clock_skew_ms(ctx),
    )
    s.add(row)
    s.flush()
    return row.id


def end_session(
    s: Session,
    ctx: ServiceContext,
    session_id: int | None,
    reason: EndReason,
    by: int | None = None,
) -> None:
    if session_id is None:
        return
    s.execute(
        update(TerminalSession)
        .where(TerminalSession.id == session_id, TerminalSession.ended_at.is_(None))
        .values(ended_at=ctx.now(), end_reason=reason.value, ended_by=by)
    )


_taker = aliased(Staff)
_POLL = select(
    TerminalSession.ended_at,
    TerminalSession.end_reason,
    TerminalSession.last_seen_at,
    _taker.name,
    _taker.staff_no,
).outerjoin(_taker, _taker.id == TerminalSession.ended_by)


class TerminalService:
    def __init__(self, ctx: ServiceContext, queues: QueueService) -> None:
        self.ctx = ctx
        self.queues = queues

    @guarded()  # its own session only
    def poll(self, actor: Actor, *, heartbeat: bool = True) -> PollResult:
        """The change feed's version and, for a session, whether another login displaced it;
        records the poll at most every HEARTBEAT_SECONDS (with ``heartbeat=False`` it only
        says so in ``heartbeat_due``). Always reads the database once: it is the probe."""
        session_id = actor.session_id
        resync_if_due(self.ctx)  # this PC's offset from the server's clock, every minute
        now = self.ctx.now()
        marker = self.queues.marker()
        if session_id is None:
            with self.ctx.db.read() as s:
                s.execute(select(literal(1)))
            return PollResult(marker)
        with self.ctx.db.read() as s:
            row = s.execute(_POLL.where(TerminalSession.id == session_id)).one_or_none()
        if row is None:
            return PollResult(marker)
        if row.ended_at is not None:
            if row.end_reason == EndReason.TAKEN_OVER:
                return PollResult(
                    marker, Displaced(row.name or "", row.staff_no or "", row.ended_at)
                )
            return PollResult(marker)
        if needs_heartbeat(row.last_seen_at, now):
            if not heartbeat:
                return PollResult(marker, heartbeat_due=True)
            self._record_poll(session_id, now)
        return PollResult(marker)

    @guarded()  # its own session only
    def heartbeat(self, actor: Actor) -> None:
        """Record this terminal's last poll (a write of its own session row only)."""
        if actor.session_id is not None:
            self._record_poll(actor.session_id, self.ctx.now())

    @guarded()  # reads only, with the locks this actor's own writes would take
    def write_probe(self, actor: Actor) -> None:
        """Whether this terminal's writes would go through now, without writing anything.

        After a write ended in a lock timeout the heartbeat tells nothing: it writes this
        terminal's own session row, which a frozen terminal almost never holds. The probe
        takes, with ``FOR UPDATE`` under the session's lock timeout, the rows a call or an
        issue at this terminal takes first: its window's row (a window terminal), today's
        ticket counters (a terminal that issues) and its own session row (the heartbeat),
        then ends its transaction without a change (in the order a call takes them). It
        raises :class:`DatabaseBlocked` while such a row is still held. SQLite takes no row
        locks (and reports no lock timeout): the reads alone there."""
        with self.ctx.db.read() as s:
            if actor.window_number is not None:
                s.execute(
                    select(Window.id).where(Window.number == actor.window_number).with_for_update()
                ).all()
            if actor.may(Permission.ISSUE_TICKET):
                s.execute(
                    select(TicketCounter.prefix)
                    .where(TicketCounter.service_date == self.ctx.today())
                    .order_by(TicketCounter.prefix)
                    .with_for_update()
                ).all()
            if actor.session_id is not None:  # what the heartbeat writes
                s.execute(
                    select(TerminalSession.id)
                    .where(TerminalSession.id == actor.session_id)
                    .with_for_update()
                ).all()
            s.rollback()  # nothing was changed; the locks go at once

    def _record_poll(self, session_id: int, now: dt.datetime) -> None:
        with self.ctx.db.write() as s:
            s.execute(
                update(TerminalSession)
                .where(TerminalSession.id == session_id, TerminalSession.ended_at.is_(None))
                .values(last_seen_at=now, clock_offset_ms=clock_skew_ms(self.ctx))
            )

    def holder(self, window_number: int) -> WindowHolder | None:
        with self.ctx.db.read() as s:
            window = s.scalar(select(Window).where(Window.number == window_number))
            if window is None:
                return None
            return holder_of(s, window, self.ctx.now(), silent_minutes(s))

    # ------------------------------------------------------------ tickets left in hand

    def stranded(self) -> list[StrandedTicket]:
        """Today's tickets called or in service at a window that is closed, held by nobody,
        or whose terminal has not polled for the hall's ``terminal.silent_minutes``."""
        with self.ctx.db.read() as s:
            return self._stranded(s)

    def _stranded(
        self, s: Session, numbers: list[str] | None = None, *, lock: bool = False
    ) -> list[StrandedTicket]:
        now = self.ctx.now()
        minutes = silent_minutes(s)
        stmt = (
            select(
                Ticket.number,
                Ticket.state,
                Category.name,
                Window.number,
                Ticket.called_at,
                Window.status,
                Window.session_id,
                TerminalSession.last_seen_at,
                TerminalSession.ended_at,
                Staff.name,
            )
            .join(Window, Window.id == Ticket.window_id)
            .join(Category, Category.id == Ticket.category_id)
            .outerjoin(TerminalSession, TerminalSession.id == Window.session_id)
            .outerjoin(Staff, Staff.id == Window.staff_id)
            .where(Ticket.service_date == self.ctx.today(), Ticket.state.in_(_ACTIVE))
            .order_by(Ticket.called_at, Ticket.id)
        )
        if numbers is not None:
            stmt = stmt.where(Ticket.number.in_(numbers))
        if lock:
            stmt = stmt.with_for_update(of=Ticket)
        found = []
        for number, state, lane, window, called, status, sid, seen, ended, holder in s.execute(
            stmt
        ):
            held = sid if ended is None else None
            reason = stranded_reason(
                WindowFacts(status, held, seen if held else None), now, minutes
            )
            if reason is not None:
                found.append(
                    StrandedTicket(
                        number, TicketState(state), lane, window, called, reason, holder or "", seen
                    )
                )
        return found

    @guarded(Permission.SERVE_ANY_WINDOW)
    def return_stranded(self, actor: Actor, numbers: list[str]) -> list[str]:
        """值班长: put stranded tickets back in their lanes, each keeping its queue time.
        A ticket whose window is attended again meanwhile is left alone. One transaction,
        one audit entry per ticket. Returns the numbers returned."""
        if not numbers:
            return []
        with self.ctx.db.write() as s:
            still = self._stranded(s, [n.strip().upper() for n in numbers], lock=True)
            if not still:
                raise NotAllowed("所选号票已有人处理（窗口已恢复在岗或号票已变更），无需退回")
            for item in still:
                ticket = s.scalar(
                    select(Ticket).where(
                        Ticket.service_date == self.ctx.today(), Ticket.number == item.number
                    )
                )
                assert ticket is not None
                self._return(ticket)
                audit(
                    s,
                    self.ctx,
                    actor,
                    "return_to_queue",
                    "ticket",
                    ticket.id,
                    number=ticket.number,
                    window=item.window_number,
                    reason=item.reason.value,
                )
            announce_change(s)
            return [item.number for item in still]

    @guarded(Permission.SERVE_AT_WINDOW)
    def return_to_queue(self, actor: Actor, window_number: int) -> TicketView:
        """The clerk leaving: the ticket in hand at the window waits again in its lane with
        its original queue time (it is neither a no-show nor a re-queue)."""
        require_window(actor, window_number)
        with self.ctx.db.write() as s:
            window = s.scalar(
                select(Window).where(Window.number == window_number).with_for_update()
            )
            if window is None:
                raise NotAllowed(f"窗口 {window_number} 不存在")
            ticket = s.scalar(
                select(Ticket)
                .where(Ticket.window_id == window.id, Ticket.state.in_(_ACTIVE))
                .order_by(Ticket.id.desc())
                .limit(1)
                .with_for_update()
            )
            if ticket is None:
                raise NotAllowed(f"{window_number}号窗口当前没有号票")
            self._return(ticket)
            audit(
                s,
                self.ctx,
                actor,
                "return_to_queue",
                "ticket",
                ticket.id,
                number=ticket.number,
                window=window_number,
                reason="leaving",
            )
            announce_change(s)
            return TicketService._view(s, ticket.id)  # the one TicketView builder

    @staticmethod
    def _return(ticket: Ticket) -> None:
        facts = TicketFacts(
            number=ticket.number,
            state=TicketState(ticket.state),
            call_count=ticket.call_count,
            requeue_count=ticket.requeue_count,
        )
        ticket.state = returned_state(facts).value
        # queued_at is kept: the citizen is called again in the original order
        ticket.window_id = None
        ticket.target_window_id = None
        ticket.called_at = None
        ticket.started_at = None
        ticket.call_count = 0
        ticket.served_by = None
