"""Shared building blocks of the printed forms (notices, receipts): styles, QR code, seal
area, 补打 mark, page numbering, and the blocks every form repeats.

Everything is drawn as real text with the embedded CJK font from :func:`register_font`.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.tables import Table, TableStyle

from hall_app.printing.documents import MaterialLine

# reportlab's CJK wrapping keeps 、。） off a line start but not full-width ，；：！？
if "，" not in _textsplit.ALL_CANNOT_START:
    _KINSOKU = _textsplit.ALL_CANNOT_START + "，；：！？》」』】〕"
    for _module in (_textsplit, _paragraph):
        vars(_module)["ALL_CANNOT_START"] = _KINSOKU

RED = colors.HexColor("#C00000")
SHADE = colors.HexColor("#EFEFEF")
GRID = colors.HexColor("#333333")
PageHook = Callable[[Canvas, Any], None]
A4_MARGIN = 18 * mm
A4_WIDTH = A4[0] - 2 * A4_MARGIN  # the text width of the A4 forms


@dataclass(frozen=True)
class Styles:
    font: str
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    small: ParagraphStyle
    indent: ParagraphStyle
    heading: ParagraphStyle
    hall: ParagraphStyle
    right: ParagraphStyle
    warning: ParagraphStyle


@cache
def styles(font: str, scale: float = 1.0, least: float = 0.0) -> Styles:
    """Paragraph styles for the CJK font; ``scale`` < 1 for the narrow receipt printer,
    ``least`` the smallest font size any style may have (9 pt on 80 mm paper)."""

    def style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        fitted = max(size * scale, least)
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=fitted,
            leading=leading * fitted / size,
            wordWrap="CJK",
            **kw,
        )

    return Styles(
        font=font,
        body=style("body", 10.5, 16),
        cell=style("cell", 9.5, 13),
        cell_center=style("cell_center", 9.5, 13, alignment=TA_CENTER),
        small=style("small", 8.5, 11.5),
        indent=style("indent", 8.5, 11.5, leftIndent=10 * scale),
        heading=style("heading", 11.5, 15, spaceBefore=5, spaceAfter=3),
        hall=style("hall", 13, 17, alignment=TA_CENTER),
        right=style("right", 10, 13, alignment=TA_RIGHT),
        warning=style("warning", 10, 14, textColor=RED, spaceBefore=2),
    )


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (markup characters escaped)."""
    return Paragraph(escape(text), style)


def cn_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def cn_datetime(value: dt.datetime) -> str:
    return f"{cn_date(value)} {value:%H:%M}"


def window_text(number: int | None) -> str:
    return f"{number}号窗口" if number is not None else "—"


def material_requirement(line: MaterialLine) -> str:
    return "；".join(part for part in (line.requirement, line.standard) if part)


# ------------------------------------------------------------------ flowables


class Box(Flowable):
    """A flowable of fixed height taking the whole width offered; ``paint`` draws it."""

    def __init__(self, height: float, paint: Callable[[Canvas, float, float], None]) -> None:
        super().__init__()
        self.height, self.paint = height, paint

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        self.paint(self.canv, self.width, self.height)


def cut_line(font: str, label: str) -> Box:
    """A dashed cutting line across the sheet with ``label`` in the middle."""

    def paint(c: Canvas, width: float, height: float) -> None:
        y, half = height / 2, stringWidth(label, font, 8) / 2 + 2 * mm
        c.saveState()
        c.setDash(4, 3)
        c.setStrokeColor(colors.grey)
        c.line(-10 * mm, y, width / 2 - half, y)
        c.line(width / 2 + half, y, width + 10 * mm, y)
        c.setFillColor(colors.grey)
        c.setFont(font, 8)
        c.drawCentredString(width / 2, y - 3, label)
        c.restoreState()

    return Box(7 * mm, paint)


class AtBottom(Flowable):
    """Draws ``inner`` at the bottom of the frame, taking all the space left there; when
    too little is left it does not fit, and reportlab (unable to split it) moves it on."""

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner_height = self.inner.wrap(avail_width, avail_height)[1]
        self.width = avail_width
        return avail_width, max(avail_height, inner_height)

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


def qr_code(payload: str, size: float) -> Box:
    """A QR code of ``payload`` (4-module quiet zone), ``size`` points square, centred."""

    def paint(canv: Canvas, width: float, height: float) -> None:
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.make()
        rows = code.modules
        cell = size / (len(rows) + 8)
        x0, top = (width - size) / 2 + 4 * cell, size - 4 * cell
        path = canv.beginPath()
        for r, row in enumerate(rows):  # one rectangle per run of dark modules
            c = 0
            for dark, run in itertools.groupby(row):
                n = len(list(run))
                if dark:
                    path.rect(x0 + c * cell, top - (r + 1) * cell, n * cell, cell)
                c += n
        canv.drawPath(path, stroke=0, fill=1)

    return Box(size, paint)


def draw_bold(canv: Canvas, font: str, size: float, x: float, y: float, text: str) -> None:
    """Text filled and stroked: a bold look from a font that has no bold face."""
    t = canv.beginText(x, y)
    t.setFont(font, size)
    t.setTextRenderMode(2)
    t.textOut(text)
    canv.saveState()
    canv.setLineWidth(size / 40)
    canv.drawText(t)
    canv.restoreState()


def title(text: str, font: str, size: float) -> Box:
    """A centred bold one-line title, shrunk if the width is too small for it."""

    def paint(canv: Canvas, width: float, height: float) -> None:
        natural = stringWidth(text, font, size)
        fitted = min(size, size * width / natural) if natural else size
        x = (width - stringWidth(text, font, fitted)) / 2
        draw_bold(canv, font, fitted, x, size * 0.3, text)

    return Box(size * 1.35, paint)


def draw_reprint(canv: Canvas, font: str, x: float, y: float, size: float) -> None:
    """The red boxed 补打 stamp, slightly turned, its lower left corner at (x, y)."""
    canv.saveState()
    canv.translate(x, y)
    canv.rotate(8)
    canv.setStrokeColor(RED)
    canv.setFillColor(RED)
    canv.setLineWidth(size / 12)
    w, h = size * 2.6, size * 1.5
    canv.rect(0, 0, w, h)
    canv.setLineWidth(size / 30)
    canv.rect(size * 0.12, size * 0.12, w - size * 0.24, h - size * 0.24)
    draw_bold(canv, font, size, (w - stringWidth("补打", font, size)) / 2, h * 0.3, "补打")
    canv.restoreState()


def reprint_mark(font: str, size: float) -> Box:
    return Box(size * 2.1, lambda c, w, h: draw_reprint(c, font, (w - size * 2.8) / 2, 1, size))


def seal_block(office: str, date_text: str, font: str, radius: float = 15 * mm) -> Box:
    """Issuing office and date under a dashed circle marking where the seal goes."""

    def paint(c: Canvas, width: float, height: float) -> None:
        cx, cy = width / 2, radius + 1 * mm
        c.saveState()
        c.setStrokeColor(colors.grey)
        c.setFillColor(colors.grey)
        c.setDash(3, 2)
        c.circle(cx, cy, radius, stroke=1, fill=0)
        c.setFont(font, 8.5)
        c.drawCentredString(cx, cy + radius * 0.62, "（印章）")
        c.restoreState()
        half = (len(office) + 1) // 2  # a long office name takes two lines
        lines = (
            [office] if stringWidth(office, font, 11) <= width else [office[:half], office[half:]]
        )
        size = min(11.0, 11 * width / max(stringWidth(line, font, 11) for line in lines))
        c.setFont(font, size)
        for i, line in enumerate(reversed(lines)):
            c.drawCentredString(cx, cy - 1 * mm + i * size * 1.2, line)
        c.setFont(font, 11)
        c.drawCentredString(cx, cy - 7 * mm, date_text)

    return Box(2 * radius + 2 * mm, paint)


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header: bool = True,
    label_cols: Sequence[int] = (),
    spans: Sequence[tuple[int, int, int, int]] = (),
) -> Table:
    """A ruled table; with ``header`` the first row is shaded and repeated on new pages."""
    table = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE)] if header else []
    for row in range(len(rows)):
        inside = [(a, c) for a, b, c, d in spans if b <= row <= d]
        commands += [
            ("BACKGROUND", (col, row), (col, row), SHADE)
            for col in label_cols
            if not any(a < col <= c for a, c in inside)
        ]
    commands += [("SPAN", (a, b), (c, d)) for a, b, c, d in spans]
    table.setStyle(TableStyle(commands))
    return table


def plain(rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> Table:
    """An unruled layout table."""
    table = Table([list(r) for r in rows], colWidths=list(widths))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


# ------------------------------------------------------------------ pages


def _numbered_canvas(
    font: str, footer: str, margin: float, page_width: float, always: bool
) -> type[Canvas]:
    """A canvas class writing ``第 N 页 共 M 页`` (and ``footer`` at the left) on every page
    once the page count is known; with ``always=False`` only when there are several pages."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # reportlab's page reset

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                if always or len(self._pages) > 1:
                    self.setFont(font, 8)
                    y, total = min(8 * mm, margin / 2), len(self._pages)
                    number = f"第 {self.getPageNumber()} 页 共 {total} 页"
                    self.drawCentredString(page_width / 2, y, number)
                    self.drawString(margin, y, footer)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(
    story: list[Flowable],
    pagesize: tuple[float, float],
    margin: float,
    *,
    doc_title: str,
    author: str,
    font: str,
    footer: str = "",
    always_number: bool = True,
    later: PageHook | None = None,
    top: float | None = None,
    later_top: float | None = None,
    bottom: float | None = None,
) -> bytes:
    """Lay ``story`` out in one unpadded frame per page; ``later`` draws on pages 2, 3, ..."""
    buf, (w, h), low = io.BytesIO(), pagesize, margin if bottom is None else bottom

    def template(name: str, top_margin: float, hook: PageHook | None) -> PageTemplate:
        frame = Frame(
            margin,
            low,
            w - 2 * margin,
            h - low - top_margin,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        return PageTemplate(
            name, [frame], onPage=hook or (lambda c, d: None), autoNextPageTemplate="later"
        )

    first_top = margin if top is None else top
    doc = BaseDocTemplate(
        buf,
        pagesize=pagesize,
        title=doc_title,
        author=author,
        creator="hall_app",
        pageTemplates=[
            template("first", first_top, None),
            template("later", later_top or first_top, later),
        ],
    )
    doc.build(story, canvasmaker=_numbered_canvas(font, footer, margin, w, always_number))
    return buf.getvalue()


def render_a4(
    story: list[Flowable], *, font: str, heading: str, serial: str, hall: str, reprint: bool
) -> bytes:
    """An A4 form; pages 2, 3, ... get a small header (heading （续页）, serial, 补打)."""

    def later(canv: Canvas, doc: Any) -> None:
        top = A4[1] - 12 * mm
        canv.setFont(font, 8.5)
        canv.drawString(A4_MARGIN, top, f"{heading}（续页）")
        canv.drawRightString(A4[0] - A4_MARGIN, top, serial)
        canv.setLineWidth(0.5)
        canv.line(A4_MARGIN, top - 2 * mm, A4[0] - A4_MARGIN, top - 2 * mm)
        if reprint:
            draw_reprint(canv, font, A4[0] / 2 - 10 * mm, top - 1 * mm, 10)

    return build_pdf(
        story,
        A4,
        A4_MARGIN,
        doc_title=f"{heading} {serial}",
        author=hall,
        font=font,
        footer=serial,
        later=later,
        top=13 * mm,
        later_top=20 * mm,
        bottom=14 * mm,
    )


def leaflet_a4(story: list[Flowable], *, doc_title: str, author: str, font: str) -> bytes:
    """An A4 sheet without serial or seal (a guide, a checklist): further pages numbered."""
    return build_pdf(
        story,
        A4,
        A4_MARGIN,
        doc_title=doc_title,
        author=author,
        font=font,
        always_number=False,
        top=13 * mm,
        bottom=14 * mm,
    )
