"""Pure tests of the v2 catalog checker across keys: bundles and their members, minimum
counts, entries that are not mappings, several problems in one file in line order, hints,
plain mappings through the v1 view, conditions that take part in the duplicate and length
checks. Helpers and rows' conventions: tests/test_pure_catalog_v2_fields.py."""

from __future__ import annotations

from typing import Any

import pytest

from hall_app.domain.catalog_check_v2 import check_catalog_v2
from hall_app.domain.catalog_yaml import load_yaml
from tests.catalog_v2_text import V2
from tests.test_pure_catalog_v2_fields import FATHER_REF, FORM, M3, S2, R, check, edited, line

K1 = "bundles[1]（出生一件事）"
BUNDLE_ROWS: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ('      - {item: B2, when: {in_county: "yes"}}\n', '      - {item: B2, when: {in_county: "yes"}, at: 1}\n',
     [("{item: B2", f"{K1}.items[2].at", "未知字段（拼写错误？）")]),
    ('      - {item: B2, when: {in_county: "yes"}}\n', '      - {item: [B2], when: {in_county: "yes"}}\n',
     [("    items:", f"{K1}.items[2]", "事项「['B2']」不存在"),
      ("{item: [B2]", f"{K1}.items[2].item", "应为文本，实际为 ['B2']")]),
    ('      - {item: B2, when: {in_county: "yes"}}\n', '      - {item: B2, when: {in_county: "maybe"}}\n',
     [("{item: B2", f"{K1}.items[2].when.in_county", "情形「in_county」没有答案「maybe」，应为 yes / no")]),
    ("    situations: [in_county]\n    items:\n      - B1\n",
     "    situations: [nope]\n    items:\n      - B1\n",
     [("situations: [nope]", f"{K1}.situations[1]", "情形「nope」不存在"),
      ("{item: B2", f"{K1}.items[2].when.in_county", "情形「in_county」未列在本一件事的 situations 中")]),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), BUNDLE_ROWS)
def test_each_v2_key_of_a_bundle_and_its_members(
    old: str, new: str, expected: list[tuple[str, str, str]]
) -> None:
    text = edited((old, new))
    found = [(line(text, n, "  - code: K1"), p, m) for n, p, m in expected]
    assert check(text, K1) == found


def test_minimum_counts_of_the_sections() -> None:
    empty = edited(("materials:\n  - id: M-ID\n", "materials: []\nold:\n  - id: M-ID\n"))
    problems = check(empty, "materials")
    assert problems[0] == (line(empty, "materials: []"), "materials", "至少需要 1 项，实际 0 项")
    assert check(edited(("situations:\n", "situations: []\nold:\n")), "situations") == []
    assert check(edited(("\nmaterials:\n", "\ngone:\n")), "顶层.materials") == [
        (1, "顶层.materials", "缺少必填字段")
    ]


def test_a_non_mapping_entry_has_its_sections_line_and_later_entries_are_checked() -> None:
    text = edited(("materials:\n  - id: M-ID\n", "materials:\n  - 身份证\n  - id: M-ID\n"),
                  ("    standard: 父母签字\n", "    standard: [签字]\n"))  # fmt: skip
    assert check(text, "materials[") == [
        (line(text, "materials:"), "materials[1]", "应为键值对（映射）"),
        (
            line(text, "standard: [签字]"),
            "materials[4]（首次签发登记表）.standard",
            "应为文本，实际为 ['签字']",
        ),
    ]


def test_several_problems_in_one_file_are_all_reported_in_line_order() -> None:
    text = edited(
        ("    standard: 父母签字\n", "    standard: [签字]\n"),
        ("    question: 父母是否已登记结婚？\n", "    question: [问]\n"),
        ("        role: 父亲\n        copies: 1\n", "        role: 父亲\n        copies: 21\n"),
        ("    situations: [in_county]\n    items:\n      - B1\n", "    situations: [nope]\n    items:\n      - B1\n"),
    )  # fmt: skip
    assert check(text) == [
        (line(text, "standard: [签字]"), f"{M3}.standard", "应为文本，实际为 ['签字']"),
        (line(text, "question: [问]"), f"{S2}.question", "应为文本，实际为 ['问']"),
        (line(text, "copies: 21"), f"{R}.copies", "21 超出范围 0–20"),
        (line(text, "situations: [nope]"), f"{K1}.situations[1]", "情形「nope」不存在"),
        (line(text, '{item: B2, when'), f"{K1}.items[2].when.in_county",
         "情形「in_county」未列在本一件事的 situations 中"),
    ]  # fmt: skip


def test_a_file_that_is_not_a_mapping() -> None:
    problems = check_catalog_v2([1])
    assert [(p.line, p.path, p.message) for p in problems] == [
        (None, "文件", "顶层应为键值对（映射），见 docs/catalog-format.md")
    ]


def test_the_situation_text_limit_at_its_edge() -> None:
    """father's question (100) + 是, ；, married's question (q) + 是: 200 passes, 201 fails."""
    for q, expected in ((97, []), (98, ["条件过多：写成文字超过 200 个字"])):
        text = edited(
            ("    question: 是否填写父亲信息？\n", "    question: " + "父" * 100 + "\n"),
            ("    question: 父母是否已登记结婚？\n", "    question: " + "婚" * q + "\n"),
            ("    situations: [father]\n", "    situations: [father, married]\n"),
            ('        when: {father: "yes"}\n', '        when: {father: "yes", married: "yes"}\n'),
        )
        found = check(text, "items[1]")
        assert found == [(line(text, 'married: "yes"}'), f"{R}.when", m) for m in expected]


def test_review_points_are_measured_and_compared_without_surrounding_spaces() -> None:
    block = FORM.replace(
        "    standard: 父母签字\n",
        '    standard: 父母签字\n    review_points: ["  ' + "点" * 100 + '  ", "签字", " 签字 "]\n',
    )
    text = edited((FORM, block))
    assert check(text, "materials[3]") == [
        (line(text, '"签字"'), f"{M3}.review_points[3]", f"审查要点「签字」重复，已在 {M3}.review_points[2] 使用")
    ]  # fmt: skip


def test_unused_materials_and_questions_are_hints_on_their_own_lines() -> None:
    text = edited(
        ("{material: M-FORM, role: 申请人", "{material: M-MARRY, role: 申请人"),
        ("    situations: [married]\n", ""),
    )
    data: Any = load_yaml(text.encode(), "t.yaml")
    hints = [(p.line, p.path, p.message) for p in check_catalog_v2(data) if p.warning]
    assert hints == [
        (line(text, "  - id: M-FORM"), "materials（M-FORM）", "没有任何事项引用或出具此材料"),
        (line(text, "  - id: married"), "situations[2]（married）", "没有任何事项或一件事提出此问题"),
    ]  # fmt: skip
    # B2's reference to 结婚证 asks `married`, no longer listed: the only error
    assert [p.path for p in check_catalog_v2(data) if not p.warning] == [
        "items[2]（出生登记）.materials[4].when.married"
    ]


def test_a_question_asked_only_by_a_bundle_is_used() -> None:
    text = edited(('      - {item: B2, when: {in_county: "yes"}}\n', "      - B2\n"))
    assert check(text) == []


def test_the_v1_rules_see_each_item_and_bundle_of_plain_mappings_without_lines() -> None:
    data: Any = load_yaml(V2.encode(), "t.yaml")
    data["items"] = [dict(i) for i in data["items"]]
    data["items"][0]["fee"] = [5]
    data["items"][1]["materials"] = []
    data["bundles"] = [dict(b) for b in data["bundles"]]
    data["bundles"][0]["promised_limit_days"] = -1
    data["bundles"][0]["items"][1] = {"when": {"in_county": "yes"}}
    assert [(p.line, p.path, p.message) for p in check_catalog_v2(data)] == [
        (None, "items[1]（出生医学证明签发）.fee", "应为文本，实际为 [5]"),
        (None, "items[2]（出生登记）.materials", "至少需要一项材料"),  # no placeholder for none
        (None, "bundles[1]（出生一件事）.items[2]", "事项「」不存在"),  # a member without item
        (None, "bundles[1]（出生一件事）.promised_limit_days", "-1 超出范围 0–365"),
        (None, "bundles[1]（出生一件事）.items[2].item", "缺少必填字段"),
        (line(V2, "  - id: M-MARRY"), "materials（M-MARRY）", "没有任何事项引用或出具此材料"),
    ]


DUPLICATE = "同一角色、同一条件的材料「('M-ID', '父亲', (('father', ('yes',)),))」重复，已在 {}.material 使用"


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ('{father: "yes"}', [DUPLICATE.format(R)]),
        ('{father: ["yes", "maybe"]}', ["情形「father」没有答案「maybe」，应为 yes / no"]),
        ('{father: "yes", married: "yes"}', ["情形「married」未列在本事项的 situations 中"]),
        ('{father: "yes", nobody: "yes"}', ["情形「nobody」不存在"]),
        ('{father: []}', ["至少需要一个答案"]),
        ("{father: yes}", ['答案值 true 被读作真假值，请加引号，如 "yes"']),
    ],
)  # fmt: skip
def test_a_reference_with_an_unusable_condition_is_not_compared(
    when: str, expected: list[str]
) -> None:
    """Only a clean condition takes part in the duplicate check: the same reference twice
    with the same condition is a duplicate only when the condition is usable."""
    twin = FATHER_REF.replace('{father: "yes"}', when)
    text = edited((FATHER_REF, twin + twin))
    found = [m for _, _, m in check(text, "items[1]")]
    assert found == (expected if expected[0].startswith("同一") else expected * 2)


@pytest.mark.parametrize(
    ("length", "expected"), [(195, []), (196, ["角色与材料名称合计不能超过 200 个字"])]
)
def test_the_role_and_the_material_name_together_at_their_edge(
    length: int, expected: list[str]
) -> None:
    text = edited(
        ("    name: 首次签发登记表\n", "    name: " + "名" * length + "\n"),
        ("{material: M-FORM, role: 申请人,", "{material: M-FORM, role: 法定代表人,"),
    )
    found = [(n, p, m) for n, p, m in check(text, "items[1]")]
    assert found == [(line(text, "role: 法定代表人"), "items[1]（出生医学证明签发）.materials[1].role", m)
                     for m in expected]  # fmt: skip


def test_checking_goes_on_after_a_bundle_that_is_not_a_mapping() -> None:
    text = edited(
        ("bundles:\n  - code: K1\n", "bundles:\n  - 5\n  - code: K1\n"),
        ("    situations: [in_county]\n    items:\n      - B1\n", "    situations: [nope]\n    items:\n      - B1\n"),
    )  # fmt: skip
    assert check(text, "bundles") == [
        (line(text, "bundles:"), "bundles[1]", "应为键值对（映射）"),  # the v1 checker's
        (line(text, "situations: [nope]"), "bundles[2]（出生一件事）.situations[1]", "情形「nope」不存在"),
        (line(text, "{item: B2, when"), "bundles[2]（出生一件事）.items[2].when.in_county",
         "情形「in_county」未列在本一件事的 situations 中"),
    ]  # fmt: skip


def test_the_complete_hall_sizes_are_passed_to_the_v1_rules() -> None:
    data: Any = load_yaml(V2.encode(), "t.yaml")
    assert check_catalog_v2(data) == []
    sizes = [(p.line, p.path, p.message) for p in check_catalog_v2(data, minimum_sizes=True)]
    assert (line(V2, "items:"), "items", "至少需要 40 项，实际 3 项") in sizes
