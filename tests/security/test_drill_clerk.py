"""Security drill (issue 16, required 6): an attacker holding a clerk's account at a window PC
tries every command outside the clerk's rights, then edits an audit row by hand.

Each attempt is refused (exit 1, a Chinese message, no traceback), leaves one
``command_refused`` entry naming the clerk and the permission, and changes nothing else; the
refusals themselves join the audit chain, which ``audit verify`` still finds whole; a row the
attacker edits in the database is caught by ``audit verify``, which names it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, update

from hall_app.cli_auth import ACCESS
from hall_app.domain.roles import Permission, Role, allowed
from hall_app.store import models as m
from tests.cli_login import CLERK, SUPERVISOR, run_cli
from tests.test_cli_auth import SAMPLES, _audit, _last_audit_id, _snapshot, _staff_id

#: every command that logs in and needs a permission a clerk does not hold
OUTSIDE = sorted(
    path
    for path, rule in ACCESS.items()
    if isinstance(rule, Permission) and not allowed(Role.CLERK, rule)
)


def test_the_drill_covers_the_commands_a_clerk_may_not_run() -> None:
    assert ("catalog", "import") not in OUTSIDE  # bootstrap row: checked below by its own test
    for path in (
        ("calendar", "set"),
        ("appointments", "import"),
        ("audit", "export"),
        ("incident", "declare"),
        ("hall", "close"),
        ("tidal", "rule"),
    ):
        assert path in OUTSIDE, path
    assert set(OUTSIDE) <= set(SAMPLES)


def test_a_clerk_is_refused_every_command_outside_his_rights(
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    clerk_id = _staff_id(db_url, CLERK)
    before = _snapshot(db_url)
    paths = [*OUTSIDE, ("catalog", "import")]  # a swapped catalog, from a clerk's account
    for path in paths:
        last = _last_audit_id(db_url)
        result = run_cli(monkeypatch, capsys, *path, *SAMPLES[path], url=db_url, staff=CLERK)
        assert result.code == 1, (path, result.err)
        assert result.err.startswith("错误：") and "Traceback" not in result.err, path
        assert "无权" in result.err, (path, result.err)
        # the clerk's login succeeded (and is recorded); the command itself was refused
        entries = [e for e in _audit(db_url, last) if e.action != "login"]
        assert [e.action for e in entries] == ["command_refused"], (path, entries)
        detail = json.loads(entries[0].detail)
        assert entries[0].staff_id == clerk_id
        assert detail["command"] == " ".join(path) and detail["reason"] == "permission"
        expected = ACCESS[path] if path != ("catalog", "import") else Permission.IMPORT_CATALOG
        assert detail["permission"] == expected.value
    assert _snapshot(db_url) == before  # nothing lost, nothing added
    verified = run_cli(monkeypatch, capsys, "audit", "verify", url=db_url, staff=SUPERVISOR)
    assert verified.code == 0, verified.err  # the refusals are chained like any entry


def test_an_audit_row_edited_in_the_database_is_caught(
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    run_cli(
        monkeypatch, capsys, "calendar", "set", "2027-01-01", "holiday", url=db_url, staff=CLERK
    )  # refused, and so audited under the clerk's name
    [refusal] = [e for e in _audit(db_url) if e.action == "command_refused"]
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:  # the attacker rewrites his refusal as someone's login
            conn.execute(
                update(m.AuditEntry).where(m.AuditEntry.id == refusal.id).values(action="login")
            )
    finally:
        engine.dispose()
    result = run_cli(monkeypatch, capsys, "audit", "verify", "--json", url=db_url, staff=SUPERVISOR)
    assert result.code == 3
    broken = json.loads(result.out)["broken"]
    assert broken["entry_id"] == refusal.id
    assert "审计日志校验失败" in result.err
