"""Arrival: today's bookings found and listed, check-in at the desk, and the no-show sweep
(part of ``AppointmentService``). Lists and check-ins only read what they do not change
(see ``booking_sweep``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select

from hall_app.domain.appointments import (
    Arrival,
    arrival,
)
from hall_app.domain.errors import NotAllowed, NotFound
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import scrub
from hall_app.domain.roles import Permission
from hall_app.domain.text import nfkc
from hall_app.domain.tickets import GreenReason
from hall_app.services.appointment_base import AppointmentBase, AppointmentView, CheckIn
from hall_app.services.booking_sweep import sweep_no_shows
from hall_app.services.context import Actor, audit
from hall_app.services.guard import guarded
from hall_app.store import models as m
from hall_app.store.changes import announce_change


class ArrivalMixin(AppointmentBase):
    # ------------------------------------------------------------ arrival

    def sweep_no_shows(self) -> int | None:
        """The no-show sweep of the current slot (``booking_sweep``): how many bookings
        became no-shows (audited), or None when another terminal ran this slot's sweep. Run
        by every terminal's timer and ``hall-app appointments sweep``, never by a read."""
        return sweep_no_shows(self.ctx)

    def find_today(self, query: str) -> list[AppointmentView]:
        """By booking code, ID number or phone number."""
        text = nfkc(query).strip().upper()  # full-width digits typed at the desk
        with self.ctx.db.read() as s:
            rows = s.scalars(
                select(m.Appointment)
                .where(
                    m.Appointment.day == self.ctx.today(),
                    or_(
                        m.Appointment.code == text,
                        m.Appointment.id_number == text,
                        m.Appointment.phone == text,
                    ),
                )
                .order_by(m.Appointment.slot_start)
            )
            return [self._view_of(s, r) for r in rows]

    @guarded(Permission.ISSUE_TICKET)
    def check_in(self, actor: Actor, query: str) -> CheckIn:
        text = nfkc(query).strip().upper()  # full-width digits typed at the desk
        now = self.ctx.now()
        local = self.ctx.local(now)
        with self.ctx.db.write() as s:
            rows = list(
                s.scalars(
                    select(m.Appointment)
                    .where(
                        m.Appointment.day == local.date(),
                        or_(
                            m.Appointment.code == text,
                            m.Appointment.id_number == text,
                            m.Appointment.phone == text,
                        ),
                    )
                    .order_by(m.Appointment.slot_start)
                    .with_for_update()
                )
            )
            if not rows:
                raise NotFound(
                    f"今天没有「{scrub(query.strip())}」的预约（可凭预约码、身份证号或手机号签到）"
                )
            booked = [r for r in rows if self._state(r, local) == "booked"]
            if not booked:
                state = self._view(rows[0], "", "", local).state_label
                raise NotAllowed(f"预约 {rows[0].code} 当前为「{state}」，不能再次签到")
            row = booked[0]
            start = dt.datetime.combine(row.day, dt.time.fromisoformat(row.slot_start), self.ctx.tz)
            when = arrival(start, now, self.rules)
            if when is Arrival.EARLY:
                opens = (start - dt.timedelta(minutes=self.rules.early_minutes)).strftime("%H:%M")
                raise NotAllowed(f"您预约的是 {row.slot_start}-{row.slot_end}，请于 {opens} 后签到")
            person = parse_id_number(row.id_number, local.date())
            green = (
                GreenReason.ELDERLY if person.age_on(local.date()) >= self.rules.green_age else None
            )
            subject = self._subject_code(s, row)
            item, bundle = (subject, None) if row.item_id else (None, subject)
            issued = self.tickets.issue_in(
                s,
                actor,
                item_code=item,
                bundle_code=bundle,
                category_code=None,
                green_reason=green,
                green_note="预约签到，按身份证年龄自动进入绿色通道" if green else "",
                appointment=when is Arrival.ON_TIME,
                now=now,
                day=local.date(),
            )
            row.state, row.checked_in_at, row.ticket_id = "checked_in", now, issued.ticket.id
            audit(
                s,
                self.ctx,
                actor,
                "appointment_checkin",
                "appointment",
                row.id,
                code=row.code,
                arrival=when.value,
            )
            announce_change(s)
            if when is Arrival.LATE:
                message = (
                    f"已超过预约时段开始 {self.rules.late_minutes} 分钟，按普通号办理："
                    f"{issued.ticket.number}"
                )
            elif green:
                message = (
                    f"已签到，{self.rules.green_age} 岁以上老人进入绿色通道：{issued.ticket.number}"
                )
            else:
                message = f"已签到，预约优先：{issued.ticket.number}"
            return CheckIn(self._view_of(s, row), when, issued, message)

    def day_list(self, day: dt.date) -> list[AppointmentView]:
        with self.ctx.db.read() as s:
            rows = s.scalars(
                select(m.Appointment)
                .where(m.Appointment.day == day)
                .order_by(m.Appointment.slot_start, m.Appointment.id)
            )
            return [self._view_of(s, r) for r in rows]
