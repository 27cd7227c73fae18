"""Appointments: slots and their load, booking, cancel and rebook, online import, check-in,
no-shows and bans. One transaction per action; slot capacity is held by a counter row
upserted with the booking, so concurrent bookings never exceed it."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import defaultdict
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from hall_app import paths
from hall_app.domain.appointments import (
    Arrival,
    Rules,
    Slot,
    SlotForecast,
    arrival,
    banned_until,
    booking_code,
    capacity,
    day_slots,
    forecast,
    missed,
    quietest,
)
from hall_app.domain.booking_import import NAME_MAX, parse_bookings, read_limited
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import mask_id, mask_name, mask_phone, normalize_phone, scrub
from hall_app.domain.roles import Permission
from hall_app.domain.text import clean_text, nfkc
from hall_app.domain.tickets import GreenReason
from hall_app.services.booking_sweep import missed_clause, sweep_no_shows
from hall_app.services.calendar import CalendarService
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.sequences import next_value
from hall_app.services.tickets import IssuedTicket, TicketService
from hall_app.store import models as m
from hall_app.store.changes import announce_change

HISTORY_WEEKS = 4


def load_rules(path: Path | None = None) -> Rules:
    path = path or paths.resources_dir() / "appointments.toml"
    if not path.exists():
        return Rules()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"预约规则文件 {path} 格式错误：{exc}") from None
    values: dict[str, object] = {}
    for f in fields(Rules):
        if f.name not in data:
            continue
        if f.name == "periods":
            values[f.name] = tuple(
                (dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for a, b in data["periods"]
            )
        else:
            values[f.name] = data[f.name]
    return Rules(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class AppointmentView:
    code: str
    name: str  # masked
    id_masked: str
    phone_masked: str
    subject: str
    lane: str
    day: dt.date
    slot: str  # 09:00-09:30
    state: str
    source: str

    @property
    def state_label(self) -> str:
        return {
            "booked": "已预约",
            "cancelled": "已取消",
            "checked_in": "已签到",
            "no_show": "爽约",
        }.get(self.state, self.state)


@dataclass(frozen=True)
class CheckIn:
    appointment: AppointmentView
    arrival: Arrival
    issued: IssuedTicket
    message: str


@dataclass(frozen=True)
class ImportReport:
    imported: int
    existing: int
    problems: tuple[str, ...]
    encoding: str

    def summary(self) -> str:
        text = f"导入 {self.imported} 条，已存在 {self.existing} 条"
        if self.problems:
            text += f"，有问题 {len(self.problems)} 条：\n" + "\n".join(self.problems[:20])
            if len(self.problems) > 20:  # a hostile file prints a screenful, not every row
                text += f"\n……其余 {len(self.problems) - 20} 条问题未列出"
        return text


class AppointmentService:
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

    # ------------------------------------------------------------ slots

    def _subject(self, s: Session, code: str) -> tuple[str, int | None, int | None, m.Category]:
        item = s.scalar(
            select(m.ServiceItem).where(m.ServiceItem.code == code, m.ServiceItem.active)
        )
        if item is not None:
            return item.name, item.id, None, s.get_one(m.Category, item.category_id)
        bundle = s.scalar(select(m.Bundle).where(m.Bundle.code == code, m.Bundle.active))
        if bundle is not None:
            return bundle.name, None, bundle.id, s.get_one(m.Category, bundle.category_id)
        raise NotFound(f"事项或一件事「{code}」不存在")

    def _capacity(
        self, s: Session, category: m.Category, day: dt.date
    ) -> tuple[int, dict[str, int]]:
        windows = (
            s.scalar(
                select(func.count())
                .select_from(m.WindowCategory)
                .join(m.Window, m.Window.id == m.WindowCategory.window_id)
                .where(m.WindowCategory.category_id == category.id, m.Window.active)
            )
            or 0
        )
        overrides = {
            slot: cap
            for slot, cap in s.execute(
                select(m.SlotCapacity.slot_start, m.SlotCapacity.capacity).where(
                    m.SlotCapacity.category_id == category.id, m.SlotCapacity.day == day
                )
            )
        }
        return int(windows), overrides

    def slots(self, code: str, day: dt.date) -> list[SlotForecast]:
        """The day's slots of the item's lane with capacity, bookings and expected load."""
        slots = day_slots(day, self.rules, self.calendar.calendar())
        if not slots:
            return []
        with self.ctx.db.read() as s:
            _name, _item, _bundle, category = self._subject(s, code)
            return self._forecasts(s, category, day, slots)

    def _forecasts(
        self, s: Session, category: m.Category, day: dt.date, slots: list[Slot]
    ) -> list[SlotForecast]:
        windows, overrides = self._capacity(s, category, day)
        served = capacity(
            windows,
            category.avg_service_minutes,
            Rules(share=1.0, slot_minutes=self.rules.slot_minutes),
        )
        bookable = capacity(windows, category.avg_service_minutes, self.rules)
        booked = {
            slot: n
            for slot, n in s.execute(
                select(m.SlotCounter.slot_start, m.SlotCounter.value).where(
                    m.SlotCounter.category_id == category.id, m.SlotCounter.day == day
                )
            )
        }
        history = self._history(s, category.id, day)
        return [
            forecast(
                slot,
                history.get(slot.start.strftime("%H:%M"), []),
                booked.get(slot.start.strftime("%H:%M"), 0),
                served,
                overrides.get(slot.start.strftime("%H:%M"), bookable),
            )
            for slot in slots
        ]

    def _history(self, s: Session, category_id: int, day: dt.date) -> dict[str, list[int]]:
        """Walk-in tickets per slot on the same weekday of the last weeks."""
        days = [day - dt.timedelta(weeks=w) for w in range(1, HISTORY_WEEKS + 1)]
        rows = s.execute(
            select(m.Ticket.service_date, m.Ticket.issued_at).where(
                m.Ticket.service_category_id == category_id, m.Ticket.service_date.in_(days)
            )
        ).all()
        step = self.rules.slot_minutes
        counts: dict[tuple[dt.date, str], int] = defaultdict(int)
        for service_date, issued in rows:
            local = self.ctx.local(issued)
            minute = (local.hour * 60 + local.minute) // step * step
            counts[(service_date, f"{minute // 60:02d}:{minute % 60:02d}")] += 1
        out: dict[str, list[int]] = defaultdict(list)
        for slot in {k[1] for k in counts}:
            out[slot] = [counts.get((d, slot), 0) for d in days]
        return out

    def bookable_days(self) -> list[dt.date]:
        calendar = self.calendar.calendar()
        days, day = [], self.ctx.today()
        while len(days) < self.rules.book_days_ahead:
            day += dt.timedelta(days=1)
            if calendar.is_workday(day):
                days.append(day)
        return days

    def suggestions(self, code: str, n: int = 3) -> list[SlotForecast]:
        """The quietest open slots of the coming bookable days (错峰建议), in one read."""
        calendar = self.calendar.calendar()
        out: list[SlotForecast] = []
        with self.ctx.db.read() as s:
            _name, _item, _bundle, category = self._subject(s, code)
            for day in self.bookable_days():
                out.extend(self._forecasts(s, category, day, day_slots(day, self.rules, calendar)))
        return quietest(out, n)

    def off_peak_hint(self, code: str | None) -> str:
        """The line a walk-in ticket prints for next time: ``11-27 周五 10:30-11:00``."""
        if not code:
            return ""
        quiet = self.suggestions(code, 1)
        if not quiet:
            return ""
        slot = quiet[0].slot
        return f"{slot.day:%m-%d} 周{'一二三四五六日'[slot.day.weekday()]} {slot.label}"

    def week(self, category_code: str) -> dict[dt.date, list[SlotForecast]]:
        """Expected load of the coming bookable days, for the supervisor."""
        with self.ctx.db.read() as s:
            category = s.scalar(select(m.Category).where(m.Category.code == category_code))
            if category is None:
                raise NotFound(f"业务类别「{category_code}」不存在")
            calendar = self.calendar.calendar()
            return {
                day: self._forecasts(s, category, day, day_slots(day, self.rules, calendar))
                for day in self.bookable_days()
            }

    @guarded(Permission.SET_CAPACITY)
    def set_capacity(
        self, actor: Actor, category_code: str, day: dt.date, slot: str, value: int
    ) -> None:
        if not 0 <= value <= 500:
            raise InvalidInput("容量应为 0–500")
        with self.ctx.db.write() as s:
            category = s.scalar(select(m.Category).where(m.Category.code == category_code))
            if category is None:
                raise NotFound(f"业务类别「{category_code}」不存在")
            row = s.get(m.SlotCapacity, (category.id, day, slot))
            if row is None:
                s.add(
                    m.SlotCapacity(
                        category_id=category.id, day=day, slot_start=slot, capacity=value
                    )
                )
            else:
                row.capacity = value
            audit(
                s,
                self.ctx,
                actor,
                "slot_capacity",
                "category",
                category.id,
                day=day,
                slot=slot,
                capacity=value,
            )

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
            row = self._booking(s, code)
            if row.state != "booked":
                raise NotAllowed(
                    f"预约 {row.code} 当前为「{self._view(row, '', '', self.ctx.local(self.ctx.now())).state_label}」，不能取消"
                )
            row.state = "cancelled"
            self._release(s, row)
            audit(s, self.ctx, actor, "appointment_cancel", "appointment", row.id, code=row.code)
            return self._view_of(s, row)

    @guarded(Permission.MANAGE_APPOINTMENTS)
    def rebook(self, actor: Actor, code: str, day: dt.date, slot: str) -> AppointmentView:
        """Cancel and book again in one transaction: the old slot is kept if the new fails."""
        with self.ctx.db.write() as s:
            row = self._booking(s, code)
            if row.state != "booked":
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

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _release(s: Session, row: m.Appointment) -> None:
        """Give the booking's place in its slot back."""
        s.execute(
            update(m.SlotCounter)
            .where(
                m.SlotCounter.category_id == row.category_id,
                m.SlotCounter.day == row.day,
                m.SlotCounter.slot_start == row.slot_start,
            )
            .values(value=m.SlotCounter.value - 1)
        )

    @staticmethod
    def _booking(s: Session, code: str) -> m.Appointment:
        row = s.scalar(
            select(m.Appointment)
            .where(m.Appointment.code == code.strip().upper())
            .with_for_update()
        )
        if row is None:
            raise NotFound(f"没有预约码为 {code} 的预约")
        return row

    @staticmethod
    def _subject_code(s: Session, row: m.Appointment) -> str:
        if row.item_id:
            return s.get_one(m.ServiceItem, row.item_id).code
        return s.get_one(m.Bundle, row.bundle_id).code

    def _view_of(self, s: Session, row: m.Appointment) -> AppointmentView:
        subject = (
            s.get_one(m.ServiceItem, row.item_id).name
            if row.item_id
            else s.get_one(m.Bundle, row.bundle_id).name
        )
        now = self.ctx.local(self.ctx.now())
        return self._view(row, subject, s.get_one(m.Category, row.category_id).name, now)

    @staticmethod
    def _state(row: m.Appointment, now: dt.datetime) -> str:
        """The booking's state at ``now`` (hall-local): a booking whose slot has ended is a
        no-show at once, whether or not the sweep has recorded it yet."""
        if row.state == "booked" and missed(row.day, row.slot_end, now):
            return "no_show"
        return row.state

    @classmethod
    def _view(
        cls, row: m.Appointment, subject: str, lane: str, now: dt.datetime
    ) -> AppointmentView:
        return AppointmentView(
            row.code,
            mask_name(row.name),
            mask_id(row.id_number),
            mask_phone(row.phone),
            subject,
            lane,
            row.day,
            f"{row.slot_start}-{row.slot_end}",
            cls._state(row, now),
            row.source,
        )
