"""``hall-app ask`` on a real SQLite database holding the demo catalog: JSON best first, the
readable list, nothing found (message and lanes, exit 0), a bad question (exit 1), and no
login needed (a device command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.cli_login import run_cli


def test_json_best_first_through_the_installed_command(sqlite_url: str) -> None:
    env = dict(os.environ, HALL_DB_URL=sqlite_url)
    env.pop("HALL_STAFF", None)
    done = subprocess.run(
        [sys.executable, "-m", "hall_app", "ask", "孩子刚出生要办哪些手续", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    results = data["results"]
    assert results[0]["code"] == "YJS01" and results[0]["kind"] == "bundle"
    assert set(results[0]) == {"code", "name", "kind", "score", "why", "basic_code", "lane"}
    assert 1 <= len(results) <= 3
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert "「刚出生」即「新生儿」" in results[0]["why"]  # the synonym table at work
    assert "message" not in data


def test_top_and_the_readable_list(monkeypatch, capsys, sqlite_url: str) -> None:
    run = run_cli(monkeypatch, capsys, "ask", "上户口", "--top", "1", "--json", url=sqlite_url)
    (only,) = json.loads(run.out)["results"]
    assert (only["name"], only["basic_code"], only["lane"]) == ("出生登记", "000105002000", "D")
    run = run_cli(monkeypatch, capsys, "ask", "上户口", url=sqlite_url)
    assert run.code == 0
    assert run.out.startswith("1. 【事项】出生登记（取号类别 D，得分 ")
    assert (
        "   匹配：「上户口」→ 俗称「上户口」；「上户口」即「出生登记」→ 名称「出生登记」" in run.out
    )


def test_nothing_found_says_so_and_lists_the_lanes(monkeypatch, capsys, sqlite_url: str) -> None:
    run = run_cli(monkeypatch, capsys, "ask", "今天天气怎么样", "--json", url=sqlite_url)
    assert run.code == 0
    data = json.loads(run.out)
    assert data["results"] == [] and data["message"].startswith("没有找到")
    assert {"code": "C", "name": "社保医保"} in data["categories"]
    run = run_cli(monkeypatch, capsys, "ask", "今天天气怎么样", url=sqlite_url)
    assert run.code == 0 and "没有找到" in run.out and "  C  社保医保" in run.out
    assert "elsewhere" not in data


def test_something_done_elsewhere_names_the_place(monkeypatch, capsys, sqlite_url: str) -> None:
    run = run_cli(monkeypatch, capsys, "ask", "去台湾的通行证在哪办", "--json", url=sqlite_url)
    data = json.loads(run.out)
    assert run.code == 0 and data["results"] == []
    assert data["elsewhere"] == {"word": "台湾", "where": "公安出入境管理部门"}
    assert data["message"].startswith("「台湾」不在本大厅办理，请到公安出入境管理部门咨询")
    assert {"code": "D", "name": "公安户政/出入境"} in data["categories"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("   ",), "请输入要咨询的问题"),
        (("问" * 201,), "问题太长"),
        (("上户口", "--top", "0"), "结果条数应在 1 到 10 之间"),
        (("上户口", "--top", "11"), "结果条数应在 1 到 10 之间"),
    ],
)
def test_a_bad_question_is_refused(monkeypatch, capsys, sqlite_url: str, argv, message) -> None:
    run = run_cli(monkeypatch, capsys, "ask", *argv, url=sqlite_url)
    assert run.code == 1 and message in run.err
