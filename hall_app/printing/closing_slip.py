"""The 80 mm slip for a citizen whose ticket was closed at the end of the day (未办结（闭厅）):
the ticket, the booking offered for the next working day and what to do next.

Kept small and separate so it can be merged with the ordinary booking slip later; like the
ticket slip it takes plain data (duck-typed ``services.closing.Offer``)."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from hall_app.printing.fonts import register_font
from hall_app.printing.ticket import _wrap

WIDTH = 80 * mm
HEIGHT = 105 * mm


@dataclass(frozen=True)
class ClosingSlip:
    hall_name: str
    hall_phone: str
    number: str
    subject: str
    offer: str  # "11-26 周四 09:00-09:30", or what to do when nothing is free
    closed_at: dt.datetime
    timezone: str = "Asia/Shanghai"

    @classmethod
    def from_offer(
        cls,
        offer: Any,
        hall_name: str,
        hall_phone: str,
        closed_at: dt.datetime,
        timezone: str = "Asia/Shanghai",
    ) -> ClosingSlip:
        return cls(
            hall_name, hall_phone, offer.number, offer.subject, offer.text, closed_at, timezone
        )


def render_closing_slips(slips: list[ClosingSlip]) -> bytes:
    """One 80 mm page per citizen, as PDF bytes."""
    font = register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(WIDTH, HEIGHT))
    c.setTitle("闭厅预约告知")
    cx, text_width = WIDTH / 2, WIDTH - 8 * mm
    for slip in slips:
        y = HEIGHT - 10 * mm
        c.setFont(font, 12)
        for line in _wrap(slip.hall_name, font, 12, text_width, c):
            c.drawCentredString(cx, y, line)
            y -= 6 * mm
        c.setFont(font, 10)
        c.drawCentredString(cx, y, "未办结（闭厅）· 预约告知")
        y -= 12 * mm
        c.setFont(font, 30)
        c.drawCentredString(cx, y, slip.number)
        y -= 8 * mm
        c.setFont(font, 9)
        for line in _wrap(f"办理事项：{slip.subject}", font, 9, text_width, c)[:2]:
            c.drawCentredString(cx, y, line)
            y -= 5 * mm
        y -= 2 * mm
        c.setFont(font, 10)
        c.drawCentredString(cx, y, "为您预留下一个工作日的空闲时段：")
        y -= 7 * mm
        c.setFont(font, 14)
        c.drawCentredString(cx, y, slip.offer)
        y -= 8 * mm
        c.setFont(font, 9)
        local = slip.closed_at.astimezone(zoneinfo.ZoneInfo(slip.timezone))
        texts = [
            "凭本单在导服台登记姓名、证件号和手机号即完成预约，预约后按时段到导服台签到，"
            "优先办理。",
            f"闭厅时间：{local:%Y-%m-%d %H:%M}",
        ]
        texts += [f"咨询电话：{slip.hall_phone}"] if slip.hall_phone else []
        for text in texts:
            for line in _wrap(text, font, 9, text_width, c):
                c.drawCentredString(cx, y, line)
                y -= 4.5 * mm
        c.showPage()
    c.save()
    return buf.getvalue()
