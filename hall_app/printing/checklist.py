"""窗口审查要点清单: the window's printable review checklist of a catalog v2 case — the hall,
the case (item or bundle, name and code), the day, the situation answers the list was resolved
under, one block per material handed in (name with role, form and copies, each review point as
a tick box 「□ 在有效期内」), then the items' own points, and a line for the clerk's signature
and the time. On A4; a block is never split, nor a heading left alone at a page foot.

``render_checklist_a4`` takes a plain :class:`hall_app.domain.review_checklist.ChecklistSheet`.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from hall_app.domain.review_checklist import HEADING, ChecklistSheet, MaterialPoints
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_WIDTH,
    Styles,
    cn_date,
    grid,
    leaflet_a4,
    p,
    styles,
    title,
)

__all__ = ["render_checklist_a4"]

BOX = "□"
NO_POINTS = "目录未列审查要点，按受理标准核验"
SIGN = "核验人（签名）：________________　　核验时间：______年____月____日____时____分"


def _boxes(st: Styles, points: Sequence[str]) -> list[list[Flowable | str]]:
    """The points as tick boxes, two a row."""
    box = f'<font size="{st.cell.fontSize * 1.5:g}">{BOX}</font> '  # the font's □ is small
    w = [Paragraph(box + escape(point), st.cell) for point in points]
    return [[w[i], w[i + 1] if i + 1 < len(w) else ""] for i in range(0, len(w), 2)]


def _block(st: Styles, head: str, notes: Sequence[str], points: Sequence[str]) -> Flowable:
    rows: list[list[Flowable | str]] = [
        [[p(head, st.cell), *(p(n, st.warning) for n in notes)], ""]
    ]
    rows += _boxes(st, points) or [[p(NO_POINTS, st.small), ""]]
    spans = [(0, 0, 1, 0)] + [(0, r, 1, r) for r in range(1, len(rows)) if not points]
    return grid(rows, [A4_WIDTH / 2, A4_WIDTH / 2], spans=spans)


def _material(st: Styles, number: int, m: MaterialPoints) -> Flowable:
    head = f"{number}. {m.name}　{m.amount()}，{m.requirement}"
    return _block(st, head, [m.pending] if m.pending else [], m.points)


def _section(st: Styles, heading: str, blocks: list[Flowable]) -> list[Flowable]:
    """Blocks with a little air between; the heading stays with the first block."""
    out: list[Flowable] = []
    for i, block in enumerate(blocks):
        out.append(KeepTogether([*([p(heading, st.heading)] if i == 0 else []), block]))
        out.append(Spacer(1, 1.5 * mm))
    return out


def _story(st: Styles, sheet: ChecklistSheet) -> list[Flowable]:
    c = sheet.checklist
    kind = "一件事" if sheet.kind == "bundle" else "事项"
    story: list[Flowable] = [
        p(sheet.hall, st.hall),
        title(HEADING, st.font, 19),
        p(f"日期：{cn_date(sheet.made_on)}", st.cell_center),
        Spacer(1, 2 * mm),
        p(f"办理{kind}：{sheet.subject}（{sheet.code}）", st.body),
    ]
    answers = [p(f"· {q} 答：{a}", st.cell) for q, a in c.answers] or [p("（无业务情形）", st.cell)]
    story += [p("业务情形（本清单据此生成）：", st.heading), *answers]
    if c.unanswered:
        open_ = "、".join(f"「{q}」" for q in c.unanswered)
        story += [p(f"尚未回答{open_}：标有待确认的材料，请先向申请人确认", st.warning)]
    story += _section(
        st,
        f"材料审查要点（共 {len(c.materials)} 项材料）：",
        [_material(st, i, m) for i, m in enumerate(c.materials, 1)],
    )
    story += _section(
        st,
        "事项审查要点：",
        [
            _block(
                st,
                item.name,
                [f"待确认：{'、'.join(item.pending)}"] if item.pending else [],
                item.points,
            )
            for item in c.items
        ],
    )
    story += [Spacer(1, 6 * mm), KeepTogether([p(SIGN, st.body)])]
    return story


def render_checklist_a4(sheet: ChecklistSheet) -> bytes:
    """The checklist on A4 (further pages numbered)."""
    font = register_font()
    st = styles(font)
    return leaflet_a4(
        _story(st, sheet), doc_title=f"{HEADING} {sheet.subject}", author=sheet.hall, font=font
    )
