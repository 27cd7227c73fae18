"""Pure tests of catalog format v2: the checker (each rule, with its line), the parse into
the same Catalog, and the flattening into v1 materials that ``catalog import`` reads."""

from __future__ import annotations

from typing import Any

import pytest

from hall_app.domain.catalog import Material, check_catalog, errors, parse_catalog
from hall_app.domain.catalog_v2_parse import parse_materials, situation_text
from hall_app.domain.catalog_v2_schema import Answer, BundleMember, MaterialRef, Situation
from hall_app.domain.errors import InvalidInput
from tests.catalog_v2_text import line_of, v2


def found(data: Any) -> list[tuple[int | None, str, str, bool]]:
    return [(p.line, p.path, p.message, p.warning) for p in check_catalog(data)]


def item(data: Any, code: str) -> Any:
    return next(i for i in data["items"] if i["code"] == code)


def test_the_v2_base_is_clean_without_hints() -> None:
    assert found(v2()) == []


def test_v1_rules_still_apply_to_a_v2_file_with_their_lines() -> None:
    data = v2()
    item(data, "B2")["promised_limit_days"] = 3  # 即办件 promising days
    line = item(data, "B2").key_lines["promised_limit_days"]
    data["extra"] = 1
    assert found(data) == [
        (1, "顶层.extra", "未知字段（拼写错误？）", False),
        (line, "items[2]（出生登记）.promised_limit_days", "承诺时限 3 个工作日超过法定时限 0 个工作日", False),
        (line, "items[2]（出生登记）.promised_limit_days", "即办件的承诺时限应为 0", False),
    ]  # fmt: skip


def test_unknown_material_and_role_in_a_reference() -> None:
    data = v2()
    ref = item(data, "B1")["materials"][0]
    ref["material"] = "M-NONE"
    ref["role"] = "舅舅"
    line = ref.line
    assert found(data) == [
        (line_of("  - id: M-FORM"), "materials（M-FORM）", "没有任何事项引用或出具此材料", True),
        (line, "items[1]（出生医学证明签发）.materials[1].material", "标准材料「M-NONE」不存在", False),
        (line, "items[1]（出生医学证明签发）.materials[1].role", "「舅舅」不是有效取值，应为 "
         "申请人 / 代理人 / 法定代表人 / 经办人 / 母亲 / 父亲 / 监护人 / 新生儿 / 配偶 / 继承人 / 买方 / "
         "卖方 / 户主 / 逝者 / 其他", False),
    ]  # fmt: skip


def test_when_names_a_known_question_asked_by_the_item_with_a_known_answer() -> None:
    data = v2()
    ref = item(data, "B1")["materials"][2]
    when = ref["when"]
    line = when.line
    when["father"] = "maybe"
    assert found(data) == [
        (line, "items[1]（出生医学证明签发）.materials[3].when.father",
         "情形「father」没有答案「maybe」，应为 yes / no", False),
    ]  # fmt: skip
    del when["father"]
    when["married"] = "yes"
    assert found(data) == [
        (line, "items[1]（出生医学证明签发）.materials[3].when.married",
         "情形「married」未列在本事项的 situations 中", False),
    ]  # fmt: skip
    ref["when"] = {"nobody": "yes"}  # a plain mapping: the reference's line
    assert found(data) == [
        (
            ref.line,
            "items[1]（出生医学证明签发）.materials[3].when.nobody",
            "情形「nobody」不存在",
            False,
        )
    ]
    ref["when"] = {"father": True}  # an unquoted yes
    assert found(data) == [
        (ref.line, "items[1]（出生医学证明签发）.materials[3].when.father",
         "答案值 true 被读作真假值，请加引号，如 \"yes\"", False),
    ]  # fmt: skip
    ref["when"] = {"father": []}
    assert found(data)[0][2] == "至少需要一个答案"
    ref["when"] = "father"
    assert found(data)[0][1:3] == (
        "items[1]（出生医学证明签发）.materials[3].when",
        '应为键值对，如 {agent: "yes"}',
    )


def test_a_bundle_member_when_must_name_a_question_the_bundle_asks() -> None:
    data = v2()
    bundle = data["bundles"][0]
    bundle["situations"] = []
    member = bundle["items"][1]
    assert found(data) == [
        (member.key_lines["when"], "bundles[1]（出生一件事）.items[2].when.in_county",
         "情形「in_county」未列在本一件事的 situations 中", False),
    ]  # fmt: skip
    bundle["items"][1] = {"item": "B9"}
    bundle["items"][2] = 5
    problems = found(data)
    assert (bundle.key_lines["items"], "bundles[1]（出生一件事）.items[3]",
            "应为事项编码，或 {item: 编码, when: {…}}", False) in problems  # fmt: skip
    assert any(p[2] == "事项「B9」不存在" for p in problems)  # the v1 check of the codes


def test_duplicate_ids_names_and_the_same_material_for_the_same_role_twice() -> None:
    data = v2()
    data["materials"][1]["id"] = "M-ID"
    data["materials"][4]["name"] = "居民身份证"
    refs = item(data, "B1")["materials"]
    refs.append(dict(refs[1]))
    refs[3] = type(refs[1])(refs[1])
    refs[3].line = 999
    problems = found(data)
    assert (line_of("  - id: M-BIRTH"), "materials[2].id", "材料编号「M-ID」重复，已在 materials[1].id 使用", False) in problems  # fmt: skip
    assert (data["materials"][4].key_lines["name"], "materials[5].name", "标准材料名称「居民身份证」重复，已在 materials[1].name 使用", False) in problems  # fmt: skip
    assert any(
        p[1] == "items[1]（出生医学证明签发）.materials[4].material"
        and p[2].startswith("同一角色、同一条件的材料「('M-ID', '母亲', ())」重复")
        for p in problems
    )


def test_the_same_material_and_role_under_different_conditions_is_fine() -> None:
    data = v2()
    refs = item(data, "B1")["materials"]
    refs.append({"material": "M-ID", "role": "母亲", "copies": 1, "requirement": "必要",
                 "when": {"father": "no"}})  # fmt: skip
    assert found(data) == []


def test_deferrable_only_on_a_deferrable_material_and_with_days() -> None:
    data = v2()
    ref = item(data, "B2")["materials"][3]  # 结婚证, not deferrable
    ref["requirement"] = "容缺后补"
    ref["defer_days"] = 3
    assert found(data) == [
        (ref.key_lines["requirement"], "items[2]（出生登记）.materials[4].requirement",
         "标准材料「结婚证」不可容缺后补（其 deferrable 不为 true）", False),
    ]  # fmt: skip
    book = item(data, "B2")["materials"][2]
    del book["defer_days"]
    assert (book.key_lines["defer_days"], "items[2]（出生登记）.materials[3].defer_days",
            "容缺后补材料须写明后补期限 defer_days（工作日，大于 0）", False) in found(data)  # fmt: skip
    book["defer_days"] = 0
    assert (book.key_lines["defer_days"], "items[2]（出生登记）.materials[3].defer_days",
            "容缺后补材料的后补期限应大于 0 个工作日", False) in found(data)  # fmt: skip
    ref["requirement"] = "必要"
    assert (ref.line, "items[2]（出生登记）.materials[4].defer_days",
            "只有容缺后补材料可以设置后补期限，本材料为必要", False) in found(data)  # fmt: skip


def test_shared_needs_shared_from_on_the_material() -> None:
    data = v2()
    birth = data["materials"][1]
    del birth["shared_from"]
    ref = item(data, "B3")["materials"][0]
    assert found(data) == [
        (ref.key_lines["source"], "items[3]（医保参保）.materials[1].source",
         "共享免提交须在标准材料「M-BIRTH」中写明共享来源 shared_from", False),
    ]  # fmt: skip
    birth["source"] = "共享免提交"
    assert found(data)[0] == (
        birth.key_lines["shared_from"], "materials[2]（出生医学证明）.shared_from",
        "共享免提交材料须写明共享来源（如人口基础信息库）", False,
    )  # fmt: skip


def test_paper_copies_and_material_fields() -> None:
    data = v2()
    ref = item(data, "B1")["materials"][0]
    ref["copies"] = 0
    material = data["materials"][2]
    material["sample"] = "../etc/passwd"
    material["review_points"] = ["签字", "签字", ""]
    material["colour"] = "红"
    problems = found(data)
    assert problems == [
        (material.line, "materials[3].colour", "未知字段（拼写错误？）", False),
        (material.line, "materials[3]（首次签发登记表）.sample", "「../etc/passwd」格式不正确", False),
        (material.line, "materials[3]（首次签发登记表）.review_points[2]",
         "审查要点「签字」重复，已在 materials[3]（首次签发登记表）.review_points[1] 使用", False),
        (material.line, "materials[3]（首次签发登记表）.review_points[3]", "审查要点应为非空文本", False),
        (ref.line, "items[1]（出生医学证明签发）.materials[1].copies",
         "纸质材料份数不能为 0（仅电子材料或共享免提交材料可为 0）", False),
    ]  # fmt: skip


def test_answers_two_to_six_one_key_each_unique_and_a_default_among_them() -> None:
    data = v2()
    situation = data["situations"][0]
    answers = situation["answers"]
    answers[1]["key"] = "12"
    assert found(data) == [
        (answers[1].line, "situations[1].answers[2].key", "「12」格式不正确", False)
    ]
    answers[1]["key"] = "1"
    assert found(data) == [
        (answers[1].line, "situations[1].answers[2].key",
         "按键「1」重复，已在 situations[1].answers[1].key 使用", False),
    ]  # fmt: skip
    answers[1]["key"] = "2"
    answers[1]["value"] = "yes"
    assert (answers[1].line, "situations[1].answers[2].value", "答案值「yes」重复", False) in found(data)  # fmt: skip
    answers[1]["value"] = "No!"
    assert (answers[1].line, "situations[1].answers[2].value",
            "「No!」格式不正确（小写字母、数字、下划线）", False) in found(data)  # fmt: skip
    answers[1]["value"] = "no"
    situation["default"] = "perhaps"
    assert found(data) == [
        (
            situation.key_lines["default"],
            "situations[1].default",
            "默认答案「perhaps」不是本问题的答案",
            False,
        )
    ]
    situation["default"] = "no"
    del answers[1]
    assert found(data)[0][1:3] == ("situations[1].answers", "应有 2–6 个答案，实际 1 个")


def test_keys_are_one_key_regardless_of_case() -> None:
    data = v2()
    answers = data["situations"][0]["answers"]
    answers[0]["key"], answers[1]["key"] = "a", "A"
    assert found(data)[0][2] == "按键「a」重复，已在 situations[1].answers[1].key 使用"


def test_a_question_nobody_asks_is_a_hint_and_the_file_still_parses() -> None:
    data = v2()
    for bundle in data["bundles"]:
        bundle.pop("situations", None)
        bundle["items"] = [m["item"] if isinstance(m, dict) else m for m in bundle["items"]]
    problems = check_catalog(data)
    assert [(p.line, p.path, p.message, p.warning) for p in problems] == [
        (line_of("  - id: in_county"), "situations[3]（in_county）",
         "没有任何事项或一件事提出此问题", True),
    ]  # fmt: skip
    assert errors(problems) == []
    assert str(problems[0]).startswith(
        f"第 {line_of('  - id: in_county')} 行 situations[3]（in_county）：（提示）"
    )
    assert parse_catalog(data).schema_version == 2


def test_unknown_ids_in_situations_and_produces() -> None:
    data = v2()
    node = item(data, "B1")
    node["situations"] = ["father", "ghost", "father"]
    node["produces"] = ["M-NONE"]
    asked, made = node.key_lines["situations"], node.key_lines["produces"]
    label = "items[1]（出生医学证明签发）"
    assert found(data) == [
        (asked, f"{label}.situations[2]", "情形「ghost」不存在", False),
        (asked, f"{label}.situations[3]",
         f"情形「father」重复，已在 {label}.situations[1] 使用", False),
        (made, f"{label}.produces[1]", "标准材料「M-NONE」不存在", False),
    ]  # fmt: skip


def test_parse_keeps_references_and_flattens_them_for_the_import() -> None:
    catalog = parse_catalog(v2())
    assert catalog.schema_version == 2
    assert [m.id for m in catalog.materials] == ["M-ID", "M-BIRTH", "M-FORM", "M-BOOK", "M-MARRY"]
    assert catalog.materials[0].review_points == ("在有效期内", "照片与本人一致")
    assert catalog.materials[3].deferrable is True
    assert catalog.situations[0] == Situation(
        "father", "是否填写父亲信息？", (Answer("1", "yes", "是"), Answer("2", "no", "否")), "no"
    )
    b1, b2, b3 = catalog.items
    assert (b1.situations, b1.produces, b2.review_points) == (
        ("father",),
        ("M-BIRTH",),
        ("申请人与户主关系一致",),
    )
    assert b1.refs[2] == MaterialRef("M-ID", "父亲", 1, "非必要", when=(("father", ("yes",)),))
    assert b3.refs[0] == MaterialRef(
        "M-BIRTH", "新生儿", 0, "必要", form="电子", source="共享免提交", standard="共享核验"
    )
    assert b2.materials == (
        Material("新生儿出生医学证明", "原件", 1, "必要", "政府部门核发", "婴儿姓名与申报一致"),
        Material("母亲居民身份证", "原件", 1, "必要", "申请人自备", "原件核验后退还"),
        Material("户主居民户口簿", "原件", 1, "容缺后补", "申请人自备", "加页后退还", defer_days=5),
        Material("结婚证", "原件", 1, "非必要", "申请人自备", "原件核验后退还；复印件留存",
                 situation="父母是否已登记结婚？是"),
    )  # fmt: skip
    assert b1.materials[0] == Material(
        "首次签发登记表", "原件", 1, "必要", "申请人自备", "父母签字", obtain_from="医院窗口"
    )
    assert b1.materials[2].situation == "是否填写父亲信息？是"
    assert b3.materials[2].obtain_from == "派出所"  # the reference's own 获取途径
    bundle = catalog.bundles[0]
    assert bundle.items == ("B1", "B2", "B3")
    assert bundle.situations == ("in_county",)
    assert bundle.members[1] == BundleMember("B2", (("in_county", ("yes",)),))


def test_a_list_of_answers_flattens_with_or() -> None:
    data = v2()
    ref = item(data, "B1")["materials"][2]
    ref["when"] = {"father": ["yes", "no"]}
    assert parse_catalog(data).items[0].materials[2].situation == "是否填写父亲信息？是或否"


def test_a_v2_file_with_errors_is_refused() -> None:
    data = v2()
    item(data, "B1")["materials"][0]["material"] = "M-NONE"
    with pytest.raises(InvalidInput, match="标准材料「M-NONE」不存在"):
        parse_catalog(data)


def test_a_v1_catalog_parses_as_before() -> None:
    from tests.test_pure_catalog_check import base

    catalog = parse_catalog(base())
    assert (catalog.schema_version, catalog.materials, catalog.situations) == (1, (), ())
    assert catalog.items[0].refs == ()
    assert catalog.bundles[0].members == ()


def test_no_paper_copy_of_a_shared_material_in_any_form() -> None:
    data = v2()
    ref = item(data, "B3")["materials"][0]  # 共享免提交, copies 0
    ref["form"] = "原件"
    assert found(data) == []
    ref["source"] = "申请人自备"
    assert found(data)[0][1:3] == (
        "items[3]（医保参保）.materials[1].copies",
        "纸质材料份数不能为 0（仅电子材料或共享免提交材料可为 0）",
    )


_QUESTIONS = {
    "agent": ("是否委托他人办理？", {"yes": "是", "no": "否"}),
    "marital": ("婚姻状况？", {"married": "已婚", "remarried": "再婚"}),
}


@pytest.mark.parametrize(
    ("when", "text"),
    [
        ((), ""),
        ((("agent", ("yes",)),), "是否委托他人办理？是"),
        ((("marital", ("married", "remarried")),), "婚姻状况？已婚或再婚"),
        ((("agent", ("no",)), ("marital", ("remarried",))), "是否委托他人办理？否；婚姻状况？再婚"),
        ((("agent", ("maybe",)),), "是否委托他人办理？maybe"),  # an unknown answer: its value
        ((("ghost", ("x", "y")),), "ghostx或y"),  # an unknown question: its id
    ],
)
def test_situation_text(when: Any, text: str) -> None:
    assert situation_text(when, _QUESTIONS) == text


def test_a_material_standard_keeps_its_line_breaks() -> None:
    (material,) = parse_materials({"materials": [{"id": "M-A", "standard": "原件\r\n复印件一份"}]})
    assert material.standard == "原件\n复印件一份"
