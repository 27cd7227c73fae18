"""Issue 15: the fallback commands run as an operator runs them (a separate process):
``fallback resolve`` settles a conflict, ``status`` tells the truth about the server and the
conflicts and prints hall time, ``reconcile`` reports the whole run."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from tests.conftest import login
from tests.test_fallback_conflicts import a004_conflict, served_offline_and_online

UNREACHABLE = "postgresql+psycopg://app@127.0.0.1:9/hall"  # nothing listens on port 9


def hall_app(*args: str, url: str, staff: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HALL_DB_URL=url, HALL_TERMINAL="pytest")
    if staff:
        env.update(HALL_STAFF=staff, HALL_PASSWORD=f"demo{staff}")
    return subprocess.run(
        [sys.executable, "-m", "hall_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_resolve_from_the_command_line_and_status_follows_the_server(
    sqlite_hall: Hall, sqlite_url: str, clock: FakeClock
) -> None:
    key, _ = a004_conflict(sqlite_hall, clock)
    before = json.loads(hall_app("fallback", "status", "--json", url=sqlite_url).stdout)
    assert before["server"] == "online" and before["conflicts"] == 1
    listed = json.loads(
        hall_app("fallback", "conflicts", "--json", url=sqlite_url, staff="3001").stdout
    )
    assert [c["key"] for c in listed] == [key]

    refused = hall_app(
        "fallback", "resolve", key, "--outcome", "offline", "--reason", "核对无误", url=sqlite_url
    )  # no login: refused
    assert refused.returncode != 0 and "--staff" in refused.stderr
    done = hall_app(
        "fallback",
        "resolve",
        key,
        "--outcome",
        "offline",
        "--reason",
        "窗口3已办结，核对无误",
        "--json",
        url=sqlite_url,
        staff="3001",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["state"] == "finished"
    assert sqlite_hall.tickets.find("A004").state.value == "finished"

    after = hall_app("fallback", "status", url=sqlite_url)
    assert after.returncode == 0, after.stderr
    assert "冲突 0" in after.stdout and "联网（服务器已应答）" in after.stdout
    assert sqlite_hall.journal.counts().get("conflict") == 1  # the local mark alone said 1


def test_status_says_offline_when_the_server_does_not_answer_and_prints_hall_time(
    sqlite_hall: Hall, clock: FakeClock
) -> None:
    clerk = login(sqlite_hall, "1005", 5)
    sqlite_hall.fallback.prepare(clerk, sqlite_hall.journal)
    sqlite_hall.desk.enter(clerk, "服务器无响应")
    since = clock.now.astimezone(sqlite_hall.ctx.tz)
    result = hall_app("fallback", "status", url=UNREACHABLE)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "离线：服务器无法连接" in text and "联网" not in text
    assert f"自 {since:%Y-%m-%d %H:%M:%S} 起离线" in text  # hall time, not the stored UTC
    assert "+00:00" not in text
    data = json.loads(hall_app("fallback", "status", "--json", url=UNREACHABLE).stdout)
    assert data["server"] == "unreachable" and data["offline_since"] == f"{since:%Y-%m-%d %H:%M:%S}"


def test_reconcile_reports_the_whole_run_and_tops_the_blocks_up(
    sqlite_hall: Hall, sqlite_url: str
) -> None:
    clerk = login(sqlite_hall, "1005", 5)
    sqlite_hall.fallback.prepare(clerk, sqlite_hall.journal)
    sqlite_hall.desk.enter(clerk, "服务器无响应")
    for _ in range(3):
        sqlite_hall.desk.issue_ticket(clerk, category_code="A")
    result = hall_app("fallback", "reconcile", "--json", url=sqlite_url, staff="1005")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # pass 1: going offline and three tickets; pass 2: coming back online — five in all
    assert data["merged"] == 5 and data["left"] == 0 and data["error"] == ""
    assert data["in_hand"]["S"] >= 30  # topped up now the server is back


def test_resolve_by_a_ticket_number_with_several_conflicts_asks_for_the_key(
    sqlite_hall: Hall, sqlite_url: str, clock: FakeClock
) -> None:
    """A ticket called and finished offline while served online has two conflicts: its
    number alone does not say which to settle; the answer lists their keys (it said 没有这条
    待处理的冲突（可能已被他人处理）, as if someone had settled it)."""
    number = served_offline_and_online(sqlite_hall, clock)
    args = ("fallback", "resolve", number, "--outcome", "offline", "--reason", "已核实")
    result = hall_app(*args, url=sqlite_url, staff="3001")
    assert result.returncode != 0
    keys = {c.kind: c.key for c in sqlite_hall.fallback.conflicts()}
    assert "可能已被他人处理" not in result.stderr and number in result.stderr
    assert keys["ticket_call"] in result.stderr and keys["ticket_finish"] in result.stderr
    done = hall_app(
        "fallback",
        "resolve",
        keys["ticket_finish"],
        "--outcome",
        "offline",
        "--reason",
        "已核实",
        url=sqlite_url,
        staff="3001",
    )
    assert done.returncode == 0, done.stderr
    assert sqlite_hall.fallback.conflicts() == []
