"""应急包（人工兜底）: every kit number is on paper, ticket sheets, registers and slips."""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo
from dataclasses import replace

from pypdf import PdfReader

from hall_app.printing.documents import MaterialLine
from hall_app.printing.kit import KitData, KitSlip, number_range, render_kit

LOCAL = zoneinfo.ZoneInfo("Asia/Shanghai")
FOOD = (
    MaterialLine("食品经营许可申请书", "原件", 1, standard="申请人签字或盖章"),
    MaterialLine("营业执照", "复印件", 1, standard="加盖公章"),
    MaterialLine("法定代表人身份证", "原件和复印件", 1),
    MaterialLine("经营场所使用证明", "复印件", 1, standard="租赁合同或房产证，A4纸"),
    MaterialLine("食品安全管理制度", "原件", 1, standard="加盖公章"),
)
PENSION = (
    MaterialLine("城乡居民基本养老保险参保登记表", "原件", 1),
    MaterialLine("居民户口簿", "原件", 1, standard="首页及本人页"),
)
SLIPS = (
    *(
        KitSlip(
            serial=f"BZ-500231-K07-{1 + i:04d}",
            item_code="11500231MB1234567X4000117009",
            item_name="食品经营许可",
            department="垫江县市场监督管理局",
            legal_basis="《食品经营许可和备案管理办法》第十五条",
            promised_days=5,
            materials=FOOD,
        )
        for i in range(3)
    ),
    *(
        KitSlip(
            serial=f"BZ-500231-K07-{4 + i:04d}",
            item_code="11500231MB0123456X3000521001",
            item_name="城乡居民基本养老保险参保登记",
            department="垫江县社会保险事务中心",
            legal_basis="《中华人民共和国社会保险法》第二十条",
            promised_days=1,
            materials=PENSION,
        )
        for i in range(2)
    ),
)
KIT = KitData(
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    complaint_phone="12345",
    incident_no="YJ-20261125-01",
    declared_at=dt.datetime(2026, 11, 25, 9, 47, tzinfo=LOCAL),
    cause="机房断电，排队叫号与受理系统均不可用",
    ticket_numbers=tuple(f"S07-{n:03d}" for n in range(1, 61)),
    inquiry_numbers=tuple(f"SW-500231-K07-{n:04d}" for n in range(1, 31)),
    case_numbers=tuple(f"SL-500231-K07-{n:04d}" for n in range(1, 31)),
    slips=SLIPS,
    printed_by="张三（3001）",
    kit_no=7,
    printed_at=dt.datetime(2026, 11, 25, 9, 50, tzinfo=LOCAL),
)
EMPTY = replace(KIT, ticket_numbers=(), inquiry_numbers=(), case_numbers=(), slips=())


def page_texts(pdf: bytes) -> list[str]:
    """The text of every page, without whitespace."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def section(texts: list[str], name: str) -> list[str]:
    """The pages whose running header names the section ``name``."""
    return [t for t in texts if f"应急包（人工兜底）·{name}" in t]


def test_kit_is_a_pdf_with_every_reserved_number() -> None:
    pdf = render_kit(KIT)
    assert pdf.startswith(b"%PDF")
    texts = page_texts(pdf)
    everything = "".join(texts)
    numbers = (
        *KIT.ticket_numbers,
        *KIT.inquiry_numbers,
        *KIT.case_numbers,
        *(s.serial for s in KIT.slips),
    )
    for number in numbers:
        assert number in everything, number
    for expected in (
        "应急包（人工兜底）",
        "重庆市垫江县政务服务中心",
        "YJ-20261125-01",
        "2026年11月25日09:47",
        "机房断电",
        "张三（3001）",
        "作废",
        "补录",
        "S07-001至S07-060",
        "60张",
        "应急包K07",
    ):
        assert expected in texts[0], expected


def test_every_page_has_the_footer() -> None:
    texts = page_texts(render_kit(KIT))
    for n, text in enumerate(texts, 1):
        assert f"第{n}页共{len(texts)}页" in text
        assert "编号一经使用或作废，不得再用" in text and "应急包K07" in text


def test_each_ticket_number_is_on_the_sheets_exactly_once() -> None:
    sheets = section(page_texts(render_kit(KIT)), "纸质号票")
    assert len(sheets) == 4  # 60 tickets, 18 a sheet
    found = [n for text in sheets for n in re.findall(r"S07-\d{3}(?!\d)", text)]
    assert sorted(found) == sorted(KIT.ticket_numbers)
    assert all(text.count("应急手工号") == text.count("取号时间") for text in sheets)


def test_registers_carry_one_row_per_number() -> None:
    texts = page_texts(render_kit(KIT))
    for marker, numbers, headings in (
        ("号票登记簿", KIT.ticket_numbers, ("号码", "叫号时间", "办结时间", "备注")),
        (
            "首问登记簿",
            KIT.inquiry_numbers,
            ("来访人", "咨询事项", "处理结果（答复/引导/转办）", "首问人"),
        ),
        ("受理登记簿", KIT.case_numbers, ("办件编号", "证件号码", "已收材料", "申请人签字")),
    ):
        register = section(texts, marker)
        assert register, marker
        for page in register:  # the header row repeats on every page
            assert all(h in page for h in headings), marker
        text = "".join(register)
        for number in numbers:
            assert text.count(number) == 1, number


def test_the_registers_are_landscape() -> None:
    pdf = render_kit(KIT)
    reader = PdfReader(io.BytesIO(pdf))
    texts = page_texts(pdf)
    wide = {
        n
        for n, page in enumerate(reader.pages)
        if float(page.mediabox.width) > float(page.mediabox.height)
    }
    registers = (
        section(texts, "号票登记簿") + section(texts, "首问登记簿") + section(texts, "受理登记簿")
    )
    assert wide == {texts.index(t) for t in registers}


def test_one_slip_page_per_serial_with_its_materials() -> None:
    slips = section(page_texts(render_kit(KIT)), "一次性告知单（应急）")
    assert len(slips) == len(SLIPS)
    for slip, text in zip(SLIPS, slips, strict=True):
        assert slip.serial in text and slip.item_name in text and slip.department in text
        assert f"{slip.promised_days}个工作日" in text
        for line in slip.materials:
            assert line.name in text, line.name
        for blank in ("申请人", "证件号码", "联系电话", "经办人/窗口", "日期", "缺"):
            assert blank in text, blank


def test_page_count_is_plausible() -> None:
    pdf = render_kit(KIT)
    # cover 1-2, sheets 4, ticket register 3, inquiry 2, case 2, slips 5
    assert 16 <= len(page_texts(pdf)) <= 19


def test_empty_kit_still_prints_its_cover() -> None:
    texts = page_texts(render_kit(EMPTY))
    assert len(texts) == 1
    assert "应急包（人工兜底）" in texts[0] and "YJ-20261125-01" in texts[0]
    assert "应急包K07" in texts[0]


def test_number_range() -> None:
    assert number_range(()) == "—"
    assert number_range(("S07-001",)) == "S07-001"
    assert number_range(("S07-001", "S07-002", "S07-003")) == "S07-001 至 S07-003"


def test_a_long_material_list_flows_on_without_losing_lines() -> None:
    many = tuple(
        MaterialLine(f"证明材料第{i}号", "复印件", 2, standard="加盖公章，A4纸")
        for i in range(1, 26)
    )
    kit = replace(EMPTY, slips=(replace(SLIPS[0], materials=many),))
    texts = page_texts(render_kit(kit))
    slip = "".join(section(texts, "一次性告知单（应急）"))
    assert len(section(texts, "一次性告知单（应急）")) == 2
    assert all(line.name in slip for line in many) and "存根" in slip
