"""Appointments (预约分流): the day's slots, their capacity, the check-in window, the
no-show rule, booking codes and the load forecast. Rules only; the numbers are local
defaults the hall can change (resources/appointments.toml)."""

from __future__ import annotations

import datetime as dt
import enum
import math
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.workdays import WorkCalendar

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


@dataclass(frozen=True)
class Rules:
    periods: tuple[tuple[dt.time, dt.time], ...] = (
        (dt.time(8, 30), dt.time(12, 0)),
        (dt.time(13, 30), dt.time(17, 30)),
    )
    slot_minutes: int = 30
    share: float = 0.5  # the part of a lane's capacity offered for booking
    early_minutes: int = 30  # check-in from this long before the slot start …
    late_minutes: int = 15  # … to this long after it
    no_show_limit: int = 3  # this many no-shows …
    no_show_days: int = 90  # … within this many days …
    ban_days: int = 30  # … bar booking for this many days
    green_age: int = 70  # the green channel is offered from this age (ID birth date)
    book_days_ahead: int = 5  # working days that can be booked
    fair_streak: int = 2  # after this many priority tickets in a row at a window …
    fair_wait_minutes: int = 20  # … a walk-in waiting this long is called next


@dataclass(frozen=True)
class Slot:
    day: dt.date
    start: dt.time
    end: dt.time

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def day_slots(day: dt.date, rules: Rules, calendar: WorkCalendar) -> list[Slot]:
    """The bookable slots of a day; none on a public holiday, all on a make-up workday."""
    if not calendar.is_workday(day):
        return []
    slots = []
    step = dt.timedelta(minutes=rules.slot_minutes)
    for begin, end in rules.periods:
        at = dt.datetime.combine(day, begin)
        while at + step <= dt.datetime.combine(day, end):
            slots.append(Slot(day, at.time(), (at + step).time()))
            at += step
    return slots


def capacity(windows: int, avg_service_minutes: int, rules: Rules) -> int:
    """Bookings a slot takes: what the lane's windows serve in it, times the booking share."""
    if windows <= 0:
        return 0
    served = windows * rules.slot_minutes / max(1, avg_service_minutes)
    return max(1, math.floor(served * rules.share))


class Arrival(enum.StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


def arrival(slot_start: dt.datetime, now: dt.datetime, rules: Rules) -> Arrival:
    if now < slot_start - dt.timedelta(minutes=rules.early_minutes):
        return Arrival.EARLY
    if now > slot_start + dt.timedelta(minutes=rules.late_minutes):
        return Arrival.LATE
    return Arrival.ON_TIME


#: the no-show sweep runs at most once per hall in each slot of this many minutes
SWEEP_MINUTES = 15


def missed(day: dt.date, slot_end: str, now: dt.datetime) -> bool:
    """A booking not checked in is missed (爽约) once its slot has ended (``now`` is the hall's
    local time; ``slot_end`` is "HH:MM"). Lists and check-ins apply this at once; the sweep
    records it."""
    today = now.date()
    return day < today or (day == today and slot_end < now.strftime("%H:%M"))


def sweep_slot(now: dt.datetime) -> str:
    """The sweep slot ``now`` (hall-local) falls in: "2026-12-02T09:15"."""
    minute = now.minute - now.minute % SWEEP_MINUTES
    return f"{now:%Y-%m-%d}T{now.hour:02d}:{minute:02d}"


def banned_until(
    no_shows: Iterable[dt.date], today: dt.date, rules: Rules, lifted_on: dt.date | None = None
) -> dt.date | None:
    """The last day the citizen may not book, or None. ``lifted_on`` is when a supervisor
    lifted an earlier ban: no-shows before it no longer count."""
    recent = sorted(
        d
        for d in no_shows
        if (today - d).days < rules.no_show_days and (lifted_on is None or d > lifted_on)
    )
    if len(recent) < rules.no_show_limit:
        return None
    until = recent[-1] + dt.timedelta(days=rules.ban_days)
    return until if until >= today else None


def booking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Load(enum.StrEnum):
    QUIET = "quiet"
    NORMAL = "normal"
    BUSY = "busy"

    @property
    def label(self) -> str:
        return {
            "quiet": QT_TRANSLATE_NOOP("labels", "空闲"),
            "normal": QT_TRANSLATE_NOOP("labels", "一般"),
            "busy": QT_TRANSLATE_NOOP("labels", "繁忙"),
        }[self.value]


@dataclass(frozen=True)
class SlotForecast:
    slot: Slot
    expected: float  # people expected in the slot (history + bookings)
    capacity: int  # what the lane's windows serve in the slot
    booked: int
    bookable: int  # capacity offered for booking

    @property
    def load(self) -> Load:
        ratio = self.expected / self.capacity if self.capacity else 1.0
        return Load.BUSY if ratio >= 0.8 else Load.QUIET if ratio < 0.4 else Load.NORMAL

    @property
    def free(self) -> int:
        return max(0, self.bookable - self.booked)


def forecast(
    slot: Slot, history: Sequence[int], booked: int, served_capacity: int, bookable: int
) -> SlotForecast:
    """Expected people: the mean of the same weekday's walk-ins in recent weeks, plus the
    bookings already made."""
    walk_ins = sum(history) / len(history) if history else 0.0
    return SlotForecast(slot, walk_ins + booked, served_capacity, booked, bookable)


def quietest(forecasts: Sequence[SlotForecast], n: int = 3) -> list[SlotForecast]:
    open_slots = [f for f in forecasts if f.free > 0]
    return sorted(
        open_slots, key=lambda f: (f.expected / max(1, f.capacity), f.slot.day, f.slot.start)
    )[:n]
