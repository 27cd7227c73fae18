"""Overflow remedies (issue 19 §5): a supervisor applies one to a lane when the tidal console
warns it will overflow, with the figures that justified it, and lifts it; reception asks
whether a walk-in is to be offered a booking first (``offer_for``) and counts how the offers
end. The rule is ``domain.overflow_remedy``; the lane a ticket waits in is decided when it is
issued (``services.remedy_routing``). Each apply, lift and offer outcome is audited."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.overflow_remedy import (
    GENERAL_LANE,
    OFFER_OUTCOMES,
    RemedyKind,
    check_figures,
    check_window,
    in_force,
)
from hall_app.domain.roles import Permission
from hall_app.domain.text import clean_text
from hall_app.domain.tickets import TicketState
from hall_app.services.appointments import AppointmentService
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.remedy_routing import facts_of, remedies_in_force, route_subject
from hall_app.services.tickets import TicketService
from hall_app.store.changes import announce_change
from hall_app.store.models import Bundle, Category, OverflowRemedy, ServiceItem, Staff, Ticket


@dataclass(frozen=True)
class RemedyView:
    id: int
    service_date: dt.date
    lane: str
    kind: RemedyKind
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    figures: dict[str, Any]
    reason: str
    created_by: str  # staff number
    created_at: dt.datetime
    lifted_at: dt.datetime | None
    lifted_by: str | None
    offered: int
    booked: int
    insisted: int

    def as_json(self) -> dict[str, object]:
        def iso(moment: dt.datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return {
            "id": self.id,
            "service_date": self.service_date.isoformat(),
            "lane": self.lane,
            "kind": self.kind.value,
            "starts_at": iso(self.starts_at),
            "ends_at": iso(self.ends_at),
            "figures": self.figures,
            "reason": self.reason,
            "created_by": self.created_by,
            "created_at": iso(self.created_at),
            "lifted_at": iso(self.lifted_at),
            "lifted_by": self.lifted_by,
            "offers": {"offered": self.offered, "booked": self.booked, "insisted": self.insisted},
        }


@dataclass(frozen=True)
class BookingOffer:
    """What reception shows a walk-in before issuing a ticket in a lane under booking_first."""

    remedy_id: int
    code: str  # the item or bundle
    subject: str
    lane_code: str
    lane_name: str
    people_ahead: int
    expected_minutes: int | None  # the wait of a ticket issued now (None: no open window)
    day: dt.date
    start: dt.time
    end: dt.time


class RemedyService:
    def __init__(
        self, ctx: ServiceContext, tickets: TicketService, appointments: AppointmentService
    ) -> None:
        self.ctx = ctx
        self.tickets = tickets
        self.appointments = appointments

    # ------------------------------------------------------------ supervisor

    @guarded(Permission.MANAGE_TIDAL)
    def apply(
        self,
        actor: Actor,
        lane: str,
        kind: str,
        starts_at: dt.datetime,
        figures: dict[str, Any],
        reason: str,
        ends_at: dt.datetime | None = None,
    ) -> RemedyView:
        """Apply ``kind`` to ``lane`` (a category code) from ``starts_at`` (the cut-off, today
        or later; its day is the remedy's day) until ``ends_at`` (None: end of that day)."""
        try:
            remedy_kind = RemedyKind(kind)
        except ValueError:
            raise InvalidInput(f"未知的措施「{kind}」") from None
        if starts_at.tzinfo is None or (ends_at is not None and ends_at.tzinfo is None):
            raise InvalidInput("措施的时间须带时区")
        check_window(starts_at, ends_at)
        stored = check_figures(figures)
        reason = clean_text(reason, "措施原因", 500)
        if not reason:
            raise InvalidInput("请填写采取该措施的原因")
        day = self.ctx.local(starts_at).date()
        if day < self.ctx.today():
            raise InvalidInput(f"开始时间 {day} 已过")
        if ends_at is not None and self.ctx.local(ends_at).date() != day:
            raise InvalidInput("措施只在一天之内有效，结束时间应在同一天")
        with self.ctx.db.write() as s:
            category = s.scalar(select(Category).where(Category.code == lane.strip().upper()))
            if category is None or not category.active:
                raise NotFound(f"业务类别「{lane}」不存在或已停用")
            if category.green_channel:
                raise NotAllowed("绿色通道不适用分流或预约引导")
            if remedy_kind is RemedyKind.BUNDLE_TO_GENERAL and category.code == GENERAL_LANE:
                raise InvalidInput("综合受理本身不能再分流至综合受理")
            row = OverflowRemedy(
                service_date=day,
                lane=category.code,
                kind=remedy_kind.value,
                starts_at=starts_at,
                ends_at=ends_at,
                figures=json.dumps(stored, ensure_ascii=False, sort_keys=True),
                reason=reason,
                created_by=actor.staff_id,
                created_at=self.ctx.now(),
            )
            s.add(row)
            s.flush()
            audit(
                s,
                self.ctx,
                actor,
                "remedy_apply",
                "overflow_remedy",
                row.id,
                lane=row.lane,
                kind=row.kind,
                starts_at=starts_at.isoformat(),
                ends_at=ends_at.isoformat() if ends_at else None,
                figures=stored,
                reason=reason,
            )
            announce_change(s)
            return self._view(s, row)

    @guarded(Permission.MANAGE_TIDAL)
    def lift(self, actor: Actor, id: int) -> RemedyView:
        """End a remedy now; its offers so far stay counted."""
        with self.ctx.db.write() as s:
            row = s.get(OverflowRemedy, id, with_for_update=True)
            if row is None:
                raise NotFound(f"措施 #{id} 不存在")
            if row.lifted_at is not None:
                raise NotAllowed(f"措施 #{id} 已于 {self.ctx.local(row.lifted_at):%H:%M} 解除")
            row.lifted_at, row.lifted_by = self.ctx.now(), actor.staff_id
            audit(
                s,
                self.ctx,
                actor,
                "remedy_lift",
                "overflow_remedy",
                row.id,
                lane=row.lane,
                kind=row.kind,
                figures=json.loads(row.figures),
                offered=row.offered,
                booked=row.booked,
                insisted=row.insisted,
            )
            announce_change(s)
            return self._view(s, row)

    # ------------------------------------------------------------ reading

    def active(self, lane: str | None = None, at: dt.datetime | None = None) -> list[RemedyView]:
        """The remedies in force at ``at`` (now), of one lane or all."""
        moment = at or self.ctx.now()
        with self.ctx.db.read() as s:
            rows = s.scalars(
                select(OverflowRemedy)
                .where(OverflowRemedy.service_date == self.ctx.local(moment).date())
                .order_by(OverflowRemedy.starts_at, OverflowRemedy.id)
            )
            return [
                self._view(s, r)
                for r in rows
                if in_force(facts_of(r), moment) and (lane is None or r.lane == lane)
            ]

    def today(self) -> list[RemedyView]:
        """Every remedy of today, lifted or not, in the order they start."""
        with self.ctx.db.read() as s:
            rows = s.scalars(
                select(OverflowRemedy)
                .where(OverflowRemedy.service_date == self.ctx.today())
                .order_by(OverflowRemedy.starts_at, OverflowRemedy.id)
            )
            return [self._view(s, r) for r in rows]

    def offer_for(self, code: str, *, green: bool = False) -> BookingOffer | None:
        """The booking reception offers first for a walk-in ticket for ``code`` (an item or
        bundle) now, or None: no booking_first remedy in force for its lane, a green-channel
        ticket, or no slot with room in the coming days."""
        if green:
            return None
        now, day = self.ctx.now(), self.ctx.today()
        with self.ctx.db.read() as s:
            remedies = remedies_in_force(s, day, now)
            if not any(r.kind is RemedyKind.BOOKING_FIRST for r in remedies):
                return None
            subject, category_id, item_id, bundle_id = self._subject(s, code)
            if s.get_one(Category, category_id).green_channel:
                return None
            routing, own, target = route_subject(
                s, remedies, now, category_id, item_id, bundle_id, green=False, appointment=False
            )
            if routing.offer_by is None:
                return None
            lane = target or own
            ahead = self._waiting(s, lane.id, day)
            expected = self.tickets.estimate(s, lane.id, ahead, day)
        slot = self.appointments.next_quiet(code)
        if slot is None:
            return None
        return BookingOffer(
            routing.offer_by,
            code,
            subject,
            lane.code,
            lane.name,
            ahead,
            expected,
            slot.slot.day,
            slot.slot.start,
            slot.slot.end,
        )

    # ------------------------------------------------------------ reception's count

    @guarded(Permission.ISSUE_TICKET)
    def record_offer(self, actor: Actor, remedy_id: int, outcome: str) -> RemedyView:
        """Count an offer reception showed and how it ended: ``booked`` (the booking was
        made) or ``dismissed`` (Esc: back to the form). ``insisted`` is counted by the
        ticket's issue itself (``TicketService.issue(declined_offer=…)``)."""
        if outcome not in OFFER_OUTCOMES or outcome == "insisted":
            raise InvalidInput(f"未知的结果「{outcome}」")
        with self.ctx.db.write() as s:
            row = s.get(OverflowRemedy, remedy_id, with_for_update=True)
            if row is None:
                raise NotFound(f"措施 #{remedy_id} 不存在")
            row.offered += 1
            if outcome == "booked":
                row.booked += 1
            audit(
                s,
                self.ctx,
                actor,
                "remedy_offer",
                "overflow_remedy",
                row.id,
                lane=row.lane,
                outcome=outcome,
            )
            return self._view(s, row)

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _subject(s: Session, code: str) -> tuple[str, int, int | None, int | None]:
        item = s.scalar(select(ServiceItem).where(ServiceItem.code == code, ServiceItem.active))
        if item is not None:
            return item.name, item.category_id, item.id, None
        bundle = s.scalar(select(Bundle).where(Bundle.code == code, Bundle.active))
        if bundle is not None:
            return bundle.name, bundle.category_id, None, bundle.id
        raise NotFound(f"事项或一件事「{code}」不存在或已停用")

    @staticmethod
    def _waiting(s: Session, lane_id: int, day: dt.date) -> int:
        """Everyone already waiting in the lane: all of them are ahead of a new walk-in."""
        return int(
            s.scalar(
                select(func.count(Ticket.id)).where(
                    Ticket.service_date == day,
                    Ticket.state == TicketState.WAITING.value,
                    Ticket.category_id == lane_id,
                )
            )
            or 0
        )

    @staticmethod
    def _view(s: Session, row: OverflowRemedy) -> RemedyView:
        def staff_no(staff_id: int | None) -> str | None:
            if staff_id is None:
                return None
            staff = s.get(Staff, staff_id)
            return staff.staff_no if staff else None

        return RemedyView(
            id=row.id,
            service_date=row.service_date,
            lane=row.lane,
            kind=RemedyKind(row.kind),
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            figures=json.loads(row.figures),
            reason=row.reason,
            created_by=staff_no(row.created_by) or "",
            created_at=row.created_at,
            lifted_at=row.lifted_at,
            lifted_by=staff_no(row.lifted_by),
            offered=row.offered,
            booked=row.booked,
            insisted=row.insisted,
        )
