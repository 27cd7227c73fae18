"""The catalog's legal fields (issue 13): each item's correction and refusal basis, refusal
grounds and limit units, each material's 获取途径 and 容缺 days, the departments and their
reconsideration body, the hall's government and court — checked with Chinese messages and
line numbers, filled from the item type's defaults, imported on both databases and returned
by the material plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hall_app import paths
from hall_app.domain import legal
from hall_app.domain.catalog import (
    Department,
    Problem,
    check_catalog,
    load_catalog,
    parse_catalog,
)
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import DATA

# line numbers below refer to this text: the departments are on lines 6 and 7; the item starts
# on line 9 (department on 14, limits on 17 and 18), EXTRA adds keys from line 26, and the
# material starts on line 27 when EXTRA adds nothing
BASE = """\
schema_version: 1
hall: {code: "500231", name: 测试县政务服务中心, phone: "023-74681234", complaint_phone: "12345", government: 测试县人民政府, court: 测试县人民法院}
zones: [{code: Z1, name: 综合受理区}]
categories: [{code: A, name: 综合受理, prefix: A, green_channel: false, avg_service_minutes: 10}, {code: L, name: 绿色通道, prefix: L, green_channel: true, avg_service_minutes: 10}]
departments:
  - {name: 测试县公安局}
  - {name: 国家税务总局测试县税务局, reconsideration_body: 国家税务总局测试市税务局, vertical: true}
items:
  - code: "T-1"
    basic_code: "0001"
    name: 测试事项
    category: A
    type: TYPE
    department: DEPT
    target: 自然人
    kind: 承诺件
    legal_limit_days: LEGAL
    promised_limit_days: PROMISED
    legal_basis: 某法第一条
    fee: 不收费
    result: 证
    visits: 1
    online: false
    appointment: false
    delivery: false
    EXTRA
    materials:
      - name: 材料甲
        form: 原件
        copies: 1
        requirement: REQUIREMENT
        source: 申请人自备
        standard: 核验后退还
        MATERIAL
windows:
  - {number: 1, zone: Z1, categories: [L, A]}
"""


def catalog_text(
    *,
    type: str = "行政确认",
    department: str = "测试县公安局",
    legal: int = 20,
    promised: int = 10,
    extra: str = "",
    requirement: str = "必要",
    material: str = "",
    departments: str | None = None,
) -> str:
    text = (
        BASE.replace("TYPE", type)
        .replace("DEPT", department)
        .replace("LEGAL", str(legal))
        .replace("PROMISED", str(promised))
        .replace("REQUIREMENT", requirement)
        .replace("    EXTRA\n", "".join(f"    {line}\n" for line in extra.splitlines()))
        .replace(
            "        MATERIAL\n", "".join(f"        {line}\n" for line in material.splitlines())
        )
    )
    if departments is not None:
        start = text.index("departments:")
        text = text[:start] + departments + text[text.index("items:") :]
    return text


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    return check_catalog(load_catalog(path))


def only(problems: list[Problem], path_part: str) -> Problem:
    hits = [p for p in problems if path_part in p.path]
    assert len(hits) == 1, "\n".join(str(p) for p in problems)
    return hits[0]


def test_the_base_catalog_is_valid(tmp_path: Path) -> None:
    assert problems_of(tmp_path, catalog_text()) == []


# ---------------------------------------------------------------- bases


@pytest.mark.parametrize("key", ["correction_basis", "refusal_basis", "correction_terms"])
def test_a_non_licence_never_cites_article_32(tmp_path: Path, key: str) -> None:
    extra = f"{key}: 《中华人民共和国行政许可法》第三十二条第一款"
    problem = only(problems_of(tmp_path, catalog_text(extra=extra)), key)
    assert problem.line == 26
    assert "行政确认事项不适用《行政许可法》第三十二条" in problem.message
    assert str(problem).startswith(f"第 26 行 items[1]（测试事项）.{key}：")
    # a licence cites it rightly
    assert problems_of(tmp_path, catalog_text(type="行政许可", extra=extra)) == []


def test_a_non_licence_may_cite_its_own_law(tmp_path: Path) -> None:
    extra = "correction_basis: 《不动产登记暂行条例》第十七条第一款第（三）项"
    assert problems_of(tmp_path, catalog_text(extra=extra)) == []


# ---------------------------------------------------------------- refusal grounds


def test_not_licence_is_a_ground_of_licences_only(tmp_path: Path) -> None:
    extra = "refusal_grounds: [remit, not_licence]"
    problem = only(problems_of(tmp_path, catalog_text(extra=extra)), "refusal_grounds[2]")
    assert problem.line == 26 and "只适用于行政许可事项" in problem.message
    assert problems_of(tmp_path, catalog_text(type="行政许可", extra=extra)) == []


def test_refusal_grounds_are_known_codes_or_short_wording(tmp_path: Path) -> None:
    long = "甲" * 33
    extra = f"refusal_grounds: [remitt, 未到法定结婚年龄, {long}, 未到法定结婚年龄, 42]"
    found = problems_of(tmp_path, catalog_text(extra=extra))
    assert "未知的理由代码「remitt」" in only(found, "refusal_grounds[1]").message
    assert "不能超过 32 个字" in only(found, "refusal_grounds[3]").message
    assert "重复" in only(found, "refusal_grounds[4]").message
    assert "应为文本" in only(found, "refusal_grounds[5]").message
    assert not [p for p in found if "refusal_grounds[2]" in p.path]


def test_incomplete_materials_are_never_a_refusal_ground(tmp_path: Path) -> None:
    extra = "refusal_grounds: [remit, 申请材料不齐全或者不符合法定形式]"
    problem = only(problems_of(tmp_path, catalog_text(extra=extra)), "refusal_grounds[2]")
    assert "不是不予受理的理由" in problem.message and "一次性告知补正" in problem.message


def test_article_32_in_arabic_numerals_is_caught_too(tmp_path: Path) -> None:
    extra = "correction_basis: 《行政许可法》第32条"
    problem = only(problems_of(tmp_path, catalog_text(extra=extra)), "correction_basis")
    assert "不适用《行政许可法》第三十二条" in problem.message


# ---------------------------------------------------------------- limits


def test_an_unknown_unit_is_reported(tmp_path: Path) -> None:
    found = problems_of(tmp_path, catalog_text(extra="legal_limit_unit: 日"))
    problem = only(found, "legal_limit_unit")
    assert problem.line == 26 and "「日」不是有效取值，应为 工作日 / 自然日" in problem.message
    assert problems_of(tmp_path, catalog_text(extra="legal_limit_unit: 自然日")) == []


def test_promised_is_compared_with_legal_only_in_the_same_unit(tmp_path: Path) -> None:
    over = catalog_text(legal=10, promised=15)
    problem = only(problems_of(tmp_path, over), "promised_limit_days")
    assert problem.line == 18
    assert "承诺时限 15 个工作日超过法定时限 10 个工作日" in problem.message
    both_natural = catalog_text(
        legal=10, promised=15, extra="legal_limit_unit: 自然日\npromised_limit_unit: 自然日"
    )
    assert only(problems_of(tmp_path, both_natural), "promised_limit_days").line == 18
    # 15 working days are not compared with 60 natural days, nor 15 with 10 of another unit
    mixed = catalog_text(legal=10, promised=15, extra="legal_limit_unit: 自然日")
    assert problems_of(tmp_path, mixed) == []


# ---------------------------------------------------------------- materials


def test_a_deferrable_material_needs_its_days(tmp_path: Path) -> None:
    missing = only(problems_of(tmp_path, catalog_text(requirement="容缺后补")), "defer_days")
    assert missing.line == 27 and "须写明后补期限" in missing.message
    assert str(missing).startswith("第 27 行 items[1]（测试事项）.materials[1].defer_days")
    zero = catalog_text(requirement="容缺后补", material="defer_days: 0")
    problem = only(problems_of(tmp_path, zero), "defer_days")
    assert problem.line == 33 and "应大于 0" in problem.message
    good = catalog_text(
        requirement="容缺后补", material="defer_days: 5\nobtain_from: 原用人单位出具"
    )
    assert problems_of(tmp_path, good) == []


def test_only_a_deferrable_material_has_days(tmp_path: Path) -> None:
    text = catalog_text(material="defer_days: 5")
    problem = only(problems_of(tmp_path, text), "defer_days")
    assert problem.line == 33 and "只有容缺后补材料" in problem.message


# ---------------------------------------------------------------- departments


def test_a_vertical_department_names_its_reconsideration_body(tmp_path: Path) -> None:
    departments = (
        "departments:\n  - {name: 测试县公安局}\n  - {name: 测试县税务局, vertical: true}\n"
    )
    text = catalog_text(departments=departments)
    problem = only(problems_of(tmp_path, text), "reconsideration_body")
    assert problem.line == 7 and "垂直管理部门" in problem.message
    assert problem.path == "departments[2]（测试县税务局）.reconsideration_body"


def test_an_item_department_must_be_listed_when_departments_exist(tmp_path: Path) -> None:
    text = catalog_text(department="测试县民政局")
    problem = only(problems_of(tmp_path, text), "department")
    assert problem.line == 14 and "部门「测试县民政局」未列在 departments 中" in problem.message
    # an old catalog without the section is not asked for one
    old = catalog_text(department="测试县民政局", departments="")
    assert problems_of(tmp_path, old) == []


def test_departments_are_unique(tmp_path: Path) -> None:
    departments = "departments:\n  - {name: 测试县公安局}\n  - {name: 测试县公安局}\n"
    found = problems_of(tmp_path, catalog_text(departments=departments))
    assert "部门「测试县公安局」重复" in only(found, "departments[2].name").message


# ---------------------------------------------------------------- defaults


def test_an_item_takes_its_type_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(catalog_text(), encoding="utf-8")
    item = parse_catalog(load_catalog(path)).items[0]
    assert item.correction_basis == legal.NEUTRAL_CORRECTION
    assert item.correction_terms == legal.NEUTRAL_TERMS
    assert item.refusal_basis == ""
    assert item.refusal_grounds == (legal.REMIT,)
    assert (item.legal_limit_unit, item.promised_limit_unit) == ("工作日", "工作日")
    path.write_text(catalog_text(type="行政许可"), encoding="utf-8")
    licence = parse_catalog(load_catalog(path))
    item = licence.items[0]
    assert item.correction_basis == legal.ART32_CORRECTION
    assert item.correction_terms == legal.ART32_TERMS
    assert item.refusal_basis == legal.ART32_REFUSAL
    assert item.refusal_grounds == (legal.REMIT, legal.NOT_LICENCE)
    assert licence.hall.government == "测试县人民政府"
    assert licence.hall.court == "测试县人民法院"
    assert licence.departments[1] == Department(
        "国家税务总局测试县税务局", "国家税务总局测试市税务局", vertical=True
    )


def test_an_item_keeps_what_the_file_says(tmp_path: Path) -> None:
    extra = (
        "correction_basis: 《某条例》第九条\n"
        "correction_terms: 逾期未补正的，视为撤回申请\n"
        "refusal_basis: 《某条例》第十条\n"
        "refusal_grounds: [remit, 未到法定年龄]\n"
        "legal_limit_unit: 自然日"
    )
    path = tmp_path / "c.yaml"
    path.write_text(
        catalog_text(
            extra=extra, requirement="容缺后补", material="defer_days: 3\nobtain_from: 医院出具"
        ),
        encoding="utf-8",
    )
    item = parse_catalog(load_catalog(path)).items[0]
    assert item.correction_basis == "《某条例》第九条"
    assert item.correction_terms == "逾期未补正的，视为撤回申请"
    assert item.refusal_basis == "《某条例》第十条"
    assert item.refusal_grounds == ("remit", "未到法定年龄")
    assert (item.legal_limit_unit, item.promised_limit_unit) == ("自然日", "工作日")
    assert (item.materials[0].obtain_from, item.materials[0].defer_days) == ("医院出具", 3)


# ---------------------------------------------------------------- the demo catalog


def _demo():
    return parse_catalog(load_catalog(paths.demo_catalog()))


def test_demo_real_estate_items_cite_article_17() -> None:
    estate = [i for i in _demo().items if i.name.startswith(("不动产", "国有建设用地"))]
    assert len(estate) == 4
    for item in estate:
        assert "《不动产登记暂行条例》第十七条" in item.correction_basis
        assert "《不动产登记暂行条例》第十七条" in item.refusal_basis
        assert not legal.cites_art32(item.correction_basis + item.refusal_basis)
        assert item.refusal_grounds == (legal.REMIT,)


def test_demo_no_non_licence_cites_article_32() -> None:
    items = _demo().items
    for item in items:
        texts = (item.correction_basis, item.correction_terms, item.refusal_basis)
        if item.type == legal.LICENCE:
            assert legal.cites_art32(item.correction_basis), item.name
        else:
            assert not any(legal.cites_art32(t) for t in texts), item.name
            assert legal.NOT_LICENCE not in item.refusal_grounds, item.name
    assert {i.type for i in items} >= {legal.LICENCE, "行政确认", "公共服务"}


def test_demo_limits_and_units() -> None:
    items = {i.name: i for i in _demo().items}
    card = items["居民身份证申领、换领"]
    assert (card.legal_limit_days, card.legal_limit_unit) == (60, legal.NATURAL_DAYS)
    assert card.promised_limit_unit == legal.WORKING_DAYS
    instant = [i for i in items.values() if i.kind == "即办件"]
    assert len(instant) == 51
    assert all(i.legal_limit_days == i.promised_limit_days == 0 for i in instant)
    assert all(i.legal_limit_unit in legal.LIMIT_UNITS for i in items.values())


def test_demo_departments_materials_and_hall() -> None:
    demo = _demo()
    assert demo.hall.government == "垫江县人民政府"
    assert demo.hall.court == "垫江县人民法院"
    departments = {d.name: d for d in demo.departments}
    assert {i.department for i in demo.items} == set(departments)
    tax = departments["国家税务总局垫江县税务局"]
    assert tax.vertical and tax.reconsideration_body == "国家税务总局重庆市税务局"
    assert departments["垫江县公安局"].reconsideration_body == ""  # the county government
    materials = [mat for i in demo.items for mat in i.materials]
    deferred = [mat for mat in materials if mat.requirement == "容缺后补"]
    assert len(deferred) >= 5 and all(mat.defer_days > 0 for mat in deferred)
    issued = [mat for mat in materials if mat.source == "政府部门核发"]
    assert sum(bool(mat.obtain_from) for mat in issued) >= len(issued) // 2
    birth = next(i for i in demo.items if i.name == "出生登记")
    assert (
        "医院出具" in next(x for x in birth.materials if x.name == "新生儿出生医学证明").obtain_from
    )


# ---------------------------------------------------------------- import (both databases)


def test_import_writes_the_new_fields_and_plan_returns_them(hall: Hall) -> None:
    demo = {i.name: i for i in _demo().items}
    estate = demo["不动产转移登记（存量房买卖）"]
    plan = hall.documents.plan(item_code=estate.code)
    (item,) = plan.items
    assert "第十七条" in item.correction_basis and "第十七条" in item.refusal_basis
    assert item.correction_terms == estate.correction_terms
    assert item.refusal_grounds == ("remit",)
    assert (item.type, item.legal_days, item.legal_unit) == ("行政确认", 30, "工作日")
    card = hall.documents.plan(item_code=demo["居民身份证申领、换领"].code).items[0]
    assert (card.legal_days, card.legal_unit, card.promised_unit) == (60, "自然日", "工作日")
    licence = hall.documents.plan(item_code=demo["食品经营许可"].code)
    assert licence.items[0].refusal_grounds == ("remit", "not_licence")
    assert licence.items[0].correction_basis == legal.ART32_CORRECTION
    deferred = next(r for r in licence.requirements if r.requirement == "容缺后补")
    assert deferred.defer_days == 5 and deferred.obtain_from
    settings = hall.settings.get()
    assert (settings.government, settings.court) == ("垫江县人民政府", "垫江县人民法院")
    with hall.db.read() as s:
        tax = s.scalar(select(m.Department).where(m.Department.name == "国家税务总局垫江县税务局"))
        assert tax is not None and tax.vertical
        assert tax.reconsideration_body == "国家税务总局重庆市税务局"
        stored = s.scalar(
            select(m.ServiceItem.refusal_grounds).where(m.ServiceItem.code == estate.code)
        )
    assert json.loads(stored) == ["remit"]


def _department_rows(hall: Hall) -> dict[str, tuple[str, bool]]:
    with hall.db.read() as s:
        return {
            d.name: (d.reconsideration_body, d.vertical) for d in s.scalars(select(m.Department))
        }


def test_reimport_updates_departments_and_items_in_place(hall: Hall, tmp_path: Path) -> None:
    before = _department_rows(hall)
    assert len(before) >= 15
    report = hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    assert report.departments == len(before)
    assert _department_rows(hall) == before
    text = paths.demo_catalog().read_text(encoding="utf-8")
    changed = text.replace("国家税务总局重庆市税务局", "国家税务总局重庆市税务局（复议）").replace(
        "《不动产登记暂行条例》第十七条第一款第（三）项", "《不动产登记暂行条例》第十七条"
    )
    path = tmp_path / "changed.yaml"
    path.write_text(changed, encoding="utf-8")
    hall.catalog.import_file(bootstrap_actor(), path)
    after = _department_rows(hall)
    assert len(after) == len(before)
    assert after["国家税务总局垫江县税务局"] == ("国家税务总局重庆市税务局（复议）", True)
    with hall.db.read() as s:
        count = s.scalar(select(func.count()).select_from(m.ServiceItem))
        bases = set(
            s.scalars(
                select(m.ServiceItem.correction_basis).where(m.ServiceItem.name.like("不动产%"))
            )
        )
    assert bases == {"《不动产登记暂行条例》第十七条"}
    assert count == len(_demo().items)


def test_an_old_catalog_still_imports_with_the_type_defaults(hall: Hall) -> None:
    """tests/data/mini_hall.yaml has none of the new fields (schema_version 1 as before)."""
    hall.catalog.import_file(bootstrap_actor(), DATA / "mini_hall.yaml")
    plan = hall.documents.plan(item_code="A-1")
    (item,) = plan.items
    assert item.correction_basis == legal.NEUTRAL_CORRECTION
    assert item.correction_terms == legal.NEUTRAL_TERMS
    assert item.refusal_grounds == (legal.REMIT,)
    assert (item.legal_unit, item.promised_unit) == ("工作日", "工作日")
    assert plan.requirements[0].obtain_from == "" and plan.requirements[0].defer_days == 0
    assert _department_rows(hall) == {}  # the table mirrors the file
    settings = hall.settings.get()  # none in the file: the declared defaults
    assert (settings.government, settings.court) == ("本级人民政府", "有管辖权的人民法院")


def test_catalog_check_command_reports_legal_problems_with_lines(tmp_path: Path) -> None:
    from tests.test_cli import hall_app

    assert hall_app("catalog", "check", "--full", str(paths.demo_catalog())).returncode == 0
    path = tmp_path / "bad.yaml"
    path.write_text(
        catalog_text(extra="correction_basis: 《行政许可法》第三十二条", requirement="容缺后补"),
        encoding="utf-8",
    )
    result = hall_app("catalog", "check", str(path))
    assert result.returncode == 1
    assert "第 26 行 items[1]（测试事项）.correction_basis：行政确认事项不适用" in result.stderr
    assert (
        "第 28 行 items[1]（测试事项）.materials[1].defer_days：容缺后补材料须写明" in result.stderr
    )
