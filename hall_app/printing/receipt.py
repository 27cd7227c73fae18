"""受理回执: the A4 acceptance receipt with both dates (legal and promised, each with its
unit), how the result is delivered and progress looked up, a bundle's items with their own
offices and dates, and a tear-off stub signed by the applicant for the window."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from hall_app.printing.blocks import (
    applicant_table,
    clean,
    days_text,
    header,
    materials_table,
    reprint_note,
    shown,
    sign_off,
    stub,
)
from hall_app.printing.documents import ReceiptData
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_WIDTH,
    AtBottom,
    Styles,
    cn_date,
    cn_datetime,
    grid,
    material_requirement,
    p,
    render_a4,
    styles,
)

TITLE = "受理回执"
INSTANT = "即时办结"
DEFERRED_NOTE = (
    "以上容缺后补材料须在所列期限内补齐（见容缺受理承诺书）；未按期补齐的，不予出具办理结果。"
)
NUMERALS = "一二三四五六七八九十"
UNIT_RULES = {"工作日": "法定节假日不计入", "自然日": "节假日计入"}


def _deferred_table(st: Styles, width: float, data: ReceiptData) -> Table:
    c, cc = st.cell, st.cell_center
    rows: list[list[Any]] = [
        [p(h, cc) for h in ("序号", "材料名称", "要求", "补交期限", "获取途径 / 说明")]
    ]
    for i, m in enumerate(shown(data.deferred), 1):
        note = "；".join(part for part in (m.where, clean(m.note)) if part) or "—"
        due = cn_date(m.due_on) if m.due_on else "办理结果出具前"
        rows.append(
            [p(str(i), cc), p(m.name, c), p(material_requirement(m), c), p(due, cc), p(note, c)]
        )
    return grid(rows, [12 * mm, 44 * mm, 46 * mm, 30 * mm, width - 132 * mm])


def _days(days: int, unit: str) -> str:
    rule = UNIT_RULES.get(unit, "")
    return f"{days} 个{unit}" + (f"（{rule}）" if rule else "")


def limit_text(days: int, unit: str, instant: bool = False) -> str:
    return f"{INSTANT}（即办件，当场办结）" if instant or days == 0 else days_text(days, unit)


def _items_table(st: Styles, width: float, d: ReceiptData) -> Table:
    """A bundle: one row per item with its office, its limit and its own due date."""
    c, cc = st.cell, st.cell_center
    rows: list[list[Any]] = [
        [p(h, cc) for h in ("序号", "办理事项", "承办部门", "承诺时限", "承诺办结日期")]
    ]
    for i, item in enumerate(d.items, 1):
        limit = INSTANT if item.limit_days == 0 else f"{item.limit_days} 个{item.limit_unit}"
        rows.append(
            [
                p(str(i), cc),
                p(item.name, c),
                p(item.department, c),
                p(limit, cc),
                p(cn_date(item.due_date), cc),
            ]
        )
    return grid(rows, [12 * mm, 62 * mm, 44 * mm, 26 * mm, width - 144 * mm])


def _limits(st: Styles, width: float, d: ReceiptData) -> list[Flowable]:
    """Legal and promised limit, each with its unit and date; pauses; delivery; look-up."""
    c, label = st.cell, 26 * mm
    value = (width - 2 * label) / 2
    rows: list[list[Any]] = []
    if d.instant:
        rows.append(
            [
                p("办理时限", c),
                p(limit_text(0, d.promised_unit, True), c),
                p("办结日期", c),
                p(f"{cn_date(d.due_date)}（当日）", st.heading),
            ]
        )
    else:
        if d.legal_days or d.legal_due_date:
            legal_due = cn_date(d.legal_due_date) if d.legal_due_date else "—"
            rows.append(
                [
                    p("法定办结时限", c),
                    p(_days(d.legal_days, d.legal_unit), c),
                    p("法定办结日期", c),
                    p(legal_due, c),
                ]
            )
        rows.append(
            [
                p("承诺办结时限", c),
                p(_days(d.promised_days, d.promised_unit), c),
                p("承诺办结日期", c),
                p(cn_date(d.due_date), st.heading),
            ]
        )
    wide = [[p(k, c), p(v, c), "", ""] for k, v in _service(d)]
    for kind, start, end in d.pauses:
        span = f"{cn_date(start)}至{cn_date(end) if end else '（进行中）'}"
        wide.append([p("暂停计时", c), p(f"{kind}：{span}（依法不计入办理时限）", c), "", ""])
    spans = [(1, i, 3, i) for i in range(len(rows), len(rows) + len(wide))]
    out: list[Flowable] = [
        grid(
            rows + wide, [label, value, label, value], header=False, label_cols=(0, 2), spans=spans
        )
    ]
    if d.calendar_warning:
        out.append(p(f"注意：{d.calendar_warning}", st.warning))
    return out


def delivery_text(d: ReceiptData) -> str:
    if d.delivery_method == "邮寄":
        return f"邮寄送达（地址：{clean(d.delivery_address) or '—'}）"
    if d.delivery_method == "电子证照":
        return "电子证照（办结后推送至申请人账户，可在政务服务网或App查看、下载）"
    return f"窗口领取（办结后凭本回执到{d.hall_name}领取）"


def _service(d: ReceiptData) -> list[tuple[str, str]]:
    lookup = f"凭受理编号 {d.case_no} 拨打 {d.hall_phone or '—'} 或扫描右上角二维码查询"
    return [("结果送达方式", delivery_text(d)), ("办理进度查询", lookup)]


def _stub(st: Styles, width: float, d: ReceiptData) -> Table:
    due = cn_date(d.due_date) + ("（即时办结）" if d.instant else "")
    rows = [
        ("申请人", d.applicant_name),
        ("证件号码", d.id_number_masked),
        ("申请事项", f"{d.subject}（{d.subject_code}）"),
        ("受理时间", cn_datetime(d.accepted_at)),
        ("承诺办结", due),
        ("送达方式", d.delivery_method or "—"),
        ("经办人", f"{d.clerk_name}（工号 {d.clerk_no}）"),
    ]
    return stub(
        st,
        width,
        heading="受理回执（存根）",
        serial=f"受理编号：{d.case_no}",
        rows=rows,
        pledge="本人已收到受理回执第二联（请妥善保管，领取结果时出示），原件已当场取回。",
    )


def render_receipt_a4(data: ReceiptData) -> bytes:
    """The acceptance receipt on A4 (one page for ordinary material lists)."""
    font = register_font()
    st = styles(font)
    d, width = data, A4_WIDTH
    story: list[Flowable] = header(
        st,
        width,
        hall=d.hall_name,
        heading=TITLE,
        serial=d.case_no,
        qr=d.qr_payload,
        reprint=d.reprint,
        copy_label="第二联 申请人收执",
        serial_label="受理编号",
    )
    story += reprint_note(st, d)
    story += [
        Spacer(1, 3 * mm),
        applicant_table(st, width, d, "受理时间", cn_datetime(d.accepted_at)),
        p(
            f"{d.applicant_name}：您申请的“{d.subject}”事项，申请材料齐全、符合法定形式，"
            f"已于{cn_datetime(d.accepted_at)}受理。",
            st.heading,
        ),
    ]
    sections = iter(NUMERALS)
    if d.items:
        story += [
            p(f"{next(sections)}、办理事项（共 {len(d.items)} 项）", st.heading),
            _items_table(st, width, d),
        ]
    story += [
        p(
            f"{next(sections)}、已收取的材料（共 {len(shown(d.received))} 项；原件核验后当场退还）",
            st.heading,
        ),
        materials_table(st, width, d.received),
    ]
    if shown(d.deferred):
        story += [
            KeepTogether(
                [
                    p(
                        f"{next(sections)}、容缺后补的材料（共 {len(shown(d.deferred))} 项）",
                        st.heading,
                    ),
                    _deferred_table(st, width, d),
                    Spacer(1, 1 * mm),
                    p(DEFERRED_NOTE, st.body),
                ]
            )
        ]
    story.append(
        KeepTogether(
            [
                p(
                    f"{next(sections)}、办理时限{'' if d.instant else '（自受理次日起计算）'}、结果送达与进度查询",
                    st.heading,
                ),
                *_limits(st, width, d),
                Spacer(1, 2 * mm),
                sign_off(st, width, d, cn_date(d.accepted_at)),
            ]
        )
    )
    story.append(AtBottom(_stub(st, width, d)))
    return render_a4(
        story,
        font=font,
        heading=TITLE,
        serial=f"受理编号：{d.case_no}",
        hall=d.hall_name,
        reprint=d.reprint,
    )
