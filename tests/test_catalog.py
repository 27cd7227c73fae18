"""The catalog file: schema check with Chinese messages and line numbers; safe re-import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hall_app import paths
from hall_app.domain.catalog import check_catalog, load_catalog, parse_catalog
from hall_app.domain.errors import InvalidInput
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import DATA


def test_demo_catalog_is_a_complete_county_hall() -> None:
    data = load_catalog(paths.demo_catalog())
    assert check_catalog(data, minimum_sizes=True) == []
    catalog = parse_catalog(data)
    assert len(catalog.categories) >= 8
    assert sum(c.green_channel for c in catalog.categories) == 1
    assert len(catalog.items) >= 40
    assert all(item.materials for item in catalog.items)
    assert len(catalog.windows) >= 20
    assert {s.role for s in catalog.staff} == {"clerk", "reception", "supervisor", "admin"}


# the 一件事 codes and names the lead fixed for the Chongqing demo (an evaluation set uses them)
BUNDLES = {
    "YJS01": "新生儿出生一件事",
    "YJS02": "企业开办一件事",
    "YJS03": "退休一件事",
    "YJS04": "二手房转移登记及水电气联动过户一件事",
    "YJS05": "开办餐饮店一件事",
    "YJS06": "身后一件事",
    "YJS07": "企业信息变更一件事",
    "YJS08": "企业迁移登记一件事",
    "YJS09": "社会保障卡居民服务一件事",
    "YJS10": "残疾人服务一件事",
    "YJS11": "军人退役一件事",
    "YJS12": "个人创业一件事",
    "YJS13": "灵活就业人员参保一件事",
    "YJS14": "户口迁移一件事",
    "YJS15": "企业注销一件事",
}


def test_demo_is_a_chongqing_county_hall() -> None:
    catalog = parse_catalog(load_catalog(paths.demo_catalog()))
    assert (catalog.hall.code, catalog.hall.name) == ("500231", "重庆市垫江县政务服务中心")
    assert catalog.hall.phone.startswith("023-7468")
    assert {b.code: b.name for b in catalog.bundles} == BUNDLES
    assert len(catalog.items) >= 80
    assert all(i.aliases for i in catalog.items) and all(b.aliases for b in catalog.bundles)
    flagged = {i.name for i in catalog.items if i.chuanyu_tongban}
    assert {"出生登记", "户口迁移（迁入）", "社会保障卡申领"} <= flagged
    assert len(flagged) < len(catalog.items) // 2
    # the implementation code is the department's credit code, the type digit, the basic code
    for item in catalog.items:
        assert item.code.endswith(item.basic_code) and len(item.code) == 31, item.name
        assert item.code[2:8] in ("500231", "500000"), item.name


def test_demo_bundles_ask_the_situations_their_descriptions_name() -> None:
    """Each situational item a bundle's description names (…仅在“X”情形办理) is a member with a
    ``when`` on one of the bundle's own questions; the restaurant bundle says its criteria."""
    catalog = parse_catalog(load_catalog(paths.demo_catalog()))
    names = {i.code: i.name for i in catalog.items}
    questions = {s.id: s.question for s in catalog.situations}
    for bundle in catalog.bundles:
        conditional = [member for member in bundle.members if member.when]
        for member in conditional:
            assert {q for q, _ in member.when} <= set(bundle.situations), bundle.code
        named = len(re.findall("仅在“", bundle.description or ""))
        assert len(conditional) >= named, bundle.code
    assert sum(bool(b.situations) for b in catalog.bundles) >= 11
    restaurant = next(b for b in catalog.bundles if b.code == "YJS05")
    whens = {names[m.item]: m.when for m in restaurant.members}
    assert whens["烟草专卖零售许可证核发"] == (("sells_tobacco", ("yes",)),)
    assert whens["公众聚集场所投入使用、营业前消防安全检查"] == (("public_premises", ("yes",)),)
    assert "烟草制品零售" in questions["sells_tobacco"]
    assert "《消防法》第七十三条" in questions["public_premises"]  # the criterion is said
    birth = next(b for b in catalog.bundles if b.code == "YJS01")
    assert {names[m.item]: m.when for m in birth.members if m.when} == {
        "生育津贴申领": (("mother_employee_insured", ("yes",)),)
    }


BROKEN = """\
schema_version: 1
hall: {code: "13053", name: 测试中心, phone: "1", complaint_phone: "12345"}
zones: [{code: Z1, name: 综合区}]
categories:
  - {code: A, name: 综合, prefix: A, green_channel: false, avg_service_minutes: 10}
  - {code: B, name: 不动产, prefix: A, green_channel: false, avg_service_minutes: 0}
items:
  - code: "X1"
    basic_code: "1"
    name: 测试事项
    category: Q
    type: 行政许可
    department: 县局
    target: 自然人
    kind: 承诺件
    legal_limit_days: 5
    promised_limit_days: 10
    legal_basis: 某法
    fee: 不收费
    result: 证
    visits: 1
    online: 是
    appointment: false
    delivery: false
    materials:
      - {name: 身份证, form: 原建, copies: 1, requirement: 必要, source: 申请人自备, standard: 核验}
      - {name: 户口簿, form: 原件, copies: 0, requirement: 必要, source: 申请人自备, standard: 核验}
bundles:
  - {code: Y1, name: 一件事, category: A, items: ["X1", "X9"], promised_limit_days: 5}
windows:
  - {number: 1, zone: Z9, categories: [A, A]}
"""


def test_broken_catalog_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    problems = check_catalog(load_catalog(path))
    text = "\n".join(str(p) for p in problems)
    expected = [
        ("hall.code", 2, "格式不正确"),
        ("categories[2].prefix", 6, "号票前缀「A」重复"),
        ("avg_service_minutes", 6, "超出范围"),
        ("categories", None, "绿色通道"),
        ("category", 11, "类别「Q」不存在"),
        ("promised_limit_days", 17, "超过法定时限"),
        ("online", 22, "应为 true 或 false"),
        ("materials[1].form", 26, "「原建」不是有效取值"),
        ("materials[2].copies", 27, "份数不能为 0"),
        ("items[2]", 29, "事项「X9」不存在"),
        ("windows[1].zone", 31, "区域「Z9」不存在"),
        ("categories[2]", 31, "类别「A」重复"),
    ]
    for path_part, line, message in expected:
        hit = [p for p in problems if path_part in p.path and message in p.message]
        assert hit, f"missing: {path_part} {message}\n{text}"
        if line is not None:
            assert hit[0].line == line, f"{path_part}: line {hit[0].line} != {line}"
    assert len(problems) >= len(expected)


def test_unreadable_files_have_clear_messages(tmp_path: Path) -> None:
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("items: [\n  - a: b\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="YAML 格式错误"):
        load_catalog(bad_yaml)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("名称: 测试".encode("gbk"))
    with pytest.raises(InvalidInput, match="不是 UTF-8"):
        load_catalog(gbk)
    with pytest.raises(InvalidInput, match="无法读取"):
        load_catalog(tmp_path / "missing.yaml")


def _counts(hall: Hall) -> dict[str, int]:
    with hall.db.read() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model))
            for model in (
                m.Category,
                m.ServiceItem,
                m.Material,
                m.Bundle,
                m.BundleItem,
                m.Window,
                m.WindowCategory,
                m.Staff,
                m.StaffQualification,
            )
        }


def test_import_again_changes_nothing(hall: Hall) -> None:
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())  # the shipped (v2) file
    before = _counts(hall)
    report = hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    assert report.staff_added == 0 and report.deactivated == 0
    assert _counts(hall) == before
    assert before["service_item"] >= 40


def test_import_of_a_smaller_catalog_deactivates_the_rest(hall: Hall) -> None:
    report = hall.catalog.import_file(bootstrap_actor(), DATA / "mini_hall.yaml")
    assert report.deactivated > 0
    entries = hall.catalog.entries()
    assert {e.code for e in entries if e.kind == "item"} == {"A-1", "C-1"}
    assert any(e.initials == "hkqy" for e in entries)
