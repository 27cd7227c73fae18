"""一次性告知单（补正材料通知书） and 不予受理通知书: A4 form with a tear-off stub, and an
80 mm receipt-printer slip with the same essential content.

Every notice cites the basis the service gives (the item's own rule: 行政许可法 第三十二条 only
for a licence); free text goes through :func:`blocks.clean` before it is printed."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from hall_app.domain.legal import NEUTRAL_CORRECTION
from hall_app.printing.blocks import (
    agent_pairs,
    applicant_table,
    clean,
    header,
    materials_table,
    reprint_note,
    shown,
    sign_off,
    stub,
)
from hall_app.printing.documents import REFUSAL, MaterialLine, NoticeData
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_WIDTH,
    AtBottom,
    Box,
    Styles,
    build_pdf,
    cn_date,
    cn_datetime,
    grid,
    material_requirement,
    p,
    qr_code,
    render_a4,
    reprint_mark,
    styles,
    title,
    window_text,
)

SLIP_WIDTH = 80 * mm
SLIP_MARGIN = 4 * mm
SLIP_LEAST = 9.0  # the smallest font size on 80 mm paper
MAX_SLIP_HEIGHT = 14000.0  # PDF viewers' page size limit is 14400 pt; beyond it, more pages
RETURNED = "申请材料已全部退还申请人，本机关未留存。"


def _labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    return p(f"{label}：{text or '—'}", style)


def _problem(line: MaterialLine) -> str:
    return "；".join(part for part in (line.problem, clean(line.note)) if part) or "—"


def _clerk(d: NoticeData) -> str:
    window = f" {window_text(d.window_number)}" if d.window_number is not None else ""
    return f"{d.clerk_name}（工号 {d.clerk_no}）{window}"


def _legal_text(d: NoticeData) -> str:
    return (
        f"依据{d.correction_basis or NEUTRAL_CORRECTION}，您于{cn_datetime(d.received_at)}提交的申请材料"
        "不齐全或者不符合法定形式。本通知一次性告知全部需补正内容，本通知未列明的材料，不会要求您"
        "再次补正。请按上述要求补齐后再次提交，本机关将在收到全部补正材料后依法作出是否受理的决定。"
    )


def _terms(d: NoticeData) -> str:
    return f"补正期限及逾期后果：{clean(d.correction_terms)}" if d.correction_terms else ""


def _further(d: NoticeData) -> str:
    """A further notice names the application's first one and why it was needed."""
    if not d.first_serial:
        return ""
    reason = clean(d.further_reason) or "—"
    return f"本单为补充告知：关联首次告知单 {d.first_serial}；补充告知原因：{reason}。"


def _refusal_intro(d: NoticeData) -> str:
    return (
        f"{d.applicant_name}：您于{cn_datetime(d.received_at)}提出的“{d.subject}”申请，"
        "经审查，决定不予受理。理由及依据如下："
    )


def remedies(d: NoticeData) -> str:
    """Reconsideration body and court, 60 days and six months from receipt of the notice."""
    if not (d.reconsideration_body or d.court):
        return d.remedies
    body = d.reconsideration_body or "本级人民政府"
    court = d.court or "有管辖权的人民法院"
    return (
        f"如不服本决定，可以自收到本通知书之日起六十日内向{body}申请行政复议，"
        f"或者自收到本通知书之日起六个月内向{court}提起行政诉讼。"
    )


def _refusal_rows(d: NoticeData) -> list[tuple[str, str]]:
    reason = clean(d.refusal_reason)
    rows = [("不予受理理由", d.refusal_ground or reason)]
    if d.refusal_ground and reason and reason != d.refusal_ground:
        rows.append(("具体说明", reason))
    basis = "；".join(
        dict.fromkeys(x for x in (d.refusal_basis or d.refusal_subitem, d.legal_basis) if x)
    )
    rows.append(("法律依据", basis))
    if d.right_office:
        rows.append(("有权受理的机关", f"请向{d.right_office}提出申请"))
    rows += [("申请材料", RETURNED), ("救济途径", remedies(d))]
    return rows


def _correction_table(st: Styles, width: float, d: NoticeData) -> Table:
    c, cc = st.cell, st.cell_center
    rows: list[list[Any]] = [[p(h, cc) for h in ("序号", "材料名称", "要求", "问题", "获取途径")]]
    for i, m in enumerate(shown(d.to_correct), 1):
        rows.append(
            [
                p(str(i), cc),
                p(m.name, c),
                p(material_requirement(m), c),
                p(_problem(m), c),
                p(m.where or "—", c),
            ]
        )
    return grid(rows, [10 * mm, 48 * mm, 44 * mm, 36 * mm, width - 138 * mm])


def _internal(d: NoticeData) -> str:
    """Materials one item of the bundle issues for the next (内部流转): not asked for."""
    names = "、".join(f"{m.name}（{m.where}）" if m.where else m.name for m in d.internal)
    return f"以下材料由本一件事内部流转，无需申请人提交：{names}"


def _stub(st: Styles, width: float, d: NoticeData) -> Table:
    if d.kind == REFUSAL:
        what = f"{d.title}（理由：{d.refusal_ground or clean(d.refusal_reason)}）；申请材料已退还"
    else:
        what = f"{d.title}，需补正材料 {len(shown(d.to_correct))} 项"
    rows = [
        ("申请人", d.applicant_name),
        ("证件号码", d.id_number_masked),
        ("申请事项", f"{d.subject}（{d.subject_code}）：{what}"),
        ("经办人", _clerk(d)),
        ("出具日期", cn_date(d.issued_at)),
    ]
    return stub(
        st,
        width,
        heading="回执（存根）",
        serial=f"编号：{d.serial}",
        rows=rows,
        pledge="本人已收到上述通知书第二联（申请人收执），知悉其全部内容。",
    )


def render_notice_a4(data: NoticeData) -> bytes:
    """The notice on A4: main part (第二联 申请人收执) and a tear-off stub (第一联 存根)."""
    font = register_font()
    st = styles(font)
    d, width = data, A4_WIDTH
    story: list[Flowable] = header(
        st,
        width,
        hall=d.hall_name,
        heading=d.title,
        serial=d.serial,
        qr=d.qr_payload,
        reprint=d.reprint,
        copy_label="第二联 申请人收执",
    )
    story += reprint_note(st, d)
    story += [
        Spacer(1, 2 * mm),
        applicant_table(st, width, d, "材料接收时间", cn_datetime(d.received_at)),
    ]
    story += [p(_further(d), st.warning)] if d.first_serial else []
    closing: list[Flowable] = [Spacer(1, 2 * mm), sign_off(st, width, d, cn_date(d.issued_at))]
    if d.kind == REFUSAL:
        rows = [[p(label, st.cell), p(text or "—", st.cell)] for label, text in _refusal_rows(d)]
        closing[:0] = [
            p(_refusal_intro(d), st.heading),
            grid(rows, [32 * mm, width - 32 * mm], header=False, label_cols=(0,)),
        ]
    else:
        got = len(shown(d.received))
        story += [
            p(f"一、已收取的材料（共 {got} 项）" if got else "一、已收取的材料：无", st.heading)
        ]
        story += [materials_table(st, width, d.received)] if got else []
        story += [
            p(f"二、需补正的材料（共 {len(shown(d.to_correct))} 项）", st.heading),
            _correction_table(st, width, d),
        ]
        story += [p(_internal(d), st.body)] if d.internal else []
        legal = [p(_legal_text(d), st.body)] + (
            [p(_terms(d), st.body)] if d.correction_terms else []
        )
        closing[:0] = [Spacer(1, 1 * mm), *legal]
    # the legal text stays on the page of the signature and seal
    story += [KeepTogether(closing), AtBottom(_stub(st, width, d))]
    return render_a4(
        story,
        font=font,
        heading=d.title,
        serial=f"编号：{d.serial}",
        hall=d.hall_name,
        reprint=d.reprint,
    )


def rule() -> Box:
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
        story += [reprint_mark(st.font, 14), *reprint_note(st, d)]
    story += [
        p(f"编号：{d.serial}", st.cell_center),
        Spacer(1, 1 * mm),
        qr_code(d.qr_payload, 26 * mm),
        rule(),
    ]
    story += [
        _labelled(k, v, b)
        for k, v in (
            ("申请人", d.applicant_name),
            ("证件", f"{d.id_type} {d.id_number_masked}"),
            ("联系电话", d.phone_masked),
            ("申请事项", f"{d.subject}（{d.subject_code}）"),
            ("材料接收时间", cn_datetime(d.received_at)),
        )
    ]
    story += [_labelled("法定代表人", d.legal_rep, b)] if d.legal_rep else []
    story += [_labelled(k, v, b) for k, v in agent_pairs(d.agent)]
    story += [p(_further(d), b)] if d.first_serial else []
    story.append(rule())
    if d.kind == REFUSAL:
        story += [p(_refusal_intro(d), b), *(_labelled(k, v, b) for k, v in _refusal_rows(d))]
    else:
        got = "、".join(f"{m.name}（{m.requirement}）" for m in shown(d.received)) or "无"
        story += [
            _labelled("已收取材料", got, b),
            rule(),
            p(f"需补正的材料（共 {len(shown(d.to_correct))} 项）：", st.heading),
        ]
        for i, m in enumerate(shown(d.to_correct), 1):
            story += [
                p(f"{i}. {m.name}", b),
                _labelled("要求", material_requirement(m), s),
                _labelled("问题", _problem(m), s),
            ]
            story += [_labelled("获取途径", m.where, s)] if m.where else []
            story.append(Spacer(1, 1.5 * mm))
        story += [p(_internal(d), s)] if d.internal else []
        story += [p(_legal_text(d), st.small)]
        story += [p(_terms(d), st.small)] if d.correction_terms else []
    story += [rule()] + [
        _labelled(k, v, b)
        for k, v in (
            ("经办人", _clerk(d)),
            ("承办部门", d.department),
            ("咨询电话", d.hall_phone),
            ("投诉电话", d.complaint_phone),
            ("出具日期", cn_date(d.issued_at)),
        )
    ]
    story += [Spacer(1, 10 * mm), p("申请人签名（或代理人签名）：__________", b)]
    return story


def slip_pdf(story: list[Flowable], doc_title: str, author: str, font: str) -> bytes:
    """An 80 mm wide slip whose length follows the content."""
    width = SLIP_WIDTH - 2 * SLIP_MARGIN
    height = 2 * SLIP_MARGIN + 6 * mm
    for flowable in story:
        height += flowable.wrap(width, MAX_SLIP_HEIGHT)[1]
        height += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return build_pdf(
        story,
        (SLIP_WIDTH, min(height, MAX_SLIP_HEIGHT)),
        SLIP_MARGIN,
        doc_title=doc_title,
        author=author,
        font=font,
        always_number=False,
    )


def render_notice_80mm(data: NoticeData) -> bytes:
    """The notice as one 80 mm wide slip whose length follows the content."""
    font = register_font()
    st = styles(font, 0.9, SLIP_LEAST)
    return slip_pdf(_slip_story(st, data), f"{data.title} {data.serial}", data.hall_name, font)
