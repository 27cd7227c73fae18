"""Appointments: slots and their load, booking, cancel and rebook, online import, check-in,
no-shows and bans. One transaction per action; slot capacity is held by a counter row
upserted with the booking, so concurrent bookings never exceed it.

The service is put together from ``appointment_slots`` (slots and load) and
``appointment_arrival`` (check-in, lists and the no-show sweep) on ``appointment_base``
(views, rules file, helpers); everything is importable from here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from hall_app.domain.appointments import (
    Rules,
    banned_until,
    booking_code,
    capacity,
    day_slots,
)
from hall_app.domain.booking_import import NAME_MAX, parse_bookings, read_limited
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import mask_id, normalize_phone
from hall_app.domain.roles import Permission
from hall_app.domain.text import clean_text
from hall_app.services.appointment_arrival import ArrivalMixin
from hall_app.services.appointment_base import (  # noqa: F401  (re-exported)
    HISTORY_WEEKS,
    AppointmentView,
    CheckIn,
    ImportReport,
    load_rules,
)
from hall_app.services.appointment_slots import SlotsMixin
from hall_app.services.booking_sweep import missed_clause
from hall_app.services.calendar import CalendarService
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.sequences import next_value
from hall_app.services.tickets import TicketService
from hall_app.store import models as m


class AppointmentService(SlotsMixin, ArrivalMixin):
    def __init__(
        self,
        ctx: ServiceContext,
        calendar: CalendarService,
        tickets: TicketService,
        rules: Rules | None = None,
    ) -> None:
        self.ctx = ctx
        self.calendar = calendar
        self.tickets = tickets
        self.rules = rules or load_rules()

    # ------------------------------------------------------------ booking

    @guarded(Permission.MANAGE_APPOINTMENTS)
    def book(
        self,
        actor: Actor,
        *,
        name: str,
        id_number: str,
        phone: str,
        code: str,
        day: dt.date,
        slot: str,
        source: str = "counter",
        booking: str | None = None,
    ) -> AppointmentView:
        today = self.ctx.today()
        person = parse_id_number(id_number, today)
        mobile = normalize_phone(phone)
        if len(mobile) != 11:
            raise InvalidInput("预约须填写手机号码（11位），以便发送提醒")
        name = clean_text(name, "预约人姓名", NAME_MAX)
        if not name:
            raise InvalidInput("请填写预约人姓名")
        with self.ctx.db.write() as s:
            view = self._book_in(
                s, actor, name, person.number, mobile, code, day, slot, source, booking
            )
        return view

    def _book_in(
        self,
        s: Session,
        actor: Actor,
        name: str,
        id_number: str,
        phone: str,
        code: str,
        day: dt.date,
        slot: str,
        source: str,
        booking: str | None,
    ) -> AppointmentView:
        today = self.ctx.today()
        slots = {
            x.start.strftime("%H:%M"): x
            for x in day_slots(day, self.rules, self.calendar.calendar())
        }
        if day <= today and source == "counter":
            raise InvalidInput("预约须至少提前一天；今天来办理请直接取号")
        if day < today:
            raise InvalidInput(f"预约日期 {day} 已过")
        if (
            day == today
            and slot in slots
            and slots[slot].end.strftime("%H:%M")
            <= self.ctx.local(self.ctx.now()).strftime("%H:%M")
        ):
            raise InvalidInput(f"今天 {slots[slot].label} 时段已结束，不能再预约")
        if not slots:
            raise InvalidInput(f"{day} 是法定节假日或休息日，不办理预约")
        if slot not in slots:
            raise InvalidInput(f"{day} 没有 {slot} 开始的预约时段")
        if source == "counter" and day not in self.bookable_days():
            raise InvalidInput(f"只能预约今后 {self.rules.book_days_ahead} 个工作日")
        subject, item_id, bundle_id, category = self._subject(s, code)
        self._check_ban(s, id_number, today)
        if s.scalar(
            select(m.Appointment.code).where(
                m.Appointment.id_number == id_number,
                m.Appointment.day == day,
                m.Appointment.state.in_(["booked", "checked_in"]),
            )
        ):
            raise NotAllowed(f"该市民 {day} 已有预约，每人每天只能预约一次")
        windows, overrides = self._capacity(s, category, day)
        limit = overrides.get(slot, capacity(windows, category.avg_service_minutes, self.rules))
        taken = next_value(
            s, self.ctx.db.dialect, m.SlotCounter, category_id=category.id, day=day, slot_start=slot
        )
        if taken > limit:
            raise NotAllowed(f"{day} {slots[slot].label} 已约满（容量 {limit}），请选择其他时段")
        code_text = booking or self._new_code(s)
        row = m.Appointment(
            code=code_text,
            name=name,
            id_number=id_number,
            phone=phone,
            item_id=item_id,
            bundle_id=bundle_id,
            category_id=category.id,
            day=day,
            slot_start=slot,
            slot_end=slots[slot].end.strftime("%H:%M"),
            state="booked",
            source=source,
            created_at=self.ctx.now(),
            created_by=actor.staff_id,
        )
        s.add(row)
        s.flush()
        audit(
            s,
            self.ctx,
            actor,
            "appointment_book",
            "appointment",
            row.id,
            code=code_text,
            day=day,
            slot=slot,
            source=source,
        )
        return self._view(row, subject, category.name, self.ctx.local(self.ctx.now()))

    def _new_code(self, s: Session) -> str:
        for _ in range(20):
            code = booking_code()
            if s.scalar(select(m.Appointment.id).where(m.Appointment.code == code)) is None:
                return code
        raise NotAllowed("无法生成预约码，请重试")  # pragma: no cover - 32^6 codes

    def _check_ban(self, s: Session, id_number: str, today: dt.date) -> None:
        now = self.ctx.local(self.ctx.now())
        no_shows = s.scalars(  # recorded by the sweep, or missed since its last run
            select(m.Appointment.day).where(
                m.Appointment.id_number == id_number,
                or_(m.Appointment.state == "no_show", missed_clause(now)),
            )
        )
        lifted = s.scalar(
            select(func.max(m.BanLift.lifted_on)).where(m.BanLift.id_number == id_number)
        )
        until = banned_until(no_shows, today, self.rules, lifted)
        if until is not None:
            raise NotAllowed(
                f"该市民 {self.rules.no_show_days} 天内爽约已达 {self.rules.no_show_limit} 次，"
                f"{until} 前不能预约（可现场取号办理；如有特殊情况请值班长解除）"
            )

    @guarded(Permission.MANAGE_APPOINTMENTS)
    def cancel(self, actor: Actor, code: str) -> AppointmentView:
        with self.ctx.db.write() as s:
            row, now = self._booking(s, code), self.ctx.local(self.ctx.now())
            if self._state(row, now) != "booked":  # a missed slot is a no-show already
                state = self._view(row, "", "", now).state_label
                raise NotAllowed(f"预约 {row.code} 当前为「{state}」，不能取消")
            row.state = "cancelled"
            self._release(s, row)
            audit(s, self.ctx, actor, "appointment_cancel", "appointment", row.id, code=row.code)
            return self._view_of(s, row)

    @guarded(Permission.MANAGE_APPOINTMENTS)
    def rebook(self, actor: Actor, code: str, day: dt.date, slot: str) -> AppointmentView:
        """Cancel and book again in one transaction: the old slot is kept if the new fails."""
        with self.ctx.db.write() as s:
            row = self._booking(s, code)
            if self._state(row, self.ctx.local(self.ctx.now())) != "booked":
                raise NotAllowed(f"预约 {row.code} 不能改约")
            row.state = "cancelled"
            self._release(s, row)
            s.flush()
            subject_code = self._subject_code(s, row)
            view = self._book_in(
                s,
                actor,
                row.name,
                row.id_number,
                row.phone,
                subject_code,
                day,
                slot,
                "counter",
                None,
            )
            audit(
                s,
                self.ctx,
                actor,
                "appointment_rebook",
                "appointment",
                row.id,
                code=row.code,
                new=view.code,
            )
            return view

    @guarded(Permission.LIFT_BAN)
    def lift_ban(self, actor: Actor, id_number: str, reason: str) -> None:
        if not reason.strip():
            raise InvalidInput("请写明解除限制的原因")
        person = parse_id_number(id_number, self.ctx.today())
        with self.ctx.db.write() as s:
            s.add(
                m.BanLift(
                    id_number=person.number,
                    lifted_on=self.ctx.today(),
                    lifted_by=actor.staff_id,
                    reason=reason.strip(),
                )
            )
            audit(
                s,
                self.ctx,
                actor,
                "ban_lift",
                "appointment",
                None,
                id=mask_id(person.number),
                reason=reason.strip(),
            )

    # ------------------------------------------------------------ import

    @guarded(Permission.IMPORT_BOOKINGS)
    def import_file(self, actor: Actor, path: Path) -> ImportReport:
        """Bookings made online: good rows imported, bad rows listed; safe to run twice."""
        try:
            data = read_limited(path)
        except OSError as exc:
            raise InvalidInput(f"无法读取文件 {path}：{exc.strerror or exc}") from None
        parsed = parse_bookings(data, path.name, self.ctx.today())
        problems = [str(p) for p in parsed.problems]
        imported = existing = 0
        for row in parsed.rows:
            try:
                with self.ctx.db.write() as s:
                    old = s.scalar(select(m.Appointment).where(m.Appointment.code == row.code))
                    if old is not None:
                        if (
                            old.id_number == row.id_number
                            and old.day == row.day
                            and old.slot_start == row.slot.strftime("%H:%M")
                        ):
                            existing += 1
                            continue
                        raise InvalidInput(f"预约码 {row.code} 已被另一条预约使用")
                    self._book_in(
                        s,
                        actor,
                        row.name,
                        row.id_number,
                        row.phone,
                        row.item_code,
                        row.day,
                        row.slot.strftime("%H:%M"),
                        "online",
                        row.code,
                    )
                    imported += 1
            except (InvalidInput, NotAllowed, NotFound) as error:
                problems.append(f"第 {row.row} 行：{error.message}")
        return ImportReport(imported, existing, tuple(problems), parsed.encoding)
