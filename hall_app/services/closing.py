"""End of day (闭厅): tickets still waiting or called become 未办结（闭厅）, and their citizens
are offered a booking in the next working day's first quiet slot.

Run by a supervisor (a menu action), automatically by supervisor terminals after the hall
setting ``hall.closing_time`` and by ``hall-app hall close``. It is idempotent: a second run
on the same day finds nothing left to close. Tickets being served are left to their clerk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain.appointments import Load, SlotForecast
from hall_app.domain.errors import NotFound
from hall_app.domain.roles import Permission
from hall_app.domain.tickets import OPEN_AT_CLOSING, Action, TicketFacts, TicketState, next_state
from hall_app.services.appointments import AppointmentService, AppointmentView
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.settings import load_settings
from hall_app.store.changes import announce_change
from hall_app.store.models import Bundle, Category, ServiceItem, Ticket

_OPEN = [s.value for s in OPEN_AT_CLOSING]


@dataclass(frozen=True)
class Offer:
    """The booking offered to one citizen whose ticket was closed."""

    number: str
    subject: str
    code: str | None  # item or bundle code to book (None: reception helps)
    day: dt.date | None
    slot: str | None  # "09:00"
    slot_label: str  # "09:00-09:30"

    @property
    def text(self) -> str:
        if self.day is None:
            return "请到导服台预约下一个工作日"
        return f"{self.day:%m-%d} 周{'一二三四五六日'[self.day.weekday()]} {self.slot_label}"


@dataclass(frozen=True)
class ClosingReport:
    closed: tuple[Offer, ...]
    at: dt.datetime

    @property
    def count(self) -> int:
        return len(self.closed)


def closed_numbers(s: Session, day: dt.date) -> list[str]:
    """Today's 未办结（闭厅） tickets, for the board and the figures."""
    return list(
        s.scalars(
            select(Ticket.number)
            .where(Ticket.service_date == day, Ticket.state == TicketState.CLOSED.value)
            .order_by(Ticket.id)
        )
    )


def closed_count(s: Session, day: dt.date) -> int:
    return int(
        s.scalar(
            select(func.count(Ticket.id)).where(
                Ticket.service_date == day, Ticket.state == TicketState.CLOSED.value
            )
        )
        or 0
    )


def first_quiet(forecasts: list[SlotForecast]) -> SlotForecast | None:
    """The day's first quiet slot with room, else its first slot with room."""
    free = [f for f in forecasts if f.free > 0]
    quiet = [f for f in free if f.load is Load.QUIET]
    pool = quiet or free
    return pool[0] if pool else None


class ClosingService:
    def __init__(self, ctx: ServiceContext, appointments: AppointmentService) -> None:
        self.ctx = ctx
        self.appointments = appointments

    def closing_time(self) -> dt.time:
        with self.ctx.db.read() as s:
            return load_settings(s).closing_time

    def due(self) -> bool:
        """After closing time with tickets still open today: the automatic run should close."""
        now = self.ctx.local(self.ctx.now())
        with self.ctx.db.read() as s:
            if now.time() < load_settings(s).closing_time:
                return False
            return bool(
                s.scalar(
                    select(Ticket.id)
                    .where(Ticket.service_date == self.ctx.today(), Ticket.state.in_(_OPEN))
                    .limit(1)
                )
            )

    @guarded(Permission.CLOSE_HALL)
    def close(self, actor: Actor, *, auto: bool = False) -> ClosingReport:
        """Mark today's waiting and called tickets 未办结（闭厅）, in one transaction, one
        audit entry per ticket. ``auto``: the run after closing time (a supervisor terminal's
        tick), by ``Actor.system("hall_close", …, CLOSE_HALL)``."""
        now, day = self.ctx.now(), self.ctx.today()
        with self.ctx.db.write() as s:
            rows = list(
                s.scalars(
                    select(Ticket)
                    .where(Ticket.service_date == day, Ticket.state.in_(_OPEN))
                    .order_by(Ticket.id)
                    .with_for_update()
                )
            )
            for ticket in rows:
                ticket.state = next_state(
                    TicketFacts(ticket.number, TicketState(ticket.state)), Action.CLOSE
                ).value
                ticket.closed_at = now
                ticket.target_window_id = None
                audit(
                    s,
                    self.ctx,
                    actor,
                    Action.CLOSE,
                    "ticket",
                    ticket.id,
                    number=ticket.number,
                    auto=auto or actor.is_system,
                )
            subjects = [self._subject(s, t) for t in rows]
            if rows:
                announce_change(s)
        return ClosingReport(tuple(self._offer(n, name, code) for n, name, code in subjects), now)

    def closed_today(self) -> ClosingReport:
        """The offers for today's closed tickets (to print a slip again)."""
        day = self.ctx.today()
        with self.ctx.db.read() as s:
            rows = list(
                s.scalars(
                    select(Ticket)
                    .where(Ticket.service_date == day, Ticket.state == TicketState.CLOSED.value)
                    .order_by(Ticket.id)
                )
            )
            subjects = [self._subject(s, t) for t in rows]
        return ClosingReport(
            tuple(self._offer(n, name, code) for n, name, code in subjects), self.ctx.now()
        )

    def offer_for(self, number: str) -> Offer:
        report = self.closed_today()
        offer = next((o for o in report.closed if o.number == number.strip().upper()), None)
        if offer is None:
            raise NotFound(f"今天没有未办结（闭厅）的号票 {number}")
        return offer

    @guarded(Permission.MANAGE_APPOINTMENTS)
    def book(
        self, actor: Actor, number: str, *, name: str, id_number: str, phone: str
    ) -> AppointmentView:
        """Book the offered slot for the citizen of a closed ticket (reception, supervisor)."""
        offer = self.offer_for(number)
        if offer.code is None or offer.day is None or offer.slot is None:
            raise NotFound(f"号票 {offer.number} 没有可预约的时段，请为市民另选时段")
        return self.appointments.book(
            actor,
            name=name,
            id_number=id_number,
            phone=phone,
            code=offer.code,
            day=offer.day,
            slot=offer.slot,
        )

    @staticmethod
    def _subject(s: Session, t: Ticket) -> tuple[str, str, str | None]:
        if t.item_id is not None:
            item = s.get_one(ServiceItem, t.item_id)
            return t.number, item.name, item.code
        if t.bundle_id is not None:
            bundle = s.get_one(Bundle, t.bundle_id)
            return t.number, bundle.name, bundle.code
        lane = s.get_one(Category, t.service_category_id)
        first = s.scalar(
            select(ServiceItem)
            .where(ServiceItem.category_id == lane.id, ServiceItem.active)
            .order_by(ServiceItem.id)
        )
        return t.number, lane.name, first.code if first else None

    def _offer(self, number: str, subject: str, code: str | None) -> Offer:
        days = self.appointments.bookable_days()
        if code is None or not days:
            return Offer(number, subject, None, None, None, "")
        slot = first_quiet(self.appointments.slots(code, days[0]))
        if slot is None:
            return Offer(number, subject, code, None, None, "")
        return Offer(
            number, subject, code, days[0], slot.slot.start.strftime("%H:%M"), slot.slot.label
        )
