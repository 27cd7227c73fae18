"""Pure tests of the catalog field checker: each kind, each limit, the line a problem gets."""

from __future__ import annotations

from typing import Any

from hall_app.domain.catalog_fields import Checker, section
from hall_app.domain.catalog_schema import Problem
from hall_app.domain.catalog_yaml import load_yaml


def node(text: str) -> Any:
    return load_yaml(text.encode(), "t.yaml")


def field(value: Any, kind: str, **kw: Any) -> tuple[Any, list[Problem]]:
    c = Checker()
    got = c.field({"k": value}, "p", "k", kind, **kw)
    return got, c.problems


def test_missing_and_optional() -> None:
    c = Checker()
    assert c.field({}, "p", "k", "str") is None
    assert c.field({"k": None}, "p", "k", "int", required=False) is None
    assert c.problems == [Problem(None, "p.k", "缺少必填字段")]


def test_str() -> None:
    assert field(12, "str") == ("12", [])
    assert field(1.5, "str") == ("1.5", [])
    assert field(True, "str") == (None, [Problem(None, "p.k", "应为文本，实际为 True")])
    assert field(" a\u200b ", "str") == ("a", [])
    assert field("abc", "str", longest=3) == ("abc", [])
    assert field("abcd", "str", longest=3) == (
        None,
        [Problem(None, "p.k", "不能超过 3 个字，实际 4 个字")],
    )
    assert field("", "str") == (None, [Problem(None, "p.k", "不能为空")])
    assert field("", "str", required=False) == ("", [])
    assert field("b", "str", choices=("a", "c")) == (
        None,
        [Problem(None, "p.k", "「b」不是有效取值，应为 a / c")],
    )
    assert field("a", "str", choices=("a",)) == ("a", [])
    assert field("ab", "str", pattern="a") == (None, [Problem(None, "p.k", "「ab」格式不正确")])
    assert field("a", "str", pattern="a") == ("a", [])


def test_int_bool_list() -> None:
    assert field(True, "int") == (None, [Problem(None, "p.k", "应为整数，实际为 True")])
    assert field("1", "int") == (None, [Problem(None, "p.k", "应为整数，实际为 '1'")])
    assert field(1, "int", low=1, high=1) == (1, [])
    assert field(0, "int", low=1) == (None, [Problem(None, "p.k", "0 超出范围 1–None")])
    assert field(2, "int", high=1) == (None, [Problem(None, "p.k", "2 超出范围 None–1")])
    assert field(1, "bool") == (None, [Problem(None, "p.k", "应为 true 或 false，实际为 1")])
    assert field(False, "bool") == (False, [])
    assert field((), "list") == (None, [Problem(None, "p.k", "应为列表")])
    assert field([], "list") == ([], [])


def test_lines_of_problems() -> None:
    data = node("a: 1\nb:\n  c: 2\n")
    c = Checker()
    c.add(data, "x.b", "m")
    c.add(data, "x.b[3]", "m")
    c.add(data, "x.zz", "m")
    c.add(data["b"], "b.c", "m")
    c.add(None, "y", "m")
    assert [p.line for p in c.problems] == [2, 2, 1, 3, None]
    assert str(c.problems[0]) == "第 2 行 x.b：m"
    assert str(c.problems[-1]) == "y：m"


def test_unknown_keys_and_unique() -> None:
    c = Checker()
    c.unknown_keys({"b": 1, 2: 1, "a": 1}, "p", ("a",))
    assert [p.path for p in c.problems] == ["p.2", "p.b"]
    assert c.problems[0].message == "未知字段（拼写错误？）"
    c = Checker()
    seen: dict[Any, str] = {}
    c.unique(None, "p1", seen, None, "编码")
    c.unique(None, "p1", seen, "A", "编码")
    c.unique(None, "p2", seen, "A", "编码")
    assert seen == {"A": "p1"}
    assert c.problems == [Problem(None, "p2", "编码「A」重复，已在 p1 使用")]


def test_section() -> None:
    seen: list[str] = []
    c = Checker()
    section(c, {"s": [{"a": 1}, 3]}, "s", 3, lambda n, path: seen.append(path))
    assert seen == ["s[1]"]
    assert c.problems == [
        Problem(None, "s", "至少需要 3 项，实际 2 项"),
        Problem(None, "s[2]", "应为键值对（映射）"),
    ]
    c = Checker()
    section(c, {}, "s", 0, lambda n, path: None)
    assert c.problems == []
    section(c, {}, "s", 1, lambda n, path: None)
    assert c.problems == [Problem(None, "顶层.s", "缺少必填字段")]
    c = Checker()
    section(c, {"s": [{}]}, "s", 1, lambda n, path: None)
    assert c.problems == []


def test_aliases() -> None:
    c = Checker()
    c.aliases({}, "p")
    c.aliases({"aliases": ["上户口", " 报户口 ", "a" * 20]}, "p")
    assert c.problems == []
    c.aliases({"aliases": "上户口"}, "p")
    assert c.problems == [Problem(None, "p.aliases", "应为列表")]
    c = Checker()
    c.aliases({"aliases": ["上户口", "", 3, "a" * 21, "上户口 "]}, "p")
    assert c.problems == [
        Problem(None, "p.aliases[2]", "应为非空文本"),
        Problem(None, "p.aliases[3]", "应为非空文本"),
        Problem(None, "p.aliases[4]", "不能超过 20 个字，实际 21 个字"),
        Problem(None, "p.aliases[5]", "俗称「上户口」重复，已在 p.aliases[1] 使用"),
    ]
