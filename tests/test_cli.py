"""The headless commands, run as a separate process exactly as an operator would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_login import ADMIN, CLERK
from tests.conftest import DATA


def hall_app(
    *args: str, url: str = "", staff: str = "", password: str = ""
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if url:
        env["HALL_DB_URL"] = url
    if staff:
        env["HALL_STAFF"] = staff
        env["HALL_PASSWORD"] = password or f"demo{staff}"
    return subprocess.run(
        [sys.executable, "-m", "hall_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_help_lists_the_commands() -> None:
    out = hall_app("--help").stdout
    for command in ("gui", "db", "catalog", "ticket", "queue"):
        assert command in out


def test_usage_errors_are_in_chinese_and_exit_2() -> None:
    result = hall_app("ticket", "call")
    assert result.returncode == 2
    assert "命令行参数错误" in result.stderr


def test_catalog_check_reports_problems(tmp_path: Path) -> None:
    assert hall_app("catalog", "check", str(DATA / "mini_hall.yaml")).returncode == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 9\nhall: {}\n", encoding="utf-8")
    result = hall_app("catalog", "check", str(broken))
    assert result.returncode == 1
    assert "不支持的版本 9" in result.stderr and "第 2 行" in result.stderr
    result = hall_app("catalog", "check", "--json", str(broken))
    assert json.loads(result.stdout)["ok"] is False


def test_issue_call_finish_and_status_as_json(sqlite_url: str, tmp_path: Path) -> None:
    pdf = tmp_path / "ticket.pdf"
    issued = hall_app(
        "ticket",
        "issue",
        "--category",
        "A",
        "--json",
        "--pdf",
        str(pdf),
        url=sqlite_url,
        staff="2001",
    )
    assert issued.returncode == 0, issued.stderr
    data = json.loads(issued.stdout)
    assert data["number"] == "A001" and data["people_ahead"] == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    status = json.loads(hall_app("queue", "status", "--json", url=sqlite_url).stdout)
    window = next(w["number"] for w in status["windows"] if w["categories"][0] == "A")
    lane = next(x for x in status["lanes"] if x["code"] == "A")
    assert lane["waiting"] == 1
    clerk = next(
        s
        for s in ("1001", "1002", "1003", "1004", "1005", "1006")
        if hall_app(
            "ticket", "call", "--window", str(window), "--json", url=sqlite_url, staff=s
        ).returncode
        == 0
    )
    current = json.loads(hall_app("queue", "status", "--json", url=sqlite_url).stdout)
    assert next(w for w in current["windows"] if w["number"] == window)["current"] == "A001"
    start = hall_app("ticket", "start", "--window", str(window), url=sqlite_url, staff=clerk)
    assert start.returncode == 0, start.stderr
    finish = hall_app(
        "ticket", "finish", "--window", str(window), "--json", url=sqlite_url, staff=clerk
    )
    assert json.loads(finish.stdout)["ticket"]["state"] == "finished"


def test_known_errors_exit_1_with_a_chinese_message(sqlite_url: str) -> None:
    result = hall_app("ticket", "issue", "--item", "NOPE", url=sqlite_url, staff="2001")
    assert result.returncode == 1
    assert "错误：事项「NOPE」不存在" in result.stderr
    result = hall_app("ticket", "issue", "--item", "NOPE", url=sqlite_url)
    assert result.returncode == 1 and "--staff" in result.stderr
    result = hall_app(
        "ticket", "issue", "--category", "A", url=sqlite_url, staff="2001", password="wrong"
    )
    assert result.returncode == 1 and "工号或密码不正确" in result.stderr
    # nothing half-done: no ticket was issued by the failed commands
    status = json.loads(hall_app("queue", "status", "--json", url=sqlite_url).stdout)
    assert sum(lane["waiting"] for lane in status["lanes"]) == 0


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b""])
def test_a_corrupt_database_file_gets_a_clear_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hall.sqlite3"
    path.write_bytes(content)
    result = hall_app("queue", "status", url=f"sqlite:///{path}")
    if content:
        assert result.returncode == 1
        assert "数据库文件已损坏" in result.stderr
    else:  # an empty file is a new database
        assert result.returncode == 0


def test_an_unreachable_server_gets_a_clear_message() -> None:
    result = hall_app("queue", "status", url="postgresql+psycopg://nobody@127.0.0.1:9/hall")
    assert result.returncode == 1
    assert "无法连接数据库服务器" in result.stderr


def test_calendar_commands_keep_the_next_year(sqlite_url: str) -> None:
    assert "未完整录入" in hall_app("calendar", "show", "2027", url=sqlite_url).stdout
    assert (
        hall_app(
            "calendar",
            "set",
            "2027-01-01",
            "holiday",
            "--name",
            "元旦",
            url=sqlite_url,
            staff=ADMIN,
        ).returncode
        == 0
    )
    wrong = hall_app("calendar", "set", "2027-02-30", "holiday", url=sqlite_url, staff=ADMIN)
    assert wrong.returncode == 1 and "格式不正确" in wrong.stderr
    assert hall_app("calendar", "complete", "2027", url=sqlite_url, staff=ADMIN).returncode == 0
    shown = json.loads(hall_app("calendar", "show", "2027", "--json", url=sqlite_url).stdout)
    assert shown["complete"] and shown["days"][0]["name"] == "元旦"
    cases = hall_app("cases", "list", "--json", url=sqlite_url, staff=CLERK)
    assert json.loads(cases.stdout) == []


def test_catalog_upgrade_writes_v2_and_never_overwrites_without_force(tmp_path: Path) -> None:
    from tests.test_pure_catalog_check import BASE

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    result = hall_app("catalog", "upgrade", str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert "材料 2 项 → 标准材料 2 种" in result.stdout
    text = new.read_text(encoding="utf-8")
    assert "schema_version: 2" in text and "name: 身份证" in text
    assert hall_app("catalog", "check", str(new)).returncode == 0
    new.write_text("keep", encoding="utf-8")
    result = hall_app("catalog", "upgrade", str(old), str(new))
    assert result.returncode == 1 and "已存在" in result.stderr
    assert new.read_text(encoding="utf-8") == "keep"
    assert hall_app("catalog", "upgrade", "--force", str(old), str(new)).returncode == 0
    assert new.read_text(encoding="utf-8") == text
    result = hall_app("catalog", "upgrade", "--force", str(new), str(tmp_path / "again.yaml"))
    assert result.returncode == 1 and "不是 v1 目录" in result.stderr
