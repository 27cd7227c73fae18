"""Migration 0016: terminal sessions gain the PC's clock offset from the server's (issue 14,
one clock); the sessions already there keep every field and an unmeasured (NULL) offset."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from hall_app.store.models import TerminalSession
from tests._migration import upgrade_holding

_ROWS = (
    "INSERT INTO staff (id, staff_no, name, role, password_hash, phone, active, failed_logins) "
    "VALUES (1, '1001', '王敏', 'clerk', 'x', '', true, 0)",
    "INSERT INTO terminal_session (id, terminal, staff_id, window_number, started_at, "
    "last_seen_at, ended_at, end_reason) VALUES (1, 'pc-1', 1, 1, '2026-11-30 09:00:00+08:00', "
    "'2026-11-30 09:05:00+08:00', NULL, '')",
    "INSERT INTO terminal_session (id, terminal, staff_id, window_number, started_at, "
    "last_seen_at, ended_at, end_reason) VALUES (2, 'pc-2', 1, NULL, "
    "'2026-11-30 08:00:00+08:00', '2026-11-30 08:30:00+08:00', '2026-11-30 08:31:00+08:00', "
    "'logout')",
)


def test_sessions_survive_with_an_unmeasured_offset_and_take_one(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0016", _ROWS)
    try:
        with db.read() as s:
            rows = s.scalars(select(TerminalSession).order_by(TerminalSession.id)).all()
            found = [
                (r.terminal, r.window_number, r.last_seen_at, r.end_reason, r.clock_offset_ms)
                for r in rows
            ]
        shanghai = dt.timezone(dt.timedelta(hours=8))
        assert found == [
            ("pc-1", 1, dt.datetime(2026, 11, 30, 9, 5, tzinfo=shanghai), "", None),
            ("pc-2", None, dt.datetime(2026, 11, 30, 8, 30, tzinfo=shanghai), "logout", None),
        ]
        with db.write() as s:
            s.get_one(TerminalSession, 1).clock_offset_ms = -12_345
        with db.read() as s:
            assert s.get_one(TerminalSession, 1).clock_offset_ms == -12_345
    finally:
        db.dispose()
