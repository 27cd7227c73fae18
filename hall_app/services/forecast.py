"""The arrivals expected in the next hours, for the forward check of a recommendation.

From the hall's own history: the tickets of the earlier same weekdays (the last
:data:`LOOKBACK_WEEKS` weeks), per lane (the item's category) and half hour, averaged over
those days. With fewer than :data:`MIN_WEEKS` such days, the shipped day profile instead
(``monday_peak.csv`` on a Monday, ``midweek_quiet.csv`` otherwise), and the note says so.
Either is scaled by this morning's rate so far: today's arrivals up to now over the
baseline's mean arrivals up to the same time of day, clamped to [:data:`MIN_SCALE`,
:data:`MAX_SCALE`], and 1 until half an hour after the baseline's opening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from hall_app import paths
from hall_app.domain.arrivals import (
    APPOINTMENT_SHARE,
    DAY_MINUTES,
    GREEN_SHARE,
    Arrival,
    Rates,
    generate,
    rates_from_arrivals,
    read_profile,
)
from hall_app.domain.tickets import Priority
from hall_app.store import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from hall_app.services.context import ServiceContext

SLOT_MINUTES = 30
MIN_WEEKS = 4  # same-weekday days of history needed before the history is trusted
LOOKBACK_WEEKS = 8  # how far back the history goes
MIN_SCALE, MAX_SCALE = 0.25, 4.0
SCALE_AFTER_MINUTES = 30  # this morning's rate counts from half an hour after opening
MONDAY_PROFILE, OTHER_PROFILE = "monday_peak.csv", "midweek_quiet.csv"


@dataclass(frozen=True)
class Forecast:
    """Expected arrivals per lane and slot over [start_minute, end_minute) (hall time,
    minutes after midnight), already scaled; :meth:`draw` makes one seeded sample."""

    rates: Rates
    start_minute: float
    end_minute: float
    scale: float
    weeks: int  # earlier same-weekday days with tickets in the last LOOKBACK_WEEKS weeks
    source: str  # "history" | "profile"
    note: str  # for the console, Chinese
    green_share: float
    appointment_share: float
    items_by_lane: Mapping[str, tuple[str, ...]]

    def draw(self, seed: int) -> list[Arrival]:
        return generate(
            self.rates,
            seed,
            self.items_by_lane,
            start_minute=self.start_minute,
            end_minute=self.end_minute,
            green_share=self.green_share,
            appointment_share=self.appointment_share,
        )

    def expected_count(self, lane: str) -> float:
        return self.rates.expected(lane, self.start_minute, self.end_minute)


def _seconds(local: dt.datetime) -> int:
    return local.hour * 3600 + local.minute * 60 + local.second


def clamp_scale(today: int, baseline: float) -> float:
    """Today's arrivals so far over the baseline's, within [MIN_SCALE, MAX_SCALE]."""
    if baseline <= 0:
        return 1.0
    return min(MAX_SCALE, max(MIN_SCALE, today / baseline))


class ArrivalForecast:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def expected(self, now: dt.datetime, hours: float = 2.0) -> Forecast:
        local = self.ctx.local(now)
        day, at = local.date(), _seconds(local)
        start = at / 60
        end = min(start + hours * 60, float(DAY_MINUTES))
        with self.ctx.db.read() as s:
            code_of = {cid: code for cid, code in s.execute(select(m.Category.id, m.Category.code))}
            items_by_lane = self._items(s)
            dates = self._same_weekdays(s, day)
            today = [
                self._arrival(code_of, row) for row in self._tickets(s, [day]) if row[1] <= now
            ]
            history = (
                [self._arrival(code_of, row) for row in self._tickets(s, dates)]
                if len(dates) >= MIN_WEEKS
                else []
            )
            lane_of = {code: lane for lane, codes in items_by_lane.items() for code in codes}
        weeks = len(dates)
        if weeks >= MIN_WEEKS:
            source, base, days = "history", history, weeks
            green, booked = _shares(history)
        else:
            name = MONDAY_PROFILE if day.weekday() == 0 else OTHER_PROFILE
            base = read_profile(paths.resources_dir() / "arrivals" / name, lane_of, strict=False)
            source, days, green, booked = "profile", 1, GREEN_SHARE, APPOINTMENT_SHARE
        rates = rates_from_arrivals(base, SLOT_MINUTES, days=days, lanes=items_by_lane)
        opened = start >= rates.start_minute + SCALE_AFTER_MINUTES
        so_far = sum(1 for a in base if a.at < at) / days
        scale = clamp_scale(len(today), so_far) if opened else 1.0
        window = Rates(
            rates.start_minute,
            rates.slot_minutes,
            {lane: r for lane, r in rates.per_lane.items() if lane in items_by_lane},
        )
        return Forecast(
            window.scaled(scale).between(start, end),
            start,
            end,
            scale,
            weeks,
            source,
            _note(source, weeks, scale, opened),
            green,
            booked,
            items_by_lane,
        )

    # ------------------------------------------------------------------ reads

    @staticmethod
    def _items(s: Session) -> dict[str, tuple[str, ...]]:
        """The active items of each active lane that is not the green channel, in catalog
        order (the generator draws from them)."""
        items: dict[str, list[str]] = {}
        for code, lane in s.execute(
            select(m.ServiceItem.code, m.Category.code)
            .join(m.Category, m.Category.id == m.ServiceItem.category_id)
            .where(m.ServiceItem.active, m.Category.active, m.Category.green_channel.is_(False))
            .order_by(m.Category.code, m.ServiceItem.id)
        ):
            items.setdefault(lane, []).append(code)
        return {lane: tuple(codes) for lane, codes in items.items()}

    @staticmethod
    def _same_weekdays(s: Session, day: dt.date) -> list[dt.date]:
        """The earlier days of the same weekday, in the last LOOKBACK_WEEKS weeks, that have
        tickets."""
        since = day - dt.timedelta(weeks=LOOKBACK_WEEKS)
        found = s.scalars(
            select(m.Ticket.service_date)
            .where(m.Ticket.service_date >= since, m.Ticket.service_date < day)
            .distinct()
        )
        return sorted(d for d in found if d.weekday() == day.weekday())

    @staticmethod
    def _tickets(s: Session, dates: list[dt.date]) -> list[tuple[int, dt.datetime, int]]:
        """(the item's category, issue time, priority) of the days' tickets."""
        if not dates:
            return []
        rows = s.execute(
            select(m.Ticket.service_category_id, m.Ticket.issued_at, m.Ticket.priority).where(
                m.Ticket.service_date.in_(dates)
            )
        )
        return [(cid, issued, priority) for cid, issued, priority in rows]

    def _arrival(self, code_of: Mapping[int, str], row: tuple[int, dt.datetime, int]) -> Arrival:
        cid, issued, priority = row
        return Arrival(
            _seconds(self.ctx.local(issued)),
            "",
            code_of.get(cid, "?"),
            priority == int(Priority.APPOINTMENT),
            priority == int(Priority.GREEN),
        )


def _shares(arrivals: list[Arrival]) -> tuple[float, float]:
    """The green share of all arrivals, and the appointment share of the others (a booked
    green ticket is issued as green, so the bookings show only among the others; the
    generator draws the two marks independently)."""
    if not arrivals:
        return GREEN_SHARE, APPOINTMENT_SHARE
    green = sum(a.green for a in arrivals)
    booked = sum(a.appointment for a in arrivals)
    rest = len(arrivals) - green
    return green / len(arrivals), (booked / rest if rest else APPOINTMENT_SHARE)


def _note(source: str, weeks: int, scale: float, opened: bool) -> str:
    if source == "history":
        head = f"按本厅近 {weeks} 个同星期日的到达量估计"
    else:
        head = f"本厅同星期历史数据不足四周（{weeks} 周），按内置到达曲线估计"
    if not opened:
        return head + "（开厅未满半小时，暂不按今晨到达量调整）"
    return head + f"，并按今晨到达量 ×{scale:.2f} 调整"
