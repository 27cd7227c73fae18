"""容缺受理承诺书: the applicant's signed promise to supply each deferred material by its date,
and what happens if the promise is not kept. Two copies: the window keeps the signed one."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from hall_app.printing.blocks import case_opening, clean
from hall_app.printing.documents import CommitmentData
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_WIDTH,
    cn_date,
    grid,
    material_requirement,
    p,
    plain,
    render_a4,
    styles,
    window_text,
)

TITLE = "容缺受理承诺书"
DOCUMENT = "commitment"  # the print job's document kind
PROMISES = (
    "一、本人（单位）已知悉上列材料为容缺后补材料，承诺在所列补交期限前将其补齐并提交至受理窗口；",
    "二、本人（单位）保证已提交和将补交的材料真实、合法、有效，内容一致；",
    "三、未按期补齐的，办理机关不予出具办理结果，已受理的申请按规定终止办理或退回，"
    "由此产生的后果由本人（单位）承担；",
    "四、所补材料经核查与承诺不符、或者提供虚假材料的，依法承担相应责任，并记入信用记录。",
)


def render_commitment_a4(data: CommitmentData) -> bytes:
    font = register_font()
    st = styles(font)
    d, width, c, cc = data, A4_WIDTH, st.cell, st.cell_center
    story: list[Flowable] = case_opening(st, width, d, TITLE, "一式两份 申请人、受理窗口各执一份")
    story += [
        p(
            f"本人（单位）申请办理“{d.subject}”事项，下列材料暂不能提交，申请容缺受理，"
            "并郑重承诺如下：",
            st.heading,
        ),
    ]
    rows: list[list[Any]] = [
        [p(h, cc) for h in ("序号", "容缺材料名称", "要求", "补交期限", "获取途径 / 说明")]
    ]
    for i, m in enumerate(d.materials, 1):
        note = "；".join(x for x in (m.where, clean(m.note)) if x) or "—"
        rows.append(
            [
                p(str(i), cc),
                p(m.name, c),
                p(material_requirement(m), c),
                p(cn_date(m.due_on) if m.due_on else "—", cc),
                p(note, c),
            ]
        )
    story += [
        grid(rows, [12 * mm, 44 * mm, 46 * mm, 30 * mm, width - 132 * mm]),
        Spacer(1, 2 * mm),
        *(p(line, st.body) for line in PROMISES),
    ]
    signer = [[p("承诺人（签名/盖章）：______________", c), p("日期：______年____月____日", c)]]
    if d.agent is not None:
        signer += [
            [
                p(f"代理人（{d.agent.name}）签名：______________", c),
                p("日期：______年____月____日", c),
            ]
        ]
    signer += [
        [
            p(
                f"受理窗口经办人签名：______________（{d.clerk_name}，工号 {d.clerk_no}，"
                f"{window_text(d.window_number)}）",
                c,
            ),
            p(f"受理日期：{cn_date(d.accepted_at)}", c),
        ]
    ]
    office = f"受理部门：{d.department or '—'}　咨询电话：{d.hall_phone or '—'}"
    table = plain(signer, [width * 0.62, width * 0.38])
    table.setStyle([("TOPPADDING", (0, 1), (-1, -1), 7 * mm)])
    story.append(KeepTogether([Spacer(1, 8 * mm), table, Spacer(1, 4 * mm), p(office, st.small)]))
    return render_a4(
        story,
        font=font,
        heading=TITLE,
        serial=f"受理编号：{d.case_no}",
        hall=d.hall_name,
        reprint=d.reprint,
    )
