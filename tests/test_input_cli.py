"""`catalog check` on hostile files, as a real subprocess (issue 16): a Chinese message on
stderr with a line, capped with a count of the rest, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

from hall_app import paths
from tests.test_cli import hall_app
from tests.test_input_catalog import ANCHOR_BOMB


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Error:" not in stderr, stderr[-2000:]


def test_catalog_check_refuses_the_anchor_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ANCHOR_BOMB, encoding="utf-8")
    result = hall_app("catalog", "check", str(path))
    assert result.returncode == 1
    _no_traceback(result.stderr)
    assert "锚点或别名" in result.stderr and "第 1 行" in result.stderr


def test_catalog_check_caps_the_problems_it_prints(tmp_path: Path) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    windows = "".join(f"  - {{number: {n}, zone: NOPE, categories: [A]}}\n" for n in range(1, 901))
    text = re.sub(r"\nwindows:\n(?:  .*\n|\s*\n)*", "\nwindows:\n" + windows, text, count=1)
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    result = hall_app("catalog", "check", str(path))
    assert result.returncode == 1
    _no_traceback(result.stderr)
    lines = result.stderr.splitlines()
    assert re.search(r"发现 9\d\d 处问题", lines[0])
    assert len(lines) <= 22 and re.search(r"其余 \d+ 处问题未列出", lines[-1])
    assert "第 " in lines[1]


def test_catalog_check_db_finds_what_the_import_would_refuse(
    sqlite_url: str, tmp_path: Path
) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    text = re.sub(r"\b(category|code): A\b", r"\1: AA", text)
    text = re.sub(r"(categories|qualifications): \[(.*?)\bA\b", r"\1: [\2AA", text)
    path = tmp_path / "renamed.yaml"
    path.write_text(text, encoding="utf-8")
    assert hall_app("catalog", "check", str(path)).returncode == 0
    result = hall_app("catalog", "check", "--db", str(path), url=sqlite_url)
    assert result.returncode == 1
    _no_traceback(result.stderr)
    assert "号票前缀「A」已属于数据库中的类别「A」" in result.stderr
