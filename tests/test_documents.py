"""Printed notices (一次性告知单 / 不予受理通知书) and the 受理回执: real text, page sizes, paging."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import replace

import pytest
from pypdf import PdfReader

from hall_app.printing.documents import CORRECTION, REFUSAL, MaterialLine, NoticeData, ReceiptData
from hall_app.printing.notice import render_notice_80mm, render_notice_a4
from hall_app.printing.receipt import render_receipt_a4

A4_SIZE = (595, 842)
SLIP_WIDTH = 80 / 25.4 * 72  # 226.77 pt

RECEIVED = (
    MaterialLine("食品经营许可申请书", "原件", 1),
    MaterialLine("营业执照", "复印件", 1, standard="加盖公章"),
)
TO_CORRECT = (
    MaterialLine(
        "经营场所使用证明",
        "复印件",
        1,
        standard="租赁合同或房产证，A4纸",
        problem="过期",
        note="租赁合同有效期至2025-12-31，已过期",
        where="出租方或县不动产登记中心",
    ),
    MaterialLine(
        "法定代表人身份证",
        "原件和复印件",
        1,
        problem="信息不一致",
        note="姓名与营业执照不一致",
        where="县公安局户籍窗口",
    ),
    MaterialLine("食品安全管理制度", "原件", 1, standard="加盖公章", problem="缺失"),
)
NOTICE = NoticeData(
    kind=CORRECTION,
    serial="清政务告〔2026〕第000123号",
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    complaint_phone="12345",
    department="垫江县市场监督管理局",
    applicant_name="张晓梅",
    id_type="居民身份证",
    id_number_masked="110105********002X",
    phone_masked="138****5678",
    subject="食品经营许可",
    subject_code="11500231MB1234567X4000117009",
    received_at=dt.datetime(2026, 11, 25, 9, 12),
    issued_at=dt.datetime(2026, 11, 25, 9, 40),
    clerk_name="王芳",
    clerk_no="QH0217",
    window_number=5,
    legal_basis="《中华人民共和国食品安全法》第三十五条",
    correction_basis="《食品经营许可和备案管理办法》第十五条",
    received=RECEIVED,
    to_correct=TO_CORRECT,
)
REFUSED = replace(
    NOTICE,
    kind=REFUSAL,
    serial="清政务告〔2026〕第000124号",
    to_correct=(),
    refusal_reason="经营场所位于经济开发区，不属于本机关管辖",
    refusal_subitem="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
    right_office="重庆市梁平区市场监督管理局",
)
RECEIPT = ReceiptData(
    case_no="SL-500231-20261125-0031",
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    complaint_phone="12345",
    department="垫江县市场监督管理局",
    applicant_name="张晓梅",
    id_type="居民身份证",
    id_number_masked="110105********002X",
    phone_masked="138****5678",
    subject="食品经营许可",
    subject_code="11500231MB1234567X4000117009",
    accepted_at=dt.datetime(2026, 11, 25, 10, 5),
    promised_days=5,
    due_date=dt.date(2026, 12, 2),
    clerk_name="王芳",
    clerk_no="QH0217",
    window_number=5,
    received=(*RECEIVED, MaterialLine("经营场所使用证明", "复印件", 1)),
    deferred=(MaterialLine("从业人员健康证明", "复印件", 2, where="县疾控中心"),),
)


def pages(pdf: bytes) -> list[tuple[float, float, str]]:
    """(width, height, text without whitespace) of every page."""
    reader = PdfReader(io.BytesIO(pdf))
    return [
        (float(pg.mediabox.width), float(pg.mediabox.height), "".join(pg.extract_text().split()))
        for pg in reader.pages
    ]


def text_of(pdf: bytes) -> str:
    return "".join(text for _, _, text in pages(pdf))


def compact(s: str) -> str:
    return "".join(s.split())


COMMON = (
    "重庆市垫江县政务服务中心",
    "清政务告〔2026〕第000123号",
    "张晓梅",
    "110105********002X",
    "138****5678",
    "食品经营许可",
    "王芳",
    "QH0217",
    "5号窗口",
    "023-74680000",
    "12345",
    "2026年11月25日",
)


@pytest.mark.parametrize("render", [render_notice_a4, render_notice_80mm])
def test_correction_notice_lists_everything_to_correct(
    render: Callable[[NoticeData], bytes],
) -> None:
    text = text_of(render(NOTICE))
    for expected in (
        *COMMON,
        "一次性告知单（补正材料通知书）",
        "本通知一次性告知全部需补正内容",
        "食品经营许可和备案管理办法",
    ):
        assert compact(expected) in text, expected
    for m in TO_CORRECT:
        assert m.name in text and m.problem in text and compact(m.note) in text, m.name
    assert "2025-12-31，已过期" in text
    assert "县公安局户籍窗口" in text
    assert "补打" not in text


def test_a4_notice_is_one_page_with_stub_and_copy_labels() -> None:
    [(w, h, text)] = pages(render_notice_a4(NOTICE))
    assert (round(w), round(h)) == A4_SIZE
    for expected in (
        "第二联申请人收执",
        "第一联存根（窗口留存）",
        "沿此线撕下",
        "（印章）",
        "申请人签名",
        "第1页共1页",
        "需补正的材料（共3项）",
    ):
        assert expected in text, expected


def test_slip_is_80mm_wide_and_has_a_signature_line() -> None:
    [(w, h, text)] = pages(render_notice_80mm(NOTICE))
    assert w == pytest.approx(SLIP_WIDTH, abs=0.1)
    assert 400 < h < 1400
    assert "申请人签名" in text
    assert "第1页" not in text


@pytest.mark.parametrize("render", [render_notice_a4, render_notice_80mm])
def test_reprint_is_marked(render: Callable[[NoticeData], bytes]) -> None:
    assert "补打" in text_of(render(replace(NOTICE, reprint=True)))


@pytest.mark.parametrize("render", [render_notice_a4, render_notice_80mm])
def test_refusal_notice_gives_reason_office_and_remedies(
    render: Callable[[NoticeData], bytes],
) -> None:
    text = text_of(render(REFUSED))
    for expected in (
        "不予受理通知书",
        "清政务告〔2026〕第000124号",
        "张晓梅",
        "110105********002X",
        REFUSED.refusal_reason,
        "第三十二条第一款第（二）项",
        "重庆市梁平区市场监督管理局",
        "六十日",
        "六个月",
        "行政复议",
        "王芳",
        "023-74680000",
    ):
        assert compact(expected) in text, expected
    assert "补打" not in text
    assert "需补正的材料" not in text


def test_forty_materials_continue_on_further_pages() -> None:
    many = tuple(
        MaterialLine(
            f"经营场所平面布局图第{i}份",
            "原件",
            2,
            standard="加盖公章，A4纸，注明面积",
            problem="格式不符",
            note="未标注比例尺",
            where="申请人自行绘制",
        )
        for i in range(1, 41)
    )
    result = pages(render_notice_a4(replace(NOTICE, to_correct=many, reprint=True)))
    assert len(result) >= 2
    total = len(result)
    for number, (w, h, text) in enumerate(result, 1):
        assert (round(w), round(h)) == A4_SIZE
        assert f"第{number}页共{total}页" in text
        assert "补打" in text
    text = "".join(t for _, _, t in result)
    assert "经营场所平面布局图第40份" in text and "需补正的材料（共40项）" in text
    assert "续页" in result[1][2]
    assert "沿此线撕下" in result[-1][2] and "本通知一次性告知全部需补正内容" in text
    # the slip grows with the list instead of dropping items
    [(w, h, slip)] = pages(render_notice_80mm(replace(NOTICE, to_correct=many)))
    assert "经营场所平面布局图第40份" in slip and h > 2000


def test_receipt_promises_a_date() -> None:
    [(w, h, text)] = pages(render_receipt_a4(RECEIPT))
    assert (round(w), round(h)) == A4_SIZE
    for expected in (
        "受理回执",
        "SL-500231-20261125-0031",
        "张晓梅",
        "110105********002X",
        "138****5678",
        "食品经营许可",
        "2026年11月25日10:05",
        "经营场所使用证明",
        "容缺后补",
        "从业人员健康证明",
        "不予出具办理结果",
        "5个工作日",
        "2026年12月2日",
        "王芳",
        "5号窗口",
        "垫江县市场监督管理局",
        "023-74680000",
        "12345",
        "（印章）",
    ):
        assert expected in text, expected
    assert "补打" not in text
    assert "注意" not in text


def test_receipt_warning_and_reprint() -> None:
    warning = "2027年节假日安排尚未录入，办结日期按周一至周五推算"
    text = text_of(
        render_receipt_a4(replace(RECEIPT, calendar_warning=warning, reprint=True, deferred=()))
    )
    assert compact(warning) in text
    assert "补打" in text
    assert "容缺后补" not in text
