"""The 80 mm ticket slip handed to the citizen at reception."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from dataclasses import dataclass
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from hall_app.domain.waits import NO_WINDOW
from hall_app.printing.fonts import register_font

WIDTH = 80 * mm
HEIGHT = 130 * mm  # the longest a ticket gets; the page is cut to its content
BOTTOM = 6 * mm  # paper below the last line


@dataclass(frozen=True)
class TicketSlip:
    hall_name: str
    hall_phone: str
    number: str
    lane_name: str
    subject: str
    people_ahead: int
    issued_at: dt.datetime
    ticket_id: int
    service_date: str
    green_label: str = ""
    timezone: str = "Asia/Shanghai"
    off_peak: str = ""  # 建议错峰时段 for next time, e.g. 11-27 周五 10:30-11:00
    estimated_minutes: int | None = None
    no_window: bool = False  # no open window serves the lane now
    # an overflow remedy's mark: 一件事分流… / 当前排队较长，您也可预约 12月3日 09:00
    remedy_note: str = ""

    @classmethod
    def from_issued(
        cls, issued: Any, timezone: str = "Asia/Shanghai", off_peak: str = ""
    ) -> TicketSlip:
        """From a ``services.tickets.IssuedTicket`` (duck-typed: printing sits below services)."""
        t = issued.ticket
        local = t.issued_at.astimezone(zoneinfo.ZoneInfo(timezone))
        return cls(
            hall_name=issued.hall_name,
            hall_phone=issued.hall_phone,
            number=t.number,
            lane_name=t.lane_name,
            subject=t.subject,
            people_ahead=issued.people_ahead,
            issued_at=t.issued_at,
            ticket_id=t.id,
            service_date=local.strftime("%Y%m%d"),
            green_label=t.green_reason.label if t.green_reason else "",
            timezone=timezone,
            off_peak=off_peak,
            estimated_minutes=getattr(issued, "estimated_minutes", None),
            no_window=bool(getattr(issued, "no_window", False)),
            remedy_note=getattr(t, "remedy_note", ""),
        )

    @property
    def qr_payload(self) -> str:
        return f"HALLTICKET|{self.service_date}|{self.number}|{self.ticket_id}"


def _wrap(text: str, font: str, size: float, width: float, c: canvas.Canvas) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if c.stringWidth(line + ch, font, size) > width and line:
            lines.append(line)
            line = ch
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def render_ticket(slip: TicketSlip) -> bytes:
    """The ticket as PDF bytes (80 mm wide, as long as its content), Chinese as real text."""
    font = register_font()
    probe = canvas.Canvas(io.BytesIO(), pagesize=(WIDTH, HEIGHT))
    height = HEIGHT - _draw(probe, slip, font, HEIGHT) + BOTTOM
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(WIDTH, height))
    c.setTitle(f"号票 {slip.number}")
    c.setAuthor(slip.hall_name)
    _draw(c, slip, font, height)
    c.showPage()
    c.save()
    return buf.getvalue()


def _draw(c: canvas.Canvas, slip: TicketSlip, font: str, height: float) -> float:
    """Draw the ticket from the top of a page ``height`` high; return the lowest y used."""
    cx = WIDTH / 2
    y = height - 10 * mm
    c.setFont(font, 12)
    for line in _wrap(slip.hall_name, font, 12, WIDTH - 8 * mm, c):
        c.drawCentredString(cx, y, line)
        y -= 6 * mm
    c.setFont(font, 10)
    c.drawCentredString(cx, y, "排队号票")
    y -= 17 * mm
    c.setFont(font, 44)
    c.drawCentredString(cx, y, slip.number)
    y -= 8 * mm
    if slip.green_label:
        c.setFont(font, 10)
        c.drawCentredString(cx, y, f"绿色通道（{slip.green_label}）优先办理")
        y -= 6 * mm
    c.setFont(font, 10)
    c.drawCentredString(cx, y, f"业务类别：{slip.lane_name}")
    y -= 5 * mm
    for line in _wrap(f"办理事项：{slip.subject}", font, 9, WIDTH - 8 * mm, c)[:2]:
        c.setFont(font, 9)
        c.drawCentredString(cx, y, line)
        y -= 5 * mm
    c.setFont(font, 11)
    c.drawCentredString(cx, y - 1 * mm, f"您前面还有 {slip.people_ahead} 人等候")
    y -= 7 * mm
    if slip.estimated_minutes is not None:
        c.setFont(font, 9)
        c.drawCentredString(cx, y, f"预计等待约 {slip.estimated_minutes} 分钟")
        y -= 5 * mm
    elif slip.no_window:
        c.setFont(font, 10)
        c.drawCentredString(cx, y, NO_WINDOW)
        y -= 5 * mm
    for part in filter(None, slip.remedy_note.split("；")):
        for line in _wrap(part, font, 9, WIDTH - 8 * mm, c):
            c.setFont(font, 9)
            c.drawCentredString(cx, y, line)
            y -= 5 * mm
    local = slip.issued_at.astimezone(zoneinfo.ZoneInfo(slip.timezone))
    c.setFont(font, 9)
    c.drawCentredString(cx, y, f"取号时间：{local:%Y-%m-%d %H:%M}")
    y -= 4 * mm
    size = 26 * mm
    qr = QrCodeWidget(slip.qr_payload, barLevel="M")
    x0, y0, x1, y1 = qr.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(qr)
    renderPDF.draw(drawing, c, cx - size / 2, y - size)
    y -= size + 4 * mm
    c.setFont(font, 9)
    lines = [f"建议错峰时段：{slip.off_peak}"] if slip.off_peak else []
    lines.append("当日有效，过号请重新取号")
    lines += [f"咨询电话：{slip.hall_phone}"] if slip.hall_phone else []
    for text in lines:
        for line in _wrap(text, font, 9, WIDTH - 8 * mm, c):
            c.drawCentredString(cx, y, line)
            y -= 4.5 * mm
    return float(y + 4.5 * mm)
