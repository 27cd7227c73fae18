"""The blocks every printed form repeats: header, applicant and agent, materials, sign-off with
the seal area, the tear-off stub, the 补打 note, and the scrubbing of free text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from hall_app.domain import masking
from hall_app.printing.documents import MaterialLine
from hall_app.printing.layout import (
    Styles,
    cn_datetime,
    cut_line,
    grid,
    p,
    plain,
    qr_code,
    reprint_mark,
    seal_block,
    title,
    window_text,
)

Party = Any  # NoticeData, ReceiptData, ExtensionNoticeData, CommitmentData: duck-typed
SHARED_MARKS = ("共享", "共享获取", "共享免提交")


def clean(text: str) -> str:
    """Free text (notes, reasons) with ID and mobile numbers masked: the services scrub it
    first, this is the second line of defence."""
    scrub: Callable[[str], str] | None = getattr(masking, "scrub", None)
    return scrub(text) if scrub and text else text


def shown(lines: Sequence[MaterialLine]) -> list[MaterialLine]:
    """The materials a document lists: shared ones (共享免提交) are never demanded nor collected."""
    return [m for m in lines if m.where not in SHARED_MARKS and m.form not in SHARED_MARKS]


def handling(line: MaterialLine) -> str:
    """What the window does with a received material: originals are seen and handed back."""
    if line.form == "原件和复印件":
        return "原件核验后退还、复印件留存"
    return (
        "核验后退还" if line.original_returned else ("电子存档" if line.form == "电子" else "留存")
    )


def days_text(days: int, unit: str) -> str:
    """``20 个工作日（…）`` or ``60 个自然日（…）``: the unit is always said."""
    if unit == "自然日":
        return f"{days} 个自然日（自受理次日起计算，节假日计入）"
    return f"{days} 个工作日（自受理次日起计算，法定节假日不计入）"


def reprint_note(st: Styles, d: Party) -> list[Flowable]:
    """``补打`` and the reprint's date, under the header of a reprinted document."""
    if not d.reprint:
        return []
    when = getattr(d, "reprinted_at", None)
    return [
        p(f"补打件　补打日期：{cn_datetime(when) if when else '—'}（内容与原件一致）", st.warning)
    ]


def header(
    st: Styles,
    width: float,
    *,
    hall: str,
    heading: str,
    serial: str,
    qr: str,
    reprint: bool,
    copy_label: str = "",
    serial_label: str = "编号",
) -> list[Flowable]:
    """Copy label and serial on top; 补打 mark, hall name + title and QR code below."""
    top = plain(
        [[p(copy_label, st.small), p(f"{serial_label}：{serial}", st.right)]],
        [width * 0.4, width * 0.6],
    )
    side = 30 * mm
    mark: Flowable | str = reprint_mark(st.font, 16) if reprint else ""
    middle = [p(hall, st.hall), title(heading, st.font, 19)]
    row = plain([[mark, middle, qr_code(qr, 24 * mm)]], [side, width - 2 * side, side])
    row.setStyle(TableStyle([("LEFTPADDING", (2, 0), (2, 0), side - 24 * mm)]))
    return [top, row]


def applicant_table(st: Styles, width: float, d: Party, when_label: str, when: str) -> Table:
    label, value, c = 24 * mm, (width - 48 * mm) / 2, st.cell
    phone = getattr(d, "phone_masked", "")
    rows: list[list[Any]] = [
        [p("申请人", c), p(d.applicant_name, c), p("证件类型", c), p(d.id_type, c)],
        [p("证件号码", c), p(d.id_number_masked, c), p("联系电话", c), p(phone or "—", c)],
    ]
    people = agent_pairs(getattr(d, "agent", None))
    if getattr(d, "legal_rep", ""):
        people.insert(0, ("法定代表人", d.legal_rep))
    people += [("", "")] * (len(people) % 2)
    for (k1, v1), (k2, v2) in zip(people[::2], people[1::2], strict=True):
        rows.append([p(k1, c), p(v1, c), p(k2, c) if k2 else "", p(v2, c) if k2 else ""])
    spans = [(1, i, 3, i) for i, r in enumerate(rows) if r[2] == ""]
    rows += [
        [p("申请事项", c), p(f"{d.subject}（事项编码：{d.subject_code or '—'}）", c), "", ""],
        [p(when_label, c), p(when, c), p("承办部门", c), p(d.department or "—", c)],
    ]
    spans.append((1, len(rows) - 2, 3, len(rows) - 2))
    return grid(rows, [label, value, label, value], header=False, label_cols=(0, 2), spans=spans)


def agent_pairs(agent: Any) -> list[tuple[str, str]]:
    """(label, text) of the 代理人: name and relationship, phone and ID (both masked)."""
    if agent is None:
        return []
    who = agent.name + (f"（{agent.relation}）" if agent.relation else "")
    return [
        ("代理人", who),
        ("代理人电话", agent.phone_masked or "—"),
        ("代理人证件", f"{agent.id_type} {agent.id_number_masked or '—'}"),
    ]


def seal_office(d: Party) -> str:
    """Who seals: the office the service names; a bundle's several departments never (the hall's
    综合受理 seal instead)."""
    office = getattr(d, "seal_office", "")
    if office:
        return office
    if "、" in d.department or not d.department:
        return f"{d.hall_name}（综合受理）" if "、" in d.department else d.hall_name
    return str(d.department)


def sign_off(st: Styles, width: float, d: Party, date_text: str) -> Table:
    """Clerk, window and phones at the left; issuing office, date and seal area at the right."""
    c, left = st.cell, width * 0.56
    rows = [
        [p(k, c), p(v or "—", c)]
        for k, v in (
            ("经办人", f"{d.clerk_name}（工号 {d.clerk_no}）"),
            ("办理窗口", window_text(d.window_number)),
            ("咨询电话", d.hall_phone),
            ("投诉电话", getattr(d, "complaint_phone", "")),
        )
    ]
    contacts = grid(rows, [24 * mm, left - 24 * mm], header=False, label_cols=(0,))
    seal = seal_block(seal_office(d), date_text, st.font, 12.5 * mm)
    return plain([[contacts, seal]], [left, width - left])


def materials_table(st: Styles, width: float, lines: Sequence[MaterialLine]) -> Table:
    """序号 / 材料名称 / 形式份数 / 处理 of the materials received (originals: 核验后退还)."""
    c, cc = st.cell, st.cell_center
    rows: list[list[Any]] = [[p(h, cc) for h in ("序号", "材料名称", "形式份数", "处理")]]
    rows += [
        [p(str(i), cc), p(m.name, c), p(m.requirement, cc), p(handling(m), cc)]
        for i, m in enumerate(shown(lines), 1)
    ]
    if len(rows) == 1:
        rows.append([p("—", cc), p("（无）", c), p("—", cc), p("—", cc)])
    return grid(rows, [10 * mm, width - 96 * mm, 34 * mm, 52 * mm])


def stub(
    st: Styles,
    width: float,
    *,
    heading: str,
    serial: str,
    rows: Sequence[tuple[str, str]],
    pledge: str,
) -> Table:
    """The tear-off 存根 kept at the window (第一联), signed by the applicant."""
    top = plain(
        [
            [
                p("第一联 存根（窗口留存）", st.small),
                title(heading, st.font, 12),
                p(serial, st.right),
            ]
        ],
        [width * 0.3, width * 0.3, width * 0.4],
    )
    c, label, value = st.cell, 25 * mm, (width - 50 * mm) / 2
    cells: list[list[Any]] = []
    spans: list[tuple[int, int, int, int]] = []
    waiting: list[tuple[str, str]] = []

    def whole(k: str, v: str) -> None:
        cells.append([p(k, c), p(v or "—", c), "", ""])
        spans.append((1, len(cells) - 1, 3, len(cells) - 1))

    for k, v in rows:  # short values two to a row, a long one takes the whole row
        if len(v) > 24:
            whole(k, v)
            continue
        waiting.append((k, v))
        if len(waiting) == 2:
            (k1, v1), (k2, v2) = waiting
            cells.append([p(k1, c), p(v1 or "—", c), p(k2, c), p(v2 or "—", c)])
            waiting = []
    for k, v in waiting:
        whole(k, v)
    table = grid(cells, [label, value, label, value], header=False, label_cols=(0, 2), spans=spans)
    sign = plain(
        [
            [
                p(pledge, st.small),
                p("申请人签名（或代理人签名）：____________　日期：__________", st.right),
            ]
        ],
        [width * 0.42, width * 0.58],
    )
    return plain(
        [
            [cut_line(st.font, "- - -  沿此线撕下  - - -")],
            [top],
            [table],
            [Spacer(1, 1.5 * mm)],
            [sign],
        ],
        [width],
    )


def case_opening(st: Styles, width: float, d: Any, title: str, copy_label: str) -> list[Flowable]:
    """The top of a document about an accepted case (extension notice, 承诺书): the header with
    the case number and its QR code, 补打 when reprinted, and the applicant with the
    acceptance time."""
    return [
        *header(
            st,
            width,
            hall=d.hall_name,
            heading=title,
            serial=d.case_no,
            qr=d.qr_payload,
            reprint=d.reprint,
            copy_label=copy_label,
            serial_label="受理编号",
        ),
        *reprint_note(st, d),
        Spacer(1, 3 * mm),
        applicant_table(st, width, d, "受理时间", cn_datetime(d.accepted_at)),
    ]
