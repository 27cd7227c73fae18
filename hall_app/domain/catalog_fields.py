"""Reading one field of a catalog file and reporting what is wrong with it (with its line).

The machinery under :mod:`hall_app.domain.catalog_check`: a problem is recorded with the line
of the key it concerns (or of the mapping it was found in), and checking goes on after every
problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeGuard

from hall_app.domain.catalog_schema import ALIAS_MAX_CHARS, Problem
from hall_app.domain.errors import InvalidInput
from hall_app.domain.text import clean_text


class Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, node: Any, path: str, message: str, *, warning: bool = False) -> None:
        """A problem at ``path``, on the line of the key it ends with where the loader kept
        it (``items[3]（…）.promised_limit_days`` → that key's line), else on the line of the
        mapping ``node``."""
        key = re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1])
        line = getattr(node, "key_lines", {}).get(key) or getattr(node, "line", None)
        self.problems.append(Problem(line, path, message, warning))

    def mapping(self, node: Any, path: str, parent: Any = None) -> TypeGuard[dict[str, Any]]:
        if not isinstance(node, dict):
            self.add(parent, path, "应为键值对（映射）")
            return False
        return True

    def field(
        self,
        node: dict[str, Any],
        path: str,
        key: str,
        kind: str,
        *,
        required: bool = True,
        choices: Iterable[str] = (),
        low: int | None = None,
        high: int | None = None,
        pattern: str | None = None,
        longest: int | None = None,
    ) -> Any:
        where = f"{path}.{key}"
        if key not in node or node[key] is None:
            if required:
                self.add(node, where, "缺少必填字段")
            return None
        value = node[key]
        if kind == "str":
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                self.add(node, where, f"应为文本，实际为 {value!r}")
                return None
            try:
                value = clean_text(value, "", multiline=True)
            except InvalidInput as exc:
                self.add(node, where, exc.message)
                return None
            if longest is not None and len(value) > longest:
                self.add(node, where, f"不能超过 {longest} 个字，实际 {len(value)} 个字")
                return None
            if required and not value:
                self.add(node, where, "不能为空")
                return None
            choices = tuple(choices)
            if choices and value not in choices:
                self.add(node, where, f"「{value}」不是有效取值，应为 {' / '.join(choices)}")
                return None
            if pattern and not re.fullmatch(pattern, value):
                self.add(node, where, f"「{value}」格式不正确")
                return None
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(node, where, f"应为整数，实际为 {value!r}")
                return None
            if (low is not None and value < low) or (high is not None and value > high):
                self.add(node, where, f"{value} 超出范围 {low}–{high}")
                return None
        elif kind == "bool":
            if not isinstance(value, bool):
                self.add(node, where, f"应为 true 或 false，实际为 {value!r}")
                return None
        elif kind == "list" and not isinstance(value, list):
            self.add(node, where, "应为列表")
            return None
        return value

    def unknown_keys(self, node: dict[str, Any], path: str, known: Iterable[str]) -> None:
        extra = sorted(set(node) - set(known), key=str)  # keys of mixed types
        for key in extra:
            self.add(node, f"{path}.{key}", "未知字段（拼写错误？）")

    def aliases(self, node: dict[str, Any], path: str) -> None:
        """Optional ``aliases``: the everyday names (俗称) citizens use, each a short text,
        no duplicates."""
        values = self.field(node, path, "aliases", "list", required=False)
        seen: dict[Any, str] = {}
        for index, value in enumerate(values or ()):
            where = f"{path}.aliases[{index + 1}]"
            if not isinstance(value, str) or not value.strip():
                self.add(node, where, "应为非空文本")
            elif len(value) > ALIAS_MAX_CHARS:
                self.add(node, where, f"不能超过 {ALIAS_MAX_CHARS} 个字，实际 {len(value)} 个字")
            else:
                self.unique(node, where, seen, value.strip(), "俗称")

    def unique(self, node: Any, path: str, seen: dict[Any, str], value: Any, what: str) -> None:
        if value is None:
            return
        if value in seen:
            self.add(node, path, f"{what}「{value}」重复，已在 {seen[value]} 使用")
        else:
            seen[value] = path


def section(
    checker: Checker, root: dict[str, Any], key: str, minimum: int, each: Callable[..., None]
) -> None:
    items = checker.field(root, "顶层", key, "list", required=minimum > 0)
    if items is None:
        return
    if len(items) < minimum:
        checker.add(root, key, f"至少需要 {minimum} 项，实际 {len(items)} 项")
    for index, node in enumerate(items):
        path = f"{key}[{index + 1}]"
        if checker.mapping(node, path, parent=root):
            each(node, path)
