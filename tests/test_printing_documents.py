"""Issue 13 on paper: each document's required fields read back from the PDF with pypdf, the
tear-off stub on the same A4 page, at least 9 pt on 80 mm paper, the item's own legal basis."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from hall_app.domain import masking
from hall_app.printing import kit
from hall_app.printing.commitment import render_commitment_a4
from hall_app.printing.documents import (
    CORRECTION,
    REFUSAL,
    Agent,
    CommitmentData,
    ExtensionNoticeData,
    MaterialLine,
    NoticeData,
    ReceiptData,
    ReceiptItem,
)
from hall_app.printing.extension import render_extension_a4
from hall_app.printing.notice import render_notice_80mm, render_notice_a4
from hall_app.printing.receipt import render_receipt_a4

MM = 72 / 25.4
LAND_BASIS = "《不动产登记暂行条例》第十七条"
AGENT = Agent("李建国", "居民身份证", "500231********1234", "135****6789", "受委托人")
RECEIVED = (
    MaterialLine("不动产登记申请书", "原件", 1),
    MaterialLine("申请人身份证明", "原件和复印件", 1),
    MaterialLine("营业执照", "复印件", 1, where="共享获取"),  # shared: never printed
)
TO_CORRECT = (
    MaterialLine(
        "不动产权属证书", "原件", 1, problem="缺失", where="原发证机关（县不动产登记中心）"
    ),
    MaterialLine(
        "买卖合同",
        "原件",
        2,
        standard="双方签字",
        problem="信息不一致",
        note="合同面积与证书不一致",
        where="交易双方",
    ),
    MaterialLine("完税凭证", "复印件", 1, problem="缺失", where="县税务局办税服务厅"),
)
NOTICE = NoticeData(
    kind=CORRECTION,
    serial="BZ-500231-20261125-0007",
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    complaint_phone="12345",
    department="垫江县规划和自然资源局",
    applicant_name="张晓梅",
    id_type="居民身份证",
    id_number_masked="110105********002X",
    phone_masked="139****5678",
    subject="国有建设用地使用权及房屋所有权转移登记",
    subject_code="11500231MB1918730K1000133006000",
    received_at=dt.datetime(2026, 11, 25, 9, 12),
    issued_at=dt.datetime(2026, 11, 25, 9, 40),
    clerk_name="王芳",
    clerk_no="1005",
    window_number=5,
    legal_basis="《不动产登记暂行条例》",
    correction_basis=LAND_BASIS,
    received=RECEIVED,
    to_correct=TO_CORRECT,
    correction_terms="请于30日内补正；逾期未补正的，视为撤回申请，材料退还。",
    agent=AGENT,
)
REFUSED = replace(
    NOTICE,
    kind=REFUSAL,
    serial="BY-500231-20261125-0002",
    to_correct=(),
    agent=AGENT,
    applicant_name="垫江县好味道餐饮有限公司",
    id_type="统一社会信用代码",
    id_number_masked="91500231MA0G8XYZ3K",
    legal_rep="王大海",
    refusal_ground="申请事项依法不属于本机关职权范围",
    refusal_reason="经营场所位于经济开发区",
    legal_basis="《中华人民共和国行政许可法》第三十二条第一款",
    right_office="重庆市梁平区市场监督管理局",
    reconsideration_body="垫江县人民政府",
    court="垫江县人民法院",
)
RECEIPT = ReceiptData(
    case_no="SL-500231-20261125-0031",
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    complaint_phone="12345",
    department="垫江县公安局",
    applicant_name="张晓梅",
    id_type="居民身份证",
    id_number_masked="110105********002X",
    phone_masked="139****5678",
    subject="居民身份证申领",
    subject_code="11500231MB1A0853X91000133006001",
    accepted_at=dt.datetime(2026, 11, 25, 10, 5),
    promised_days=20,
    promised_unit="工作日",
    due_date=dt.date(2026, 12, 23),
    legal_days=60,
    legal_unit="自然日",
    legal_due_date=dt.date(2027, 1, 24),
    clerk_name="王芳",
    clerk_no="1005",
    window_number=5,
    received=(
        MaterialLine("户口簿", "原件", 1),
        MaterialLine("照片回执", "电子", 0),
        MaterialLine("电子证照", "复印件", 1, where="共享获取"),
    ),
    deferred=(
        MaterialLine("居住证明", "复印件", 1, where="社区居委会", due_on=dt.date(2026, 12, 9)),
    ),
    delivery_method="邮寄",
    delivery_address="垫江县澄溪镇工业路18号",
    pauses=(("鉴定", dt.date(2026, 12, 1), dt.date(2026, 12, 3)),),
)
BUNDLE = replace(
    RECEIPT,
    subject="新生儿出生一件事",
    subject_code="YJS01",
    legal_days=0,
    legal_due_date=None,
    department="垫江县卫生健康委员会、垫江县公安局、垫江县医疗保障局、垫江县人力资源和社会保障局",
    promised_days=5,
    due_date=dt.date(2026, 12, 2),
    delivery_method="电子证照",
    pauses=(),
    items=(
        ReceiptItem("出生医学证明签发", "垫江县卫生健康委员会", 0, "工作日", dt.date(2026, 11, 25)),
        ReceiptItem("出生登记", "垫江县公安局", 5, "工作日", dt.date(2026, 12, 2)),
        ReceiptItem(
            "社会保障卡申领", "垫江县人力资源和社会保障局", 10, "自然日", dt.date(2026, 12, 5)
        ),
    ),
    seal_office="重庆市垫江县政务服务中心综合受理窗口",
)
EXTENSION = ExtensionNoticeData(
    case_no="SL-500231-20261125-0031",
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    complaint_phone="12345",
    department="垫江县市场监督管理局",
    applicant_name="张晓梅",
    id_type="居民身份证",
    id_number_masked="110105********002X",
    subject="食品经营许可",
    subject_code="X1",
    accepted_at=dt.datetime(2026, 11, 25, 10, 5),
    old_due_date=dt.date(2026, 12, 23),
    new_due_date=dt.date(2027, 1, 7),
    days=10,
    unit="工作日",
    approver="赵国强",
    reason="需现场核查经营场所",
    legal_basis="《中华人民共和国行政许可法》第四十二条",
    issued_on=dt.date(2026, 12, 18),
    clerk_name="王芳",
    clerk_no="1005",
    window_number=5,
)
COMMITMENT = CommitmentData(
    case_no="SL-500231-20261125-0031",
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    department="垫江县公安局",
    applicant_name="张晓梅",
    id_type="居民身份证",
    id_number_masked="110105********002X",
    phone_masked="139****5678",
    subject="居民身份证申领",
    subject_code="X2",
    accepted_at=dt.datetime(2026, 11, 25, 10, 5),
    materials=RECEIPT.deferred,
    clerk_name="王芳",
    clerk_no="1005",
    window_number=5,
    agent=AGENT,
)


def pages(pdf: bytes) -> list[str]:
    """The text of every page, without whitespace."""
    return ["".join(pg.extract_text().split()) for pg in PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    return "".join(pages(pdf))


def compact(s: str) -> str:
    return "".join(s.split())


def assert_all(text: str, *expected: str) -> None:
    missing = [e for e in expected if compact(e) not in text]
    assert not missing, missing


# ------------------------------------------------------------------ 6. legal basis


@pytest.mark.parametrize("render", [render_notice_a4, render_notice_80mm])
def test_a_non_licence_cites_its_own_basis_never_art32(render: Callable[[NoticeData], bytes]):
    text = text_of(render(NOTICE))
    assert f"依据{LAND_BASIS}" in text
    assert "第三十二条" not in text and "行政许可法" not in text


def test_the_paper_kit_slip_cites_no_art32(tmp_path: Path) -> None:
    slip = kit.KitSlip(
        "BZ-500231-20261125-0101",
        "X1",
        "不动产转移登记",
        "县自然资源局",
        LAND_BASIS,
        10,
        TO_CORRECT,
    )
    data = kit.KitData(
        "重庆市垫江县政务服务中心",
        "023-74680000",
        "12345",
        "YJ-20261125-01",
        dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC),
        "断网",
        (),
        (),
        (),
        (slip,),
    )
    blank = text_of(kit.render_kit(data))
    assert "第三十二条" not in blank and "经办人按本事项的补正规定填写" in blank
    own = text_of(
        kit.render_kit(replace(data, slips=(replace(slip, correction_basis=LAND_BASIS),)))
    )
    assert f"依据{LAND_BASIS}" in own and "第三十二条" not in own


# ------------------------------------------------------------------ 7. correction notice


@pytest.mark.parametrize("render", [render_notice_a4, render_notice_80mm])
def test_correction_notice_where_terms_agent_and_no_shared_row(
    render: Callable[[NoticeData], bytes],
):
    text = text_of(render(NOTICE))
    assert_all(
        text,
        "原发证机关（县不动产登记中心）",
        "交易双方",
        "县税务局办税服务厅",
        "补正期限及逾期后果",
        NOTICE.correction_terms,
        "代理人",
        "李建国（受委托人）",
        "500231********1234",
        "135****6789",
        "申请人签名",
    )
    assert "营业执照" not in text and "共享" not in text
    assert "补打" not in text and "关联首次告知单" not in text


@pytest.mark.parametrize("render", [render_notice_a4, render_notice_80mm])
def test_reprint_carries_its_date_and_a_further_notice_its_first(
    render: Callable[[NoticeData], bytes],
):
    again = replace(
        NOTICE,
        reprint=True,
        reprinted_at=dt.datetime(2026, 11, 27, 14, 5),
        first_serial="BZ-500231-20261120-0003",
        further_reason="申请人更换了买卖合同",
    )
    assert_all(
        text_of(render(again)),
        "补打",
        "补打日期：2026年11月27日14:05",
        "关联首次告知单BZ-500231-20261120-0003",
        "申请人更换了买卖合同",
    )


def test_free_text_goes_through_the_scrubber(monkeypatch: pytest.MonkeyPatch) -> None:
    """Second line of defence: notes and reasons pass through ``domain.masking.scrub``."""
    monkeypatch.setattr(
        masking, "scrub", lambda s: s.replace("13912345678", "139****5678"), raising=False
    )
    noted = replace(TO_CORRECT[1], note="请联系 13912345678")
    for pdf in (
        render_notice_a4(replace(NOTICE, to_correct=(noted,))),
        render_notice_80mm(replace(NOTICE, to_correct=(noted,))),
        render_notice_a4(replace(REFUSED, refusal_reason="电话 13912345678")),
        render_extension_a4(replace(EXTENSION, reason="电话 13912345678")),
    ):
        text = text_of(pdf)
        assert "13912345678" not in text and "139****5678" in text


# ------------------------------------------------------------------ 8. refusal


@pytest.mark.parametrize("render", [render_notice_a4, render_notice_80mm])
def test_refusal_names_ground_bodies_office_returned_materials_and_people(
    render: Callable[[NoticeData], bytes],
) -> None:
    text = text_of(render(REFUSED))
    assert_all(
        text,
        "不予受理理由",
        "申请事项依法不属于本机关职权范围",
        "经营场所位于经济开发区",
        "《中华人民共和国行政许可法》第三十二条第一款",
        "自收到本通知书之日起六十日内向垫江县人民政府申请行政复议",
        "自收到本通知书之日起六个月内向垫江县人民法院提起行政诉讼",
        "重庆市梁平区市场监督管理局",
        "申请材料已全部退还",
        "法定代表人",
        "王大海",
        "李建国（受委托人）",
        "91500231MA0G8XYZ3K",
    )


# ------------------------------------------------------------------ 9. receipt


def test_receipt_both_dates_units_delivery_lookup_originals_pauses_deferred() -> None:
    pdf = render_receipt_a4(RECEIPT)
    [text] = pages(pdf)  # the stub is on the one page
    assert_all(
        text,
        "法定办结时限",
        "60个自然日",
        "2027年1月24日",
        "承诺办结时限",
        "20个工作日",
        "2026年12月23日",
        "邮寄送达",
        "垫江县澄溪镇工业路18号",
        "凭受理编号SL-500231-20261125-0031拨打023-74680000",
        "户口簿",
        "核验后退还",
        "暂停计时",
        "鉴定：2026年12月1日至2026年12月3日",
        "居住证明",
        "2026年12月9日",
        "第一联存根（窗口留存）",
        "沿此线撕下",
        "申请人签名",
        "第二联申请人收执",
    )
    assert "电子证照" not in text.split("结果送达方式")[0]  # the shared one is not listed
    assert not re.search(r"(?<!\d)0个工作日", text) and "即时办结" not in text


def test_instant_item_says_same_day_never_zero_days() -> None:
    text = text_of(
        render_receipt_a4(
            replace(
                RECEIPT,
                instant=True,
                promised_days=0,
                legal_days=0,
                legal_due_date=None,
                due_date=dt.date(2026, 11, 25),
                pauses=(),
                deferred=(),
            )
        )
    )
    assert_all(text, "即时办结", "2026年11月25日（当日）")
    assert not re.search(r"(?<!\d)0个工作日", text) and "自受理次日起" not in text


def test_bundle_receipt_lists_each_item_and_the_hall_seals() -> None:
    text = text_of(render_receipt_a4(BUNDLE))
    assert_all(
        text,
        "办理事项（共3项）",
        "出生医学证明签发",
        "出生登记",
        "社会保障卡申领",
        "垫江县人力资源和社会保障局",
        "10个自然日",
        "2026年12月5日",
        "电子证照",
        "重庆市垫江县政务服务中心综合受理窗口",
    )
    unsealed = text_of(render_receipt_a4(replace(BUNDLE, seal_office="")))
    assert "重庆市垫江县政务服务中心（综合受理）" in unsealed


def test_extension_notice() -> None:
    text = text_of(render_extension_a4(EXTENSION))
    assert_all(
        text,
        "延长办理期限告知书",
        "SL-500231-20261125-0031",
        "张晓梅",
        "110105********002X",
        "原办结日期",
        "2026年12月23日",
        "延长后办结日期",
        "2027年1月7日",
        "10个工作日",
        "赵国强",
        "需现场核查经营场所",
        "《中华人民共和国行政许可法》第四十二条",
        "申请人签名",
        "023-74680000",
    )


def test_commitment_lists_due_dates_the_promise_and_signatures() -> None:
    text = text_of(render_commitment_a4(COMMITMENT))
    assert_all(
        text,
        "容缺受理承诺书",
        "SL-500231-20261125-0031",
        "居住证明",
        "2026年12月9日",
        "社区居委会",
        "郑重承诺",
        "未按期补齐的，办理机关不予出具办理结果",
        "承诺人（签名/盖章）",
        "代理人（李建国）签名",
        "受理窗口经办人签名",
        "日期：",
    )


def test_the_applications_own_forms_are_kept_and_other_originals_returned() -> None:
    """An application form (申请书 / 申请表 …) is handed in; an ID card is seen and returned."""
    form, card = (
        MaterialLine("食品经营许可申请书", "原件", 1),
        MaterialLine("居民身份证", "原件", 1),
    )
    assert not form.original_returned and card.original_returned
    text = compact(text_of(render_receipt_a4(replace(RECEIPT, received=(form, card)))))
    assert compact("食品经营许可申请书原件1份留存") in text
    assert compact("居民身份证原件1份核验后退还") in text
