"""Arrivals of a day: a seeded Poisson generator from per-lane rates, the rates of a recorded
day (or several), and the day-profile CSV (``time,item_code,source,priority``).

The generator is the one that made the shipped profiles (``scripts/make_arrival_profiles.py``
regenerates them byte-identical through it): per lane, in the rates' lane order, per slot,
exponential gaps at the slot's rate; one ``random.Random(seed)`` draws the times, the green
and appointment marks and one legacy number per arrival (:data:`TIME_STREAM_DRAWS`), and one
``random.Random(seed + 1000)`` draws the item. The simulator uses it to draw the expected
arrivals of the next two hours, twenty seeds at a time, so it stays a tight loop.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hall_app.domain.errors import InvalidInput

#: How many items each lane had in the first demo catalog. The time stream draws one number
#: below this per arrival of that lane, as it always has, so the shipped days keep their
#: arrival times whatever the catalog's item lists become (the item comes from its own
#: stream). A lane not listed draws nothing extra.
TIME_STREAM_DRAWS: Mapping[str, int] = {
    "A": 3,
    "B": 7,
    "C": 12,
    "D": 6,
    "E": 6,
    "F": 6,
    "G": 4,
    "H": 7,
}
GREEN_SHARE = 0.03
APPOINTMENT_SHARE = 0.15
DAY_MINUTES = 24 * 60
PROFILE_HEADER = ("time", "item_code", "source", "priority")


@dataclass(frozen=True, slots=True)
class Arrival:
    """One person taking a ticket: ``at`` seconds after midnight (hall time), the item and
    its lane (the item's category code), booked or walk-in, green channel or not."""

    at: int
    item_code: str
    lane: str
    appointment: bool
    green: bool

    def row(self) -> tuple[str, str, str, str]:
        """The profile CSV row (``time,item_code,source,priority``)."""
        s = self.at
        return (
            f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}",
            self.item_code,
            "appointment" if self.appointment else "walk-in",
            "green" if self.green else "normal",
        )


def sort_key(arrival: Arrival) -> tuple[int, str, str]:
    """Arrivals are ordered by time, then lane, then item."""
    return arrival.at, arrival.lane, arrival.item_code


@dataclass(frozen=True, slots=True)
class Rates:
    """Arrivals per hour, per lane, for consecutive slots of ``slot_minutes`` from
    ``start_minute`` (minutes after midnight); zero outside the slots and for other lanes."""

    start_minute: int
    slot_minutes: int
    per_lane: Mapping[str, tuple[float, ...]]

    def __post_init__(self) -> None:
        if self.slot_minutes <= 0:
            raise ValueError("slot_minutes must be positive")
        if any(r < 0 for rates in self.per_lane.values() for r in rates):
            raise ValueError("rates cannot be negative")

    @property
    def slots(self) -> int:
        return max((len(r) for r in self.per_lane.values()), default=0)

    @property
    def end_minute(self) -> int:
        return self.start_minute + self.slots * self.slot_minutes

    def rate_at(self, lane: str, minute: float) -> float:
        """The lane's rate (per hour) at ``minute`` after midnight."""
        rates = self.per_lane.get(lane, ())
        index = int((minute - self.start_minute) // self.slot_minutes)
        return rates[index] if minute >= self.start_minute and index < len(rates) else 0.0

    def expected(self, lane: str, start: float, end: float) -> float:
        """The expected number of the lane's arrivals in [start, end) (minutes)."""
        total = 0.0
        for i, rate in enumerate(self.per_lane.get(lane, ())):
            a = self.start_minute + i * self.slot_minutes
            overlap = min(end, a + self.slot_minutes) - max(start, a)
            if overlap > 0:
                total += rate * overlap / 60
        return total

    def scaled(self, factor: float) -> Rates:
        return Rates(
            self.start_minute,
            self.slot_minutes,
            {lane: tuple(r * factor for r in rates) for lane, rates in self.per_lane.items()},
        )

    def between(self, start: float, end: float) -> Rates:
        """The slots that overlap [start, end) (minutes), for every lane."""
        first = max(0, int((start - self.start_minute) // self.slot_minutes))
        last = max(first, -int(-(end - self.start_minute) // self.slot_minutes))
        return Rates(
            self.start_minute + first * self.slot_minutes,
            self.slot_minutes,
            {lane: tuple(rates[first:last]) for lane, rates in self.per_lane.items()},
        )


def generate(
    rates: Rates,
    seed: int,
    items_by_lane: Mapping[str, Sequence[str]],
    *,
    start_minute: float | None = None,
    end_minute: float | None = None,
    green_share: float = GREEN_SHARE,
    appointment_share: float = APPOINTMENT_SHARE,
    time_stream_draws: Mapping[str, int] = TIME_STREAM_DRAWS,
) -> list[Arrival]:
    """Poisson arrivals at ``rates`` in [start_minute, end_minute) (default: all the slots),
    sorted by :func:`sort_key`. A lane with a positive rate needs items in ``items_by_lane``."""
    rng = random.Random(seed)
    pick = random.Random(seed + 1000)  # the items' own stream
    expo, uniform, choice = rng.expovariate, rng.random, pick.choice
    lo = float(rates.start_minute) if start_minute is None else float(start_minute)
    hi = float(rates.end_minute) if end_minute is None else float(end_minute)
    out: list[Arrival] = []
    add = out.append
    for lane, per_hour in rates.per_lane.items():
        draws = time_stream_draws.get(lane, 0)
        extra = rng.randrange if draws else None
        items: Sequence[str] = ()
        for i, rate in enumerate(per_hour):
            slot = rates.start_minute + i * rates.slot_minutes
            t = max(float(slot), lo)
            end = min(float(slot + rates.slot_minutes), hi)
            if rate <= 0 or t >= end:
                continue
            if not items:
                items = items_by_lane.get(lane, ())
                if not items:
                    raise ValueError(f"no items for lane {lane}")
            per_minute = rate / 60
            while True:
                t += expo(per_minute)
                if t >= end:
                    break
                green = uniform() < green_share
                appointment = uniform() < appointment_share
                if extra is not None:
                    extra(draws)  # keeps the time stream (see TIME_STREAM_DRAWS)
                add(Arrival(int(t * 60), choice(items), lane, appointment, green))
    out.sort(key=sort_key)
    return out


def rates_from_arrivals(
    arrivals: Iterable[Arrival],
    slot_minutes: int = 30,
    *,
    days: int = 1,
    lanes: Iterable[str] = (),
) -> Rates:
    """The per-lane hourly rates of recorded arrivals, slot by slot (slots aligned on
    midnight), averaged over ``days`` days; ``lanes`` adds lanes that had no arrival."""
    if days <= 0:
        raise ValueError("days must be positive")
    counts: dict[str, dict[int, int]] = {lane: {} for lane in lanes}
    for a in arrivals:
        slot = a.at // 60 // slot_minutes
        lane = counts.setdefault(a.lane, {})
        lane[slot] = lane.get(slot, 0) + 1
    used = [slot for lane in counts.values() for slot in lane]
    if not used:
        return Rates(0, slot_minutes, {lane: () for lane in sorted(counts)})
    first, last = min(used), max(used)
    per_hour = 60 / slot_minutes / days
    return Rates(
        first * slot_minutes,
        slot_minutes,
        {
            lane: tuple(counts[lane].get(s, 0) * per_hour for s in range(first, last + 1))
            for lane in sorted(counts)
        },
    )


def parse_profile(text: str, lane_of: Mapping[str, str], *, strict: bool = True) -> list[Arrival]:
    """A day profile (CSV ``time,item_code,source,priority``) as arrivals, the lane from
    ``lane_of`` (item code → category code). An unknown item is an error when ``strict``,
    otherwise left out."""
    rows: list[Arrival] = []
    problems: list[str] = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            at = dt.time.fromisoformat(row["time"].strip())
            code = row["item_code"].strip()
            source = row["source"].strip()
            priority = row["priority"].strip()
        except (KeyError, ValueError, AttributeError):
            problems.append(f"第 {number} 行格式不正确（应为 time,item_code,source,priority）")
            continue
        lane = lane_of.get(code)
        if lane is None:
            if strict:
                problems.append(f"第 {number} 行的事项编码「{code}」不在事项目录中")
            continue
        seconds = at.hour * 3600 + at.minute * 60 + at.second
        rows.append(Arrival(seconds, code, lane, source == "appointment", priority == "green"))
    if problems:
        raise InvalidInput("到达文件有误：\n" + "\n".join(problems[:20]))
    if not rows:
        raise InvalidInput("到达文件中没有记录")
    rows.sort(key=sort_key)
    return rows


def read_profile(path: Path, lane_of: Mapping[str, str], *, strict: bool = True) -> list[Arrival]:
    """:func:`parse_profile` of a UTF-8 file (a BOM is allowed)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"无法读取到达文件 {path}：{exc}") from None
    return parse_profile(text, lane_of, strict=strict)
