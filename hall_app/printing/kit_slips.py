"""The kit's blank documents for the common items, one A4 portrait page each with its stub
on the same page: the one-time notification slip (一次性告知单, numbered), the refusal notice
(不予受理通知书, numbered) and the acceptance receipt (受理回执, carrying the register's case
number written by hand). Materials obtained through data sharing (共享免提交) are never
demanded, so they have no 缺 (or 收) box.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from hall_app.printing.kit_registers import IdBoxes
from hall_app.printing.layout import (
    A4_WIDTH,
    AtBottom,
    Box,
    Styles,
    cut_line,
    grid,
    p,
    plain,
    qr_code,
    title,
)
from hall_app.printing.receipt import limit_text

if TYPE_CHECKING:
    from hall_app.printing.kit import KitData, KitSlip

SLIP_TITLE = "一次性告知单（应急）"
REFUSAL_TITLE = "不予受理通知书（应急）"
RECEIPT_TITLE = "受理回执（应急）"
BLANK_BASIS = "______________________________（经办人按本事项的补正规定填写）"
SHARED = "共享获取，无需提交"
RECEIVED_AT = "______年____月____日____时____分"
BLANK_BODY = "________________"
BLANK_COURT = "________________人民法院"


def remedies(s: KitSlip) -> str:
    """Reconsideration (60 days) and lawsuit (six months), naming the body and the court the
    catalog and the hall give; blanks to write by hand only when the kit does not know them."""
    return (
        f"如不服本决定，可以自收到本通知书之日起六十日内向{s.reconsideration_body or BLANK_BODY}"
        f"申请行政复议，或者自收到本通知书之日起六个月内向{s.court or BLANK_COURT}提起行政诉讼。"
    )


def _tight(st: Styles) -> tuple[ParagraphStyle, ParagraphStyle]:
    cell = ParagraphStyle("kit_cell", parent=st.cell, fontSize=9, leading=11.5)
    center = ParagraphStyle("kit_center", parent=st.cell_center, fontSize=9, leading=11.5)
    return cell, center


def _head(
    st: Styles, d: KitData, heading: str, serial: str, serial_label: str, qr: bool = True
) -> list[Flowable]:
    top = plain(
        [
            [
                p(
                    f"应急包 {d.kit_label}"
                    + (f"　应急事件 {d.incident_no}" if d.incident_no else ""),
                    st.small,
                ),
                p(f"{serial_label}：{serial}", st.right),
            ]
        ],
        [A4_WIDTH * 0.45, A4_WIDTH * 0.55],
    )
    code: Any = qr_code(serial, 18 * mm) if qr else ""
    middle = [p(d.hall_name, st.hall), title(heading, st.font, 17)]
    row = plain([["", middle, code]], [20 * mm, A4_WIDTH - 40 * mm, 20 * mm])
    return [top, row]


def _applicant(
    st: Styles, s: KitSlip, extra: Sequence[tuple[str, str]] = (), promise: bool = True
) -> Table:
    c, _ = _tight(st)
    label, value = 22 * mm, (A4_WIDTH - 44 * mm) / 2
    rows: list[list[Any]] = [
        [p("申请事项", c), p(f"{s.item_name}（事项编码：{s.item_code or '—'}）", c), "", ""],
        [
            p("承办部门", c),
            p(s.department or "—", c),
            p("承诺时限", c),
            p(limit_text(s.promised_days, s.promised_unit), c),  # 0: 即时办结
        ]
        if promise
        else [p("承办部门", c), p(s.department or "—", c), "", ""],
    ]
    rows += [[p(k, c), p(v, c), "", ""] for k, v in extra]
    rows += [
        [p("申请人", c), "", p("联系电话", c), ""],
        [p("证件号码", c), IdBoxes(6 * mm), "", ""],
    ]
    n = len(rows)
    spans = [(1, 0, 3, 0), *((1, i, 3, i) for i in range(2, n - 2)), (1, n - 1, 3, n - 1)]
    spans += [] if promise else [(1, 1, 3, 1)]
    table = grid(rows, [label, value, label, value], header=False, label_cols=(0, 2), spans=spans)
    table.setStyle(
        TableStyle(
            [("TOPPADDING", (0, n - 2), (-1, -1), 5), ("BOTTOMPADDING", (0, n - 2), (-1, -1), 5)]
        )
    )
    return table


def _materials(st: Styles, s: KitSlip, box: str) -> Table:
    """The item's materials with a 缺/收 box each; shared ones have none."""
    c, cc = _tight(st)
    width = A4_WIDTH
    rows: list[list[Any]] = [
        [p(h, cc) for h in (box, "序号", "材料名称", "形式", "份数", "标准 / 要求")]
    ]
    for i, m in enumerate(s.materials, 1):
        shared = m.name in s.shared
        rows.append(
            [
                "—" if shared else "□",
                p(str(i), cc),
                p(m.name, c),
                p(m.form or "—", cc),
                p(str(m.copies) if m.copies else "—", cc),
                p(SHARED if shared else (m.standard or "—"), c),
            ]
        )
    if not s.materials:
        rows.append(["□", p("—", cc), p("（本事项无固定材料清单，请在下方写明）", c), "", "", ""])
    table = grid(rows, [9 * mm, 9 * mm, 64 * mm, 24 * mm, 11 * mm, width - 117 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (0, -1), st.font, 15),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _lines(count: int, step: float = 7 * mm) -> Box:
    def paint(c: Canvas, width: float, height: float) -> None:
        c.saveState()
        c.setLineWidth(0.4)
        c.setStrokeColor(colors.grey)
        for i in range(count):
            c.line(0, height - (i + 1) * step, width, height - (i + 1) * step)
        c.restoreState()

    return Box(count * step + 2 * mm, paint)


def _stub(
    st: Styles, d: KitData, s: KitSlip, heading: str, number: str, rows: Sequence[str]
) -> Flowable:
    c, _ = _tight(st)
    width, gap = A4_WIDTH, Spacer(1, 2.5 * mm)
    lines: list[list[Any]] = [
        [cut_line(st.font, "- - -  沿此线剪下，存根交值班长补录  - - -")],
        [plain([[p(heading, st.heading), p(number, st.right)]], [width * 0.4, width * 0.6])],
        [
            p(
                f"事项：{s.item_name}（{s.item_code or '—'}）　应急包 {d.kit_label}"
                + (f"　应急事件 {d.incident_no}" if d.incident_no else ""),
                c,
            )
        ],
    ]
    for row in rows:
        lines += [[gap], [p(row, c)]]
    return AtBottom(plain([*lines, [Spacer(1, 1 * mm)]], [width]))


def _sign(st: Styles, d: KitData, seal: str = "") -> Flowable:
    """Signatures, the service phones and (for decisions and receipts) where the seal goes."""
    c, _ = _tight(st)
    sign = plain(
        [
            [
                p("经办人签名：____________", c),
                p("日期：______年____月____日", c),
                p("申请人签名：____________", c),
            ]
        ],
        [A4_WIDTH / 3] * 3,
    )
    contacts = p(f"咨询电话：{d.hall_phone or '—'}　投诉电话：{d.complaint_phone or '—'}", st.small)
    stamp = [Spacer(1, 3 * mm), p(f"{seal}（盖章）", st.right), Spacer(1, 8 * mm)] if seal else []
    return KeepTogether([*stamp, sign, Spacer(1, 1.5 * mm), contacts])


def notice_slip(st: Styles, d: KitData, s: KitSlip) -> list[Flowable]:
    legal = (
        f"依据{s.correction_basis or BLANK_BASIS}，您提交的申请材料不齐全或者不符合法定形式，"
        "需补正的材料已在上表“缺”栏打“✓”，具体问题写在补正说明中。本告知单一次性告知全部需补正"
        "内容，未列明的材料不会要求您再次补正。"
    )
    note = (
        f"本告知单编号 {s.serial} 即为您的凭证编号。因系统故障，本单为手工出具，"
        "系统恢复后将按此编号补录；补正材料或查询时请出示本告知单。"
    )
    stub = _stub(
        st,
        d,
        s,
        "存根（窗口留存）",
        f"编号：{s.serial}",
        [
            "申请人：______________　证件号码：______________________________　联系电话：______________",
            "所缺材料序号：____________________　经办人/窗口：______________　申请人签名：____________",
        ],
    )
    return [
        *_head(st, d, SLIP_TITLE, s.serial, "编号"),
        Spacer(1, 1.5 * mm),
        _applicant(st, s, [("材料接收时间", RECEIVED_AT)]),  # starts the 5-day clock
        p(
            f"需提交的材料（共 {len(s.materials)} 项，所缺的在“缺”栏打“✓”；“—”为共享获取，无需提交）",
            st.heading,
        ),
        _materials(st, s, "缺"),
        p("补正说明（所缺材料的具体问题、获取途径）：", st.heading),
        _lines(3),
        p(legal, _tight(st)[0]),
        p(note, st.warning),
        Spacer(1, 2 * mm),
        _sign(st, d, s.department or d.hall_name),
        stub,
    ]


def refusal_notice(st: Styles, d: KitData, s: KitSlip) -> list[Flowable]:
    c, _ = _tight(st)
    grounds = [p(f"□ {g}", st.body) for g in s.refusal_grounds]
    grounds.append(p("□ 其他：________________________________________________", st.body))
    basis = s.refusal_basis or "________________________________（经办人按本事项的法律规定填写）"
    stub = _stub(
        st,
        d,
        s,
        "存根（窗口留存）",
        f"编号：{s.serial}",
        [
            "申请人：______________　证件号码：______________________________　联系电话：______________",
            "不予受理理由（勾选项/其他）：______________________　经办人/窗口：______________　"
            "申请人签名：____________",
        ],
    )
    return [
        *_head(st, d, REFUSAL_TITLE, s.serial, "编号"),
        Spacer(1, 1.5 * mm),
        _applicant(st, s, [("申请日期", "______年____月____日")], promise=False),
        p(
            "经审查，您提出的上述申请，因下列原因，本机关决定不予受理（在对应项打“✓”）：",
            st.heading,
        ),
        *grounds,
        p("有关说明（应向哪个机关申请等）：", st.heading),
        _lines(2),
        p(f"依据：{basis}", c),
        p(remedies(s), c),
        p(f"本通知书编号 {s.serial} 即为凭证编号；系统恢复后将按此编号补录。", st.warning),
        Spacer(1, 2 * mm),
        _sign(st, d, s.department or d.hall_name),
        stub,
    ]


def receipt(st: Styles, d: KitData, s: KitSlip) -> list[Flowable]:
    c, _ = _tight(st)
    prefix = d.case_numbers[0].rpartition("-")[0] + "-" if d.case_numbers else "SL-"
    case = f"{prefix}________"
    stub = _stub(
        st,
        d,
        s,
        "受理回执（存根）",
        f"受理编号：{case}",
        [
            "申请人：______________　证件号码：______________________________　联系电话：______________",
            "已收材料序号：____________________　经办人/窗口：______________　申请人签名：____________",
        ],
    )
    return [
        *_head(st, d, RECEIPT_TITLE, case, "受理编号", qr=False),
        p("受理编号：写受理登记簿本行预印的办件编号（末四位手写）", c),
        Spacer(1, 1 * mm),
        _applicant(
            st, s, [("受理日期", "______年____月____日　承诺办结日期：______年____月____日")]
        ),
        p("已收材料（收到的在“收”栏打“✓”；“—”为共享获取，无需提交）", st.heading),
        _materials(st, s, "收"),
        Spacer(1, 2 * mm),
        p(
            "您的申请材料齐全、符合法定形式，予以受理。因系统故障，本回执为手工出具，系统恢复后将按"
            "受理编号补录，办理时限自受理次日起算；领取结果或查询时请出示本回执。",
            c,
        ),
        Spacer(1, 2 * mm),
        _sign(st, d, f"{d.hall_name}（受理专用章）"),
        stub,
    ]
