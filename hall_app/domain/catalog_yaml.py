"""A hardened YAML reader for catalog files: line numbers kept, hostile constructs refused.

Refused with a Chinese message and the line: anchors and aliases (a few hundred bytes of nested
aliases expand to gigabytes), nesting deeper than :data:`MAX_DEPTH`, files larger than
:data:`MAX_BYTES`, duplicate keys (YAML lets the last one silently win) and unhashable keys.
Integers are YAML 1.2 decimals of at most 18 digits: ``010`` stays the text "010" (no octal),
``0x1F`` and ``1:30`` (sexagesimal) stay text, and a 5,000-digit number is text that the check
then reports as "应为整数" instead of a traceback.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from hall_app.domain.errors import InvalidInput

MAX_BYTES = 2 * 1024 * 1024  # the county's full catalog is about 200 KB
MAX_DEPTH = 12  # the format needs 5 (root → items → item → materials → material)

_INT_TAG = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]{0,17})$")


class Node(dict):  # type: ignore[type-arg]  # keys and values are whatever the YAML holds
    """A mapping that remembers the line it started on and the line of each key (1-based)."""

    line: int | None = None
    key_lines: dict[str, int] = {}  # noqa: RUF012 (replaced per instance, never mutated)


def _where(mark: Any) -> str:
    """The line of a parser mark (the parser gives every event and node one)."""
    return f"第 {mark.line + 1} 行"


class LineLoader(yaml.SafeLoader):
    """SafeLoader without aliases, with a depth limit, YAML 1.2 integers and unique keys."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (class-level, as in PyYAML)
        first: [(tag, rx) for tag, rx in resolvers if tag != _INT_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise InvalidInput(
                f"{_where(event.start_mark)}使用了 YAML 锚点或别名（& / *），"
                "目录文件不支持，请直接写出内容"
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise InvalidInput(f"{_where(event.start_mark)}嵌套层次过深（超过 {MAX_DEPTH} 层）")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


for _first in "-+0123456789":
    LineLoader.add_implicit_resolver(_INT_TAG, _DECIMAL, list(_first))


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> Node:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise InvalidInput(f"{_where(key_node.start_mark)}的键不是简单文本")
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise InvalidInput(
                f"第 {line} 行：字段「{key_node.value}」重复（第 {seen[key]} 行已出现），"
                "请删去其中一个"
            )
        seen[key] = line
    result = Node(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + 1
    result.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return result


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(raw: bytes, name: str) -> Any:
    """Parse catalog bytes; every refusal is an :class:`InvalidInput` naming ``name``."""
    if len(raw) > MAX_BYTES:
        raise InvalidInput(
            f"目录文件 {name} 过大（{len(raw) // 1024} KB，最多 {MAX_BYTES // 1024} KB）"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"目录文件 {name} 不是 UTF-8 编码（第 {exc.start} 字节）") from None
    try:
        return yaml.load(text, Loader=LineLoader)
    except InvalidInput as exc:
        raise InvalidInput(f"目录文件 {name} {exc.message}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InvalidInput(f"目录文件 {name} {where}YAML 格式错误：{problem}") from None
    except (RecursionError, MemoryError):
        raise InvalidInput(f"目录文件 {name} 结构过于复杂，无法读取") from None
