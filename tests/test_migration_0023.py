"""Migration 0023: the calls and recalls already in the audit log become typed call events
(``call_event``) in id order, also where the old detail cannot be read; the audit log is left
as it was, and the board's next call continues after them (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from hall_app.store.call_events import latest_calls, record_call
from hall_app.store.models import AuditEntry, CallEventRow, Ticket
from tests._migration import upgrade_holding, upgrade_to

_DAY = "2026-12-01"


def _ticket(tid: int, number: str, lane: int, priority: int, calls: int) -> str:
    return (
        "INSERT INTO ticket (id, service_date, number, prefix, sequence, category_id, "
        "service_category_id, priority, green_note, state, issued_at, queued_at, called_at, "
        "window_id, call_count, requeue_count, transfer_count, terminal, citizen_name, "
        f"transfer_reason) VALUES ({tid}, '{_DAY}', '{number}', '{number[0]}', {tid}, {lane}, "
        f"{lane}, {priority}, '', 'called', '{_DAY} 09:00:00+08:00', '{_DAY} 09:00:00+08:00', "
        f"'{_DAY} 09:10:00+08:00', 1, {calls}, 0, 0, 'pc-1', '', '')"
    )


def _entry(minute: int, action: str, ticket: int, detail: str) -> str:
    return (
        "INSERT INTO audit_log (at, staff_id, terminal, action, entity, entity_id, detail) "
        f"VALUES ('{_DAY} 09:{minute:02d}:00+08:00', NULL, 'pc-1', '{action}', 'ticket', "
        f"{ticket}, '{detail}')"
    )


_ROWS = (
    "INSERT INTO zone (id, code, name) VALUES (1, 'Z1', '综合受理区')",
    'INSERT INTO "window" (id, number, name, zone_id, status, active) '
    "VALUES (1, 5, '5号窗口', 1, 'open', true)",
    "INSERT INTO category (id, code, name, prefix, green_channel, avg_service_minutes, "
    "description, active, search_key) VALUES (1, 'A', '综合', 'A', false, 10, '', true, '')",
    "INSERT INTO category (id, code, name, prefix, green_channel, avg_service_minutes, "
    "description, active, search_key) VALUES (2, 'L', '绿色通道', 'L', true, 10, '', true, '')",
    _ticket(10, "A001", 1, 2, 2),
    _ticket(11, "L001", 2, 0, 1),
    _ticket(12, "A002", 1, 2, 2),
    _entry(10, "call", 10, '{"number": "A001", "window": 5}'),
    _entry(11, "recall", 10, '{"number": "A001", "window": 5, "calls": 2}'),
    _entry(12, "call", 11, '{"number": "L001", "window": 5}'),
    _entry(13, "issue", 12, '{"number": "A002"}'),
    _entry(14, "call", 12, "not json"),  # unreadable: the ticket gives number and window
    _entry(15, "recall", 12, "{}"),  # no count: the second call of the ticket
)


def test_old_calls_become_typed_events_and_new_ones_follow(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0023", _ROWS)
    day = dt.date(2026, 12, 1)
    try:
        with db.read() as s:
            events = latest_calls(s, day, 10)[::-1]  # oldest first
            audited = s.scalar(select(func.count()).select_from(AuditEntry))
        assert [(e.number, e.window, e.lane, e.call_count, e.green) for e in events] == [
            ("A001", 5, "A", 1, False),
            ("A001", 5, "A", 2, False),
            ("L001", 5, "L", 1, True),
            ("A002", 5, "A", 1, False),
            ("A002", 5, "A", 2, False),
        ]
        assert [e.recall for e in events] == [False, True, False, False, True]
        shanghai = dt.timezone(dt.timedelta(hours=8))
        assert events[0].at == dt.datetime(2026, 12, 1, 9, 10, tzinfo=shanghai)
        assert audited == 6  # the audit log is not touched
        upgrade_to(db, "head")  # the models below are today's
        with db.write() as s:
            ticket = s.get_one(Ticket, 10)
            ticket.call_count = 3
            record_call(s, ticket, 5, dt.datetime(2026, 12, 1, 9, 20, tzinfo=shanghai))
        with db.read() as s:
            newest = latest_calls(s, day, 1)[0]
            assert s.scalar(select(func.count()).select_from(CallEventRow)) == 6
        assert (newest.number, newest.call_count) == ("A001", 3)
        assert newest.event_id > events[-1].event_id
    finally:
        db.dispose()
