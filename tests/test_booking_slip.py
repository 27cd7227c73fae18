"""The booking slip (预约单) and the searchable list of bookings from today on: domain rules by
hand, the slip's data and PDF on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from hall_app.domain.appointments import Rules
from hall_app.domain.booking_slip import SlipMaterial, checkin_rule, material_lines
from hall_app.printing.booking import render_booking_slip
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from tests.conftest import login
from tests.test_appointments import TOMORROW, book, person


def test_the_check_in_rule_follows_the_hall_rules() -> None:
    rule = checkin_rule(dt.time(9, 0), Rules(early_minutes=30, late_minutes=15))
    assert rule.startswith("请于 08:30–09:15 凭预约码")
    assert "09:15 后签到按普通号排队" in rule and "3 次爽约暂停预约 30 天" in rule


def test_materials_to_bring_leave_out_shared_ones_and_repeat_none() -> None:
    lines = material_lines(
        [
            SlipMaterial("居民身份证", "原件", 1),
            SlipMaterial("户口簿", "原件和复印件", 1),
            SlipMaterial("婚姻状况证明", "电子", 0, source="共享免提交"),
            SlipMaterial("委托书", "原件", 1, situation="委托他人办理的"),
            SlipMaterial("社保卡", "原件", 1, requirement="非必要"),
            SlipMaterial("居民身份证", "复印件", 1),  # a second item of a 一件事 asks again
        ]
    )
    assert lines == (
        "居民身份证（原件1份）",
        "户口簿（原件和复印件1份）",
        "委托书（原件1份）〔委托他人办理的〕",
        "社保卡（原件1份）（如有）",
    )


def _reception(hall: Hall) -> Actor:
    return login(hall, "2001")


def test_the_slip_says_code_time_item_materials_and_check_in_rule(hall: Hall) -> None:
    booking = book(hall, _reception(hall), 51, slot="09:00")
    slip = hall.bookings.slip(booking.code.lower())
    assert slip.code == booking.code and slip.qr_payload == booking.code
    assert slip.day == TOMORROW and slip.slot_start == dt.time(9, 0)
    assert slip.subject == booking.subject and slip.name_masked == booking.name
    assert slip.materials, "the demo item asks for materials"
    assert slip.checkin_rule.startswith("请于 08:30–09:15")
    text = PdfReader(io.BytesIO(render_booking_slip(slip))).pages[0].extract_text()
    flat = text.replace("\n", "").replace(" ", "")
    assert booking.code in flat
    assert "2026-11-26周四09:00-09:30" in flat
    assert booking.subject.replace(" ", "") in flat
    assert "请携带材料" in flat and slip.materials[0].replace(" ", "") in flat
    assert "08:30–09:15凭预约码" in flat


def test_upcoming_bookings_are_found_by_code_name_phone_tail_and_date(hall: Hall, clock) -> None:
    reception = _reception(hall)
    first = book(hall, reception, 61, slot="09:00")  # 市民61, phone 13900000061
    later = hall.appointments.bookable_days()[2]
    second = hall.appointments.book(
        reception,
        name="欧阳晓燕",
        id_number=person(62),
        phone="13912345678",
        code=_item_code(hall),
        day=later,
        slot="10:00",
    )
    everyone = hall.bookings.upcoming()
    assert [b.code for b in everyone] == [first.code, second.code]  # by day and slot
    assert [b.code for b in hall.bookings.upcoming(first.code.lower())] == [first.code]
    assert [b.code for b in hall.bookings.upcoming("欧阳**")] == [second.code]
    assert [b.code for b in hall.bookings.upcoming("欧阳")] == [second.code]
    assert [b.code for b in hall.bookings.upcoming("5678")] == [second.code]
    assert [b.code for b in hall.bookings.upcoming(f"{later:%m-%d}")] == [second.code]
    assert [b.code for b in hall.bookings.upcoming(later.isoformat())] == [second.code]
    assert hall.bookings.upcoming("0000") == []
    hall.appointments.cancel(reception, first.code)
    assert [b.code for b in hall.bookings.upcoming()] == [second.code]
    clock.advance(days=30)  # all in the past now
    assert hall.bookings.upcoming() == []


def _item_code(hall: Hall) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == "C")
