"""Pure tests of the v1 → v2 converter (domain/catalog_upgrade.py): its pieces, exact figures
on a small hand-written catalog, and a round trip of the shipped demo catalog (read-only)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from hall_app.domain.catalog import check_catalog, load_catalog, load_yaml, parse_catalog
from hall_app.domain.catalog_upgrade import (
    dump_yaml,
    material_id,
    question_id,
    question_of,
    shared_system,
    split_role,
    upgrade,
)
from hall_app.domain.catalog_v2_parse import effective
from hall_app.domain.requirements import resolve
from tests.test_pure_catalog_check import base

# an old hall's v1 catalog: the 垫江县 demo as it was before it became v2 (issue 18)
OLD = Path(__file__).resolve().parent / "data" / "catalog_v1_dianjiang.yaml"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("申请人居民身份证", ("居民身份证", "申请人")),
        ("受托人居民身份证", ("居民身份证", "代理人")),
        ("法定代表人居民身份证", ("居民身份证", "法定代表人")),
        ("新户主居民身份证", ("居民身份证", "户主")),
        ("死者居民户口簿", ("居民户口簿", "逝者")),
        ("母亲居民身份证", ("居民身份证", "母亲")),
        ("法定代表人、董事、监事任职文件", ("法定代表人、董事、监事任职文件", "申请人")),
        ("法定代表人或负责人居民身份证", ("法定代表人或负责人居民身份证", "申请人")),
        ("申领人与参保人亲属关系证明", ("申领人与参保人亲属关系证明", "申请人")),
        ("申请人", ("申请人", "申请人")),
        ("营业执照", ("营业执照", "申请人")),
    ],
)
def test_split_role(name: str, expected: tuple[str, str]) -> None:
    assert split_role(name) == expected


@pytest.mark.parametrize(
    ("standard", "system"),
    [
        ("通过人口基础信息库核验户籍信息，无需提交", "人口基础信息库"),
        ("由助产机构信息系统提供，无需提交", "助产机构信息系统"),
        ("施工图联审系统共享", "施工图联审系统"),
        ("银行业金融机构信息由系统核验", ""),
        ("系统核验已启用金融功能", ""),
    ],
)
def test_shared_system(standard: str, system: str) -> None:
    assert shared_system(standard) == system


def test_question_of() -> None:
    assert question_of("委托他人办理的") == "是否委托他人办理？"
    assert question_of("是否本人") == "是否本人？"
    assert question_of("的士") == "是否的士？"


def test_question_id() -> None:
    taken: set[str] = set()
    assert question_id("委托他人办理的", taken) == "agent"
    assert question_id("是否委托他人办理", taken) == "agent_2"  # the same id, numbered
    assert question_id("经营范围含烟草制品零售的", taken) == "sells_tobacco"
    assert question_id("申请人未满16周岁的", taken) == "under_16"
    assert question_id("以购买住房落户的", taken) == "yi_gou_mai_zhu_fang_luo_hu"
    long = question_id("是否未通过“跨省通办”“川渝通办”一站式迁移", taken)
    assert long == "wei_tong_guo_kua_sheng_tong" and len(long) <= 30
    assert question_id("“”", taken) == "q"
    assert taken == {"agent", "agent_2", "sells_tobacco", "under_16", long, "q",
                     "yi_gou_mai_zhu_fang_luo_hu"}  # fmt: skip


def test_material_id() -> None:
    taken: set[str] = set()
    assert material_id("居民身份证", taken) == "M-ID-CARD"
    assert material_id("授权委托书", taken) == "M-POWER-OF-ATTORNEY"
    assert material_id("高龄津贴申请表", taken) == "M-GAO-LING-JIN-TIE-SHEN-QING-BIAO"
    assert material_id("高龄津贴申请表", taken) == "M-GAO-LING-JIN-TIE-SHEN-QING-BIAO-2"
    assert material_id("燃气IC卡或用户卡", taken) == "M-RAN-QI-IC-KA-HUO-YONG-HU-KA"
    long = material_id("建设工程符合规划的材料（规划条件核实意见）", taken)
    assert long == "M-JIAN-SHE-GONG-CHENG-FU-HE-GUI-HUA-DE" and len(long) <= 40
    assert material_id("（）", taken) == "M-X"
    assert material_id("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN证", taken) == (
        "M-ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKL"  # one word longer than the limit: cut
    )


def test_a_long_id_clash_stays_within_the_limit() -> None:
    taken: set[str] = set()
    first = material_id("抵押权人营业执照及金融许可证", taken)
    assert first == "M-DI-YA-QUAN-REN-YING-YE-ZHI-ZHAO-JI-JIN" and len(first) == 40
    again = material_id("抵押权人营业执照及金融许可证", taken)
    assert again == "M-DI-YA-QUAN-REN-YING-YE-ZHI-ZHAO-JI-J-2" and len(again) == 40
    first = question_id("是否变更法定代表人、董事、监事、经理", taken)
    assert first == "bian_geng_fa_ding_dai_biao_ren" and len(first) == 30
    again = question_id("是否变更法定代表人、董事、监事、经理", taken)
    assert again == "bian_geng_fa_ding_dai_biao_r_2" and len(again) == 30


def test_the_old_demo_converts_to_readable_ids() -> None:
    data = upgrade(load_catalog(OLD)).data
    ids = [s["id"] for s in data["situations"]] + [m["id"] for m in data["materials"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_]{1,30}|M-[A-Z0-9-]{1,38}", i) for i in ids)
    assert not any(re.fullmatch(r"q\d+|M-\d+", i) for i in ids)
    assert {"agent", "married", "sells_tobacco", "public_premises"} <= set(ids)
    assert {"M-ID-CARD", "M-HUKOU-BOOK", "M-BUSINESS-LICENCE"} <= set(ids)


def _small() -> Any:
    data = base()
    mats = data["items"][0]["materials"]
    mats.append(dict(mats[0], name="受托人身份证", situation="委托他人办理的", copies=2))
    mats.append(dict(mats[0], name="户口簿", source="共享免提交", form="电子", copies=0,
                     standard="通过人口基础信息库核验"))  # fmt: skip
    second = data["items"][1]["materials"]
    second.append(dict(second[0], name="经办人身份证", situation="委托他人办理的"))
    second.append(dict(second[0], name="户口簿", standard="系统核验", source="共享免提交",
                       form="电子", copies=0, requirement="容缺后补", defer_days=3))  # fmt: skip
    return data


def test_figures_and_report_on_a_small_catalog() -> None:
    result = upgrade(_small())
    report = result.report
    assert (report.materials_before, report.materials_after) == (6, 3)
    assert (report.roles_split, report.questions, report.overrides) == (2, 1, 2)
    assert report.lines() == [
        "材料 6 项 → 标准材料 3 种（拆出角色前缀 2 处；2 处引用保留了本事项自己的写法）",
        "业务情形问题 1 个；出具关系（produces）0 处",
        "合并：「身份证」← 受托人身份证、身份证、经办人身份证",
    ]
    data = result.data
    assert list(data)[:8] == [
        "schema_version", "hall", "zones", "categories", "departments", "materials",
        "situations", "items",
    ]  # fmt: skip
    assert data["materials"][2] == {
        "id": "M-HU-KOU-BU", "name": "户口簿", "form": "电子", "source": "共享免提交",
        "shared_from": "人口基础信息库", "standard": "通过人口基础信息库核验", "deferrable": True,
    }  # fmt: skip
    assert data["situations"] == [
        {"id": "agent", "question": "是否委托他人办理？", "answers": [
            {"key": "1", "value": "yes", "text": "是"}, {"key": "2", "value": "no", "text": "否"}]}
    ]  # fmt: skip
    first, second = data["items"]
    assert first["situations"] == ["agent"] and "situations" in second
    assert first["materials"][1] == {
        "material": "M-SHEN-FEN-ZHENG", "role": "代理人", "copies": 2, "requirement": "必要",
        "standard": "填写完整", "when": {"agent": "yes"},  # the item's own wording kept
    }  # fmt: skip
    assert second["materials"][2] == {
        "material": "M-HU-KOU-BU", "role": "申请人", "copies": 0, "requirement": "容缺后补",
        "defer_days": 3, "standard": "系统核验",
    }  # fmt: skip
    assert check_catalog(load_yaml(dump_yaml(data).encode(), "x")) == []


def test_a_shared_material_naming_no_system_takes_the_department_and_is_reported() -> None:
    data = _small()
    data["items"][0]["materials"][2]["standard"] = "系统核验"
    report = upgrade(data).report
    assert report.undecided == ["「户口簿」的共享来源无法从受理标准读出，暂写为「县局业务系统」"]
    assert report.lines()[-1] == f"待人工确认：{report.undecided[0]}"


def test_two_uses_on_the_same_material_and_role_in_one_item_are_not_merged() -> None:
    data = _small()
    mats = data["items"][1]["materials"]
    mats.append(dict(mats[0], name="申请人身份证"))
    result = upgrade(data)
    assert result.report.undecided == [
        "事项「乙事项」的「申请人身份证」与同一事项另一材料同为申请人的「身份证」，未合并，保留为单独的标准材料"
    ]
    assert result.data["materials"][-1]["name"] == "申请人身份证"
    assert check_catalog(load_yaml(dump_yaml(result.data).encode(), "x")) == []


def test_the_yaml_is_readable() -> None:
    text = dump_yaml(upgrade(_small()).data)
    assert text.startswith("# 由 hall-app catalog upgrade 从 v1 目录转换生成")
    assert "name: 身份证" in text and "\\u" not in text
    assert "      - {key: '1', value: 'yes', text: 是}" in text
    assert "\n\nmaterials:\n  - id: M-SHEN-QING-BIAO\n" in text


def test_the_demo_catalog_round_trips() -> None:
    old = load_catalog(OLD)
    result = upgrade(old)
    text = dump_yaml(result.data)
    new = load_yaml(text.encode(), "demo_v2.yaml")
    assert check_catalog(new) == []  # no problem, not even a hint
    catalog = parse_catalog(new)
    materials = {m.id: m for m in catalog.materials}
    questions = {s.id: s.question for s in catalog.situations}
    shared = 0
    for v1_item, item in zip(old["items"], catalog.items, strict=True):
        assert item.type == v1_item["type"]
        assert len(item.refs) == len(v1_item["materials"])
        for v1, ref in zip(v1_item["materials"], item.refs, strict=True):
            name, role = split_role(v1["name"])
            material = materials[ref.material]
            assert (material.name, ref.role) in ((name, role), (v1["name"], "申请人"))
            fields = effective(ref, material)
            assert fields == {
                "form": v1["form"], "source": v1["source"], "standard": v1["standard"],
                "obtain_from": v1.get("obtain_from") or "",
            }  # fmt: skip
            assert (ref.copies, ref.requirement, ref.defer_days) == (
                v1["copies"], v1["requirement"], v1.get("defer_days") or 0,
            )  # fmt: skip
            situation = v1.get("situation") or ""
            assert [questions[q] for q, _ in ref.when] == (
                [question_of(situation)] if situation else []
            )
            assert all(values == ("yes",) for _, values in ref.when)
            if fields["source"] == "共享免提交":
                shared += 1
                assert material.shared_from
    v1_shared = sum(m["source"] == "共享免提交" for i in old["items"] for m in i["materials"])
    assert shared == v1_shared > 0
    assert result.report.materials_before == sum(len(i["materials"]) for i in old["items"])


def test_the_birth_bundle_merged_by_the_rule() -> None:
    catalog = parse_catalog(load_yaml(dump_yaml(upgrade(load_catalog(OLD)).data).encode(), "x"))
    bundle = next((b for b in catalog.bundles if b.code == "YJS01"), None)
    if bundle is None or "出生医学证明签发" not in {i.name for i in catalog.items}:
        pytest.skip("the demo catalog no longer has the 新生儿出生 bundle as YJS01")
    result = resolve(catalog, "YJS01")
    keys = Counter((n.material, n.role) for n in result.needs)
    assert max(keys.values()) == 1  # never the same material for the same role twice
    birth = [n for n in result.needs if n.name.endswith("出生医学证明")]
    assert birth and all(n.internal_from == "出生医学证明签发" for n in birth)
    assert all(not n.asked for n in birth)


def test_two_names_merged_are_reported() -> None:
    data = _small()
    del data["items"][1]["materials"][1]  # 经办人身份证
    assert upgrade(data).report.merged == ["「身份证」← 受托人身份证、身份证"]


@pytest.mark.parametrize(
    ("standard", "system"),
    [
        ("通过、核验，由公安户籍系统提供", "公安户籍系统"),  # the first pattern finds only "、"
        ("通过系统核验，由人口库提供", "人口库"),  # a bare 系统 names nothing
        ("通过 人口库， 核验", "人口库"),  # spaces and punctuation stripped
        ("申请人自行提交", ""),
    ],
)
def test_shared_system_skips_empty_and_bare_names(standard: str, system: str) -> None:
    assert shared_system(standard) == system


def test_upgrade_of_a_catalog_without_situations_writes_no_situations() -> None:
    data = upgrade(base()).data
    assert list(data) == [
        "schema_version", "hall", "zones", "categories", "departments", "materials", "items",
        "bundles", "windows", "staff",
    ]  # fmt: skip
    assert data["schema_version"] == 2
    assert data["materials"] == [
        {"id": "M-SHEN-QING-BIAO", "name": "申请表", "form": "原件", "source": "申请人自备",
         "standard": "填写完整"},
        {"id": "M-SHEN-FEN-ZHENG", "name": "身份证", "form": "原件", "source": "申请人自备",
         "standard": "有效期内"},
    ]  # fmt: skip
    assert [set(i) & {"situations", "produces"} for i in data["items"]] == [set(), set()]
    assert data["items"][0]["materials"] == [
        {"material": "M-SHEN-QING-BIAO", "role": "申请人", "copies": 1, "requirement": "必要"}
    ]


def test_upgrade_asks_each_items_questions_and_names_what_it_produces() -> None:
    old = base()
    first = old["items"][0]
    first["name"] = "出生医学证明签发"
    first["materials"].append(dict(first["materials"][0], name="出生医学证明"))
    second = old["items"][1]["materials"]
    second.append(dict(second[0], name="经办人身份证", situation="委托他人办理的"))
    data = upgrade(old).data
    assert list(data)[5:8] == ["materials", "situations", "items"]
    assert data["situations"] == [
        {"id": "agent", "question": "是否委托他人办理？", "answers": [
            {"key": "1", "value": "yes", "text": "是"}, {"key": "2", "value": "no", "text": "否"}]},
    ]  # fmt: skip
    assert "situations" not in data["items"][0]
    assert data["items"][0]["produces"] == ["M-BIRTH-CERT"]  # the known id of 出生医学证明
    assert data["items"][1]["situations"] == ["agent"]
    assert "produces" not in data["items"][1]
    assert data["items"][1]["materials"][1] == {
        "material": "M-SHEN-FEN-ZHENG", "role": "经办人", "copies": 1, "requirement": "必要",
        "when": {"agent": "yes"},
    }  # fmt: skip


def test_dump_yaml_indents_block_lists_under_their_key() -> None:
    text = dump_yaml(
        {"items": [{"code": "I1", "name": "甲", "kind": "承诺件", "tags": ["a", "b"]},
                   {"key": "1", "value": "yes"}]}
    )  # fmt: skip
    assert text == (
        "# 由 hall-app catalog upgrade 从 v1 目录转换生成，格式见 docs/catalog-format.md（v2）\n"
        "items:\n"
        "  - code: I1\n"
        "    name: 甲\n"
        "    kind: 承诺件\n"
        "    tags: [a, b]\n"
        "\n"
        "  - {key: '1', value: 'yes'}\n"
    )


def test_one_material_under_two_situations_in_one_item_is_one_standard_material() -> None:
    data = base()
    mats = data["items"][0]["materials"]
    mats.append(dict(mats[0], name="户口簿", situation="委托他人办理的"))
    mats.append(dict(mats[0], name="户口簿", situation="未成年人办理的"))
    result = upgrade(data)
    assert result.report.undecided == []
    first = result.data["items"][0]["materials"]
    assert first[1]["material"] == first[2]["material"] == "M-HU-KOU-BU"
    assert first[1]["when"] != first[2]["when"]


def test_the_common_obtain_from_and_a_multiline_standard_go_to_the_material() -> None:
    data = base()
    for item in data["items"]:
        mat = item["materials"][0]
        mat.update(name="户口簿", obtain_from="户籍窗口", standard="原件\n复印件一份")
    result = upgrade(data)
    (material,) = [m for m in result.data["materials"] if m["name"] == "户口簿"]
    assert material["obtain_from"] == "户籍窗口"
    assert material["standard"] == "原件\n复印件一份"
    for item in result.data["items"]:
        assert "obtain_from" not in item["materials"][0]  # the material's value applies


def test_dump_yaml_writes_lists_of_mappings_and_nested_mappings_as_blocks() -> None:
    text = dump_yaml({"refs": [{"m": "A"}], "ref": {"when": {"agent": "yes"}}})
    assert text.splitlines()[1:] == [
        "refs:",
        "  - {m: A}",
        "",
        "ref:",
        "  when: {agent: 'yes'}",
    ]


def test_dump_yaml_writes_a_short_mapping_in_flow_only_under_70_characters() -> None:
    short = {"k": "v" * 60}
    assert len(str(short)) == 69
    assert dump_yaml({"x": [short]}).splitlines()[-1] == f"  - {{k: {'v' * 60}}}"
    longer = {"k": "v" * 61}
    assert len(str(longer)) == 70
    assert dump_yaml({"x": [longer]}).splitlines()[-1] == f"  - k: {'v' * 61}"
