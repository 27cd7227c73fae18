"""The overflow remedies' pure rule (domain/overflow_remedy.py): when a remedy is in force,
which lane a new ticket waits in, whether reception offers a booking first, which slot."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain.appointments import Slot, SlotForecast
from hall_app.domain.errors import InvalidInput
from hall_app.domain.overflow_remedy import (
    RemedyFacts,
    RemedyKind,
    Routing,
    check_figures,
    diverted_note,
    in_force,
    insisted_note,
    next_quiet,
    route,
)

T = dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
FIRST = RemedyFacts(1, "B", RemedyKind.BOOKING_FIRST, T)
BUNDLE = RemedyFacts(2, "B", RemedyKind.BUNDLE_TO_GENERAL, T)


def test_in_force_from_the_cut_off_until_the_end_or_the_lift() -> None:
    assert not in_force(FIRST, T - MINUTE)
    assert in_force(FIRST, T)
    ends = RemedyFacts(1, "B", RemedyKind.BOOKING_FIRST, T, ends_at=T + 60 * MINUTE)
    assert in_force(ends, T + 59 * MINUTE) and not in_force(ends, T + 60 * MINUTE)
    lifted = RemedyFacts(1, "B", RemedyKind.BOOKING_FIRST, T, lifted_at=T + 5 * MINUTE)
    assert in_force(lifted, T + 4 * MINUTE) and not in_force(lifted, T + 5 * MINUTE)


def _route(
    remedies: list[RemedyFacts],
    *,
    at: dt.datetime = T,
    lane: str = "B",
    in_bundle: bool = False,
    green: bool = False,
    appointment: bool = False,
) -> Routing:
    return route(
        remedies, at=at, lane=lane, in_bundle=in_bundle, green=green, appointment=appointment
    )


def test_booking_first_offers_a_walk_in_of_the_lane_from_the_cut_off() -> None:
    assert _route([FIRST]).offer_by == 1
    assert _route([FIRST], at=T - MINUTE).offer_by is None
    assert _route([FIRST], lane="C").offer_by is None
    for routed in (
        _route([FIRST, BUNDLE], in_bundle=True, green=True),
        _route([FIRST, BUNDLE], in_bundle=True, appointment=True),
    ):
        assert routed.lane == "B" and routed.offer_by is None


def test_bundle_items_of_the_lane_go_to_the_general_lane() -> None:
    moved = _route([BUNDLE], in_bundle=True)
    assert (moved.lane, moved.diverted_from, moved.diverted_by) == ("A", "B", 2)
    assert _route([BUNDLE], in_bundle=False).lane == "B"
    assert _route([BUNDLE], in_bundle=True, at=T - MINUTE).lane == "B"
    assert _route([BUNDLE], in_bundle=True, lane="C").lane == "C"
    general = RemedyFacts(3, "A", RemedyKind.BUNDLE_TO_GENERAL, T)
    assert _route([general], in_bundle=True, lane="A").diverted_from is None
    # moved out of B: B's booking offer does not follow it; one on A does
    assert _route([FIRST, BUNDLE], in_bundle=True).offer_by is None
    on_a = RemedyFacts(4, "A", RemedyKind.BOOKING_FIRST, T)
    assert _route([on_a, BUNDLE], in_bundle=True).offer_by == 4
    staff = RemedyFacts(5, "B", RemedyKind.CALL_STAFF, T)
    assert _route([staff], in_bundle=True).lane == "B"


def _forecast(day: int, hour: int, expected: float, booked: int = 0) -> SlotForecast:
    start = dt.time(hour, 0)
    slot = Slot(dt.date(2026, 11, day), start, dt.time(hour, 30))
    return SlotForecast(slot, expected, 10, booked, 3)


def test_next_quiet_is_the_earliest_quiet_slot_with_room() -> None:
    busy, quiet_late, quiet_early = _forecast(26, 9, 9), _forecast(27, 10, 1), _forecast(26, 15, 3)
    assert next_quiet([busy, quiet_late, quiet_early]) == quiet_early
    full = _forecast(26, 14, 0, booked=3)
    assert next_quiet([full, quiet_late]) == quiet_late
    normal = _forecast(26, 11, 5)
    assert next_quiet([busy, normal]) == normal  # nothing quiet: the quietest
    assert next_quiet([full]) is None


def test_figures_and_notes() -> None:
    figures = {"expected_wait_minutes": 95, "limit_minutes": 60, "passes_at": "10:40", "p95": [1]}
    assert check_figures(figures) == figures
    for bad in ({}, {"limit_minutes": "60"}, {"p95_with": float("nan")}, {"passes_at": 3},
                {"x": {"nested": 1}}, {"limit_minutes": True}, [1]):  # fmt: skip
        with pytest.raises(InvalidInput):
            check_figures(bad)
    assert (
        insisted_note(dt.date(2026, 12, 3), dt.time(9, 0))
        == "当前排队较长，您也可预约 12月3日 09:00"
    )
    assert diverted_note("不动产登记", "综合受理") == "一件事分流：由不动产登记转至综合受理办理"
