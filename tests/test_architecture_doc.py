"""docs/architecture.md traces a clerk's F1 from the key to the board, file by file and
function by function: every file it names exists, and every function it names is still in
one of those files (a rename or a split that forgets the map fails here)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"


def _rows() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8").split("## A clerk presses F1", 1)[1]
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].isdigit():
            rows.append(cells)
    return rows


def _ticks(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_the_f1_trace_names_real_files_and_functions() -> None:
    rows = _rows()
    assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))  # every step, in order
    files: set[Path] = set()
    for row in rows:
        for token in _ticks(row[1]) + _ticks(row[2]):
            if token.endswith(".py"):
                path = ROOT / "hall_app" / token
                assert path.is_file(), f"step {row[0]}: no {token}"
                files.add(path)
    source = "\n".join(p.read_text(encoding="utf-8") for p in files)
    missing = []
    for row in rows:
        for token in _ticks(row[2]):
            if token.endswith(".py"):
                continue
            name = re.split(r"[(\[]", token, maxsplit=1)[0]
            for part in name.split("."):
                if part and not re.search(rf"\b{re.escape(part)}\b", source):
                    missing.append(f"step {row[0]}: {part}")
    assert missing == []
