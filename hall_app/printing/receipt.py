"""受理回执: the A4 acceptance receipt with the promised completion date."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from hall_app.printing.documents import ReceiptData
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_WIDTH,
    Styles,
    applicant_table,
    cn_date,
    cn_datetime,
    grid,
    header,
    material_requirement,
    materials_table,
    p,
    render_a4,
    sign_off,
    styles,
)

TITLE = "受理回执"
DEFERRED_NOTE = ("以上容缺后补材料须在办理结果出具前补齐；"
                 "未按期补齐的，不予出具办理结果。")


def _deferred_table(st: Styles, width: float, data: ReceiptData) -> Table:
    c, cc = st.cell, st.cell_center
    rows: list[list[Any]] = [[p(h, cc) for h in ("序号", "材料名称", "要求", "获取途径 / 说明")]]
    for i, m in enumerate(data.deferred, 1):
        note = "；".join(part for part in (m.where, m.note) if part) or "—"
        rows.append([p(str(i), cc), p(m.name, c), p(material_requirement(m), c), p(note, c)])
    return grid(rows, [12 * mm, 50 * mm, 60 * mm, width - 122 * mm])


def _promise(st: Styles, width: float, data: ReceiptData) -> list[Flowable]:
    rows = [
        [p("承诺办结时限", st.cell),
         p(f"{data.promised_days} 个工作日（自受理次日起计算，法定节假日不计入）", st.cell)],
        [p("承诺办结日期", st.cell), p(cn_date(data.due_date), st.heading)],
    ]
    out: list[Flowable] = [grid(rows, [36 * mm, width - 36 * mm], header=False, label_cols=(0,))]
    if data.calendar_warning:
        out.append(p(f"注意：{data.calendar_warning}", st.warning))
    return out


def render_receipt_a4(data: ReceiptData) -> bytes:
    """The acceptance receipt on A4 (one page for ordinary material lists)."""
    font = register_font()
    st = styles(font)
    d, width = data, A4_WIDTH
    story: list[Flowable] = header(
        st, width, hall=d.hall_name, heading=TITLE, serial=d.case_no, qr=d.qr_payload,
        reprint=d.reprint, copy_label="申请人收执", serial_label="受理编号",
    )
    story += [
        Spacer(1, 3 * mm),
        applicant_table(st, width, d, "受理时间", cn_datetime(d.accepted_at)),
        p(f"{d.applicant_name}：您申请的“{d.subject}”事项，申请材料齐全、符合法定形式，"
          f"已于{cn_datetime(d.accepted_at)}受理。", st.heading),
        p(f"一、已收取的材料（共 {len(d.received)} 项）", st.heading),
        materials_table(st, width, d.received),
    ]
    section = "二"
    if d.deferred:
        story += [p(f"二、容缺后补的材料（共 {len(d.deferred)} 项）", st.heading),
                  _deferred_table(st, width, d), Spacer(1, 1 * mm), p(DEFERRED_NOTE, st.body)]
        section = "三"
    story.append(KeepTogether([
        p(f"{section}、办理时限", st.heading), *_promise(st, width, d),
        p("办理进度可凭受理编号或扫描二维码到窗口查询；请妥善保管本回执，领取结果时出示。", st.body),
        Spacer(1, 4 * mm), sign_off(st, width, d, cn_date(d.accepted_at))]))
    return render_a4(story, font=font, heading=TITLE, serial=f"受理编号：{d.case_no}",
                     hall=d.hall_name, reprint=d.reprint)
