"""延长办理期限告知书: the one legal extension of a licence (行政许可法 第四十二条), with the
old and new due dates, the days, the head who approved it and the reason; a tear-off stub is
signed by the applicant (or the notice is sent with the case number)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from hall_app.domain.legal import ART42_EXTENSION
from hall_app.printing.blocks import (
    case_opening,
    clean,
    sign_off,
    stub,
)
from hall_app.printing.documents import ExtensionNoticeData
from hall_app.printing.fonts import register_font
from hall_app.printing.layout import (
    A4_WIDTH,
    AtBottom,
    cn_date,
    cn_datetime,
    grid,
    p,
    render_a4,
    styles,
)

TITLE = "延长办理期限告知书"
DOCUMENT = "extension"  # the print job's document kind


def render_extension_a4(data: ExtensionNoticeData) -> bytes:
    font = register_font()
    st = styles(font)
    d, width, c = data, A4_WIDTH, st.cell
    basis = d.legal_basis or ART42_EXTENSION
    reason = clean(d.reason) or "—"
    story: list[Flowable] = case_opening(st, width, d, TITLE, "第二联 申请人收执")
    story += [
        p(f"{d.applicant_name}：", st.heading),
        p(
            f"　　您于{cn_datetime(d.accepted_at)}申请的“{d.subject}”事项（受理编号 {d.case_no}），"
            f"因{reason}，不能在{cn_date(d.old_due_date)}前作出决定。依据{basis}，经本机关负责人"
            f"{d.approver}批准，办理期限延长 {d.days} 个{d.unit}，现将延长期限的理由告知如下：",
            st.body,
        ),
    ]
    rows = [
        ("原办结日期", cn_date(d.old_due_date)),
        ("延长期限", f"{d.days} 个{d.unit}"),
        ("延长后办结日期", cn_date(d.new_due_date)),
        ("延长理由", reason),
        ("批准人（负责人）", d.approver),
        ("法律依据", basis),
    ]
    table = grid(
        [[p(k, c), p(v, st.heading if k == "延长后办结日期" else c)] for k, v in rows],
        [36 * mm, width - 36 * mm],
        header=False,
        label_cols=(0,),
    )
    story += [
        Spacer(1, 2 * mm),
        table,
        p(
            "依法只能延长一次；本机关将在延长后的期限内作出决定。如有疑问，请凭受理编号拨打"
            f"咨询电话 {d.hall_phone or '—'} 查询。",
            st.body,
        ),
        KeepTogether([Spacer(1, 4 * mm), sign_off(st, width, d, cn_date(d.issued_on))]),
    ]
    stub_rows = [
        ("申请人", d.applicant_name),
        ("证件号码", d.id_number_masked),
        ("申请事项", f"{d.subject}（{d.subject_code}）"),
        ("原办结日期", cn_date(d.old_due_date)),
        ("新办结日期", cn_date(d.new_due_date)),
        ("批准人", d.approver),
        ("出具日期", cn_date(d.issued_on)),
    ]
    story.append(
        AtBottom(
            stub(
                st,
                width,
                heading="告知书（存根）",
                serial=f"受理编号：{d.case_no}",
                rows=stub_rows,
                pledge="本人已收到延长办理期限告知书，知悉延长后的办结日期。",
            )
        )
    )
    return render_a4(
        story,
        font=font,
        heading=TITLE,
        serial=f"受理编号：{d.case_no}",
        hall=d.hall_name,
        reprint=d.reprint,
    )
