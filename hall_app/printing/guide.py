"""办事指引: what a citizen takes home from reception's guided intake (issue 18 §3) — the items
of the case, the answers given, the materials to bring with where to obtain each, what not to
bring, the review points that matter to the citizen, the lane with its windows, the hall's
hours and phone. On 80 mm receipt paper (as long as its content) and on A4.

``render_guide_80mm`` and ``render_guide_a4`` take a plain :class:`hall_app.domain.intake.Guide`.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from hall_app.domain.intake import Bring, Guide
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_WIDTH,
    Styles,
    cn_date,
    grid,
    leaflet_a4,
    p,
    plain,
    styles,
    title,
)
from hall_app.printing.notice import SLIP_LEAST, rule, slip_pdf

__all__ = ["render_guide_80mm", "render_guide_a4"]

HEADING = "办事指引"
KEEP = "本指引根据您回答的情况生成，仅供准备材料参考，以窗口审核为准。"


def _kind(g: Guide) -> str:
    return "一件事" if g.kind == "bundle" else "事项"


def _obtain(b: Bring) -> str:
    return b.obtain_from or "—"


def _head(st: Styles, g: Guide, size: float) -> list[Flowable]:
    return [
        p(g.hall.name, st.hall),
        title(HEADING, st.font, size),
        p(f"日期：{cn_date(g.made_on)}", st.cell_center),
        Spacer(1, 1.5 * mm),
    ]


def _answers(st: Styles, g: Guide) -> list[Flowable]:
    if g.plain:
        return [p(g.pending_note, st.small)]
    out: list[Flowable] = [p("您的情况：", st.heading)]
    out += [p(f"· {q} 答：{a}", st.cell) for q, a in g.answers] or [p("（无需回答问题）", st.cell)]
    out += [p(g.pending_note, st.warning)] if g.pending_note else []
    return out


def _tail(st: Styles, g: Guide) -> list[Flowable]:
    out: list[Flowable] = [p(f"办理窗口：{g.lane.text()}", st.body)]
    out += [p(f"办公时间：{g.hall.opening_hours}", st.body)] if g.hall.opening_hours else []
    out += [p(f"地址：{g.hall.address}", st.body)] if g.hall.address else []
    out += [p(f"咨询电话：{g.hall.phone}", st.body)] if g.hall.phone else []
    out += [p(note, st.small)] if (note := g.cross_region_note()) else []
    return [*out, Spacer(1, 2 * mm), p(KEEP, st.small)]


def _slip_story(st: Styles, g: Guide) -> list[Flowable]:
    b, s = st.cell, st.indent
    story = _head(st, g, 15)
    story += [p(f"办理{_kind(g)}：{g.subject_text()}", st.body)]
    if g.kind == "bundle":
        story += [p(f"{i}. {item.text()}", s) for i, item in enumerate(g.items, 1)]
    story += [rule(), *_answers(st, g), rule()]
    story += [p(f"请携带以下材料（共 {len(g.bring)} 项）：", st.heading)]
    for i, m in enumerate(g.bring, 1):
        story += [p(f"{i}. {m.line()}", b), p(f"获取途径：{_obtain(m)}", s)]
        story += [p(f"要求：{m.standard}", s)] if m.standard else []
        story += [p(f"待确认：{'；'.join(m.pending)}", s)] if m.pending else []
        story.append(Spacer(1, 1 * mm))
    if g.not_needed:
        story += [rule(), p("以下材料无需携带：", st.heading)]
        story += [p(f"· {n.name}（{n.reason}）", b) for n in g.not_needed]
    if g.points:
        story += [rule(), p("请特别注意：", st.heading)]
        story += [p(f"· {point}", b) for point in g.points]
    return [*story, rule(), *_tail(st, g)]


def render_guide_80mm(guide: Guide) -> bytes:
    """The guide as one 80 mm wide slip whose length follows the content."""
    font = register_font()
    st = styles(font, 0.9, SLIP_LEAST)
    return slip_pdf(_slip_story(st, guide), f"{HEADING} {guide.subject}", guide.hall.name, font)


def _a4_story(st: Styles, g: Guide) -> list[Flowable]:
    c, w = st.cell, A4_WIDTH
    story = _head(st, g, 19)
    story += [p(f"办理{_kind(g)}：{g.subject_text()}", st.body)]
    if g.kind == "bundle":
        names = "；".join(f"{i}. {item.text()}" for i, item in enumerate(g.items, 1))
        story += [p(f"包含事项：{names}", st.body)]
    story += _answers(st, g)
    story += [p(f"请携带以下材料（共 {len(g.bring)} 项）：", st.heading)]
    rows: list[list[Flowable | list[Flowable]]] = [
        [p(h, st.cell_center) for h in ("序号", "材料名称", "形式份数", "获取途径", "要求")]
    ]
    for i, m in enumerate(g.bring, 1):
        need = f"{m.requirement}" + (f"；待确认：{'；'.join(m.pending)}" if m.pending else "")
        rows.append(
            [
                p(str(i), st.cell_center),
                p(m.name, c),
                [p(m.amount(), c), p(need, c)],
                p(_obtain(m), c),
                p(m.standard or "—", c),
            ]
        )
    if len(rows) == 1:
        rows.append([p("—", c), p("（无需携带材料）", c), p("—", c), p("—", c), p("—", c)])
    story.append(grid(rows, [10 * mm, 50 * mm, 30 * mm, 38 * mm, w - 128 * mm]))
    if g.not_needed:
        story += [p("以下材料无需携带：", st.heading)]
        story += [p(f"· {n.name}（{n.reason}）", c) for n in g.not_needed]
    if g.points:
        half = (len(g.points) + 1) // 2
        columns = [g.points[:half], g.points[half:]]
        rows_ = [
            [p(f"· {col[r]}", c) if r < len(col) else "" for col in columns] for r in range(half)
        ]
        # the heading stays with its points (it was left alone at the foot of page 1)
        story += [KeepTogether([p("请特别注意：", st.heading), plain(rows_, [w / 2, w / 2])])]
    facts = [
        [p(f"办理窗口：{g.lane.text()}", c), p(f"办公时间：{g.hall.opening_hours or '—'}", c)],
        [p(f"地址：{g.hall.address or '—'}", c), p(f"咨询电话：{g.hall.phone or '—'}", c)],
    ]
    story += [
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                grid(facts, [w / 2, w / 2], header=False),
                Spacer(1, 2 * mm),
                *([p(note, st.small)] if (note := g.cross_region_note()) else []),
                p(KEEP, st.small),
            ]
        ),
    ]
    return story


def render_guide_a4(guide: Guide) -> bytes:
    """The guide on A4 (further pages numbered)."""
    font = register_font()
    st = styles(font)
    return leaflet_a4(
        _a4_story(st, guide),
        doc_title=f"{HEADING} {guide.subject}",
        author=guide.hall.name,
        font=font,
    )
