"""``hall-app hall close`` and ``hall-app ticket undo-no-show``, run as an operator would."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import hall_app


def test_hall_close_marks_open_tickets_and_saves_the_slips(sqlite_url: str, tmp_path: Path):
    for _ in range(2):
        assert (
            hall_app("ticket", "issue", "--category", "A", url=sqlite_url, staff="2001").returncode
            == 0
        )
    refused = hall_app("hall", "close", url=sqlite_url, staff="1001")
    assert refused.returncode == 1 and "闭厅" in refused.stderr
    pdf = tmp_path / "closing.pdf"
    result = hall_app("hall", "close", "--json", "--pdf", str(pdf), url=sqlite_url, staff="3001")
    assert result.returncode == 0, result.stderr
    closed = json.loads(result.stdout)["closed"]
    assert [c["number"] for c in closed] == ["A001", "A002"]
    assert pdf.read_bytes().startswith(b"%PDF")
    status = json.loads(hall_app("queue", "status", "--json", url=sqlite_url).stdout)
    assert status["closed"] == 2
    again = hall_app("hall", "close", url=sqlite_url, staff="3001")
    assert "没有需要闭厅处理的号票" in again.stdout


def test_undo_no_show_from_the_command_line(sqlite_url: str) -> None:
    hall_app("ticket", "issue", "--category", "A", url=sqlite_url, staff="2001")
    for step in ("call", "recall", "no-show", "undo-no-show"):
        result = hall_app("ticket", step, "--window", "1", url=sqlite_url, staff="1001")
        assert result.returncode == 0, (step, result.stderr)
    assert "已叫号" in result.stdout
