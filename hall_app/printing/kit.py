"""应急包（人工兜底）: the A4 kit a supervisor prints, in advance or when the hall falls back
to paper.

Cover with instructions, cut-apart paper tickets, the three registers (号票 / 首问 / 受理,
``kit_registers.py``, landscape) and the blank documents of the most common items
(一次性告知单, 不予受理通知书, 受理回执, ``kit_slips.py``, one page each with its stub). Every
number on paper carries the kit's number, not a date (S07-015, BZ-500231-K07-0003): the kit
is recorded on the server when printed, so it is valid on any day and nothing written by
hand can clash with a number the system hands out.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus.doctemplate import BaseDocTemplate, NextPageTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from hall_app.printing.documents import MaterialLine
from hall_app.printing.fonts import register_font
from hall_app.printing.kit_registers import (
    CASE_REGISTER,
    INQUIRY_REGISTER,
    LAND_MARGIN,
    LANDSCAPE,
    TICKET_REGISTER,
    case_register,
    inquiry_register,
    ticket_register,
)
from hall_app.printing.kit_slips import (
    BLANK_BASIS,  # noqa: F401  (re-exported)
    RECEIPT_TITLE,
    REFUSAL_TITLE,
    SLIP_TITLE,
    notice_slip,
    receipt,
    refusal_notice,
)
from hall_app.printing.layout import (
    A4_MARGIN,
    A4_WIDTH,
    Styles,
    cn_datetime,
    draw_bold,
    grid,
    p,
    styles,
    title,
)

TITLE = "应急包（人工兜底）"
FOOTER_NOTE = "编号一经使用或作废，不得再用"
TOP = 16 * mm  # room for the running header
BOTTOM = 14 * mm  # room for the footer
TICKET_COLS, TICKET_ROWS = 3, 6
TICKET_HEIGHT = 42 * mm
PER_SHEET = TICKET_COLS * TICKET_ROWS

# section names, printed in the running header
TICKETS = "纸质号票"

INSTRUCTIONS = (
    "本应急包的编号不含日期，任何一天都可使用；启用时在各登记簿页首写明使用日期，次日另起一页。"
    "号票按号码从小到大依次发放，不得跳号；发放时在号票和号票登记簿同号行写明取号时间和业务/事项。",
    "各登记簿每行已预印编号（号码、首问编号、办件编号），一行只登记一人一事；"
    "交给群众的任何纸质材料（回执、告知单、说明等）都必须写上该行编号。",
    "一次性告知单和不予受理通知书的编号已预印，该编号即群众的凭证编号；"
    "材料齐全的出具受理回执并写上办件编号；在受理登记簿结果栏写明告知单或通知书编号。",
    "所有时间按实际发生时间如实填写（精确到分钟）；系统恢复补录时保留原始时间，不以补录时间代替。",
    "手工收费的，开具手工收据，金额和收据号填入受理登记簿结果栏。",
    "一次事件用过的应急包，未使用的号票、登记行和告知单在补录时由值班长统一标记“作废”，不得再用。",
    "系统恢复后，全部号票存根、登记簿、告知单和通知书存根及本应急包交值班长，逐行补录入系统。",
)


@dataclass(frozen=True)
class KitSlip:
    """A blank document pre-filled with one common item: a one-time notification slip or a
    refusal notice (numbered), or an acceptance receipt (``serial`` empty)."""

    serial: str  # the kit's serial, e.g. BZ-500231-K07-0001
    item_code: str
    item_name: str
    department: str
    legal_basis: str  # the item's 设定依据
    promised_days: int  # 0: 即办件
    materials: tuple[MaterialLine, ...]
    correction_basis: str = ""  # the item's own correction rule; blank: the clerk writes it
    shared: tuple[str, ...] = ()  # names of materials obtained by data sharing: no 缺 box
    refusal_basis: str = ""  # refusal notices: the item's refusal rule
    refusal_grounds: tuple[str, ...] = ()  # refusal notices: the grounds to tick
    reconsideration_body: str = ""  # refusal notices: where to seek reconsideration ("": by hand)
    court: str = ""  # refusal notices: the court for a lawsuit ("": by hand)
    promised_unit: str = "工作日"  # 工作日 / 自然日


@dataclass(frozen=True)
class KitData:
    hall_name: str
    hall_phone: str
    complaint_phone: str
    incident_no: str  # e.g. YJ-20261125-01; "" for a kit printed in advance
    declared_at: dt.datetime | None  # local time (aware); None without an incident
    cause: str
    ticket_numbers: tuple[str, ...]  # pre-numbered paper tickets, e.g. ("S07-001", …)
    inquiry_numbers: tuple[str, ...]  # rows of the first-inquiry register
    case_numbers: tuple[str, ...]  # rows of the acceptance register
    slips: tuple[KitSlip, ...]  # one-time notification slips
    printed_by: str = ""  # 张三（3001）
    kit_no: int = 0  # the kit's number (07); 0 for a kit of date-bound numbers
    printed_at: dt.datetime | None = None
    refusals: tuple[KitSlip, ...] = ()  # refusal notices
    receipts: tuple[KitSlip, ...] = ()  # acceptance receipts
    common_items: tuple[tuple[str, int], ...] = ()  # (item, tickets and cases in 30 days)

    @property
    def kit_label(self) -> str:
        """``K07`` (or the incident's number for a kit of date-bound numbers)."""
        return f"K{self.kit_no:02d}" if self.kit_no else self.incident_no


def number_range(numbers: Sequence[str]) -> str:
    """``S101 至 S160`` / ``S101`` / ``—``."""
    if not numbers:
        return "—"
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]} 至 {numbers[-1]}"


# ------------------------------------------------------------------ page furniture


class _Section(Flowable):
    """Takes no room; tells the canvas which section the running header names from here on."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.__dict__["kit_section"] = self.name


def _kit_canvas(font: str, label: str, hall: str) -> type[Canvas]:
    """A canvas writing the running header (but on the cover) and the footer
    ``应急包 K07 / 第 N 页 共 M 页 / 编号一经使用或作废，不得再用`` once the page count is known."""

    class KitCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.kit_section = ""

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # reportlab's page reset

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(len(self._pages))
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            w, h = self._pagesize  # per page: portrait or landscape
            side = A4_MARGIN if w < h else LAND_MARGIN
            self.setFillColor(colors.black)
            self.setStrokeColor(colors.black)
            self.setDash()
            self.setFont(font, 8)
            self.drawString(side, 8 * mm, label)
            self.drawCentredString(w / 2, 8 * mm, f"第 {self.getPageNumber()} 页 共 {total} 页")
            self.drawRightString(w - side, 8 * mm, FOOTER_NOTE)
            if self.kit_section:
                top = h - 10 * mm
                self.setFont(font, 8.5)
                self.drawString(side, top, f"{TITLE} · {self.kit_section}")
                self.drawRightString(w - side, top, f"{hall}　{label}")
                self.setLineWidth(0.5)
                self.line(side, top - 2 * mm, w - side, top - 2 * mm)

    return KitCanvas


def _build(story: list[Flowable], data: KitData, font: str) -> bytes:
    buf = io.BytesIO()

    def template(name: str, size: tuple[float, float], side: float) -> PageTemplate:
        frame = Frame(
            side,
            BOTTOM,
            size[0] - 2 * side,
            size[1] - TOP - BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        return PageTemplate(name, [frame], pagesize=size)

    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        title=f"{TITLE} {data.kit_label}",
        author=data.hall_name,
        creator="hall_app",
        pageTemplates=[
            template("portrait", A4, A4_MARGIN),
            template("landscape", LANDSCAPE, LAND_MARGIN),
        ],
    )
    label = f"应急包 {data.kit_label}" + (
        f"　事件 {data.incident_no}" if data.kit_no and data.incident_no else ""
    )
    doc.build(story, canvasmaker=_kit_canvas(font, label, data.hall_name))
    return buf.getvalue()


def _blank(
    c: Canvas, font: str, size: float, x: float, y: float, right: float, label: str
) -> float:
    """``label`` at (x, y) followed by a writing line up to ``right``; returns the line's start."""
    c.setFont(font, size)
    c.drawString(x, y, label)
    start: float = x + stringWidth(label, font, size) + 1
    c.line(start, y - 1.5, right, y - 1.5)
    return start


# ------------------------------------------------------------------ cover


def _cover(st: Styles, d: KitData) -> list[Flowable]:
    c, cc, width = st.cell, st.cell_center, A4_WIDTH
    label, value = 24 * mm, (A4_WIDTH - 48 * mm) / 2
    kit = p(f"应急包 {d.kit_label}", st.heading)
    printed = cn_datetime(d.printed_at) if d.printed_at else "—"
    if d.incident_no:
        first = [
            [p("应急包编号", c), kit, p("打印时间", c), p(printed, c)],
            [
                p("事件编号", c),
                p(d.incident_no, c),
                p("宣布时间", c),
                p(cn_datetime(d.declared_at) if d.declared_at else "—", c),
            ],
            [p("原因", c), p(d.cause or "—", c), "", ""],
        ]
        spans = [(1, 2, 3, 2)]
    else:
        first = [
            [p("应急包编号", c), kit, p("打印时间", c), p(printed, c)],
            [
                p("用途", c),
                p(
                    "预先打印备用：编号不含日期，任何一天发生故障时均可启用；"
                    "启用时由值班长宣布应急事件并记下本包编号。",
                    c,
                ),
                "",
                "",
            ],
        ]
        spans = [(1, 1, 3, 1)]
    info = grid(
        [
            *first,
            [
                p("打印人", c),
                p(d.printed_by or "—", c),
                p("服务电话", c),
                p(f"咨询 {d.hall_phone or '—'}　投诉 {d.complaint_phone or '—'}", c),
            ],
        ],
        [label, value, label, value],
        header=False,
        label_cols=(0, 2),
        spans=spans,
    )
    steps = [p(f"{i}. {text}", st.body) for i, text in enumerate(INSTRUCTIONS, 1)]
    rows: list[list[Any]] = [[p(h, cc) for h in ("内容", "数量", "编号范围", "用途")]]
    for name, numbers, unit, use in (
        (TICKETS, d.ticket_numbers, "张", "沿虚线剪开，按号发给群众"),
        (TICKET_REGISTER, d.ticket_numbers, "行", "每张号票一行：取号、叫号、办结"),
        (INQUIRY_REGISTER, d.inquiry_numbers, "行", "咨询、引导、转办，一人一行"),
        (CASE_REGISTER, d.case_numbers, "行", "收件办件，一件一行"),
        (SLIP_TITLE, tuple(s.serial for s in d.slips), "张", "材料不齐时勾选所缺材料后交群众"),
        (REFUSAL_TITLE, tuple(s.serial for s in d.refusals), "张", "不予受理时勾选理由后交群众"),
        (RECEIPT_TITLE, tuple("" for _ in d.receipts), "张", "受理后写上办件编号交群众"),
    ):
        if numbers:
            shown = number_range(numbers) if numbers[0] else "写受理登记簿的办件编号"
            rows.append([p(name, c), p(f"{len(numbers)} {unit}", cc), p(shown, c), p(use, c)])
    contents = grid(rows, [40 * mm, 16 * mm, 64 * mm, width - 120 * mm])
    story: list[Flowable] = [
        p(d.hall_name, st.hall),
        title(TITLE, st.font, 24),
        Spacer(1, 3 * mm),
        info,
        p("一、使用说明", st.heading),
        *steps,
        p("二、应急包内容", st.heading),
        contents,
    ]
    if d.common_items:
        item_rows: list[list[Any]] = [
            [p(h, cc) for h in ("事项（近 30 天办理量从高到低）", "近 30 天号票和办件")]
        ]
        item_rows += [[p(name, c), p(str(n), cc)] for name, n in d.common_items]
        story += [
            p("三、常办事项（本包的告知单、通知书和回执按这些事项预印）", st.heading),
            grid(item_rows, [width - 40 * mm, 40 * mm]),
        ]
    hand_back = [
        p(
            "系统恢复后交回：交回人 ____________　接收人（值班长）____________　"
            "交回时间 ____月____日____时____分",
            st.body,
        ),
        Spacer(1, 3 * mm),
        p("□ 未用的号票、登记行和告知单已标记“作废”　　值班长签名 ____________", st.body),
    ]
    return [*story, Spacer(1, 6 * mm), KeepTogether(hand_back)]


# ------------------------------------------------------------------ paper tickets


class _TicketSheet(Flowable):
    """Up to 18 cut-apart paper tickets (3 × 6) with a dashed cutting grid."""

    def __init__(self, numbers: Sequence[str], font: str, hall: str, incident: str) -> None:
        super().__init__()
        self.numbers, self.font, self.hall, self.incident = list(numbers), font, hall, incident

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, TICKET_ROWS * TICKET_HEIGHT
        return self.width, self.height

    def draw(self) -> None:
        c, w, h = self.canv, self.width / TICKET_COLS, TICKET_HEIGHT
        across: set[tuple[int, int]] = set()  # (column, row line): each shared edge once
        down: set[tuple[int, int]] = set()  # (column line, row)
        for i, number in enumerate(self.numbers):
            row, col = divmod(i, TICKET_COLS)
            self._ticket(c, col * w, self.height - (row + 1) * h, w, number)
            across |= {(col, row), (col, row + 1)}
            down |= {(col, row), (col + 1, row)}
        c.saveState()
        c.setDash(4, 3)
        c.setLineWidth(0.6)
        c.setStrokeColor(colors.grey)
        for col, line in sorted(across):
            c.line(col * w, self.height - line * h, (col + 1) * w, self.height - line * h)
        for line, row in sorted(down):
            c.line(line * w, self.height - row * h, line * w, self.height - (row + 1) * h)
        c.restoreState()

    def _ticket(self, c: Canvas, x: float, y: float, w: float, number: str) -> None:
        font, pad, top = self.font, 4 * mm, y + TICKET_HEIGHT
        inner = w - 2 * pad
        c.saveState()
        size = min(9.0, 9 * inner / max(stringWidth(self.hall, font, 9), 1))
        c.setFont(font, size)
        c.drawCentredString(x + w / 2, top - 5 * mm, self.hall)
        big = min(30.0, 30 * inner / max(stringWidth(number, font, 30), 1))
        draw_bold(c, font, big, x + (w - stringWidth(number, font, big)) / 2, top - 17 * mm, number)
        c.setFont(font, 9)
        c.drawCentredString(x + w / 2, top - 22.5 * mm, "应急手工号")
        c.setLineWidth(0.5)
        _blank(c, font, 8.5, x + pad, top - 29 * mm, x + w - pad, "业务/事项：")
        _time_blank(c, font, x + pad, top - 35 * mm)
        c.setFont(font, 6.5)
        c.setFillColor(colors.dimgrey)
        c.drawCentredString(x + w / 2, y + 2.5 * mm, f"{self.incident} · 请保管好本号票，听候叫号")
        c.restoreState()


def _time_blank(c: Canvas, font: str, x: float, y: float) -> None:
    """``取号时间：____时____分``."""
    c.setFont(font, 8.5)
    c.drawString(x, y, "取号时间：")
    x += stringWidth("取号时间：", font, 8.5) + 1
    for unit in ("时", "分"):
        c.line(x, y - 1.5, x + 10 * mm, y - 1.5)
        c.drawString(x + 10 * mm + 1, y, unit)
        x += 10 * mm + stringWidth(unit, font, 8.5) + 3


def _ticket_sheets(d: KitData, font: str) -> list[Flowable]:
    numbers = d.ticket_numbers
    return [
        _TicketSheet(numbers[i : i + PER_SHEET], font, d.hall_name, f"应急包 {d.kit_label}")
        for i in range(0, len(numbers), PER_SHEET)
    ]


# ------------------------------------------------------------------ the kit


def render_kit(data: KitData) -> bytes:
    """The whole kit as one A4 PDF: cover and ticket sheets (portrait), the three registers
    (landscape), then one portrait page per blank document, its stub on the same page."""
    font = register_font()
    st = styles(font)
    d = data
    parts: list[tuple[str, str, list[Flowable]]] = []
    if d.ticket_numbers:
        parts += [
            ("portrait", TICKETS, _ticket_sheets(d, font)),
            ("landscape", TICKET_REGISTER, ticket_register(st, d)),
        ]
    if d.inquiry_numbers:
        parts.append(("landscape", INQUIRY_REGISTER, inquiry_register(st, d)))
    if d.case_numbers:
        parts.append(("landscape", CASE_REGISTER, case_register(st, d)))
    parts += [("portrait", f"{SLIP_TITLE} {s.serial}", notice_slip(st, d, s)) for s in d.slips]
    parts += [
        ("portrait", f"{REFUSAL_TITLE} {s.serial}", refusal_notice(st, d, s)) for s in d.refusals
    ]
    parts += [("portrait", f"{RECEIPT_TITLE} {s.item_name}", receipt(st, d, s)) for s in d.receipts]
    story: list[Flowable] = _cover(st, d)
    for orientation, section, flowables in parts:
        story += [NextPageTemplate(orientation), PageBreak(), _Section(section), *flowables]
    return _build(story, d, font)
