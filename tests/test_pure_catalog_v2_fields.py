"""Table-driven pure tests of every key the v2 catalog checker reads: each variant of the
small v2 file (tests/catalog_v2_text.py) is edited as *text*, loaded with the catalog YAML
reader (so the lines are the file's) and checked; the expected problems are written by hand.

A row is (old text, new text, path prefix, expected problems); only the problems whose path
starts with the prefix are compared, in the order the checker reports them."""

from __future__ import annotations

from typing import Any

import pytest

from hall_app.domain.catalog_check_v2 import check_catalog_v2
from hall_app.domain.catalog_yaml import load_yaml
from tests.catalog_v2_text import V2

Found = list[tuple[int | None, str, str]]

FORM = """\
  - id: M-FORM
    name: 首次签发登记表
    form: 原件
    source: 申请人自备
    obtain_from: 医院窗口
    standard: 父母签字
"""
MARRIED = """\
  - id: married
    question: 父母是否已登记结婚？
    answers:
      - {key: "1", value: "yes", text: 是}
      - {key: "2", value: "no", text: 否}
"""
FATHER_REF = """\
      - material: M-ID
        role: 父亲
        copies: 1
        requirement: 非必要
        when: {father: "yes"}
"""
BOOK_REF = """\
      - material: M-BOOK
        role: 户主
        copies: 1
        requirement: 容缺后补
        defer_days: 5
"""
M3 = "materials[3]（首次签发登记表）"
S2 = "situations[2]"
R = "items[1]（出生医学证明签发）.materials[3]"
B = "items[2]（出生登记）.materials[3]"


def edited(*pairs: tuple[str, str]) -> str:
    text = V2
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line(text: str, needle: str, start: str = "") -> int:
    """The 1-based line of the first line of ``text`` that contains ``needle``, from the
    line of the base file (V2) that is exactly ``start`` on."""
    lines = text.splitlines()
    first = V2.splitlines().index(start) if start else 0
    return next(n for n, t in enumerate(lines[first:], first + 1) if needle in t)


def check(text: str, prefix: str = "") -> Found:
    data: Any = load_yaml(text.encode(), "t.yaml")
    return [
        (p.line, p.path, p.message) for p in check_catalog_v2(data) if p.path.startswith(prefix)
    ]


def test_the_base_file_is_clean() -> None:
    assert check(V2) == []


# --- standard materials: (replacement of the M-FORM block's line, prefix, expected) --------
# each expected problem is (needle of its line in the edited file, path, message)
MATERIAL_ROWS: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    ("    standard: 父母签字\n", "", "materials[3]",
     [("- id: M-FORM", f"{M3}.standard", "缺少必填字段")]),
    ("    standard: 父母签字\n", "    standard: [a]\n", "materials[3]",
     [("standard: [a]", f"{M3}.standard", "应为文本，实际为 ['a']")]),
    ("    standard: 父母签字\n", '    standard: ""\n', "materials[3]",
     [('standard: ""', f"{M3}.standard", "不能为空")]),
    ("    form: 原件\n    source: 申请人自备\n    obtain_from",
     "    source: 申请人自备\n    obtain_from", "materials[3]",
     [("- id: M-FORM", f"{M3}.form", "缺少必填字段")]),
    ("    form: 原件\n    source: 申请人自备\n    obtain_from",
     "    form: 纸\n    source: 申请人自备\n    obtain_from", "materials[3]",
     [("form: 纸", f"{M3}.form", "「纸」不是有效取值，应为 原件 / 复印件 / 原件和复印件 / 电子")]),
    ("    source: 申请人自备\n    obtain_from", "    obtain_from", "materials[3]",
     [("- id: M-FORM", f"{M3}.source", "缺少必填字段")]),
    ("    source: 申请人自备\n    obtain_from", "    source: 自带\n    obtain_from", "materials[3]",
     [("source: 自带", f"{M3}.source",
       "「自带」不是有效取值，应为 申请人自备 / 政府部门核发 / 共享免提交")]),
    ("    source: 申请人自备\n    obtain_from", "    source: 共享免提交\n    obtain_from",
     "materials[3]",
     [("- id: M-FORM", f"{M3}.shared_from", "共享免提交材料须写明共享来源（如人口基础信息库）")]),
    ("    source: 申请人自备\n    obtain_from",
     "    source: 共享免提交\n    shared_from: [库]\n    obtain_from", "materials[3]",
     [("shared_from: [库]", f"{M3}.shared_from", "应为文本，实际为 ['库']"),
      ("shared_from: [库]", f"{M3}.shared_from", "共享免提交材料须写明共享来源（如人口基础信息库）")]),
    ("    source: 申请人自备\n    obtain_from",
     "    source: 共享免提交\n    shared_from: 人口库\n    obtain_from", "materials[3]", []),
    ("    obtain_from: 医院窗口\n", "    obtain_from: {a: b}\n", "materials[3]",
     [("obtain_from: {a: b}", f"{M3}.obtain_from", "应为文本，实际为 {'a': 'b'}")]),
    ("    obtain_from: 医院窗口\n", "", "materials[3]", []),
    ("    obtain_from: 医院窗口\n", "    obtain_from: 医院窗口\n    sample: 登记表.pdf\n",
     "materials[3]", []),
    ("    obtain_from: 医院窗口\n", "    obtain_from: 医院窗口\n    sample: forms/登记表.pdf\n",
     "materials[3]",
     [("sample: forms", f"{M3}.sample", "「forms/登记表.pdf」格式不正确")]),
    ("    obtain_from: 医院窗口\n", "    obtain_from: 医院窗口\n    sample: [x.pdf]\n",
     "materials[3]",
     [("sample: [x.pdf]", f"{M3}.sample", "应为文本，实际为 ['x.pdf']")]),
    ("    obtain_from: 医院窗口\n", "    obtain_from: 医院窗口\n    deferrable: true\n",
     "materials[3]", []),
    ("    obtain_from: 医院窗口\n", '    obtain_from: 医院窗口\n    deferrable: "yes"\n',
     "materials[3]",
     [("deferrable:", f"{M3}.deferrable", "应为 true 或 false，实际为 'yes'")]),
    ("    obtain_from: 医院窗口\n", "    obtain_from: 医院窗口\n    colour: 红\n",
     "materials[3]", [("colour:", "materials[3].colour", "未知字段（拼写错误？）")]),
    ("  - id: M-FORM\n", "  - id: m-form\n", "materials[3]",
     [("- id: m-form", "materials[3].id", "「m-form」格式不正确")]),
    ("  - id: M-FORM\n", "  - id: [M-FORM]\n", "materials[3]",
     [("- id: [M-FORM]", "materials[3].id", "应为文本，实际为 ['M-FORM']")]),
    ("  - id: M-FORM\n    name", "  - name", "materials[3]",
     [("- name: 首次签发登记表", "materials[3].id", "缺少必填字段")]),
    ("  - id: M-FORM\n", "  - id: M-ID\n", "materials[3]",
     [("- id: M-ID", "materials[3].id", "材料编号「M-ID」重复，已在 materials[1].id 使用")]),
    ("    name: 首次签发登记表\n", "    name: 居民身份证\n", "materials[3]",
     [("name: 居民身份证", "materials[3].name",
       "标准材料名称「居民身份证」重复，已在 materials[1].name 使用")]),
    ("    name: 首次签发登记表\n", "", "materials[3]",
     [("- id: M-FORM", "materials[3].name", "缺少必填字段")]),
    ("    name: 首次签发登记表\n", "    name: " + "名" * 195 + "\n", "materials[3]", []),
    ("    name: 首次签发登记表\n", "    name: " + "名" * 196 + "\n", "materials[3]",
     [("name: 名", "materials[3].name", "不能超过 195 个字，实际 196 个字")]),
    # review points: a list of non-empty texts of at most 100 characters, no duplicates
    ("    standard: 父母签字\n", "    standard: 父母签字\n    review_points: 签字\n",
     "materials[3]", [("review_points:", f"{M3}.review_points", "应为列表")]),
    ("    standard: 父母签字\n", '    standard: 父母签字\n    review_points: [签字, " ", 5]\n',
     "materials[3]",
     [("review_points:", f"{M3}.review_points[2]", "审查要点应为非空文本"),
      ("review_points:", f"{M3}.review_points[3]", "审查要点应为非空文本")]),
    ("    standard: 父母签字\n",
     "    standard: 父母签字\n    review_points: [" + "点" * 100 + "]\n", "materials[3]", []),
    ("    standard: 父母签字\n",
     "    standard: 父母签字\n    review_points: [a, " + "点" * 101 + "]\n", "materials[3]",
     [("review_points:", f"{M3}.review_points[2]", "审查要点不能超过 100 个字")]),
    ("    standard: 父母签字\n", "    standard: 父母签字\n    review_points: [签字, 签字 ]\n",
     "materials[3]",
     [("review_points:", f"{M3}.review_points[2]",
       f"审查要点「签字」重复，已在 {M3}.review_points[1] 使用")]),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "prefix", "expected"), MATERIAL_ROWS)
def test_each_key_of_a_standard_material(
    old: str, new: str, prefix: str, expected: list[tuple[str, str, str]]
) -> None:
    text = edited((FORM, FORM.replace(old, new, 1)))
    found = [(line(text, n, "  - id: M-FORM"), p, m) for n, p, m in expected]
    assert check(text, prefix) == found


# --- situations: rows edit the `married` question (situations[2]) --------------------------
A1 = '      - {key: "1", value: "yes", text: 是}\n'
A2 = '      - {key: "2", value: "no", text: 否}\n'
SITUATION_ROWS: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("  - id: married\n", "  - id: Married\n",
     [("- id: Married", f"{S2}.id", "「Married」格式不正确")]),
    ("  - id: married\n", "  - id: father\n",
     [("- id: father", f"{S2}.id", "情形编号「father」重复，已在 situations[1].id 使用")]),
    ("    question: 父母是否已登记结婚？\n", "", [("- id: married", f"{S2}.question", "缺少必填字段")]),
    ("    question: 父母是否已登记结婚？\n", "    question: " + "问" * 100 + "\n", []),
    ("    question: 父母是否已登记结婚？\n", "    question: " + "问" * 101 + "\n",
     [("question:", f"{S2}.question", "不能超过 100 个字，实际 101 个字")]),
    ("    question: 父母是否已登记结婚？\n", "    question: [问]\n",
     [("question:", f"{S2}.question", "应为文本，实际为 ['问']")]),
    ("    answers:\n" + A1 + A2, "", [("- id: married", f"{S2}.answers", "缺少必填字段")]),
    ("    answers:\n" + A1 + A2, "    answers: 是\n",
     [("answers:", f"{S2}.answers", "应为列表"),
      ("answers:", f"{S2}.answers", "应有 2–6 个答案，实际 0 个")]),
    (A2, "", [("answers:", f"{S2}.answers", "应有 2–6 个答案，实际 1 个")]),
    (A2, "".join(f'      - {{key: "{k}", value: "v{k}", text: 答{k}}}\n' for k in "23456"), []),
    (A2, "".join(f'      - {{key: "{k}", value: "v{k}", text: 答{k}}}\n' for k in "234567"),
     [("answers:", f"{S2}.answers", "应有 2–6 个答案，实际 7 个")]),
    # a non-mapping answer is reported on the line of `answers`, and the next one is checked
    (A1, '      - 是\n      - {key: "3", value: "maybe", text: 也许, colour: 红}\n',
     [("answers:", f"{S2}.answers[1]", "应为键值对（映射）"),
      ("value: \"maybe\"", f"{S2}.answers[2].colour", "未知字段（拼写错误？）")]),
    (A1, '      - {value: "yes", text: 是}\n',
     [('{value: "yes"', f"{S2}.answers[1].key", "缺少必填字段")]),
    (A1, '      - {key: "12", value: "yes", text: 是}\n',
     [('key: "12"', f"{S2}.answers[1].key", "「12」格式不正确")]),
    (A1 + A2, '      - {key: "a", value: "yes", text: 是}\n      - {key: "A", value: "no", text: 否}\n',
     [('key: "A"', f"{S2}.answers[2].key", f"按键「a」重复，已在 {S2}.answers[1].key 使用")]),
    (A1, '      - {key: "1", text: 是}\n', [('key: "1", text', f"{S2}.answers[1].value", "缺少必填字段")]),
    (A1, '      - {key: "1", value: yes, text: 是}\n',
     [("value: yes", f"{S2}.answers[1].value", '答案值 true 被读作真假值，请加引号，如 "yes"')]),
    (A1, '      - {key: "1", value: 1.5, text: 是}\n',
     [("value: 1.5", f"{S2}.answers[1].value", "答案值应为文本，实际为 1.5")]),
    (A1, '      - {key: "1", value: 1, text: 是}\n', []),
    (A1, '      - {key: "1", value: "Yes", text: 是}\n',
     [('value: "Yes"', f"{S2}.answers[1].value", "「Yes」格式不正确（小写字母、数字、下划线）")]),
    (A2, '      - {key: "2", value: "yes", text: 否}\n',
     [('key: "2", value: "yes"', f"{S2}.answers[2].value", "答案值「yes」重复")]),
    (A1, '      - {key: "1", value: "yes"}\n',
     [('value: "yes"}', f"{S2}.answers[1].text", "缺少必填字段")]),
    (A1, '      - {key: "1", value: "yes", text: ' + "是" * 30 + "}\n", []),
    (A1, '      - {key: "1", value: "yes", text: ' + "是" * 31 + "}\n",
     [('value: "yes"', f"{S2}.answers[1].text", "不能超过 30 个字，实际 31 个字")]),
    (A2, A2 + '    default: "maybe"\n',
     [("default:", f"{S2}.default", "默认答案「maybe」不是本问题的答案")]),
    (A2, A2 + "    default: no\n",
     [("default:", f"{S2}.default", '答案值 false 被读作真假值，请加引号，如 "yes"')]),
    (A2, A2 + '    default: "no"\n', []),
    (A2, A2 + "    colour: 红\n", [("colour:", f"{S2}.colour", "未知字段（拼写错误？）")]),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), SITUATION_ROWS)
def test_each_key_of_a_situation_and_its_answers(
    old: str, new: str, expected: list[tuple[str, str, str]]
) -> None:
    text = edited((MARRIED, MARRIED.replace(old, new, 1)))
    found = [(line(text, n, "  - id: married"), p, m) for n, p, m in expected]
    assert check(text, S2) == found


# --- an item's references: rows edit B1's third reference (block style, one key a line) ----
REF_ROWS: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("        role: 父亲\n", "        role: 父亲\n        colour: 红\n",
     [("colour:", f"{R}.colour", "未知字段（拼写错误？）")]),
    ("      - material: M-ID\n        role", "      - role",
     [("- role: 父亲", f"{R}.material", "缺少必填字段")]),
    ("      - material: M-ID\n", "      - material: [M-ID]\n",
     [("- material:", f"{R}.material", "应为文本，实际为 ['M-ID']")]),
    ("      - material: M-ID\n", "      - material: M-NONE\n",
     [("- material:", f"{R}.material", "标准材料「M-NONE」不存在")]),
    ("        role: 父亲\n", "", []),
    ("        role: 父亲\n", "        role: 舅舅\n",
     [("role: 舅舅", f"{R}.role", "「舅舅」不是有效取值，应为 申请人 / 代理人 / 法定代表人 / 经办人 / "
       "母亲 / 父亲 / 监护人 / 新生儿 / 配偶 / 继承人 / 买方 / 卖方 / 户主 / 逝者 / 其他")]),
    ("        copies: 1\n", "", [("- material: M-ID", f"{R}.copies", "缺少必填字段")]),
    ("        copies: 1\n", '        copies: "1"\n', [("copies:", f"{R}.copies", "应为整数，实际为 '1'")]),
    ("        copies: 1\n", "        copies: -1\n", [("copies:", f"{R}.copies", "-1 超出范围 0–20")]),
    ("        copies: 1\n", "        copies: 20\n", []),
    ("        copies: 1\n", "        copies: 21\n", [("copies:", f"{R}.copies", "21 超出范围 0–20")]),
    ("        copies: 1\n", "        copies: 0\n",
     [("copies:", f"{R}.copies", "纸质材料份数不能为 0（仅电子材料或共享免提交材料可为 0）")]),
    ("        copies: 1\n", "        copies: 0\n        form: 电子\n", []),
    ("        requirement: 非必要\n", "", [("- material: M-ID", f"{R}.requirement", "缺少必填字段")]),
    ("        requirement: 非必要\n", "        requirement: 可选\n",
     [("requirement:", f"{R}.requirement", "「可选」不是有效取值，应为 必要 / 非必要 / 容缺后补")]),
    ("        requirement: 非必要\n", "        requirement: 非必要\n        defer_days: 3\n",
     [("defer_days:", f"{R}.defer_days", "只有容缺后补材料可以设置后补期限，本材料为非必要")]),
    ("        requirement: 非必要\n", "        requirement: 非必要\n        defer_days: 0\n", []),
    ("        requirement: 非必要\n", "        requirement: 容缺后补\n        defer_days: 3\n",
     [("requirement:", f"{R}.requirement", "标准材料「居民身份证」不可容缺后补（其 deferrable 不为 true）")]),
    ("        requirement: 非必要\n", "        requirement: 非必要\n        form: 纸\n",
     [("form: 纸", f"{R}.form", "「纸」不是有效取值，应为 原件 / 复印件 / 原件和复印件 / 电子")]),
    ("        requirement: 非必要\n", "        requirement: 非必要\n        source: 自带\n",
     [("source: 自带", f"{R}.source", "「自带」不是有效取值，应为 申请人自备 / 政府部门核发 / 共享免提交")]),
    ("        requirement: 非必要\n", "        requirement: 非必要\n        source: 共享免提交\n",
     [("source: 共享免提交", f"{R}.source", "共享免提交须在标准材料「M-ID」中写明共享来源 shared_from")]),
    ("        requirement: 非必要\n",
     "        requirement: 非必要\n        standard: [a]\n        obtain_from: [b]\n        note: [c]\n",
     [("standard: [a]", f"{R}.standard", "应为文本，实际为 ['a']"),
      ("obtain_from: [b]", f"{R}.obtain_from", "应为文本，实际为 ['b']"),
      ("note: [c]", f"{R}.note", "应为文本，实际为 ['c']")]),
    ("        requirement: 非必要\n",
     "        requirement: 非必要\n        standard: 甲\n        obtain_from: 乙\n        note: 丙\n", []),
    ('        when: {father: "yes"}\n', "        when: father\n",
     [("when: father", f"{R}.when", '应为键值对，如 {agent: "yes"}')]),
    ('        when: {father: "yes"}\n', '        when: {nobody: "yes"}\n',
     [("when:", f"{R}.when.nobody", "情形「nobody」不存在")]),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), REF_ROWS)
def test_each_key_of_a_reference(old: str, new: str, expected: list[tuple[str, str, str]]) -> None:
    text = edited((FATHER_REF, FATHER_REF.replace(old, new, 1)))
    found = [(line(text, n, "      - material: M-ID"), p, m) for n, p, m in expected]
    assert check(text, "items[") == found


DEFER_ROWS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("", [("- material: M-BOOK", f"{B}.defer_days", "容缺后补材料须写明后补期限 defer_days（工作日，大于 0）")]),
    ("        defer_days: 0\n", [("defer_days:", f"{B}.defer_days", "容缺后补材料的后补期限应大于 0 个工作日")]),
    ("        defer_days: 60\n", []),
    ("        defer_days: 61\n", [("defer_days:", f"{B}.defer_days", "61 超出范围 0–60")]),
    ("        defer_days: 五\n", [("defer_days:", f"{B}.defer_days", "应为整数，实际为 '五'")]),
]  # fmt: skip


@pytest.mark.parametrize(("new", "expected"), DEFER_ROWS)
def test_the_days_of_a_deferrable_reference(new: str, expected: list[tuple[str, str, str]]) -> None:
    text = edited((BOOK_REF, BOOK_REF.replace("        defer_days: 5\n", new)))
    found = [(line(text, n, "      - material: M-BOOK"), p, m) for n, p, m in expected]
    assert check(text, "items[") == found


I1 = "items[1]（出生医学证明签发）"
ITEM_ROWS: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("    situations: [father]\n", "    situations: father\n",
     [("situations: father", f"{I1}.situations", "应为列表"),
      ("when: {father", f"{I1}.materials[3].when.father", "情形「father」未列在本事项的 situations 中")]),
    ("    situations: [father]\n", "    situations: [father, nope, 1, father]\n",
     [("situations: [father, nope", f"{I1}.situations[2]", "情形「nope」不存在"),
      ("situations: [father, nope", f"{I1}.situations[3]", "情形「1」不存在"),
      ("situations: [father, nope", f"{I1}.situations[4]",
       f"情形「father」重复，已在 {I1}.situations[1] 使用")]),
    ("    produces: [M-BIRTH]\n", "    produces: [M-BIRTH, M-NONE]\n",
     [("produces:", f"{I1}.produces[2]", "标准材料「M-NONE」不存在")]),
    ("    produces: [M-BIRTH]\n", "    produces: M-BIRTH\n", [("produces:", f"{I1}.produces", "应为列表")]),
    ("    produces: [M-BIRTH]\n", "    produces: [M-BIRTH]\n    review_points: [a, a]\n",
     [("review_points: [a, a]", f"{I1}.review_points[2]", f"审查要点「a」重复，已在 {I1}.review_points[1] 使用")]),
    # a reference that is not a mapping: the line of the item's `materials`; the next is checked
    ("      - {material: M-FORM, role: 申请人, copies: 1, requirement: 必要}\n",
     "      - 申请表\n      - {material: M-FORM, role: 申请人, copies: 1, requirement: 必须}\n",
     [("    materials:", f"{I1}.materials[1]", "应为键值对（映射）"),
      ("requirement: 必须", f"{I1}.materials[2].requirement",
       "「必须」不是有效取值，应为 必要 / 非必要 / 容缺后补")]),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), ITEM_ROWS)
def test_each_v2_key_of_an_item(old: str, new: str, expected: list[tuple[str, str, str]]) -> None:
    text = edited((old, new))
    found = [(line(text, n, "  - code: B1"), p, m) for n, p, m in expected]
    assert check(text, I1) == found


def test_checking_goes_on_after_an_item_without_a_list_of_references() -> None:
    text = edited(
        ("    situations: [married]\n", "    situations: [married]\n    materials: 无\n"),
        (
            "    review_points: [申请人与户主关系一致]\n    materials:\n",
            "    review_points: [申请人与户主关系一致]\n    old:\n",
        ),
        ("    review_points: [申请人与户主关系一致]\n", '    review_points: [""]\n'),
        (
            "copies: 2, requirement: 非必要, form: 复印件}",
            "copies: 2, requirement: 非必要, form: 纸}",
        ),
    )
    assert check(text, "items[3]") == [
        (line(text, "form: 纸}"), "items[3]（医保参保）.materials[2].form",
         "「纸」不是有效取值，应为 原件 / 复印件 / 原件和复印件 / 电子"),
    ]  # fmt: skip
    assert check(text, "items[2]") == [
        (line(text, "materials: 无"), "items[2]（出生登记）.materials", "应为列表"),  # v1
        (
            line(text, 'review_points: [""]'),
            "items[2]（出生登记）.review_points[1]",
            "审查要点应为非空文本",
        ),
        (line(text, "    old:"), "items[2].old", "未知字段（拼写错误？）"),  # v1
    ]


def test_checking_goes_on_after_an_item_that_is_not_a_mapping() -> None:
    text = edited(("items:\n  - code: B1\n", "items:\n  - 5\n  - code: B1\n"),
                  ("    produces: [M-BIRTH]\n", "    produces: [M-NONE]\n"))  # fmt: skip
    assert check(text, "items[2]（") == [
        (
            line(text, "produces: [M-NONE]"),
            "items[2]（出生医学证明签发）.produces[1]",
            "标准材料「M-NONE」不存在",
        )
    ]
