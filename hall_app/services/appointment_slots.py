"""Appointment slots: which days and slots can be booked, their expected load from the
walk-ins of past weeks, off-peak suggestions and a slot's capacity (part of
``AppointmentService``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain.appointments import (
    Rules,
    Slot,
    SlotForecast,
    capacity,
    day_slots,
    forecast,
    quietest,
)
from hall_app.domain.errors import InvalidInput, NotFound
from hall_app.domain.overflow_remedy import next_quiet
from hall_app.domain.roles import Permission
from hall_app.services.appointment_base import HISTORY_WEEKS, AppointmentBase
from hall_app.services.context import Actor, audit
from hall_app.services.guard import guarded
from hall_app.store import models as m


class SlotsMixin(AppointmentBase):
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
        days: list[dt.date] = []
        day = self.ctx.today()
        while len(days) < self.rules.book_days_ahead:
            day += dt.timedelta(days=1)
            if calendar.is_workday(day):
                days.append(day)
        return days

    def suggestions(self, code: str, n: int = 3) -> list[SlotForecast]:
        """The quietest open slots of the coming bookable days (错峰建议), in one read."""
        return quietest(self._coming(code), n)

    def _coming(self, code: str) -> list[SlotForecast]:
        """Every slot of the coming bookable days of the item's lane, in one read."""
        calendar = self.calendar.calendar()
        out: list[SlotForecast] = []
        with self.ctx.db.read() as s:
            _name, _item, _bundle, category = self._subject(s, code)
            for day in self.bookable_days():
                out.extend(self._forecasts(s, category, day, day_slots(day, self.rules, calendar)))
        return out

    def next_quiet(self, code: str) -> SlotForecast | None:
        """The earliest quiet slot with room in the coming bookable days (the booking an
        overflow remedy offers a walk-in first; ``domain.overflow_remedy.next_quiet``)."""
        return next_quiet(self._coming(code))

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
