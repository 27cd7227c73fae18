"""Pure tests of the hardened catalog YAML reader: lines kept, hostile constructs refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from hall_app.domain.catalog import load_catalog
from hall_app.domain.catalog_yaml import MAX_BYTES, MAX_DEPTH, load_yaml
from hall_app.domain.errors import InvalidInput


def refused(raw: bytes) -> str:
    with pytest.raises(InvalidInput) as exc:
        load_yaml(raw, "c.yaml")
    return exc.value.message


def test_lines_are_kept() -> None:
    data = load_yaml(b"# c\na: 1\nb:\n  - x: 1\n\n    y: 2\n", "c.yaml")
    assert data == {"a": 1, "b": [{"x": 1, "y": 2}]}
    assert (data.line, data.key_lines) == (2, {"a": 2, "b": 3})
    assert (data["b"][0].line, data["b"][0].key_lines) == (4, {"x": 4, "y": 6})


def test_yaml_12_integers() -> None:
    data = load_yaml(b"a: 010\nb: 0x1F\nc: 1:30\nd: -12\ne: +7\nf: 0\n", "c.yaml")
    assert data == {"a": "010", "b": "0x1F", "c": "1:30", "d": -12, "e": 7, "f": 0}
    assert load_yaml(("a: " + "9" * 18).encode(), "c.yaml") == {"a": int("9" * 18)}
    assert load_yaml(("a: " + "9" * 19).encode(), "c.yaml") == {"a": "9" * 19}
    assert load_yaml(b"a: true\nb: 1.5\n", "c.yaml") == {"a": True, "b": 1.5}


def test_refusals() -> None:
    assert refused(b"a: &x 1\nb: *x\n") == (
        "目录文件 c.yaml 第 1 行使用了 YAML 锚点或别名（& / *），目录文件不支持，请直接写出内容"
    )
    assert refused(b"a: 1\na: 2\n") == (
        "目录文件 c.yaml 第 2 行：字段「a」重复（第 1 行已出现），请删去其中一个"
    )
    assert refused(b"? [a]\n: 1\n") == "目录文件 c.yaml 第 1 行的键不是简单文本"
    assert refused(b"\xff\xfe") == "目录文件 c.yaml 不是 UTF-8 编码（第 0 字节）"
    assert refused(b"a: [1\n") == (
        "目录文件 c.yaml 第 2 行第 1 列YAML 格式错误：expected ',' or ']', but got '<stream end>'"
    )


def test_depth_limit() -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    load_yaml(ok.encode(), "c.yaml")
    deep = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert refused(deep.encode()) == f"目录文件 c.yaml 第 1 行嵌套层次过深（超过 {MAX_DEPTH} 层）"


def test_size_limit_is_inclusive() -> None:
    assert load_yaml(b"#" * MAX_BYTES, "c.yaml") is None
    assert refused(b"#" * (MAX_BYTES + 1)) == "目录文件 c.yaml 过大（2048 KB，最多 2048 KB）"


def test_bom_is_accepted() -> None:
    assert load_yaml(b"\xef\xbb\xbfa: 1\n", "c.yaml") == {"a": 1}


def test_a_file_s_refusal_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "hall.yaml"
    path.write_bytes(b"a: [1\n")
    with pytest.raises(InvalidInput) as exc:
        load_catalog(path)
    assert exc.value.message.startswith(f"目录文件 {path} 第 2 行第 1 列YAML 格式错误")
