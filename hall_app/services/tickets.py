"""Tickets: issue, call, recall, start, finish, no-show, requeue, transfer, cancel.

Each public method is one transaction with one audit entry and an announcement on the change feed.
Concurrency: on SQLite every write transaction begins IMMEDIATE (one writer at a time); on
PostgreSQL the window row is locked first (a double click cannot call two tickets) and the
next ticket is taken with ``FOR UPDATE SKIP LOCKED`` (two windows never get the same one).
Ticket numbers come from an upserted per-day, per-prefix counter and are never reused.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from hall_app.domain.call_order import Fairness
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.intake import carried_for
from hall_app.domain.overflow_remedy import DeclinedOffer
from hall_app.domain.roles import Permission
from hall_app.domain.ticket_states import HALL_DEFAULT, rules_from
from hall_app.domain.tickets import (
    ACTIVE_AT_WINDOW,
    Action,
    GreenReason,
    Priority,
    TicketFacts,
    TicketRules,
    TicketState,
    format_number,
    next_state,
)
from hall_app.domain.triage import LaneRef, place
from hall_app.domain.waits import estimate_wait_minutes
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded, require_window
from hall_app.services.remedy_routing import routing_in
from hall_app.services.sequences import next_value
from hall_app.services.settings import load_settings
from hall_app.services.ticket_views import IssuedTicket, TicketView, load_view
from hall_app.services.waits import lane_capacities
from hall_app.store.call_events import record_call
from hall_app.store.changes import announce_change
from hall_app.store.models import (
    Bundle,
    Category,
    ServiceItem,
    Ticket,
    TicketCounter,
    Window,
)

_ACTIVE = [s.value for s in ACTIVE_AT_WINDOW]


class TicketService:
    def __init__(
        self, ctx: ServiceContext, *, fair_streak: int = 2, fair_wait_minutes: int = 20
    ) -> None:
        self.ctx = ctx
        # fairness: after this many priority tickets in a row at a window, a walk-in who has
        # waited this long is called next (0 switches the rule off)
        self.fairness = Fairness(fair_streak, dt.timedelta(minutes=fair_wait_minutes))

    # ------------------------------------------------------------ issue

    @guarded(Permission.ISSUE_TICKET)
    def issue(
        self,
        actor: Actor,
        *,
        item_code: str | None = None,
        bundle_code: str | None = None,
        category_code: str | None = None,
        green_reason: GreenReason | None = None,
        green_note: str = "",
        appointment: bool = False,
        intake_answers: str = "",
        declined_offer: DeclinedOffer | None = None,
    ) -> IssuedTicket:
        """``declined_offer``: reception offered a booking (overflow remedy booking_first) and
        the walk-in wanted a ticket: it is issued, marked with the slot it could book."""
        green_reason = GreenReason(green_reason) if green_reason else None
        if sum(x is not None for x in (item_code, bundle_code, category_code)) != 1:
            raise InvalidInput("取号时请选择一个事项、一件事或业务类别")
        if green_reason is GreenReason.OTHER and not green_note.strip():
            raise InvalidInput("绿色通道原因选择「其他」时请填写说明")
        now = self.ctx.now()
        day = self.ctx.today()
        with self.ctx.db.write() as s:
            return self.issue_in(
                s,
                actor,
                item_code=item_code,
                bundle_code=bundle_code,
                category_code=category_code,
                green_reason=green_reason,
                green_note=green_note,
                appointment=appointment,
                now=now,
                day=day,
                intake_answers=intake_answers,
                declined_offer=declined_offer,
            )

    def issue_in(
        self,
        s: Session,
        actor: Actor,
        *,
        item_code: str | None,
        bundle_code: str | None,
        category_code: str | None,
        green_reason: GreenReason | None,
        green_note: str,
        appointment: bool,
        now: dt.datetime,
        day: dt.date,
        intake_answers: str = "",
        declined_offer: DeclinedOffer | None = None,
    ) -> IssuedTicket:
        """The body of :meth:`issue`, inside the caller's transaction (check-in uses it).
        ``intake_answers``: reception's situation answers for the item or bundle
        (domain/intake.py), kept with the ticket for the clerk's material check."""
        subject_code = item_code or bundle_code
        if intake_answers and subject_code is None:
            raise InvalidInput("按业务类别取号时不能携带情形答案")
        carried = carried_for(intake_answers, subject_code or "")
        item_id = bundle_id = None
        if item_code is not None:
            item = s.scalar(select(ServiceItem).where(ServiceItem.code == item_code))
            if item is None or not item.active:
                raise NotFound(f"事项「{item_code}」不存在或已停用")
            subject_category, item_id = item.category_id, item.id
        elif bundle_code is not None:
            bundle = s.scalar(select(Bundle).where(Bundle.code == bundle_code))
            if bundle is None or not bundle.active:
                raise NotFound(f"一件事「{bundle_code}」不存在或已停用")
            subject_category, bundle_id = bundle.category_id, bundle.id
        else:
            cat = s.scalar(select(Category).where(Category.code == category_code))
            if cat is None or not cat.active:
                raise NotFound(f"业务类别「{category_code}」不存在或已停用")
            subject_category = cat.id
        lanes = {
            c.id: LaneRef(c.id, c.prefix, c.green_channel)
            for c in s.scalars(select(Category).where(Category.active))
        }
        if subject_category not in lanes:
            raise NotAllowed("该事项所属业务类别已停用，请联系值班长")
        routed = routing_in(  # overflow remedies: a bundle's item may wait in 综合受理
            s,
            day=day,
            at=now,
            category_id=subject_category,
            item_id=item_id,
            bundle_id=bundle_id,
            green=green_reason is not None or lanes[subject_category].green_channel,
            appointment=appointment,
            declined=declined_offer,
        )
        subject_category = routed.lane_id or subject_category
        green_lane = next((lane for lane in lanes.values() if lane.green_channel), None)
        placement = place(
            lanes[subject_category], green=green_reason is not None, green_lane=green_lane
        )
        if placement.priority is Priority.GREEN and green_reason is None:
            green_reason = GreenReason.OTHER
            green_note = green_note or "直接选择绿色通道"
        priority = placement.priority
        if appointment and priority is Priority.NORMAL:
            priority = Priority.APPOINTMENT
        sequence = next_value(
            s, self.ctx.db.dialect, TicketCounter, service_date=day, prefix=placement.lane.prefix
        )
        ticket = Ticket(
            service_date=day,
            number=format_number(placement.lane.prefix, sequence),
            prefix=placement.lane.prefix,
            sequence=sequence,
            category_id=placement.lane.id,
            service_category_id=placement.service_category.id,
            item_id=item_id,
            bundle_id=bundle_id,
            priority=int(priority),
            green_reason=green_reason.value if green_reason else None,
            green_note=green_note.strip()[:200],
            state=TicketState.WAITING.value,
            issued_at=now,
            queued_at=now,
            issued_by=actor.staff_id,
            terminal=actor.terminal,
            intake_answers=carried,
            remedy_id=routed.remedy_id,
            remedy_note=routed.note,
        )
        s.add(ticket)
        s.flush()
        ahead = s.scalar(
            select(func.count(Ticket.id)).where(
                Ticket.service_date == day,
                Ticket.state == TicketState.WAITING.value,
                Ticket.category_id == ticket.category_id,
                Ticket.id != ticket.id,
                or_(
                    Ticket.priority < ticket.priority,
                    and_(Ticket.priority == ticket.priority, Ticket.queued_at <= now),
                ),
            )
        )
        estimate = self.estimate(s, ticket.category_id, int(ahead or 0), day)
        audit(
            s,
            self.ctx,
            actor,
            Action.ISSUE,
            "ticket",
            ticket.id,
            number=ticket.number,
            priority=priority.name,
            green_reason=ticket.green_reason,
        )
        announce_change(s)
        view = self._view(s, ticket.id)
        settings = load_settings(s)
        return IssuedTicket(
            ticket=view,
            people_ahead=int(ahead or 0),
            hall_name=settings.name,
            hall_phone=settings.phone,
            estimated_minutes=estimate,
            no_window=estimate is None,
        )

    # ------------------------------------------------------------ calling

    @guarded(Permission.SERVE_AT_WINDOW)
    def call_next(self, actor: Actor, window_number: int) -> TicketView | None:
        """Call the next ticket for the window, or None when nobody waits for it (the call
        order is :mod:`domain.call_order`, see :mod:`services.calling`)."""
        from hall_app.services.calling import call_next

        return call_next(self, actor, window_number)

    def estimate(self, s: Session, lane_id: int, ahead: int, day: dt.date) -> int | None:
        """The hall's one wait estimate for the lane (None: no open window serves it)."""
        return estimate_wait_minutes(ahead, lane_capacities(s, day, lane_id)[lane_id])

    @guarded(Permission.SERVE_AT_WINDOW)
    def pause(self, actor: Actor, window_number: int) -> None:
        """暂停服务 (a break, a phone call): the window calls nobody until it resumes."""
        self._require_window(actor, window_number)
        with self.ctx.db.write() as s:
            window = self._lock_window(s, window_number, actor)
            if self._current_at(s, window) is not None:
                raise NotAllowed("请先处理完当前号票再暂停服务")
            if window.status == "paused":
                raise NotAllowed(f"{window_number}号窗口已在暂停中")
            window.status, window.paused_at = "paused", self.ctx.now()
            audit(s, self.ctx, actor, "window_pause", "window", window.id)
            announce_change(s)

    @guarded(Permission.SERVE_AT_WINDOW)
    def resume(self, actor: Actor, window_number: int) -> None:
        self._require_window(actor, window_number)
        with self.ctx.db.write() as s:
            window = self._lock_window(s, window_number, actor)
            if window.status != "paused":
                raise NotAllowed(f"{window_number}号窗口没有暂停")
            window.status, window.paused_at = "open", None
            audit(s, self.ctx, actor, "window_resume", "window", window.id)
            announce_change(s)

    @guarded(Permission.SERVE_AT_WINDOW)
    def recall(self, actor: Actor, window_number: int) -> TicketView:
        return self._act_on_current(actor, window_number, Action.RECALL)

    @guarded(Permission.SERVE_AT_WINDOW)
    def start(self, actor: Actor, window_number: int) -> TicketView:
        return self._act_on_current(actor, window_number, Action.START)

    @guarded(Permission.SERVE_AT_WINDOW)
    def finish(self, actor: Actor, window_number: int) -> TicketView:
        return self._act_on_current(actor, window_number, Action.FINISH)

    @guarded(Permission.SERVE_AT_WINDOW)
    def no_show(self, actor: Actor, window_number: int) -> TicketView:
        return self._act_on_current(actor, window_number, Action.NO_SHOW)

    @guarded(Permission.SERVE_AT_WINDOW)
    def undo_no_show(
        self, actor: Actor, window_number: int, number: str | None = None
    ) -> TicketView:
        """撤销过号 within two minutes (see :mod:`services.no_show`)."""
        from hall_app.services.no_show import undo_no_show

        return undo_no_show(self, actor, window_number, number)

    def _act_on_current(self, actor: Actor, window_number: int, action: Action) -> TicketView:
        self._require_window(actor, window_number)
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            window = self._lock_window(s, window_number, actor)
            ticket = self._current_at(s, window)
            if ticket is None:
                raise NotAllowed(f"{window_number}号窗口当前没有号票，请先叫号")
            # the hall's minimum calls matter only to a no-show: no extra read on other moves
            rules = ticket_rules(s) if action is Action.NO_SHOW else HALL_DEFAULT
            self._apply(ticket, action, rules, now)
            if action is Action.NO_SHOW:
                ticket.no_show_at = now
            elif action is Action.RECALL:
                ticket.call_count += 1
                record_call(s, ticket, window_number, now)  # what the board reads
            elif action is Action.START:
                ticket.started_at = now
            elif action is Action.FINISH:
                ticket.finished_at = now
            audit(
                s,
                self.ctx,
                actor,
                action,
                "ticket",
                ticket.id,
                number=ticket.number,
                window=window_number,
                calls=ticket.call_count,
            )
            announce_change(s)
            return self._view(s, ticket.id)

    # ------------------------------------------------------------ by number

    @guarded(Permission.REQUEUE)
    def requeue(self, actor: Actor, number: str) -> TicketView:
        """Put a no-show back in the queue (once), when the citizen comes back."""
        return self._act_by_number(actor, number, Action.REQUEUE)

    @guarded(Permission.CANCEL_TICKET)
    def cancel(self, actor: Actor, number: str) -> TicketView:
        return self._act_by_number(actor, number, Action.CANCEL)

    def _act_by_number(self, actor: Actor, number: str, action: Action) -> TicketView:
        with self.ctx.db.write() as s:
            ticket = self._by_number(s, number)
            self._apply(ticket, action)
            if action is Action.REQUEUE:
                ticket.requeue_count += 1
                ticket.queued_at = self.ctx.now()
                ticket.call_count = 0
                ticket.window_id = None
                ticket.called_at = None
                ticket.no_show_at = None
            audit(s, self.ctx, actor, action, "ticket", ticket.id, number=ticket.number)
            announce_change(s)
            return self._view(s, ticket.id)

    @guarded(Permission.SERVE_AT_WINDOW, Permission.REQUEUE, any_of=True)
    def transfer(
        self,
        actor: Actor,
        *,
        window_number: int | None = None,
        number: str | None = None,
        to_category: str | None = None,
        to_window: int | None = None,
        reason: str = "",
    ) -> TicketView:
        """Move a ticket to another lane and/or window (see :mod:`services.transfer`)."""
        from hall_app.services.transfer import transfer

        return transfer(
            self,
            actor,
            window_number=window_number,
            number=number,
            to_category=to_category,
            to_window=to_window,
            reason=reason,
        )

    # ------------------------------------------------------------ reading

    def current(self, window_number: int) -> TicketView | None:
        with self.ctx.db.read() as s:
            window = s.scalar(select(Window).where(Window.number == window_number))
            if window is None:
                raise NotFound(f"窗口 {window_number} 不存在")
            ticket = self._current_at(s, window, lock=False)
            return self._view(s, ticket.id) if ticket else None

    def find(self, number: str, day: dt.date | None = None) -> TicketView:
        with self.ctx.db.read() as s:
            return self._view(s, self._by_number(s, number, day, lock=False).id)

    def today(self, *, window_number: int | None = None, limit: int = 200) -> list[TicketView]:
        """Today's tickets, newest first (optionally those handled at one window)."""
        with self.ctx.db.read() as s:
            stmt = select(Ticket.id).where(Ticket.service_date == self.ctx.today())
            if window_number is not None:
                stmt = stmt.join(Window, Window.id == Ticket.window_id).where(
                    Window.number == window_number
                )
            ids = list(s.scalars(stmt.order_by(Ticket.id.desc()).limit(limit)))
            return [self._view(s, i) for i in ids]

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _require_window(actor: Actor, window_number: int) -> None:
        require_window(actor, window_number)

    def _lock_window(self, s: Session, number: int, actor: Actor | None = None) -> Window:
        window = s.scalar(select(Window).where(Window.number == number).with_for_update())
        if window is None or not window.active:
            raise NotFound(f"窗口 {number} 不存在或已停用")
        if actor is not None:
            self._require_holder(actor, window.staff_id, number)
        return window

    @staticmethod
    def _require_holder(actor: Actor, holder: int | None, number: int) -> None:
        """A clerk whose window was taken over by a colleague's login cannot act there."""
        if (
            holder is not None
            and holder != actor.staff_id
            and not actor.may(Permission.SERVE_ANY_WINDOW)
        ):
            raise NotAllowed(f"{number}号窗口已由其他工作人员登录，请重新登录")

    def _current_at(self, s: Session, window: Window, *, lock: bool = True) -> Ticket | None:
        stmt = select(Ticket).where(Ticket.window_id == window.id, Ticket.state.in_(_ACTIVE))
        if lock:
            stmt = stmt.with_for_update()
        return s.scalar(stmt.order_by(Ticket.id.desc()).limit(1))

    def _by_number(
        self, s: Session, number: str, day: dt.date | None = None, *, lock: bool = True
    ) -> Ticket:
        number = number.strip().upper()
        stmt = select(Ticket).where(
            Ticket.service_date == (day or self.ctx.today()), Ticket.number == number
        )
        if lock:
            stmt = stmt.with_for_update()
        ticket = s.scalar(stmt)
        if ticket is None:
            raise NotFound(f"今天没有号票 {number}")
        return ticket

    @staticmethod
    def _apply(
        ticket: Ticket,
        action: Action,
        rules: TicketRules = HALL_DEFAULT,
        now: dt.datetime | None = None,
    ) -> None:
        facts = TicketFacts(
            number=ticket.number,
            state=TicketState(ticket.state),
            call_count=ticket.call_count,
            requeue_count=ticket.requeue_count,
            no_show_at=ticket.no_show_at,
        )
        ticket.state = next_state(facts, action, rules, now=now).value

    _view = staticmethod(load_view)


def ticket_rules(s: Session) -> TicketRules:
    """The hall's ticket rules (``ticket.no_show_min_calls``), read in the transaction."""
    return rules_from(load_settings(s))
