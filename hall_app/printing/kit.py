"""应急包（人工兜底）: the A4 kit a supervisor prints when the hall falls back to paper.

Cover with instructions, cut-apart paper tickets, the three registers (号票 / 首问 / 受理)
and blank one-time notification slips. Every number on paper was reserved in the database
beforehand, so nothing written by hand can clash with a number the system hands out.
The two wide registers are printed on landscape pages, everything else portrait.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate, NextPageTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from hall_app.printing.blocks import header
from hall_app.printing.documents import MaterialLine
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_MARGIN,
    A4_WIDTH,
    GRID,
    SHADE,
    AtBottom,
    Box,
    Styles,
    cn_datetime,
    cut_line,
    draw_bold,
    grid,
    p,
    plain,
    styles,
    title,
)

TITLE = "应急包（人工兜底）"
SLIP_TITLE = "一次性告知单（应急）"
FOOTER_NOTE = "应急包 仅限本次事件使用"
BLANK_BASIS = "______________________________（经办人按本事项的补正规定填写）"

LANDSCAPE = landscape(A4)
LAND_MARGIN = 10 * mm
LAND_WIDTH = LANDSCAPE[0] - 2 * LAND_MARGIN
TOP = 16 * mm  # room for the running header
BOTTOM = 14 * mm  # room for the footer
TICKET_COLS, TICKET_ROWS = 3, 6
TICKET_HEIGHT = 42 * mm
PER_SHEET = TICKET_COLS * TICKET_ROWS

# section names, printed in the running header
TICKETS = "纸质号票"
TICKET_REGISTER = "号票登记簿"
INQUIRY_REGISTER = "首问登记簿"
CASE_REGISTER = "受理登记簿"

INSTRUCTIONS = (
    "纸质号票按号码从小到大依次发放，不得跳号；发放时在号票和号票登记簿同号行写明取号时间和业务/事项。",
    "各登记簿每行已预印编号（号码、首问编号、办件编号），一行只登记一人一事；"
    "交给群众的任何纸质材料（收据、告知单、说明等）都必须写上该行编号。",
    "一次性告知单的编号已预印，该编号即群众的凭证编号；在告知单上勾选所缺材料，"
    "并在受理登记簿结果栏写明告知单编号。",
    "所有时间按实际发生时间如实填写（精确到分钟）；系统恢复补录时保留原始时间，不以补录时间代替。",
    "手工收费的，开具手工收据，金额和收据号填入受理登记簿结果栏。",
    "未使用的号票、登记行和告知单不得另作他用、不得挪到其他事件，补录时由值班长统一标记“作废”。",
    "系统恢复后，全部号票存根、登记簿、告知单存根及本应急包交值班长，逐行补录入系统。",
)


@dataclass(frozen=True)
class KitSlip:
    """A blank one-time notification slip pre-filled with one common item's material list."""

    serial: str  # reserved notice serial, e.g. BZ-130534-20261125-0101
    item_code: str
    item_name: str
    department: str
    legal_basis: str  # the item's 设定依据
    promised_days: int
    materials: tuple[MaterialLine, ...]
    correction_basis: str = ""  # the item's own correction rule; blank: the clerk writes it


@dataclass(frozen=True)
class KitData:
    hall_name: str
    hall_phone: str
    complaint_phone: str
    incident_no: str  # e.g. YJ-20261125-01
    declared_at: dt.datetime  # local time (aware)
    cause: str
    ticket_numbers: tuple[str, ...]  # pre-numbered paper tickets, e.g. ("S101", ..., "S160")
    inquiry_numbers: tuple[str, ...]  # rows of the first-inquiry register
    case_numbers: tuple[str, ...]  # rows of the acceptance register
    slips: tuple[KitSlip, ...]
    printed_by: str = ""  # 张三（3001）


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
        vars(self.canv)["kit_section"] = self.name


def _kit_canvas(font: str, incident: str, hall: str) -> type[Canvas]:
    """A canvas writing the running header (but on the cover) and the footer
    ``事件编号 / 第 N 页 共 M 页 / 应急包 仅限本次事件使用`` once the page count is known."""

    class KitCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.kit_section = ""

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's page reset

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(len(self._pages))
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            w, h = self._pagesize  # type: ignore[attr-defined]  # per page: portrait or landscape
            side = A4_MARGIN if w < h else LAND_MARGIN
            self.setFillColor(colors.black)
            self.setStrokeColor(colors.black)
            self.setDash()
            self.setFont(font, 8)
            self.drawString(side, 8 * mm, f"事件编号：{incident}")
            self.drawCentredString(w / 2, 8 * mm, f"第 {self.getPageNumber()} 页 共 {total} 页")
            self.drawRightString(w - side, 8 * mm, FOOTER_NOTE)
            if self.kit_section:
                top = h - 10 * mm
                self.setFont(font, 8.5)
                self.drawString(side, top, f"{TITLE} · {self.kit_section}")
                self.drawRightString(w - side, top, f"{hall}　{incident}")
                self.setLineWidth(0.5)
                self.line(side, top - 2 * mm, w - side, top - 2 * mm)

    return KitCanvas


def _build(story: list[Flowable], data: KitData, font: str) -> bytes:
    buf = io.BytesIO()

    def template(name: str, size: tuple[float, float], side: float) -> PageTemplate:
        frame = Frame(side, BOTTOM, size[0] - 2 * side, size[1] - TOP - BOTTOM, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        return PageTemplate(name, [frame], pagesize=size)

    doc = BaseDocTemplate(buf, pagesize=A4, title=f"{TITLE} {data.incident_no}",
                          author=data.hall_name, creator="hall_app", pageTemplates=[
                              template("portrait", A4, A4_MARGIN),
                              template("landscape", LANDSCAPE, LAND_MARGIN)])
    doc.build(story, canvasmaker=_kit_canvas(font, data.incident_no, data.hall_name))
    return buf.getvalue()


def _blank(c: Canvas, font: str, size: float, x: float, y: float, right: float,
           label: str) -> float:
    """``label`` at (x, y) followed by a writing line up to ``right``; returns the line's start."""
    c.setFont(font, size)
    c.drawString(x, y, label)
    start = x + stringWidth(label, font, size) + 1
    c.line(start, y - 1.5, right, y - 1.5)
    return start


# ------------------------------------------------------------------ cover


def _cover(st: Styles, d: KitData) -> list[Flowable]:
    c, cc, width = st.cell, st.cell_center, A4_WIDTH
    label, value = 24 * mm, (A4_WIDTH - 48 * mm) / 2
    info = grid([
        [p("事件编号", c), p(d.incident_no, st.heading), p("宣布时间", c),
         p(cn_datetime(d.declared_at), c)],
        [p("原因", c), p(d.cause or "—", c), "", ""],
        [p("打印人", c), p(d.printed_by or "—", c), p("服务电话", c),
         p(f"咨询 {d.hall_phone or '—'}　投诉 {d.complaint_phone or '—'}", c)],
    ], [label, value, label, value], header=False, label_cols=(0, 2), spans=[(1, 1, 3, 1)])
    steps = [p(f"{i}. {text}", st.body) for i, text in enumerate(INSTRUCTIONS, 1)]
    rows: list[list[Any]] = [[p(h, cc) for h in ("内容", "数量", "编号范围", "用途")]]
    for name, numbers, unit, use in (
        (TICKETS, d.ticket_numbers, "张", "沿虚线剪开，按号发给群众"),
        (TICKET_REGISTER, d.ticket_numbers, "行", "每张号票一行：取号、叫号、办结"),
        (INQUIRY_REGISTER, d.inquiry_numbers, "行", "咨询、引导、转办，一人一行"),
        (CASE_REGISTER, d.case_numbers, "行", "收件办件，一件一行（横向页）"),
        (SLIP_TITLE, tuple(s.serial for s in d.slips), "张", "材料不齐时勾选所缺材料后交群众"),
    ):
        rows.append([p(name, c), p(f"{len(numbers)} {unit}", cc), p(number_range(numbers), c),
                     p(use, c)])
    contents = grid(rows, [40 * mm, 18 * mm, 62 * mm, width - 120 * mm])
    story: list[Flowable] = [
        p(d.hall_name, st.hall), title(TITLE, st.font, 24), Spacer(1, 3 * mm), info,
        p("一、使用说明", st.heading), *steps,
        p("二、应急包内容", st.heading), contents,
    ]
    if d.slips:
        slip_rows: list[list[Any]] = [[p(h, cc) for h in ("告知单编号", "事项", "承办部门")]]
        slip_rows += [[p(s.serial, c), p(f"{s.item_name}（{s.item_code}）", c),
                       p(s.department or "—", c)] for s in d.slips]
        story += [p("三、告知单事项", st.heading),
                  grid(slip_rows, [50 * mm, width - 100 * mm, 50 * mm])]
    hand_back = [p("系统恢复后交回：交回人 ____________　接收人（值班长）____________　"
                   "交回时间 ____月____日____时____分", st.body), Spacer(1, 3 * mm),
                 p("□ 未用的号票、登记行和告知单已标记“作废”　　值班长签名 ____________", st.body)]
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
        draw_bold(c, font, big, x + (w - stringWidth(number, font, big)) / 2, top - 17 * mm,
                  number)
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
    return [_TicketSheet(numbers[i:i + PER_SHEET], font, d.hall_name, d.incident_no)
            for i in range(0, len(numbers), PER_SHEET)]


# ------------------------------------------------------------------ registers


def _number_width(numbers: Sequence[str], font: str, size: float, minimum: float) -> float:
    widest = max((stringWidth(n, font, size) for n in numbers), default=0)
    return max(minimum, widest + 10)


def _register(st: Styles, columns: Sequence[tuple[str, float]], numbers: Sequence[str],
              row_height: float, prompts: dict[int, str] | None = None) -> Table:
    """One pre-numbered row per number; ``prompts`` prints small grey options in a column.
    The header row is repeated on every page."""
    prompts = prompts or {}
    head = ParagraphStyle("register_head", parent=st.small, alignment=TA_CENTER)
    rows: list[list[Any]] = [[p(name, head) for name, _ in columns]]
    for number in numbers:
        rows.append([number, *(prompts.get(col, "") for col in range(1, len(columns)))])
    table = Table(rows, colWidths=[w for _, w in columns],
                  rowHeights=[None] + [row_height] * len(numbers), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("FONT", (0, 1), (0, -1), st.font, 9), ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ]
    for col in prompts:
        commands += [("FONT", (col, 1), (col, -1), st.font, 7, 9),
                     ("TEXTCOLOR", (col, 1), (col, -1), colors.dimgrey),
                     ("VALIGN", (col, 1), (col, -1), "TOP")]
    table.setStyle(TableStyle(commands))
    return table


def _register_head(st: Styles, name: str, d: KitData, note: str) -> list[Flowable]:
    return [title(name, st.font, 16),
            p(f"事件编号：{d.incident_no}　宣布时间：{cn_datetime(d.declared_at)}　{note}", st.small),
            Spacer(1, 2 * mm)]


def _ticket_register(st: Styles, d: KitData) -> list[Flowable]:
    first = _number_width(d.ticket_numbers, st.font, 9, 16 * mm)
    columns = [("号码", first), ("取号时间", 18 * mm), ("业务类别/事项", 0.0), ("窗口", 13 * mm),
               ("叫号时间", 18 * mm), ("办结时间", 18 * mm), ("备注", 30 * mm)]
    columns[2] = ("业务类别/事项", A4_WIDTH - sum(w for _, w in columns))
    return [*_register_head(st, TICKET_REGISTER, d, "一张号票一行，时间写到分钟；过号、未用的在备注栏注明。"),
            _register(st, columns, d.ticket_numbers, 8 * mm)]


def _inquiry_register(st: Styles, d: KitData) -> list[Flowable]:
    first = _number_width(d.inquiry_numbers, st.font, 9, 18 * mm)
    columns = [("编号", first), ("时间", 16 * mm), ("来访人", 24 * mm), ("联系电话", 30 * mm),
               ("咨询事项", 0.0), ("处理结果（答复/引导/转办）", 66 * mm), ("首问人", 24 * mm)]
    columns[4] = ("咨询事项", LAND_WIDTH - sum(w for _, w in columns))
    note = "首问负责：答复的写要点，引导的写去向，转办的写转办部门和联系人；来访人留下联系电话以便回复。"
    return [*_register_head(st, INQUIRY_REGISTER, d, note),
            _register(st, columns, d.inquiry_numbers, 10 * mm, {5: "□答复　□引导　□转办"})]


CASE_RESULT = "□待补录　□一次性告知　□不予受理　□手工收费"


def _case_register(st: Styles, d: KitData) -> list[Flowable]:
    first = _number_width(d.case_numbers, st.font, 9, 18 * mm)
    columns = [("办件编号", first), ("时间", 12 * mm), ("窗口", 9 * mm), ("经办人", 14 * mm),
               ("申请人姓名", 18 * mm), ("证件号码", 37 * mm), ("联系电话", 25 * mm),
               ("事项", 0.0), ("已收材料", 28 * mm),
               ("结果（待补录/一次性告知/不予受理/手工收费 金额·收据号）", 56 * mm),
               ("申请人签字", 18 * mm)]
    columns[7] = ("事项", LAND_WIDTH - sum(w for _, w in columns))
    note = ("办件编号须写在交给申请人的材料上；齐全的勾“待补录”，不齐的勾“一次性告知”并写告知单编号，"
            "收费的写金额和收据号。")
    return [*_register_head(st, CASE_REGISTER, d, note),
            _register(st, columns, d.case_numbers, 12.5 * mm, {9: CASE_RESULT})]


# ------------------------------------------------------------------ notification slips






def _slip_materials(st: Styles, width: float, lines: Sequence[MaterialLine]) -> Table:
    c, cc = st.cell, st.cell_center
    rows: list[list[Any]] = [[p(h, cc) for h in ("缺", "序号", "材料名称", "形式", "份数",
                                                 "标准 / 要求")]]
    rows += [["□", p(str(i), cc), p(m.name, c), p(m.form or "—", cc),
              p(str(m.copies) if m.copies else "—", cc), p(m.standard or "—", c)]
             for i, m in enumerate(lines, 1)]
    if not lines:
        rows.append(["□", p("—", cc), p("（本事项无固定材料清单，请在下方写明）", c), "", "", ""])
    table = grid(rows, [9 * mm, 10 * mm, 62 * mm, 24 * mm, 12 * mm, width - 117 * mm])
    table.setStyle(TableStyle([("FONT", (0, 1), (0, -1), st.font, 16),
                               ("ALIGN", (0, 1), (0, -1), "CENTER")]))
    return table


def _slip(st: Styles, d: KitData, s: KitSlip) -> list[Flowable]:
    c, width = st.cell, A4_WIDTH
    label, value = 24 * mm, (width - 48 * mm) / 2
    info = grid([
        [p("申请事项", c), p(f"{s.item_name}（事项编码：{s.item_code or '—'}）", c), "", ""],
        [p("承办部门", c), p(s.department or "—", c), p("承诺时限", c),
         p(f"{s.promised_days} 个工作日（自受理次日起算）", c)],
        [p("设定依据", c), p(s.legal_basis or "—", c), "", ""],
        [p("申请人", c), "", p("证件号码", c), ""],
        [p("联系电话", c), "", p("经办人/窗口", c), ""],
    ], [label, value, label, value], header=False, label_cols=(0, 2),
        spans=[(1, 0, 3, 0), (1, 2, 3, 2)])
    info.setStyle(TableStyle([("BOTTOMPADDING", (0, 3), (-1, 4), 7),
                              ("TOPPADDING", (0, 3), (-1, 4), 6)]))
    legal = (f"依据{s.correction_basis or BLANK_BASIS}，您提交的申请材料不齐全或者不符合法定形式，需补正的材料已在上表“缺”栏"
             "打“✓”，具体问题写在补正说明中。本告知单一次性告知全部需补正内容，未列明的材料不会要求"
             "您再次补正。")
    serial_note = (f"本告知单编号 {s.serial} 即为您的凭证编号。因系统故障，本单为手工出具，"
                   "系统恢复后将按此编号补录；补正材料或查询时请出示本告知单。")
    lines = Box(28 * mm, lambda cv, w, h: _writing_lines(cv, w, h, 4))
    sign = plain([[p("经办人签名：______________", c), p("日期：______年____月____日", c),
                   p("申请人签名：______________", c)]], [width / 3] * 3)
    contacts = p(f"咨询电话：{d.hall_phone or '—'}　投诉电话：{d.complaint_phone or '—'}", st.small)
    gap = Spacer(1, 3 * mm)
    stub = plain([[cut_line(st.font, "- - -  沿此线剪下，存根交值班长补录  - - -")],
                  [plain([[p("存根（窗口留存）", st.heading), p(f"编号：{s.serial}", st.right)]],
                         [width * 0.4, width * 0.6])],
                  [p(f"事项：{s.item_name}（{s.item_code or '—'}）　应急事件：{d.incident_no}", c)],
                  [gap], [p("申请人：______________　证件号码：________________________　"
                            "联系电话：________________", c)],
                  [gap], [p("所缺材料序号：______________________　经办人/窗口：______________　"
                            "申请人签名：______________", c)], [Spacer(1, 2 * mm)]], [width])
    return [*header(st, width, hall=d.hall_name, heading=SLIP_TITLE, serial=s.serial,
                    qr=s.serial, reprint=False, copy_label=f"应急事件 {d.incident_no}"),
            Spacer(1, 2 * mm), info,
            p(f"需提交的材料（共 {len(s.materials)} 项，所缺的在“缺”栏打“✓”）", st.heading),
            _slip_materials(st, width, s.materials),
            p("补正说明（所缺材料的具体问题、获取途径）：", st.heading), lines, Spacer(1, 2 * mm),
            p(legal, st.body), p(serial_note, st.warning), Spacer(1, 4 * mm),
            KeepTogether([sign, Spacer(1, 2 * mm), contacts]), AtBottom(stub)]


def _writing_lines(c: Canvas, width: float, height: float, count: int) -> None:
    c.saveState()
    c.setLineWidth(0.4)
    c.setStrokeColor(colors.grey)
    step = height / count
    for i in range(count):
        c.line(0, height - (i + 1) * step + 1, width, height - (i + 1) * step + 1)
    c.restoreState()


# ------------------------------------------------------------------ the kit


def render_kit(data: KitData) -> bytes:
    """The whole kit as one A4 PDF: cover, ticket sheets, ticket register (portrait),
    first-inquiry and acceptance registers (landscape), then one page per slip."""
    font = register_font()
    st = styles(font)
    d = data
    parts: list[tuple[str, str, list[Flowable]]] = []
    if d.ticket_numbers:
        parts += [("portrait", TICKETS, _ticket_sheets(d, font)),
                  ("portrait", TICKET_REGISTER, _ticket_register(st, d))]
    if d.inquiry_numbers:
        parts.append(("landscape", INQUIRY_REGISTER, _inquiry_register(st, d)))
    if d.case_numbers:
        parts.append(("landscape", CASE_REGISTER, _case_register(st, d)))
    parts += [("portrait", f"{SLIP_TITLE} {s.serial}", _slip(st, d, s)) for s in d.slips]
    story: list[Flowable] = _cover(st, d)
    for orientation, section, flowables in parts:
        story += [NextPageTemplate(orientation), PageBreak(), _Section(section), *flowables]
    return _build(story, d, font)
