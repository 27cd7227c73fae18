"""Pure tests of the catalog check (no database): each rule, each boundary, exact messages."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from hall_app.domain.catalog import (
    Problem,
    capped_problems,
    check_against_database,
    check_catalog,
    load_catalog,
    load_yaml,
)

DEMO = Path(__file__).resolve().parents[1] / "resources" / "catalog" / "demo_hall.yaml"

BASE = """\
schema_version: 1
hall:
  code: "500231"
  name: 测试中心
  phone: "023-74680000"
  complaint_phone: "12345"
  address: 某地
  opening_hours: 全天
  government: 某县人民政府
  court: 某县人民法院
zones:
  - code: Z1
    name: 综合区
categories:
  - code: A
    name: 综合
    prefix: A
    green_channel: false
    avg_service_minutes: 12
  - code: GR
    name: 绿色通道
    prefix: V
    green_channel: true
    avg_service_minutes: 5
departments:
  - name: 县局
    reconsideration_body: 市局
    vertical: true
items:
  - code: I1
    basic_code: B1
    name: 甲事项
    category: A
    type: 行政许可
    department: 县局
    target: 自然人
    kind: 承诺件
    legal_limit_days: 20
    promised_limit_days: 5
    legal_basis: 某法
    fee: 不收费
    result: 证照
    visits: 1
    online: true
    appointment: false
    delivery: false
    materials:
      - name: 申请表
        form: 原件
        copies: 1
        requirement: 必要
        source: 申请人自备
        standard: 填写完整
  - code: I2
    basic_code: B2
    name: 乙事项
    category: A
    type: 行政确认
    department: 县局
    target: 法人
    kind: 即办件
    legal_limit_days: 0
    promised_limit_days: 0
    legal_basis: 某法
    fee: 不收费
    result: 证明
    visits: 0
    online: false
    appointment: false
    delivery: false
    materials:
      - name: 身份证
        form: 原件
        copies: 1
        requirement: 必要
        source: 申请人自备
        standard: 有效期内
bundles:
  - code: K1
    name: 一件事
    category: A
    items: [I1, I2]
    promised_limit_days: 5
windows:
  - number: 1
    name: 一号窗
    zone: Z1
    categories: [A, GR]
staff:
  - staff_no: "1001"
    name: 张三
    role: clerk
    password: secret1
    phone: "13800138000"
    qualifications: [A]
    default_window: 1
"""
# lines of the keys the tests spoil (1-based)
L_VERSION = 1
L_ITEM1 = 29  # "- code: I1"


def base() -> Any:
    return load_yaml(BASE.encode(), "t.yaml")


def found(data: Any, **kw: Any) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.path, p.message) for p in check_catalog(data, **kw)]


def one(data: Any, **kw: Any) -> tuple[int | None, str, str]:
    problems = found(data, **kw)
    assert len(problems) == 1, problems
    return problems[0]


def line_of(text: str) -> int:
    return BASE.splitlines().index(text) + 1


def test_the_base_catalog_and_the_shipped_demo_are_clean() -> None:
    assert found(base()) == []
    demo = load_catalog(DEMO)
    assert found(demo) == []
    assert found(demo, minimum_sizes=True) == []


def test_the_base_fails_the_full_hall_sizes_with_exact_counts() -> None:
    assert found(base(), minimum_sizes=True) == [
        (line_of("categories:"), "categories", "至少需要 8 项，实际 2 项"),
        (line_of("items:"), "items", "至少需要 40 项，实际 2 项"),
        (line_of("bundles:"), "bundles", "至少需要 6 项，实际 1 项"),
        (line_of("windows:"), "windows", "至少需要 20 项，实际 1 项"),
        (line_of("staff:"), "staff", "至少需要 4 项，实际 1 项"),
        (line_of("staff:"), "staff", "缺少以下角色的人员：reception、supervisor、admin"),
    ]


def test_not_a_mapping_at_top() -> None:
    assert check_catalog([1]) == [
        Problem(None, "文件", "顶层应为键值对（映射），见 docs/catalog-format.md")
    ]


def test_schema_version() -> None:
    data = base()
    data["schema_version"] = 3  # 2 is the v2 format (tests/test_pure_catalog_v2.py)
    assert one(data) == (1, "schema_version", "不支持的版本 3，应为 1 或 2")
    data["schema_version"] = "1"
    assert one(data) == (1, "顶层.schema_version", "应为整数，实际为 '1'")
    del data["schema_version"]
    assert one(data) == (1, "顶层.schema_version", "缺少必填字段")


def test_unknown_top_key_and_hall_keys() -> None:
    data = base()
    data["extra"] = 1
    assert one(data) == (1, "顶层.extra", "未知字段（拼写错误？）")
    data = base()
    data["hall"]["colour"] = "red"
    assert one(data) == (3, "hall.colour", "未知字段（拼写错误？）")
    data = base()
    del data["hall"]["court"]
    assert found(data) == []  # optional: Hall has a default
    del data["hall"]["phone"]
    assert one(data) == (5, "hall.phone", "缺少必填字段")  # the deleted key's line
    data = base()
    data["hall"]["code"] = ""
    assert one(data) == (3, "hall.code", "不能为空")
    data = base()
    data["hall"]["court"] = ""
    assert found(data) == []
    data = base()
    data["hall"] = "x"
    assert one(data) == (line_of("hall:"), "hall", "应为键值对（映射）")


def test_zone_rules() -> None:
    data = base()
    data["zones"].append(copy.copy(data["zones"][0]))
    assert found(data) == [(12, "zones[2].code", "区域编码「Z1」重复，已在 zones[1].code 使用")]
    data = base()
    data["zones"][0]["code"] = "Z" * 17
    data["windows"][0]["zone"] = "Z" * 17
    assert found(data)[0] == (12, "zones[1].code", "不能超过 16 个字，实际 17 个字")
    data = base()
    data["zones"][0]["code"] = "Z" * 16
    data["windows"][0]["zone"] = "Z" * 16
    assert found(data) == []
    data = base()
    data["zones"][0]["name"] = "名" * 65
    assert one(data) == (13, "zones[1].name", "不能超过 64 个字，实际 65 个字")
    data = base()
    data["zones"] = []
    assert found(data) == [
        (line_of("zones:"), "zones", "至少需要 1 项，实际 0 项"),
        (line_of("    zone: Z1"), "windows[1].zone", "区域「Z1」不存在"),
    ]


def test_category_rules() -> None:
    data = base()
    cat = data["categories"][0]
    cat["code"] = "ABCDE"
    problems = found(data)
    assert problems[0] == (15, "categories[1].code", "「ABCDE」格式不正确")
    data = base()
    data["categories"][0]["code"] = "AB12"
    data["items"][0]["category"] = data["items"][1]["category"] = "AB12"
    data["bundles"][0]["category"] = "AB12"
    data["windows"][0]["categories"] = ["AB12"]
    data["staff"][0]["qualifications"] = ["AB12"]
    assert found(data) == []
    data = base()
    data["categories"][1]["prefix"] = "A"
    assert one(data) == (
        22,
        "categories[2].prefix",
        "号票前缀「A」重复，已在 categories[1].prefix 使用",
    )
    data = base()
    data["categories"][1]["prefix"] = "S"
    assert one(data) == (22, "categories[2].prefix", "前缀 S 保留给应急手工号，不能使用")
    data = base()
    data["categories"][1]["prefix"] = "AB"
    assert one(data) == (22, "categories[2].prefix", "「AB」格式不正确")
    data = base()
    data["categories"][1]["code"] = "A"
    assert found(data)[0] == (
        20,
        "categories[2].code",
        "类别编码「A」重复，已在 categories[1].code 使用",
    )


@pytest.mark.parametrize(("minutes", "ok"), [(0, False), (1, True), (240, True), (241, False)])
def test_average_minutes_bounds(minutes: int, ok: bool) -> None:
    data = base()
    data["categories"][0]["avg_service_minutes"] = minutes
    if ok:
        assert found(data) == []
    else:
        assert one(data) == (
            19,
            "categories[1].avg_service_minutes",
            f"{minutes} 超出范围 1–240",
        )


def test_exactly_one_green_channel() -> None:
    data = base()
    data["categories"][1]["green_channel"] = False
    assert one(data) == (
        line_of("categories:"),
        "categories",
        "应恰有一个绿色通道类别（green_channel: true），实际 0 个",
    )
    data = base()
    data["categories"][0]["green_channel"] = True
    problems = found(data)
    assert (
        line_of("categories:"),
        "categories",
        "应恰有一个绿色通道类别（green_channel: true），实际 2 个",
    ) in problems
    data = base()
    data["categories"][1]["green_channel"] = "yes"
    assert found(data)[0] == (
        23,
        "categories[2].green_channel",
        "应为 true 或 false，实际为 'yes'",
    )


def test_department_rules() -> None:
    data = base()
    data["departments"][0]["reconsideration_body"] = None
    assert one(data) == (
        27,
        "departments[1]（县局）.reconsideration_body",
        "垂直管理部门的复议机关是其上一级主管部门，须写明名称（如国家税务总局××市税务局）",
    )
    data["departments"][0]["vertical"] = False
    assert found(data) == []
    data = base()
    data["departments"].append(copy.copy(data["departments"][0]))
    assert one(data) == (
        26,
        "departments[2].name",
        "部门「县局」重复，已在 departments[1].name 使用",
    )
    data = base()
    data["departments"][0]["reconsideration_body"] = "机" * 201
    assert found(data) == [
        (27, "departments[1]（县局）.reconsideration_body", "不能超过 200 个字，实际 201 个字"),
        (
            27,
            "departments[1]（县局）.reconsideration_body",
            "垂直管理部门的复议机关是其上一级主管部门，须写明名称（如国家税务总局××市税务局）",
        ),
    ]
    data["departments"][0]["reconsideration_body"] = "机" * 200
    assert found(data) == []
    data = base()
    data["departments"][0]["name"] = "部" * 101
    problems = found(data)
    assert problems[0] == (26, "departments[1].name", "不能超过 100 个字，实际 101 个字")
    data = base()
    del data["departments"]
    assert found(data) == []  # old catalogs have none: departments are not cross-checked
    data = base()
    data["items"][0]["department"] = "别局"
    assert one(data) == (
        35,
        "items[1]（甲事项）.department",
        "部门「别局」未列在 departments 中（复议机关无从确定）",
    )


I1 = "items[1]（甲事项）"
I2 = "items[2]（乙事项）"


def item_line(index: int, key: str) -> int:
    """The line of ``key`` in item ``index`` (1-based) of BASE."""
    lines = BASE.splitlines()
    start = [n for n, t in enumerate(lines) if t.startswith("  - code: I")][index - 1]
    for n in range(start, len(lines)):
        if lines[n].strip().lstrip("- ").startswith(f"{key}:"):
            return n + 1
    raise AssertionError(key)


def test_item_category_must_be_a_plain_category() -> None:
    data = base()
    data["items"][0]["category"] = "GR"
    assert one(data) == (
        item_line(1, "category"),
        f"{I1}.category",
        "类别「GR」不存在或是绿色通道，不能作为事项所属类别",
    )
    data["items"][0]["category"] = "ZZ"
    assert one(data)[2] == "类别「ZZ」不存在或是绿色通道，不能作为事项所属类别"


def test_item_code_unique_and_label_without_name() -> None:
    data = base()
    data["items"][1]["code"] = "I1"
    problems = found(data)
    assert problems[0] == (
        item_line(2, "code"),
        "items[2].code",
        "事项编码「I1」重复，已在 items[1].code 使用",
    )
    data = base()
    del data["items"][0]["name"]
    assert found(data) == [(item_line(1, "name"), "items[1].name", "缺少必填字段")]


@pytest.mark.parametrize(
    ("legal", "promised", "message"),
    [
        (20, 20, None),
        (20, 21, "承诺时限 21 个工作日超过法定时限 20 个工作日"),
        (0, 1, "承诺时限 1 个工作日超过法定时限 0 个工作日"),
        (365, 365, None),
    ],
)
def test_promised_limit_against_legal_limit(legal: int, promised: int, message: str | None) -> None:
    data = base()
    data["items"][0]["legal_limit_days"] = legal
    data["items"][0]["promised_limit_days"] = promised
    if message is None:
        assert found(data) == []
    else:
        assert one(data) == (
            item_line(1, "promised_limit_days"),
            f"{I1}.promised_limit_days",
            message,
        )


def test_limit_days_range() -> None:
    data = base()
    data["items"][0]["legal_limit_days"] = 366
    assert one(data) == (
        item_line(1, "legal_limit_days"),
        f"{I1}.legal_limit_days",
        "366 超出范围 0–365",
    )
    data = base()
    data["items"][0]["promised_limit_days"] = -1
    assert one(data) == (
        item_line(1, "promised_limit_days"),
        f"{I1}.promised_limit_days",
        "-1 超出范围 0–365",
    )


def test_limit_units() -> None:
    data = base()
    data["items"][0]["legal_limit_unit"] = "自然日"
    data["items"][0]["promised_limit_days"] = 30
    assert found(data) == []  # different units are not compared
    data["items"][0]["promised_limit_unit"] = "自然日"
    assert one(data) == (
        item_line(1, "promised_limit_days"),
        f"{I1}.promised_limit_days",
        "承诺时限 30 个自然日超过法定时限 20 个自然日",
    )
    data = base()
    data["items"][0]["legal_limit_unit"] = "月"
    data["items"][0]["promised_limit_days"] = 30
    assert one(data) == (
        item_line(1, "code"),
        f"{I1}.legal_limit_unit",
        "「月」不是有效取值，应为 工作日 / 自然日",
    )
    data = base()
    data["items"][0]["promised_limit_unit"] = "工作日"
    assert found(data) == []


def test_kind_and_promised_limit() -> None:
    data = base()
    data["items"][1]["promised_limit_days"] = 1
    data["items"][1]["legal_limit_days"] = 1
    assert one(data) == (
        item_line(2, "promised_limit_days"),
        f"{I2}.promised_limit_days",
        "即办件的承诺时限应为 0",
    )
    data = base()
    data["items"][0]["promised_limit_days"] = 0
    assert one(data) == (
        item_line(1, "promised_limit_days"),
        f"{I1}.promised_limit_days",
        "承诺件的承诺时限应大于 0",
    )
    data["items"][0]["kind"] = "快件"
    assert one(data) == (
        item_line(1, "kind"),
        f"{I1}.kind",
        "「快件」不是有效取值，应为 即办件 / 承诺件",
    )


def test_item_fields_types_and_ranges() -> None:
    data = base()
    data["items"][0]["visits"] = 6
    assert one(data) == (item_line(1, "visits"), f"{I1}.visits", "6 超出范围 0–5")
    data["items"][0]["visits"] = 5
    assert found(data) == []
    data["items"][0]["online"] = 1
    assert one(data) == (item_line(1, "online"), f"{I1}.online", "应为 true 或 false，实际为 1")
    data = base()
    data["items"][0]["materials"] = []
    assert one(data) == (item_line(1, "materials"), f"{I1}.materials", "至少需要一项材料")
    data["items"][0]["materials"] = "x"
    assert one(data) == (item_line(1, "materials"), f"{I1}.materials", "应为列表")
    data["items"][0]["materials"] = ["x"]
    assert one(data) == (item_line(1, "materials"), f"{I1}.materials[1]", "应为键值对（映射）")
    data = base()
    data["items"][0]["target"] = "个人"
    assert one(data)[1:] == (
        f"{I1}.target",
        "「个人」不是有效取值，应为 自然人 / 法人 / 自然人和法人",
    )
    data = base()
    data["items"][0]["special_steps"] = "x"
    assert one(data)[1:] == (f"{I1}.special_steps", "应为列表")
    data = base()
    data["items"][0]["short_name"] = "简" * 101
    assert one(data)[1:] == (f"{I1}.short_name", "不能超过 100 个字，实际 101 个字")
    data = base()
    data["items"][0]["unknown"] = 1
    assert one(data) == (item_line(1, "code"), "items[1].unknown", "未知字段（拼写错误？）")


def test_chuanyu_tongban_is_an_optional_boolean() -> None:
    data = base()
    data["items"][0]["chuanyu_tongban"] = True
    data["items"][1]["chuanyu_tongban"] = False
    assert found(data) == []
    data["items"][0]["chuanyu_tongban"] = "是"
    assert one(data) == (
        item_line(1, "code"),
        f"{I1}.chuanyu_tongban",
        "应为 true 或 false，实际为 '是'",
    )
    data["items"][0]["chuanyu_tongban"] = None  # an empty value counts as absent
    assert found(data) == []


ART32 = "依据《行政许可法》第三十二条"


def test_a_non_licence_never_cites_article_32() -> None:
    data = base()
    data["items"][1]["correction_basis"] = ART32
    assert one(data) == (
        item_line(2, "code"),
        f"{I2}.correction_basis",
        "行政确认事项不适用《行政许可法》第三十二条（该条只适用于行政许可），"
        "请引用本事项所依据法律的规定，或留空使用本中心一次性告知制度的表述",
    )
    data = base()
    data["items"][0]["refusal_basis"] = ART32
    assert found(data) == []  # a licence may


def test_refusal_grounds() -> None:
    data = base()
    item = data["items"][0]
    item["refusal_grounds"] = ["remit", "not_licence", "超出本机关职权"]
    assert found(data) == []
    item["refusal_grounds"] = [3, " "]
    where = item_line(1, "code")
    assert found(data) == [
        (
            where,
            f"{I1}.refusal_grounds[1]",
            "应为文本（remit、not_licence 或法律规定的不予受理情形），实际为 3",
        ),
        (
            where,
            f"{I1}.refusal_grounds[2]",
            "应为文本（remit、not_licence 或法律规定的不予受理情形），实际为 ' '",
        ),
    ]
    item["refusal_grounds"] = ["remit", " remit "]
    assert one(data) == (
        where,
        f"{I1}.refusal_grounds[2]",
        "不予受理理由「remit」重复，已在 items[1]（甲事项）.refusal_grounds[1] 使用",
    )
    item["refusal_grounds"] = ["other_code"]
    assert one(data) == (
        where,
        f"{I1}.refusal_grounds[1]",
        "未知的理由代码「other_code」，应为 remit / not_licence 或法律规定的不予受理情形原文",
    )
    item["refusal_grounds"] = ["理" * 32]
    assert found(data) == []
    item["refusal_grounds"] = ["理" * 33]
    assert one(data) == (where, f"{I1}.refusal_grounds[1]", "不能超过 32 个字，实际 33 个字")
    item["refusal_grounds"] = ["申请材料不齐全"]
    assert one(data) == (
        where,
        f"{I1}.refusal_grounds[1]",
        "「申请材料不齐全」不是不予受理的理由：材料不齐全或不符合法定形式的，"
        "应一次性告知补正（行政许可法第三十二条第一款第（四）项），不得不予受理",
    )
    data = base()
    data["items"][1]["refusal_grounds"] = ["not_licence"]
    assert one(data) == (
        item_line(2, "code"),
        f"{I2}.refusal_grounds[1]",
        "not_licence（依法不需要取得行政许可）只适用于行政许可事项，本事项类型为行政确认",
    )


M1 = f"{I1}.materials[1]"


def mat_line(key: str) -> int:
    lines = BASE.splitlines()
    start = lines.index("      - name: 申请表")
    for n in range(start, len(lines)):
        if lines[n].strip().lstrip("- ").startswith(f"{key}:"):
            return n + 1
    raise AssertionError(key)


def test_material_rules() -> None:
    data = base()
    mat = data["items"][0]["materials"][0]
    mat["copies"] = 21
    assert one(data) == (mat_line("copies"), f"{M1}.copies", "21 超出范围 0–20")
    mat["copies"] = 20
    assert found(data) == []
    mat["copies"] = 0
    assert one(data) == (
        mat_line("copies"),
        f"{M1}.copies",
        "纸质材料份数不能为 0（仅电子材料或共享免提交材料可为 0）",
    )
    mat["form"] = "电子"
    assert found(data) == []
    mat["form"] = "原件"
    mat["source"] = "共享免提交"
    assert found(data) == []
    mat["source"] = "政府部门核发"
    assert len(found(data)) == 1
    mat["copies"] = 1
    mat["requirement"] = "可选"
    assert one(data) == (
        mat_line("requirement"),
        f"{M1}.requirement",
        "「可选」不是有效取值，应为 必要 / 非必要 / 容缺后补",
    )


def test_deferral_days() -> None:
    data = base()
    mat = data["items"][0]["materials"][0]
    mat["requirement"] = "容缺后补"
    where = f"{M1}.defer_days"
    assert one(data) == (
        mat_line("name"),
        where,
        "容缺后补材料须写明后补期限 defer_days（工作日，大于 0）",
    )
    mat["defer_days"] = 0
    assert one(data) == (mat_line("name"), where, "容缺后补材料的后补期限应大于 0 个工作日")
    mat["defer_days"] = 1
    assert found(data) == []
    mat["defer_days"] = 60
    assert found(data) == []
    mat["defer_days"] = 61
    assert one(data) == (mat_line("name"), where, "61 超出范围 0–60")
    mat["requirement"] = "必要"
    mat["defer_days"] = 3
    assert one(data) == (mat_line("name"), where, "只有容缺后补材料可以设置后补期限，本材料为必要")
    mat["defer_days"] = 0
    assert found(data) == []


B1 = "bundles[1]（一件事）"


def test_bundle_rules() -> None:
    data = base()
    b = data["bundles"][0]
    line = line_of("    items: [I1, I2]")
    b["items"] = ["I1"]
    assert one(data) == (line, f"{B1}.items", "一件事至少包含 2 个事项")
    b["items"] = ["I1", "I1"]
    assert one(data) == (
        line,
        f"{B1}.items[2]",
        "事项「I1」重复，已在 bundles[1]（一件事）.items[1] 使用",
    )
    b["items"] = ["I1", "I9"]
    assert one(data) == (line, f"{B1}.items[2]", "事项「I9」不存在")
    b["items"] = ["I1", "I2"]
    b["category"] = "GR"
    assert one(data) == (
        line_of("    items: [I1, I2]") - 1,
        f"{B1}.category",
        "类别「GR」不存在或是绿色通道",
    )
    data = base()
    data["bundles"].append(copy.copy(data["bundles"][0]))
    assert one(data)[1:] == ("bundles[2].code", "一件事编码「K1」重复，已在 bundles[1].code 使用")
    data = base()
    del data["bundles"]
    assert found(data) == []


def test_window_rules() -> None:
    data = base()
    w = data["windows"][0]
    w["number"] = 0
    assert found(data) == [
        (line_of("  - number: 1"), "windows[1].number", "0 超出范围 1–999"),
        (line_of("    default_window: 1"), "staff[1].default_window", "窗口 1 不存在"),
    ]
    w["number"] = 999
    data["staff"][0]["default_window"] = 999
    assert found(data) == []
    w["number"] = 1000
    assert found(data)[0] == (line_of("  - number: 1"), "windows[1].number", "1000 超出范围 1–999")
    data = base()
    data["windows"].append(copy.copy(data["windows"][0]))
    assert one(data)[1:] == ("windows[2].number", "窗口号「1」重复，已在 windows[1].number 使用")
    data = base()
    cats_line = line_of("    categories: [A, GR]")
    data["windows"][0]["categories"] = []
    assert one(data) == (cats_line, "windows[1].categories", "窗口至少服务一个类别")
    data["windows"][0]["categories"] = ["A", "Q", "A"]
    assert found(data) == [
        (cats_line, "windows[1].categories[2]", "类别「Q」不存在"),
        (
            cats_line,
            "windows[1].categories[3]",
            "类别「A」重复，已在 windows[1].categories[1] 使用",
        ),
    ]


def test_staff_rules() -> None:
    data = base()
    s = data["staff"][0]
    s["staff_no"] = "12"
    assert one(data)[1:] == ("staff[1].staff_no", "「12」格式不正确")
    s["staff_no"] = "123"
    assert found(data) == []
    s["staff_no"] = "12345678"
    assert found(data) == []
    s["staff_no"] = "123456789"
    assert one(data)[1:] == ("staff[1].staff_no", "「123456789」格式不正确")
    data = base()
    s = data["staff"][0]
    s["password"] = "12345"
    assert one(data) == (line_of("    password: secret1"), "staff[1].password", "初始密码至少 6 位")
    s["password"] = "123456"
    assert found(data) == []
    s["role"] = "boss"
    assert one(data)[1:] == (
        "staff[1].role",
        "「boss」不是有效取值，应为 clerk / reception / supervisor / admin / service",
    )
    data = base()
    s = data["staff"][0]
    for phone in ("13800138000", "0319-8198012", "03198198012", "010-1234567"):
        s["phone"] = phone
        assert found(data) == [], phone
    for phone in ("12800138000", "1380013800", "319-8198012"):
        s["phone"] = phone
        assert one(data)[1:] == ("staff[1].phone", f"「{phone}」格式不正确")
    data = base()
    s = data["staff"][0]
    s["qualifications"] = ["A", "X", "A"]
    ql = line_of("    qualifications: [A]")
    assert found(data) == [
        (ql, "staff[1].qualifications[2]", "类别「X」不存在"),
        (ql, "staff[1].qualifications[3]", "类别「A」重复，已在 staff[1].qualifications[1] 使用"),
    ]
    data = base()
    data["staff"][0]["default_window"] = 2
    assert one(data) == (
        line_of("    default_window: 1"),
        "staff[1].default_window",
        "窗口 2 不存在",
    )
    data["staff"][0]["default_window"] = 0
    assert one(data)[1:] == ("staff[1].default_window", "0 超出范围 1–None")
    data = base()
    data["staff"].append(copy.copy(data["staff"][0]))
    assert one(data)[1:] == ("staff[2].staff_no", "工号「1001」重复，已在 staff[1].staff_no 使用")


def test_full_hall_roles_are_all_needed() -> None:
    demo = load_catalog(DEMO)
    demo["staff"] = [p for p in demo["staff"] if p["role"] != "admin"]
    assert [p.message for p in check_catalog(demo, minimum_sizes=True)] == [
        "缺少以下角色的人员：admin"
    ]
    assert check_catalog(demo) == []


def test_check_against_database() -> None:
    data = base()
    assert check_against_database(data, {"A": "A", "V": "GR"}) == []
    assert check_against_database(data, {}) == []
    problems = check_against_database(data, {"V": "OLD"})
    assert problems == [
        Problem(
            line_of("    prefix: V"),
            "categories[2].prefix",
            "号票前缀「V」已属于数据库中的类别「OLD」：改类别编码时须同时换一个前缀，或保留原编码只改名称",
        )
    ]
    assert check_against_database({"categories": ["x", {"code": "A"}]}, {"": "B"}) == [
        Problem(
            None,
            "categories[2].prefix",
            problems[0].message.replace("「V」", "「」").replace("OLD", "B"),
        )
    ]


def test_capped_problems() -> None:
    problems = [Problem(n, f"p{n}", "m") for n in range(1, 4)]
    assert (
        capped_problems(problems, 3)
        == "目录文件有 3 处问题：\n第 1 行 p1：m\n第 2 行 p2：m\n第 3 行 p3：m"
    )
    assert (
        capped_problems(problems, 2)
        == "目录文件有 3 处问题：\n第 1 行 p1：m\n第 2 行 p2：m\n……其余 1 处问题未列出"
    )
    many = [Problem(None, "p", "m")] * 21
    assert capped_problems(many).endswith("p：m\n……其余 1 处问题未列出")
    assert capped_problems(many[:20]).count("\n") == 20


def messages(data: Any, **kw: Any) -> list[str]:
    return [f"{p.path}：{p.message}" for p in check_catalog(data, **kw)]


def test_bundle_promised_limit_range() -> None:
    data = base()
    data["bundles"][0]["promised_limit_days"] = 365
    assert found(data) == []
    data["bundles"][0]["promised_limit_days"] = 366
    assert messages(data) == [f"{B1}.promised_limit_days：366 超出范围 0–365"]
    data["bundles"][0]["promised_limit_days"] = 0
    assert found(data) == []
    data["bundles"][0]["promised_limit_days"] = -1
    assert messages(data) == [f"{B1}.promised_limit_days：-1 超出范围 0–365"]


def test_sections_required_and_optional() -> None:
    for key in ("bundles", "staff", "departments"):
        data = base()
        del data[key]
        assert found(data) == [], key
    data = base()
    data["windows"] = []
    assert messages(data) == [
        "windows：至少需要 1 项，实际 0 项",
        "staff[1].default_window：窗口 1 不存在",
    ]
    data = base()
    del data["categories"]
    assert "顶层.categories：缺少必填字段" in messages(data)
    assert not any("绿色通道类别" in m for m in messages(data))
    data = base()
    data["items"] = []
    assert messages(data) == [
        "items：至少需要 1 项，实际 0 项",
        f"{B1}.items[1]：事项「I1」不存在",
        f"{B1}.items[2]：事项「I2」不存在",
    ]
    demo = load_catalog(DEMO)
    del demo["staff"]
    assert messages(demo, minimum_sizes=True) == ["顶层.staff：缺少必填字段"]


def test_items_with_a_bad_type_or_no_department() -> None:
    data = base()
    item = data["items"][1]
    item["type"] = "许可"
    item["correction_basis"] = ART32
    item["refusal_grounds"] = ["not_licence"]
    assert messages(data) == [
        f"{I2}.type：「许可」不是有效取值，应为 行政许可 / 行政确认 / 行政给付 / 行政征收 / "
        "行政裁决 / 行政奖励 / 行政备案 / 其他行政权力 / 公共服务"
    ]
    data = base()
    del data["items"][0]["department"]
    assert messages(data) == [f"{I1}.department：缺少必填字段"]
    data = base()
    del data["items"][0]["category"]
    assert messages(data) == [f"{I1}.category：缺少必填字段"]


def test_zero_copies_with_a_bad_form_or_source() -> None:
    data = base()
    mat = data["items"][0]["materials"][0]
    mat["copies"] = 0
    mat["form"] = "传真"
    assert messages(data) == [
        f"{M1}.form：「传真」不是有效取值，应为 原件 / 复印件 / 原件和复印件 / 电子"
    ]
    mat["form"] = "原件"
    mat["source"] = "网上"
    assert messages(data) == [
        f"{M1}.source：「网上」不是有效取值，应为 申请人自备 / 政府部门核发 / 共享免提交"
    ]
    mat["source"] = "申请人自备"
    mat["requirement"] = None
    assert messages(data) == [
        f"{M1}.requirement：缺少必填字段",
        f"{M1}.copies：纸质材料份数不能为 0（仅电子材料或共享免提交材料可为 0）",
    ]


def test_requirement_none_with_defer_days_is_not_a_second_problem() -> None:
    data = base()
    mat = data["items"][0]["materials"][0]
    mat["requirement"] = "非必要"
    mat["defer_days"] = 5
    assert messages(data) == [f"{M1}.defer_days：只有容缺后补材料可以设置后补期限，本材料为非必要"]
    mat["requirement"] = "坏值"
    assert messages(data) == [
        f"{M1}.requirement：「坏值」不是有效取值，应为 必要 / 非必要 / 容缺后补"
    ]
    mat["defer_days"] = -1
    assert messages(data)[1] == f"{M1}.defer_days：-1 超出范围 0–60"


def test_string_fields_accept_numbers_but_not_lists() -> None:
    data = base()
    data["zones"][0]["name"] = 12
    assert found(data) == []
    data["zones"][0]["name"] = True
    assert messages(data) == ["zones[1].name：应为文本，实际为 True"]
    data["zones"][0]["name"] = ["x"]
    assert messages(data) == ["zones[1].name：应为文本，实际为 ['x']"]
    data["zones"][0]["name"] = " "
    assert messages(data) == ["zones[1].name：不能为空"]
