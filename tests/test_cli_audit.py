"""``hall-app audit verify | list | export``, run as an operator would (a separate process,
logged in through HALL_STAFF / HALL_PASSWORD), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import text

from hall_app.services.context import audit
from hall_app.services.hall import Hall
from hall_app.store.models import AuditHead
from tests.conftest import login
from tests.test_cli import hall_app

ID = "110105199001011234"


def test_verify_list_export_and_a_tampered_row(hall: Hall, db_url: str, tmp_path: Path) -> None:
    boss = login(hall, "3001")
    with hall.db.write() as s:
        audit(s, hall.ctx, boss, "call", "ticket", 7, note=f"申请人 {ID}")
    ok = hall_app("audit", "verify", url=db_url, staff="3001")
    assert ok.returncode == 0, ok.stderr
    assert "审计日志校验通过" in ok.stdout
    kept = json.loads(hall_app("audit", "verify", "--json", url=db_url, staff="3001").stdout)
    assert kept["ok"] is True and kept["anchors"]
    with hall.db.read() as s:
        head = s.get_one(AuditHead, 1)
    assert kept["anchors"][-1]["day"] == head.day.isoformat()
    assert kept["anchors"][-1]["entries"] <= head.seq  # the login of that run came after

    listed = hall_app("audit", "list", "--action", "call", "--json", url=db_url, staff="9001")
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert row["staff_no"] == "3001" and ID not in listed.stdout
    assert row["action"] == "call"  # JSON keeps the code; the text shows the label too
    shown = hall_app("audit", "list", "--action", "call", url=db_url, staff="9001")
    assert shown.returncode == 0 and "  叫号（call）  ticket 7" in shown.stdout
    assert "110105********1234" in row["detail"]

    out = tmp_path / "audit.csv"
    exported = hall_app(
        "audit", "export", "--out", str(out), "--by-staff", "3001", url=db_url, staff="3001"
    )
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "编号" and {r[2] for r in rows[1:]} == {"3001"}
    assert ID not in out.read_text(encoding="utf-8-sig")

    with hall.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET detail = '{}' WHERE action = 'call'"))
    row_id = row["id"]
    broken = hall_app("audit", "verify", url=db_url, staff="3001")
    assert broken.returncode == 3
    assert f"记录 #{row_id}" in broken.stderr and "记录被改过" in broken.stderr
    as_json = hall_app("audit", "verify", "--json", url=db_url, staff="3001")
    found = json.loads(as_json.stdout)
    assert (found["ok"], found["broken"]["entry_id"], found["broken"]["reason"]) == (
        False,
        row_id,
        "hash",
    )


def test_logins_and_permissions_are_required(sqlite_url: str, tmp_path: Path) -> None:
    anonymous = hall_app("audit", "verify", url=sqlite_url)
    assert anonymous.returncode == 1 and "HALL_STAFF" in anonymous.stderr
    wrong = hall_app("audit", "list", url=sqlite_url, staff="3001", password="nope")
    assert wrong.returncode == 1 and "错误" in wrong.stderr
    out = tmp_path / "x.csv"
    clerk = hall_app("audit", "export", "--out", str(out), url=sqlite_url, staff="1001")
    assert clerk.returncode == 1 and "无权执行「导出审计日志」" in clerk.stderr
    assert not out.exists()


def test_invalid_arguments_exit_2_before_anything_is_done(sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    cases = [
        ("verify", "--day", "2026-13-01"),
        ("list", "--at-window", "0"),
        ("list", "--since", "昨天"),
        ("list", "--limit", "-5"),
        ("list", "--since", "2026-11-26", "--until", "2026-11-25"),
        ("export", "--out", str(folder / "missing" / "a.csv")),
        ("export", "--out", str(folder / "a.xlsx")),
        ("export", "--out", str(folder)),
    ]
    for args in cases:
        result = hall_app("audit", *args, url=sqlite_url, staff="3001")
        assert result.returncode == 2, (args, result.stderr)
        assert "命令行参数错误" in result.stderr and "Traceback" not in result.stderr
    assert not list(folder.iterdir())
