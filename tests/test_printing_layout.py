"""Issue 13 item 10 on paper: the tear-off stub on the same A4 page as a five-material notice,
at least 9 pt on 80 mm paper (font sizes read from the PDF), the 80 mm ticket cut to its content."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable
from dataclasses import replace

import pytest
from pypdf import PdfReader

from hall_app.domain.booking_slip import BookingSlip
from hall_app.printing.booking import render_booking_slip
from hall_app.printing.closing_slip import ClosingSlip, render_closing_slips
from hall_app.printing.documents import MaterialLine
from hall_app.printing.notice import render_notice_80mm, render_notice_a4
from hall_app.printing.ticket import TicketSlip, render_ticket
from tests.test_printing_documents import NOTICE, REFUSED, assert_all, pages, text_of

MM = 72 / 25.4


@pytest.mark.parametrize("received", [0, 2])
def test_a_five_material_notice_is_one_a4_page_with_its_stub(received: int) -> None:
    five = tuple(
        MaterialLine(
            f"材料{i}：不动产权属证书或者土地权属来源证明",
            "原件和复印件",
            1,
            standard="复印件须核对原件并签字",
            problem="缺失",
            where="县不动产登记中心",
        )
        for i in range(1, 6)
    )
    notice = replace(
        NOTICE,
        received=five[:received],
        to_correct=five[received:],
        first_serial="BZ-500231-20261120-0003",
        further_reason="更换了买卖合同",
    )
    [text] = pages(render_notice_a4(notice))
    assert_all(text, "材料5：", "沿此线撕下", "第一联存根（窗口留存）", "申请人签名", "第1页共1页")


def _sizes(pdf: bytes) -> list[tuple[str, float, float]]:
    """(text, effective font size, baseline height) of every text run on the first page."""
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            runs.append((text.strip(), size * scale, tm[5] * math.hypot(cm[2], cm[3]) + cm[5]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return runs


TICKET = TicketSlip(
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    number="A003",
    lane_name="综合受理",
    subject="城乡居民基本养老保险参保登记",
    people_ahead=4,
    issued_at=dt.datetime(2026, 11, 25, 1, 30, tzinfo=dt.UTC),
    ticket_id=42,
    service_date="20261125",
    off_peak="11-26 周四 10:30-11:00",
)
BOOKING = BookingSlip(
    "重庆市垫江县政务服务中心",
    "YY2611250001",
    "食品经营许可",
    "综合受理",
    dt.date(2026, 11, 26),
    dt.time(9),
    dt.time(9, 30),
    ("营业执照（复印件1份）",),
    "请于预约时段开始前15分钟内到导服台签到",
    "张*梅",
    "023-74680000",
    "垫江县人民路1号",
)
CLOSING = ClosingSlip(
    "重庆市垫江县政务服务中心",
    "023-74680000",
    "A012",
    "居民身份证申领",
    "11-26 周四 09:00-09:30",
    dt.datetime(2026, 11, 25, 9, 31, tzinfo=dt.UTC),
)
SLIPS: dict[str, Callable[[], bytes]] = {
    "ticket": lambda: render_ticket(TICKET),
    "booking": lambda: render_booking_slip(BOOKING),
    "closing": lambda: render_closing_slips([CLOSING]),
    "notice": lambda: render_notice_80mm(NOTICE),
    "refusal": lambda: render_notice_80mm(REFUSED),
}


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_80mm_text_is_at_least_9pt(name: str) -> None:
    runs = _sizes(SLIPS[name]())
    small = [(text, round(size, 1)) for text, size, _ in runs if size < 9 - 0.01]
    assert runs and not small, small


@pytest.mark.parametrize("name", ["notice", "refusal"])
def test_80mm_notices_carry_a_signature_line(name: str) -> None:
    assert "申请人签名" in text_of(SLIPS[name]())


def test_80mm_ticket_has_no_blank_tail() -> None:
    pdf = render_ticket(TICKET)
    lowest = min(y for _, _, y in _sizes(pdf))
    assert lowest < 10 * MM  # the last line sits near the paper's end
    height = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height)
    assert height < 120 * MM
