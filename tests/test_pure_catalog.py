"""Pure tests of parse_catalog and reading a catalog file (no database): exact typed values."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from hall_app.domain import legal
from hall_app.domain.catalog import (
    MAX_BYTES,
    Bundle,
    Catalog,
    Category,
    Department,
    Hall,
    Material,
    ServiceItem,
    Staff,
    Window,
    file_digest,
    load_catalog,
    load_yaml,
    parse_catalog,
    read_catalog,
)
from hall_app.domain.errors import InvalidInput
from tests.test_pure_catalog_check import BASE

MAT_I1 = Material(
    name="申请表",
    form="原件",
    copies=1,
    requirement="必要",
    source="申请人自备",
    standard="填写完整",
)
MAT_I2 = Material(
    name="身份证",
    form="原件",
    copies=1,
    requirement="必要",
    source="申请人自备",
    standard="有效期内",
)

EXPECTED = Catalog(
    hall=Hall(
        code="500231",
        name="测试中心",
        phone="023-74680000",
        complaint_phone="12345",
        address="某地",
        opening_hours="全天",
        government="某县人民政府",
        court="某县人民法院",
    ),
    zones=(("Z1", "综合区"),),
    categories=(
        Category(code="A", name="综合", prefix="A", green_channel=False, avg_service_minutes=12),
        Category(code="GR", name="绿色通道", prefix="V", green_channel=True, avg_service_minutes=5),
    ),
    items=(
        ServiceItem(
            code="I1",
            basic_code="B1",
            name="甲事项",
            category="A",
            type="行政许可",
            department="县局",
            target="自然人",
            kind="承诺件",
            legal_limit_days=20,
            promised_limit_days=5,
            legal_basis="某法",
            fee="不收费",
            result="证照",
            visits=1,
            online=True,
            appointment=False,
            delivery=False,
            materials=(MAT_I1,),
            correction_basis=legal.ART32_CORRECTION,
            correction_terms=legal.ART32_TERMS,
            refusal_basis=legal.ART32_REFUSAL,
            refusal_grounds=("remit", "not_licence"),
            legal_limit_unit="工作日",
            promised_limit_unit="工作日",
        ),
        ServiceItem(
            code="I2",
            basic_code="B2",
            name="乙事项",
            category="A",
            type="行政确认",
            department="县局",
            target="法人",
            kind="即办件",
            legal_limit_days=0,
            promised_limit_days=0,
            legal_basis="某法",
            fee="不收费",
            result="证明",
            visits=0,
            online=False,
            appointment=False,
            delivery=False,
            materials=(MAT_I2,),
            correction_basis=legal.NEUTRAL_CORRECTION,
            correction_terms=legal.NEUTRAL_TERMS,
            refusal_basis="",
            refusal_grounds=("remit",),
        ),
    ),
    bundles=(
        Bundle(code="K1", name="一件事", category="A", items=("I1", "I2"), promised_limit_days=5),
    ),
    windows=(Window(number=1, zone="Z1", categories=("A", "GR"), name="一号窗"),),
    staff=(
        Staff(
            staff_no="1001",
            name="张三",
            role="clerk",
            password="secret1",
            qualifications=("A",),
            phone="13800138000",
            default_window=1,
        ),
    ),
    departments=(Department(name="县局", reconsideration_body="市局", vertical=True),),
)


def base() -> dict:
    return load_yaml(BASE.encode(), "t.yaml")


def test_parse_catalog_gives_exact_typed_values_and_legal_defaults() -> None:
    assert parse_catalog(base()) == EXPECTED


def test_values_given_in_the_file_win_over_defaults() -> None:
    data = base()
    item = data["items"][1]
    item.update(
        correction_basis="《某法》第五条",
        correction_terms="五日内补正",
        refusal_basis="《某法》第六条",
        refusal_grounds=[" remit ", "超出职权"],
        legal_limit_unit="自然日",
        promised_limit_unit="自然日",
        short_name="乙",
        conditions="条件",
        aliases=["俗称一", " 俗称二\u200b"],
        chuanyu_tongban=True,
    )
    data["bundles"][0]["aliases"] = ["套餐俗称"]
    mat = item["materials"][0]
    mat.update(requirement="容缺后补", defer_days=3, situation="情形", obtain_from="派出所")
    data["categories"][0]["description"] = "说明"
    data["bundles"][0]["description"] = "一件事说明"
    parsed = parse_catalog(data)
    got = parsed.items[1]
    assert (got.correction_basis, got.correction_terms, got.refusal_basis) == (
        "《某法》第五条",
        "五日内补正",
        "《某法》第六条",
    )
    assert got.refusal_grounds == ("remit", "超出职权")
    assert (got.legal_limit_unit, got.promised_limit_unit) == ("自然日", "自然日")
    assert (got.short_name, got.conditions) == ("乙", "条件")
    assert got.aliases == ("俗称一", "俗称二")
    assert parsed.bundles[0].aliases == ("套餐俗称",)
    assert parsed.items[0].aliases == ()
    assert got.chuanyu_tongban is True and parsed.items[0].chuanyu_tongban is False
    assert got.materials[0] == Material(
        name="身份证",
        form="原件",
        copies=1,
        requirement="容缺后补",
        source="申请人自备",
        standard="有效期内",
        situation="情形",
        obtain_from="派出所",
        defer_days=3,
    )
    assert parsed.categories[0].description == "说明"
    assert parsed.bundles[0].description == "一件事说明"


def test_optional_sections_and_fields_left_out() -> None:
    data = base()
    del data["bundles"], data["staff"], data["departments"]
    del data["hall"]["court"], data["hall"]["government"]
    del data["windows"][0]["name"]
    parsed = parse_catalog(data)
    assert (parsed.bundles, parsed.staff, parsed.departments) == ((), (), ())
    assert (parsed.hall.court, parsed.hall.government) == ("", "")
    assert parsed.windows[0].name == ""
    data = base()
    del data["staff"][0]["phone"], data["staff"][0]["qualifications"]
    del data["staff"][0]["default_window"]
    del data["departments"][0]["vertical"]
    data["departments"][0]["reconsideration_body"] = None
    parsed = parse_catalog(data)
    assert parsed.staff[0] == Staff(staff_no="1001", name="张三", role="clerk", password="secret1")
    assert parsed.departments[0] == Department(name="县局", reconsideration_body="", vertical=False)


def test_text_is_normalised_as_checked() -> None:
    data = base()
    data["items"][0]["name"] = "甲\u200b事项"  # an invisible character
    data["zones"][0]["name"] = "ＡＢ"  # full width
    parsed = parse_catalog(data)
    assert parsed.items[0].name == "甲事项"
    assert parsed.zones == (("Z1", "AB"),)


def test_a_catalog_with_problems_is_refused_listing_them() -> None:
    data = base()
    data["schema_version"] = 9
    data["staff"][0]["password"] = "123"
    with pytest.raises(InvalidInput) as exc:
        parse_catalog(data)
    assert exc.value.message == (
        "目录文件有 2 处问题：\n第 1 行 schema_version：不支持的版本 9，应为 1 或 2\n"
        f"第 {BASE.splitlines().index('    password: secret1') + 1} 行 staff[1].password："
        "初始密码至少 6 位"
    )


def test_read_and_digest(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(BASE.encode())
    assert read_catalog(path) == BASE.encode()
    assert file_digest(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert parse_catalog(load_catalog(path)) == EXPECTED
    missing = tmp_path / "none.yaml"
    with pytest.raises(InvalidInput) as exc:
        read_catalog(missing)
    assert exc.value.message == f"无法读取目录文件 {missing}：No such file or directory"


def test_size_limit_is_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * MAX_BYTES)
    assert len(read_catalog(path)) == MAX_BYTES
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(InvalidInput) as exc:
        read_catalog(path)
    assert exc.value.message == f"目录文件 {path} 过大（2048 KB，最多 2048 KB）"
