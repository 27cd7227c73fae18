"""Bookings from today on: the searchable list of the appointments screen, and the booking
slip (预约单) of one booking. Read-only."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from hall_app.domain.booking_slip import BookingSlip, SlipMaterial, checkin_rule, material_lines
from hall_app.domain.errors import NotFound
from hall_app.domain.masking import mask_name
from hall_app.services.appointments import AppointmentService, AppointmentView
from hall_app.services.context import ServiceContext
from hall_app.services.settings import load_settings
from hall_app.store import models as m

LISTED_STATES = ("booked", "checked_in")
_DATE = re.compile(r"^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?$")


def _as_day(text: str, today: dt.date) -> dt.date | None:
    """2026-11-26, 11-26, 11/26, 11月26日 (this year, or the next one if already past)."""
    found = _DATE.match(text)
    if not found:
        return None
    year, month, day = found.groups()
    try:
        value = dt.date(int(year) if year else today.year, int(month), int(day))
    except ValueError:
        return None
    if not year and value < today:
        value = value.replace(year=value.year + 1)
    return value


class BookingDesk:
    def __init__(self, ctx: ServiceContext, appointments: AppointmentService) -> None:
        self.ctx = ctx
        self.appointments = appointments

    def upcoming(self, query: str = "", limit: int = 300) -> list[AppointmentView]:
        """Bookings from today on (booked or checked in), by day and slot. ``query`` finds
        them by booking code, masked name (张*, or the surname), the phone's last digits
        (4 or more) or a date (2026-11-26, 11-26, 11月26日)."""
        today = self.ctx.today()
        text = query.strip()
        stmt = (
            select(m.Appointment)
            .where(m.Appointment.day >= today, m.Appointment.state.in_(LISTED_STATES))
            .order_by(m.Appointment.day, m.Appointment.slot_start, m.Appointment.id)
        )
        day = _as_day(text, today) if text else None
        if day is not None:
            stmt = stmt.where(m.Appointment.day == day)
        elif text.isdigit() and len(text) >= 4:
            stmt = stmt.where(m.Appointment.phone.endswith(text))
        with self.ctx.db.read() as s:
            rows = list(s.scalars(stmt))
            if text and day is None and not text.isdigit():
                code, name = text.upper(), text.rstrip("*＊")
                rows = [
                    r
                    for r in rows
                    if r.code == code
                    or (bool(name) and mask_name(r.name).startswith(name))
                    or mask_name(r.name) == text
                ]
            return [self.appointments._view_of(s, r) for r in rows[:limit]]

    def slip(self, code: str) -> BookingSlip:
        """The booking slip of one booking (any state: a reprint shows what was booked)."""
        with self.ctx.db.read() as s:
            row = s.scalar(select(m.Appointment).where(m.Appointment.code == code.strip().upper()))
            if row is None:
                raise NotFound(f"没有预约码为 {code} 的预约")
            view = self.appointments._view_of(s, row)
            item_ids = (
                [row.item_id]
                if row.item_id
                else list(
                    s.scalars(
                        select(m.BundleItem.item_id)
                        .where(m.BundleItem.bundle_id == row.bundle_id)
                        .order_by(m.BundleItem.position)
                    )
                )
            )
            materials: list[SlipMaterial] = []
            for item_id in item_ids:
                materials.extend(
                    SlipMaterial(x.name, x.form, x.copies, x.requirement, x.source, x.situation)
                    for x in s.scalars(
                        select(m.Material)
                        .where(m.Material.item_id == item_id)
                        .order_by(m.Material.position)
                    )
                )
            settings = load_settings(s)
        start = dt.time.fromisoformat(row.slot_start)
        return BookingSlip(
            hall_name=settings.name,
            code=view.code,
            subject=view.subject,
            lane=view.lane,
            day=view.day,
            slot_start=start,
            slot_end=dt.time.fromisoformat(row.slot_end),
            materials=material_lines(materials),
            checkin_rule=checkin_rule(start, self.appointments.rules),
            name_masked=view.name,
            hall_phone=settings.phone,
            hall_address=settings.address,
        )
