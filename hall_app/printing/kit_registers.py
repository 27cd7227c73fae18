"""The kit's three registers (号票 / 首问 / 受理), all on A4 landscape pages: one pre-numbered
row per paper number, written by hand. Every label is at least ``LABEL_SIZE`` points and
the ID column gives each of the 18 handwritten digits its own ``ID_DIGIT`` wide box."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from hall_app.printing.layout import GRID, SHADE, Styles, cn_datetime, p, title

if TYPE_CHECKING:
    from hall_app.printing.kit import KitData

LANDSCAPE = landscape(A4)
LAND_MARGIN = 10 * mm
LAND_WIDTH = LANDSCAPE[0] - 2 * LAND_MARGIN
LABEL_SIZE = 7.5  # the smallest text on a register (headers, prompts), points
NUMBER_SIZE = 9.0  # the pre-printed row numbers
ID_DIGITS = 18
ID_DIGIT = 4.6 * mm  # one handwritten digit's box
ID_PAD = 1.5 * mm
ID_COLUMN = ID_DIGITS * ID_DIGIT + 2 * ID_PAD

TICKET_REGISTER = "号票登记簿"
INQUIRY_REGISTER = "首问登记簿"
CASE_REGISTER = "受理登记簿"
CASE_RESULT = "□待补录　□一次性告知<br/>□不予受理　□手工收费"


class IdBoxes(Flowable):
    """18 boxes, one per digit of an ID number, for a hand to fill in."""

    def __init__(self, height: float = 6 * mm) -> None:
        super().__init__()
        self.box_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return ID_DIGITS * ID_DIGIT, self.box_height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineWidth(0.4)
        c.setStrokeColor(colors.grey)
        c.rect(0, 0, ID_DIGITS * ID_DIGIT, self.box_height)
        for i in range(1, ID_DIGITS):
            top = self.box_height if i % 6 == 0 else self.box_height * 0.45  # 6-8-4 groups
            if i in (6, 14):
                top = self.box_height
            c.line(i * ID_DIGIT, 0, i * ID_DIGIT, top)
        c.restoreState()


def _split(number: str) -> tuple[str, str]:
    """``SL-500231-K07-0001`` → (``SL-500231-``, ``K07-0001``); a ticket stays whole."""
    head, sep, tail = number.rpartition("-K")
    return (head + "-", "K" + tail) if sep else ("", number)


def number_width(numbers: Sequence[str], font: str, size: float, minimum: float) -> float:
    """A serial's row number takes two lines (prefix small, kit part large)."""
    widest = max(
        (
            max(stringWidth(a, font, LABEL_SIZE), stringWidth(b, font, size))
            for a, b in map(_split, numbers)
        ),
        default=0,
    )
    return max(minimum, widest + 7)


def _register(
    st: Styles,
    columns: Sequence[tuple[str, float]],
    numbers: Sequence[str],
    row_height: float,
    prompts: dict[int, str] | None = None,
    ids: int | None = None,
) -> Table:
    """One pre-numbered row per number; ``prompts`` prints small grey options in a column,
    ``ids`` is the column of ID boxes. The header row is repeated on every page."""
    prompts = prompts or {}
    head = ParagraphStyle(
        "register_head",
        fontName=st.font,
        fontSize=LABEL_SIZE + 0.5,
        leading=LABEL_SIZE + 3,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    prompt = ParagraphStyle(
        "register_prompt",
        fontName=st.font,
        fontSize=LABEL_SIZE,
        leading=LABEL_SIZE + 2.5,
        textColor=colors.dimgrey,
        wordWrap="CJK",
    )
    rows: list[list[Any]] = [[p(name, head) for name, _ in columns]]
    lead = ParagraphStyle(
        "register_number",
        fontName=st.font,
        fontSize=NUMBER_SIZE,
        leading=NUMBER_SIZE + 2,
        alignment=TA_CENTER,
    )
    for number in numbers:
        prefix, tail = _split(number)
        row: list[Any] = [
            Paragraph(f'<font size="{LABEL_SIZE}">{prefix}</font><br/>{tail}', lead)
            if prefix
            else number
        ]
        for col in range(1, len(columns)):
            row.append(
                IdBoxes(min(6 * mm, row_height - 2 * mm))
                if col == ids
                else Paragraph(prompts[col], prompt)
                if col in prompts
                else ""
            )
        rows.append(row)
    table = Table(
        rows,
        colWidths=[w for _, w in columns],
        rowHeights=[None] + [row_height] * len(numbers),
        repeatRows=1,
    )
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("FONT", (0, 1), (0, -1), st.font, NUMBER_SIZE),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ]
    for col in prompts:
        commands.append(("VALIGN", (col, 1), (col, -1), "TOP"))
    if ids is not None:
        commands += [
            ("LEFTPADDING", (ids, 1), (ids, -1), ID_PAD),
            ("RIGHTPADDING", (ids, 1), (ids, -1), ID_PAD),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _head(st: Styles, name: str, d: KitData, note: str) -> list[Flowable]:
    small = ParagraphStyle("register_note", parent=st.small, fontSize=8.5, leading=11)
    where = (
        f"事件编号：{d.incident_no}　宣布时间：{cn_datetime(d.declared_at)}　"
        if d.incident_no and d.declared_at
        else ""
    )
    return [
        title(name, st.font, 15),
        p(f"应急包 {d.kit_label}　{where}使用日期：____年____月____日　{note}", small),
        Spacer(1, 1.5 * mm),
    ]


def ticket_register(st: Styles, d: KitData) -> list[Flowable]:
    first = number_width(d.ticket_numbers, st.font, NUMBER_SIZE, 20 * mm)
    columns = [
        ("号码", first),
        ("取号时间", 22 * mm),
        ("业务类别/事项", 0.0),
        ("窗口", 16 * mm),
        ("叫号时间", 22 * mm),
        ("办结时间", 22 * mm),
        ("经办人", 24 * mm),
        ("备注（过号、未用写明）", 50 * mm),
    ]
    columns[2] = ("业务类别/事项", LAND_WIDTH - sum(w for _, w in columns))
    return [
        *_head(st, TICKET_REGISTER, d, "一张号票一行，时间写到分钟。"),
        _register(st, columns, d.ticket_numbers, 8 * mm),
    ]


def inquiry_register(st: Styles, d: KitData) -> list[Flowable]:
    first = number_width(d.inquiry_numbers, st.font, NUMBER_SIZE, 20 * mm)
    columns = [
        ("编号", first),
        ("时间", 16 * mm),
        ("来访人", 24 * mm),
        ("联系电话", 34 * mm),
        ("咨询事项", 0.0),
        ("处理结果（答复/引导/转办）", 66 * mm),
        ("首问人", 24 * mm),
    ]
    columns[4] = ("咨询事项", LAND_WIDTH - sum(w for _, w in columns))
    note = "答复的写要点，引导的写去向，转办的写部门和联系人。"
    return [
        *_head(st, INQUIRY_REGISTER, d, note),
        _register(st, columns, d.inquiry_numbers, 10 * mm, {5: "□答复　□引导　□转办"}),
    ]


def case_register(st: Styles, d: KitData) -> list[Flowable]:
    first = number_width(d.case_numbers, st.font, NUMBER_SIZE, 20 * mm)
    columns = [
        ("办件编号", first),
        ("时间", 12 * mm),
        ("窗口/经办人", 16 * mm),
        ("申请人姓名", 17 * mm),
        ("证件号码（一格一位）", ID_COLUMN),
        ("联系电话", 25 * mm),
        ("事项", 0.0),
        ("已收材料", 24 * mm),
        ("结果（告知单/通知书编号、金额·收据号）", 38 * mm),
        ("申请人签字", 14 * mm),
    ]
    columns[6] = ("事项", LAND_WIDTH - sum(w for _, w in columns))
    note = "办件编号写在交给申请人的回执上；不齐的写告知单编号，不予受理的写通知书编号。"
    return [
        *_head(st, CASE_REGISTER, d, note),
        _register(st, columns, d.case_numbers, 12 * mm, {8: CASE_RESULT}, ids=4),
    ]
