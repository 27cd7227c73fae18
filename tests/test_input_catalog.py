"""Hostile catalog files (issue 16): refused with a Chinese message and a line, never a
traceback, and `catalog check` finds what `catalog import` would refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import String, func, select

from hall_app import paths
from hall_app.domain.catalog import check_catalog, load_catalog
from hall_app.domain.catalog_schema import COLUMN_CHARS
from hall_app.domain.errors import InvalidInput
from hall_app.services.catalog import check_file
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import DATA, login

# 384 bytes: nine levels of nine aliases each would expand to 9**9 strings
ANCHOR_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(8)
    ]
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_anchor_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    assert len(ANCHOR_BOMB.encode()) < 600
    with pytest.raises(InvalidInput, match="锚点或别名") as caught:
        check_file(_write(tmp_path, ANCHOR_BOMB))
    assert "第 1 行" in caught.value.message


def test_deep_nesting_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="嵌套层次过深"):
        check_file(_write(tmp_path, "a: " + "[" * 3000 + "]" * 3000 + "\n"))
    with pytest.raises(InvalidInput, match="嵌套层次过深"):
        check_file(_write(tmp_path, "".join(f"{' ' * i}k{i}:\n" for i in range(200))))


def test_a_duplicate_key_is_refused_not_silently_overwritten(tmp_path: Path) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    text = text.replace("    prefix: A\n", "    prefix: A\n    prefix: B\n", 1)
    with pytest.raises(InvalidInput, match=r"第 \d+ 行：字段「prefix」重复（第 \d+ 行已出现）"):
        check_file(_write(tmp_path, text))


def test_octal_hex_and_sexagesimal_stay_text(tmp_path: Path) -> None:
    data = load_catalog(_write(tmp_path, "a: 010\nb: 0o17\nc: 0x1F\nd: 1:30\ne: 12\nf: -3\n"))
    assert data == {"a": "010", "b": "0o17", "c": "0x1F", "d": "1:30", "e": 12, "f": -3}


def test_a_5000_digit_number_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    text = re.sub(r"avg_service_minutes: \d+", "avg_service_minutes: " + "9" * 5000, text, count=1)
    problems = check_file(_write(tmp_path, text))
    assert any("应为整数" in p.message and p.line for p in problems)


def test_unknown_keys_of_mixed_types_are_listed(tmp_path: Path) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    text = text.replace("categories:\n", "1: x\nzz: y\ncategories:\n", 1)
    problems = check_file(_write(tmp_path, text))
    unknown = [(p.path, p.line) for p in problems if "未知字段" in p.message]
    line = text.splitlines().index("1: x") + 1
    assert unknown == [("顶层.1", line), ("顶层.zz", line + 1)]


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    with pytest.raises(InvalidInput, match="过大"):
        check_file(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("张" * 10_000, "不能超过 64 个字"),
        ("综合\x00受理", "控制字符"),
    ],
)
def test_hostile_names_are_problems_with_lines(tmp_path: Path, name: str, message: str) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    text = text.replace(
        "    name: 综合受理\n", f'    name: "{name.replace(chr(0), chr(92) + "0")}"\n', 1
    )
    problems = check_file(_write(tmp_path, text))
    assert any(message in p.message and p.line for p in problems), problems[:3]


def test_invisible_and_full_width_characters_are_normalised(tmp_path: Path) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    text = text.replace("    name: 综合受理\n", '    name: "综合\u200b\u202e受理ＡＢ１"\n', 1)
    from hall_app.domain.catalog import parse_catalog

    catalog = parse_catalog(load_catalog(_write(tmp_path, text)))
    assert catalog.categories[0].name == "综合受理AB1"


def test_a_duplicate_qualification_is_caught_by_check(tmp_path: Path) -> None:
    text = (DATA / "mini_hall.yaml").read_text(encoding="utf-8")
    assert "qualifications: [A" in text
    text = text.replace("qualifications: [A", "qualifications: [A, A", 1)
    problems = check_catalog(load_catalog(_write(tmp_path, text)))
    assert any("类别「A」重复" in p.message and p.line for p in problems)


def _counts(hall: Hall) -> dict[str, int]:
    with hall.ctx.db.read() as s:
        return {
            t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0
            for t in (m.Category, m.ServiceItem, m.Staff, m.StaffQualification)
        }


def test_renaming_a_category_keeping_its_prefix_is_caught_by_check_and_import(
    hall: Hall, tmp_path: Path
) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    text = re.sub(r"\b(category|code): A\b", r"\1: AA", text)
    text = re.sub(r"(categories|qualifications): \[A\b", r"\1: [AA", text)
    text = re.sub(r"(categories|qualifications): \[(.*?)\bA\b", r"\1: [\2AA", text)
    path = _write(tmp_path, text)
    assert check_file(path) == []  # the file alone is fine
    admin = login(hall, "9001")
    before = _counts(hall)
    with pytest.raises(InvalidInput, match="号票前缀「A」"):  # was the database's raw text
        hall.catalog.import_file(admin, path)
    assert _counts(hall) == before
    found = check_file(path, ctx=hall.ctx)  # `catalog check --db`
    assert [p.path for p in found] == ["categories[1].prefix"] and found[0].line
    assert "号票前缀「A」已属于数据库中的类别「A」" in found[0].message


def test_schema_lengths_match_the_columns() -> None:
    tables = {mapper.local_table.name: mapper.local_table for mapper in m.Base.registry.mappers}
    for key, chars in COLUMN_CHARS.items():
        table, column = key.split(".")
        kind = tables[table].c[column].type
        assert isinstance(kind, String) and kind.length == chars, key
