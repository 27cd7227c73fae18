"""The 80 mm booking slip (预约单): the code large and as a QR code (the check-in box reads
it), the time, the item, the materials to bring and the check-in rule.

``render_booking_slip`` takes a plain ``domain.booking_slip.BookingSlip``, so every booking
path (the counter, the closing routine's next-day booking) prints the same slip.
"""

from __future__ import annotations

import io

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from hall_app.domain.booking_slip import BookingSlip
from hall_app.printing.fonts import register_font

__all__ = ["BookingSlip", "render_booking_slip"]

WIDTH = 80 * mm
MARGIN = 4 * mm
QR_SIZE = 28 * mm
LEADING = 1.3  # line height, in points per point of font size


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if stringWidth(line + ch, font, size) > width and line:
            lines.append(line)
            line = ch
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def render_booking_slip(slip: BookingSlip) -> bytes:
    """The slip as PDF bytes, 80 mm wide and as long as its content."""
    font = register_font()
    text_width = WIDTH - 2 * MARGIN
    # (size, centred, text, space after) in order; the QR code goes after the code
    head: list[tuple[float, bool, str, float]] = [
        *[(12, True, line, 6 * mm) for line in _wrap(slip.hall_name, font, 12, text_width)],
        (10, True, "预 约 单", 4 * mm),
        (26, True, slip.code, -4 * mm),  # the caption sits close under the code
        (9, True, "预约码（签到时出示本单或报预约码）", 2 * mm),
    ]
    body: list[tuple[float, bool, str, float]] = []

    def para(text: str, size: float = 9, after: float = 0.5 * mm, indent: str = "") -> None:
        lines = _wrap(text, font, size, text_width)
        for i, line in enumerate(lines):
            body.append(
                (size, False, (indent if i else "") + line, after if i == len(lines) - 1 else 0)
            )

    para(f"预约时间：{slip.time_label}", 10, 1 * mm)
    para(f"办理事项：{slip.subject}", 9, 1 * mm)
    para(f"业务类别：{slip.lane}", 9, 1 * mm)
    if slip.name_masked:
        para(f"预约人：{slip.name_masked}", 9, 1 * mm)
    if slip.note:
        para(slip.note, 9, 1 * mm)
    para("请携带材料：", 10, 0.5 * mm)
    if slip.materials:
        for number, line in enumerate(slip.materials, start=1):
            para(f"{number}. {line}", 9, 0.3 * mm, "   ")
    else:
        para("（无需另带材料，以窗口告知为准）", 9, 0.3 * mm)
    body.append((0, False, "", 1.5 * mm))
    para("签到规则：", 10, 0.5 * mm)
    para(slip.checkin_rule, 9, 1.5 * mm)
    if slip.hall_address:
        para(f"地址：{slip.hall_address}", 9)
    if slip.hall_phone:
        para(f"咨询电话：{slip.hall_phone}", 9)

    height = 10 * mm + sum(after + size * LEADING for size, _c, _t, after in head)
    height += QR_SIZE + 4 * mm
    height += sum(after + size * LEADING for size, _c, _t, after in body) + 8 * mm
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(WIDTH, height))
    c.setTitle(f"预约单 {slip.code}")
    c.setAuthor(slip.hall_name)
    y = height - 10 * mm
    for size, centred, text, after in head:
        c.setFont(font, size)
        if centred:
            c.drawCentredString(WIDTH / 2, y, text)
        else:
            c.drawString(MARGIN, y, text)
        y -= after + size * LEADING
    qr = QrCodeWidget(slip.qr_payload, barLevel="M")
    x0, y0, x1, y1 = qr.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0]
    )
    drawing.add(qr)
    renderPDF.draw(drawing, c, WIDTH / 2 - QR_SIZE / 2, y - QR_SIZE)
    y -= QR_SIZE + 4 * mm
    for size, _centred, text, after in body:
        if text:
            c.setFont(font, size)
            c.drawString(MARGIN, y, text)
        y -= after + size * LEADING
    c.showPage()
    c.save()
    return buf.getvalue()
