"""Overflow remedies (issue 19 §5): what a supervisor applies when the tidal console warns
that a lane will overflow, and what they change when reception issues a ticket.

- ``booking_first``: from its cut-off, a walk-in for the lane is first offered a booking for
  the next quiet slot; the walk-in ticket is still issued to anyone who wants one (walk-ins
  are never refused), marked with its expected wait.
- ``bundle_to_general``: a ticket for an item of a 一件事 bundle (or for the bundle) in the
  lane waits in 综合受理 instead.
- ``call_staff``: recorded only (the console's advice to call back-office staff).

Green-channel tickets and appointments are never diverted or offered a booking.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hall_app.domain.appointments import Load, SlotForecast, quietest
from hall_app.domain.errors import InvalidInput
from hall_app.domain.i18n import QT_TRANSLATE_NOOP

GENERAL_LANE = "A"  # 综合受理: any item, front-office general acceptance


class RemedyKind(enum.StrEnum):
    BOOKING_FIRST = "booking_first"
    BUNDLE_TO_GENERAL = "bundle_to_general"
    CALL_STAFF = "call_staff"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    RemedyKind.BOOKING_FIRST: QT_TRANSLATE_NOOP("labels", "先引导预约"),
    RemedyKind.BUNDLE_TO_GENERAL: QT_TRANSLATE_NOOP("labels", "一件事分流至综合受理"),
    RemedyKind.CALL_STAFF: QT_TRANSLATE_NOOP("labels", "调派后台人员"),
}

#: the figures the console sends with a remedy (all optional; others are kept as given):
#: expected wait (min), the hall's limit (min), when the wait passes it (ISO time), the lane's
#: expected p95 with and without the remedy (min), and how far past closing (min)
FIGURE_NUMBERS = (
    "expected_wait_minutes",
    "limit_minutes",
    "p95_without",
    "p95_with",
    "p95_without_low",
    "p95_without_high",
    "p95_with_low",
    "p95_with_high",
    "past_closing_minutes",
    "seeds",
)
FIGURE_TEXTS = ("passes_at", "basis")
OFFER_OUTCOMES = ("booked", "insisted", "dismissed")


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_figures(figures: object) -> dict[str, object]:
    """The figures as stored (a JSON object): the known numbers must be finite numbers, the
    known times text; any other entry text, a number, a list of numbers or null."""
    if not isinstance(figures, Mapping) or not figures:
        raise InvalidInput("请附上支持该措施的测算数据（预计等待、上限、何时超出等）")
    out: dict[str, object] = {}
    for key, value in figures.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidInput("测算数据的名称应为文字")
        if key in FIGURE_NUMBERS:
            ok = _number(value)
        elif key in FIGURE_TEXTS:
            ok = isinstance(value, str)
        elif isinstance(value, list):
            ok = all(_number(v) for v in value)
        else:
            ok = value is None or isinstance(value, str) or _number(value)
        if not ok:
            raise InvalidInput(f"测算数据「{key}」格式不正确")
        out[key] = value
    return out


@dataclass(frozen=True)
class RemedyFacts:
    """What the rule needs of a stored remedy."""

    id: int
    lane: str
    kind: RemedyKind
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    lifted_at: dt.datetime | None = None


def in_force(remedy: RemedyFacts, at: dt.datetime) -> bool:
    """From its cut-off (inclusive) until it ends or is lifted (exclusive)."""
    if at < remedy.starts_at:
        return False
    if remedy.ends_at is not None and at >= remedy.ends_at:
        return False
    return remedy.lifted_at is None or at < remedy.lifted_at


def check_window(starts_at: dt.datetime, ends_at: dt.datetime | None) -> None:
    if ends_at is not None and ends_at <= starts_at:
        raise InvalidInput("措施的结束时间应晚于开始时间")


@dataclass(frozen=True)
class Routing:
    """Where a new ticket waits and what reception does first."""

    lane: str  # category code the ticket waits in
    diverted_from: str | None = None  # the item's own lane when bundle_to_general moved it
    diverted_by: int | None = None  # that remedy's id
    offer_by: int | None = None  # the booking_first remedy whose offer comes first

    @property
    def offer_booking(self) -> bool:
        return self.offer_by is not None


def route(
    remedies: Iterable[RemedyFacts],
    *,
    at: dt.datetime,
    lane: str,
    in_bundle: bool,
    green: bool,
    appointment: bool,
    general: str = GENERAL_LANE,
) -> Routing:
    """The lane of a new ticket whose item (or bundle) belongs to ``lane``, given the
    remedies: green-channel tickets and appointments go where they always go; a bundle's
    item leaves a lane under ``bundle_to_general`` for the general lane; a walk-in for a lane
    under ``booking_first`` (after the move, if any) is offered a booking first."""
    if green or appointment:
        return Routing(lane)
    active = [r for r in remedies if in_force(r, at)]
    routing = Routing(lane)
    if in_bundle and lane != general:
        moved = _first(active, lane, RemedyKind.BUNDLE_TO_GENERAL)
        if moved is not None:
            routing = Routing(general, diverted_from=lane, diverted_by=moved.id)
    offer = _first(active, routing.lane, RemedyKind.BOOKING_FIRST)
    if offer is not None:
        return Routing(routing.lane, routing.diverted_from, routing.diverted_by, offer.id)
    return routing


def _first(remedies: Sequence[RemedyFacts], lane: str, kind: RemedyKind) -> RemedyFacts | None:
    matching = [r for r in remedies if r.lane == lane and r.kind is kind]
    return min(matching, key=lambda r: (r.starts_at, r.id)) if matching else None


def next_quiet(forecasts: Sequence[SlotForecast]) -> SlotForecast | None:
    """The earliest slot with room whose expected load is quiet; when no slot is quiet, the
    quietest slot with room; None when every slot is full."""
    quiet = [f for f in forecasts if f.free > 0 and f.load is Load.QUIET]
    if quiet:
        return min(quiet, key=lambda f: (f.slot.day, f.slot.start))
    best = quietest(forecasts, 1)
    return best[0] if best else None


def slot_words(day: dt.date, start: dt.time) -> str:
    """``12月3日 09:00`` (no leading zero on month and day, as on a printed slip)."""
    return f"{day.month}月{day.day}日 {start:%H:%M}"


def insisted_note(day: dt.date, start: dt.time) -> str:
    """The line a walk-in ticket issued after a declined booking offer prints."""
    return f"当前排队较长，您也可预约 {slot_words(day, start)}"


def diverted_note(from_lane_name: str, to_lane_name: str) -> str:
    """The line of a ticket a bundle remedy moved to the general lane."""
    return f"一件事分流：由{from_lane_name}转至{to_lane_name}办理"


@dataclass(frozen=True)
class DeclinedOffer:
    """Reception offered a booking for ``day`` at ``start``; the walk-in wanted a ticket."""

    remedy_id: int
    day: dt.date
    start: dt.time
