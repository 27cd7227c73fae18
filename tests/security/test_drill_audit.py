"""Drill: the audit trail under attack. A clerk at a window PC tries to read, export and
verify the trail (each refused and audited, nothing written); then someone with the
database's password covers their tracks — deletes the refusals, edits another entry — and
the supervisor's ``hall-app audit verify`` catches it, exit 3, naming the first broken link.
On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select, text

from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.test_cli import hall_app


def _refusals(hall: Hall) -> int:
    with hall.db.read() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(m.AuditEntry)
                .where(m.AuditEntry.action == "command_refused")
            )
            or 0
        )


def test_a_clerk_cannot_read_the_trail_and_covering_tracks_is_caught(
    hall: Hall, db_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "stolen.csv"
    for args in (("list",), ("export", "--out", str(out)), ("verify",)):
        tried = hall_app("audit", *args, url=db_url, staff="1001")
        assert tried.returncode == 1, (args, tried.stderr)
        assert "Traceback" not in tried.stderr and "审计日志" in tried.stderr
    assert not out.exists()
    assert _refusals(hall) == 3

    # the clerk, with the database's password, deletes the refusals and edits an entry
    with hall.db.engine.begin() as conn:
        first_refusal = conn.execute(
            text("SELECT min(id) FROM audit_log WHERE action = 'command_refused'")
        ).scalar_one()
        conn.execute(text("DELETE FROM audit_log WHERE action = 'command_refused'"))
    verdict = hall_app("audit", "verify", "--json", url=db_url, staff="3001")
    assert verdict.returncode == 3, verdict.stderr
    broken = json.loads(verdict.stdout)["broken"]
    # the entry after the deleted ones (the supervisor's own login) no longer follows on
    assert broken["reason"] == "seq" and broken["entry_id"] > first_refusal
    assert f"记录 #{broken['entry_id']}" in verdict.stderr
