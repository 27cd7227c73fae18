"""Issue 19 §5: overflow remedies applied by a supervisor (audited with their figures) and
their effect on tickets issued at reception, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.overflow_remedy import DeclinedOffer
from hall_app.domain.roles import Denied
from hall_app.domain.tickets import GreenReason
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login

TRANSFER = "11500231MB1596820D7000116002000"  # 不动产转移登记（存量房买卖）: lane B, in YJS04
MORTGAGE = "11500231MB1596820D7000116003000"  # 不动产抵押权首次登记: lane B, in no bundle
FIGURES = {
    "expected_wait_minutes": 95,
    "limit_minutes": 60,
    "passes_at": "2026-11-25T10:40:00+08:00",
    "p95_without": 118.0,
    "p95_with": 71.5,
}


def _cut_off(clock: FakeClock, minutes: int) -> dt.datetime:
    return clock() + dt.timedelta(minutes=minutes)


def _audit(hall: Hall, action: str) -> list[dict[str, object]]:
    with hall.db.read() as s:
        rows = s.scalars(select(m.AuditEntry.detail).where(m.AuditEntry.action == action))
        return [json.loads(d) for d in rows]


def test_apply_is_audited_with_its_figures_and_lift_ends_it(hall: Hall, clock: FakeClock) -> None:
    boss = login(hall, "3001")
    cut = _cut_off(clock, 30)
    applied = hall.remedies.apply(boss, "B", "booking_first", cut, FIGURES, "午前将超限")
    assert applied.figures == FIGURES and applied.created_by == "3001"
    assert hall.remedies.active() == []  # before the cut-off
    assert hall.remedies.active(at=cut) == hall.remedies.active("B", at=cut) != []
    assert hall.remedies.active("C", at=cut) == []
    [entry] = _audit(hall, "remedy_apply")
    assert entry["figures"] == FIGURES and entry["lane"] == "B"
    assert entry["kind"] == "booking_first" and entry["reason"] == "午前将超限"
    clock.advance(minutes=45)
    assert [r.id for r in hall.remedies.active()] == [applied.id]
    lifted = hall.remedies.lift(boss, applied.id)
    assert lifted.lifted_by == "3001" and lifted.lifted_at == clock()
    assert hall.remedies.active() == [] and [r.id for r in hall.remedies.today()] == [applied.id]
    [entry] = _audit(hall, "remedy_lift")
    assert entry["figures"] == FIGURES and entry["offered"] == 0
    with pytest.raises(NotAllowed):
        hall.remedies.lift(boss, applied.id)


def test_an_end_time_ends_it_and_bad_input_is_refused(hall: Hall, clock: FakeClock) -> None:
    boss = login(hall, "3001")
    start, end = clock(), _cut_off(clock, 60)
    hall.remedies.apply(boss, "C", "call_staff", start, FIGURES, "叫后台", ends_at=end)
    assert len(hall.remedies.active(at=end - dt.timedelta(seconds=1))) == 1
    assert hall.remedies.active(at=end) == []
    for args in (
        ("B", "close_lane", start, FIGURES, "x"),
        ("B", "booking_first", start, {}, "x"),
        ("B", "booking_first", start, {"limit_minutes": "60"}, "x"),
        ("B", "booking_first", start, FIGURES, "  "),
        ("A", "bundle_to_general", start, FIGURES, "x"),
        ("L", "booking_first", start, FIGURES, "x"),
        ("B", "booking_first", start - dt.timedelta(days=1), FIGURES, "x"),
    ):
        with pytest.raises((InvalidInput, NotAllowed)):
            hall.remedies.apply(boss, *args)
    with pytest.raises(InvalidInput):
        hall.remedies.apply(boss, "B", "booking_first", end, FIGURES, "x", ends_at=start)
    with pytest.raises(Denied):
        hall.remedies.apply(login(hall, "2001"), "B", "booking_first", start, FIGURES, "x")


def test_bundle_items_wait_in_the_general_lane_from_the_cut_off(
    hall: Hall, clock: FakeClock
) -> None:
    boss, desk = login(hall, "3001"), login(hall, "2001")
    hall.remedies.apply(boss, "B", "bundle_to_general", _cut_off(clock, 10), FIGURES, "分流")
    before = hall.tickets.issue(desk, item_code=TRANSFER).ticket
    assert before.lane_code == "B" and before.remedy_note == ""
    clock.advance(minutes=10)  # the cut-off itself: in force
    moved = hall.tickets.issue(desk, item_code=TRANSFER).ticket
    assert moved.lane_code == "A" and moved.number.startswith("A")
    assert moved.remedy_note == "一件事分流：由不动产登记转至综合受理办理"
    assert hall.tickets.issue(desk, bundle_code="YJS04").ticket.lane_code == "A"
    assert hall.tickets.issue(desk, item_code=MORTGAGE).ticket.lane_code == "B"
    green = hall.tickets.issue(desk, item_code=TRANSFER, green_reason=GreenReason.ELDERLY)
    assert green.ticket.lane_code == "L" and green.ticket.remedy_note == ""
    booked = hall.tickets.issue(desk, item_code=TRANSFER, appointment=True).ticket
    assert booked.lane_code == "B"
    with hall.db.read() as s:
        row = s.scalar(select(m.Ticket).where(m.Ticket.id == moved.id))
        assert row is not None and row.remedy_id is not None
        assert row.service_category_id == row.category_id  # an A ticket for any A window


def test_booking_first_offers_after_the_cut_off_and_counts(hall: Hall, clock: FakeClock) -> None:
    boss, desk = login(hall, "3001"), login(hall, "2001")
    remedy = hall.remedies.apply(boss, "B", "booking_first", _cut_off(clock, 5), FIGURES, "限号")
    login(hall, "1016", 16)  # a window serving B is open: the wait can be estimated
    hall.tickets.issue(desk, item_code=MORTGAGE)
    assert hall.remedies.offer_for(MORTGAGE) is None  # before the cut-off
    clock.advance(minutes=5)
    offer = hall.remedies.offer_for(MORTGAGE)
    assert offer is not None and offer.remedy_id == remedy.id and offer.lane_code == "B"
    assert offer.people_ahead == 1 and offer.expected_minutes is not None
    assert offer.day > hall.ctx.today()
    assert hall.remedies.offer_for(MORTGAGE, green=True) is None
    assert hall.remedies.offer_for("11500231MB1503052X2000113001000") is None  # lane C
    declined = DeclinedOffer(offer.remedy_id, offer.day, offer.start)
    issued = hall.tickets.issue(desk, item_code=MORTGAGE, declined_offer=declined)
    words = f"{offer.day.month}月{offer.day.day}日 {offer.start:%H:%M}"
    assert issued.ticket.remedy_note == f"当前排队较长，您也可预约 {words}"
    assert issued.ticket.lane_code == "B" and issued.estimated_minutes is not None
    hall.remedies.record_offer(desk, remedy.id, "booked")
    counted = hall.remedies.record_offer(desk, remedy.id, "dismissed")
    assert (counted.offered, counted.booked, counted.insisted) == (3, 1, 1)
    assert [d["outcome"] for d in _audit(hall, "remedy_offer")] == ["booked", "dismissed"]
    with pytest.raises(InvalidInput):
        hall.remedies.record_offer(desk, remedy.id, "insisted")
