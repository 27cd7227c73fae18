"""一次性告知单（补正材料通知书） and 不予受理通知书: A4 form with a tear-off stub, and an
80 mm receipt-printer slip with the same essential content."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from hall_app.printing.documents import REFUSAL, MaterialLine, NoticeData
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_WIDTH,
    AtBottom,
    Box,
    Styles,
    applicant_table,
    build_pdf,
    cn_date,
    cn_datetime,
    cut_line,
    grid,
    header,
    material_requirement,
    materials_table,
    p,
    plain,
    qr_code,
    render_a4,
    reprint_mark,
    sign_off,
    styles,
    title,
    window_text,
)

SLIP_WIDTH = 80 * mm
SLIP_MARGIN = 4 * mm
MAX_SLIP_HEIGHT = 14000.0  # PDF viewers' page size limit is 14400 pt; beyond it, more pages
ART32 = "《中华人民共和国行政许可法》第三十二条"


def _labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    return p(f"{label}：{text or '—'}", style)


def _problem(line: MaterialLine) -> str:
    return "；".join(part for part in (line.problem, line.note) if part) or "—"






def _clerk(d: NoticeData) -> str:
    window = f" {window_text(d.window_number)}" if d.window_number is not None else ""
    return f"{d.clerk_name}（工号 {d.clerk_no}）{window}"


def _legal_text(d: NoticeData) -> str:
    basis = f"{ART32}第一款第（四）项" + (f"及{d.legal_basis}" if d.legal_basis else "")
    return (
        f"依据{basis}，您于{cn_datetime(d.received_at)}提交的申请材料不齐全或者不符合法定形式。"
        "本通知一次性告知全部需补正内容，本通知未列明的材料，不会要求您再次补正。"
        "请按上述要求补齐后再次提交，本机关将在收到全部补正材料后依法作出是否受理的决定。"
    )


def _refusal_intro(d: NoticeData) -> str:
    return (f"{d.applicant_name}：您于{cn_datetime(d.received_at)}提出的“{d.subject}”申请，"
            "经审查，决定不予受理。理由及依据如下：")


def _refusal_rows(d: NoticeData) -> list[tuple[str, str]]:
    rows = [("不予受理理由", d.refusal_reason), ("法律依据", d.refusal_subitem or ART32)]
    if d.right_office:
        rows.append(("建议向以下机关申请", d.right_office))
    rows.append(("救济途径", d.remedies))
    return rows


def _correction_table(st: Styles, width: float, d: NoticeData) -> Table:
    c, cc = st.cell, st.cell_center
    rows: list[list[Any]] = [[p(h, cc) for h in ("序号", "材料名称", "要求", "问题", "获取途径")]]
    for i, m in enumerate(d.to_correct, 1):
        rows.append([p(str(i), cc), p(m.name, c), p(material_requirement(m), c),
                     p(_problem(m), c), p(m.where or "—", c)])
    return grid(rows, [10 * mm, 36 * mm, 44 * mm, 44 * mm, width - 134 * mm])


def _stub(st: Styles, width: float, d: NoticeData) -> Table:
    """The tear-off 存根 kept at the window, signed by the applicant."""
    what = (f"{d.title}，需补正材料 {len(d.to_correct)} 项" if d.kind != REFUSAL
            else f"{d.title}（不予受理理由：{d.refusal_reason}）")
    top = plain([[p("第一联 存根（窗口留存）", st.small), title("回执（存根）", st.font, 13),
                  p(f"编号：{d.serial}", st.right)]], [width * 0.3, width * 0.3, width * 0.4])
    c, label, value = st.cell, 22 * mm, (width - 44 * mm) / 2
    rows: list[list[Any]] = [
        [p("申请人", c), p(d.applicant_name, c), p("证件号码", c), p(d.id_number_masked, c)],
        [p("申请事项", c), p(f"{d.subject}（{d.subject_code}）", c), "", ""],
        [p("告知内容", c), p(what, c), "", ""],
        [p("经办人", c), p(_clerk(d), c),
         p("出具日期", c), p(cn_date(d.issued_at), c)],
    ]
    table = grid(rows, [label, value, label, value], header=False, label_cols=(0, 2),
                 spans=[(1, 1, 3, 1), (1, 2, 3, 2)])
    sign = plain([[p("本人已收到上述通知书第二联（申请人收执），知悉其全部内容。", st.small),
                   p("申请人签名：______________　日期：______________", st.right)]],
                 [width * 0.5, width * 0.5])
    return plain([[cut_line(st.font, "- - -  沿此线撕下  - - -")], [top], [table], [Spacer(1, 4 * mm)], [sign]], [width])


def render_notice_a4(data: NoticeData) -> bytes:
    """The notice on A4: main part (第二联 申请人收执) and a tear-off stub (第一联 存根)."""
    font = register_font()
    st = styles(font)
    d, width = data, A4_WIDTH
    story: list[Flowable] = header(
        st, width, hall=d.hall_name, heading=d.title, serial=d.serial, qr=d.qr_payload,
        reprint=d.reprint, copy_label="第二联 申请人收执",
    )
    story += [Spacer(1, 3 * mm), applicant_table(st, width, d, "材料接收时间",
                                                 cn_datetime(d.received_at))]
    closing: list[Flowable] = [Spacer(1, 4 * mm), sign_off(st, width, d, cn_date(d.issued_at))]
    if d.kind == REFUSAL:
        rows = [[p(label, st.cell), p(text or "—", st.cell)] for label, text in _refusal_rows(d)]
        closing[:0] = [p(_refusal_intro(d), st.heading),
                       grid(rows, [36 * mm, width - 36 * mm], header=False, label_cols=(0,))]
    else:
        story += [p(f"一、已收取的材料（共 {len(d.received)} 项）", st.heading),
                  materials_table(st, width, d.received),
                  p(f"二、需补正的材料（共 {len(d.to_correct)} 项）", st.heading),
                  _correction_table(st, width, d)]
        closing[:0] = [Spacer(1, 2 * mm), p(_legal_text(d), st.body)]
    # the legal text stays on the page of the signature and seal
    story += [KeepTogether(closing), AtBottom(_stub(st, width, d))]
    return render_a4(story, font=font, heading=d.title, serial=f"编号：{d.serial}",
                     hall=d.hall_name, reprint=d.reprint)


def _rule() -> Box:
    """A dashed separator line on the slip."""

    def paint(c: Canvas, width: float, height: float) -> None:
        c.saveState()
        c.setDash(2, 2)
        c.setLineWidth(0.5)
        c.line(0, height / 2, width, height / 2)
        c.restoreState()

    return Box(4 * mm, paint)


def _slip_story(st: Styles, d: NoticeData) -> list[Flowable]:
    b, s = st.cell, st.indent
    story: list[Flowable] = [p(d.hall_name, st.hall), title(d.title, st.font, 13)]
    if d.reprint:
        story.append(reprint_mark(st.font, 14))
    story += [p(f"编号：{d.serial}", st.cell_center), Spacer(1, 1 * mm),
              qr_code(d.qr_payload, 26 * mm), _rule()]
    story += [_labelled(k, v, b) for k, v in (
        ("申请人", d.applicant_name), ("证件", f"{d.id_type} {d.id_number_masked}"),
        ("联系电话", d.phone_masked), ("申请事项", f"{d.subject}（{d.subject_code}）"),
        ("材料接收时间", cn_datetime(d.received_at)))]
    story.append(_rule())
    if d.kind == REFUSAL:
        story += [p(_refusal_intro(d), b), *(_labelled(k, v, b) for k, v in _refusal_rows(d))]
    else:
        got = "、".join(f"{m.name}（{m.requirement}）" for m in d.received) or "无"
        story += [_labelled("已收取材料", got, b), _rule(),
                  p(f"需补正的材料（共 {len(d.to_correct)} 项）：", st.heading)]
        for i, m in enumerate(d.to_correct, 1):
            story += [p(f"{i}. {m.name}", b), _labelled("要求", material_requirement(m), s),
                      _labelled("问题", _problem(m), s)]
            story += [_labelled("获取途径", m.where, s)] if m.where else []
            story.append(Spacer(1, 1.5 * mm))
        story += [p(_legal_text(d), st.small)]
    story += [_rule()] + [_labelled(k, v, b) for k, v in (
        ("经办人", _clerk(d)),
        ("承办部门", d.department), ("咨询电话", d.hall_phone),
        ("投诉电话", d.complaint_phone), ("出具日期", cn_date(d.issued_at)))]
    story += [Spacer(1, 10 * mm), p("申请人签名：________________", b)]
    return story


def render_notice_80mm(data: NoticeData) -> bytes:
    """The notice as one 80 mm wide slip whose length follows the content."""
    font = register_font()
    st = styles(font, 0.9)
    width = SLIP_WIDTH - 2 * SLIP_MARGIN
    story = _slip_story(st, data)
    height = 2 * SLIP_MARGIN + 6 * mm
    for flowable in story:
        height += flowable.wrap(width, MAX_SLIP_HEIGHT)[1]
        height += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return build_pdf(story, (SLIP_WIDTH, min(height, MAX_SLIP_HEIGHT)), SLIP_MARGIN,
                     doc_title=f"{data.title} {data.serial}", author=data.hall_name, font=font,
                     always_number=False)
