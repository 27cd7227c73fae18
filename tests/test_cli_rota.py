"""``hall-app rota show|import|export`` (issue 19 §2): supervisors' commands, logged in like the
tidal commands; Chinese text, JSON with ``--json``; a bad file exits 1 naming its lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_login import CLERK, SUPERVISOR, run_cli

DEMO_CSV = Path(__file__).resolve().parents[1] / "resources" / "rota" / "demo_rota.csv"


def test_show_import_export(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db_url: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    run = run_cli(monkeypatch, capsys, "rota", "show", "--date", "2026-12-07", "--json",
                  url=db_url, staff=SUPERVISOR)  # fmt: skip
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["default"] is True and data["staff_minutes"] == 32 * 390
    assert data["shifts"][0] == {"kind": "work", "staff_no": "1001", "name": "王丽",
                                 "window": 1, "start": "08:30", "end": "12:00"}  # fmt: skip
    run = run_cli(monkeypatch, capsys, "rota", "show", "--date", "2026-12-07",
                  url=db_url, staff=SUPERVISOR)  # fmt: skip
    assert "当天未保存排班，使用大厅默认排班" in run.out
    assert "窗口在岗合计 208 小时 0 分钟" in run.out
    assert "  后台  1033 傅强" in run.out
    mine = tmp_path / "mine.csv"
    mine.write_text("kind,staff_no,window,start,end\nwork,1033,11,09:00,12:00\n")
    run = run_cli(monkeypatch, capsys, "rota", "import", str(mine), "--date", "2026-12-07",
                  url=db_url, staff=SUPERVISOR)  # fmt: skip
    assert run.code == 0, run.err
    assert run.out.strip() == "已导入 2026-12-07 的排班：1 个时段，窗口在岗合计 3 小时 0 分钟"
    out = tmp_path / "out.csv"
    run = run_cli(monkeypatch, capsys, "rota", "export", str(out), "--date", "2026-12-07",
                  url=db_url, staff=SUPERVISOR)  # fmt: skip
    assert run.code == 0 and out.read_text().startswith(
        "kind,staff_no,window,start,end\nwork,1033,11,09:00,12:00\nminimum,A,1,,\n"
    )
    run = run_cli(monkeypatch, capsys, "rota", "export", "--date", "2026-12-08",
                  url=db_url, staff=SUPERVISOR)  # fmt: skip
    assert run.out == DEMO_CSV.read_text(encoding="utf-8")


def test_a_bad_file_and_a_clerk_are_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sqlite_url: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,staff_no,window,start,end\nwork,1033,11,09:00\nrest,1033,,09:00,10:00\n")
    run = run_cli(monkeypatch, capsys, "rota", "import", str(bad), url=sqlite_url,
                  staff=SUPERVISOR)  # fmt: skip
    assert run.code == 1
    assert "第 2 行：应有 5 列，实有 4 列" in run.err and "第 3 行：类型「rest」不正确" in run.err
    run = run_cli(monkeypatch, capsys, "rota", "show", url=sqlite_url, staff=CLERK)
    assert run.code == 1 and "无权" in run.err
