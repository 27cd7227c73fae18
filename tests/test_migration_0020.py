"""Migration 0020: audit entries already written are chained in id order into their
hall-local day, each closed day anchored; the chain verifies, and the next entry continues
it (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from hall_app.domain import audit_chain
from hall_app.domain.roles import Role
from hall_app.services.audit_trail import AuditTrail
from hall_app.services.context import Actor, FakeClock, ServiceContext, audit
from hall_app.store.models import AuditAnchor, AuditEntry, AuditHead
from tests._migration import upgrade_holding

_STAFF = (
    "INSERT INTO staff (id, staff_no, name, role, password_hash, phone, active, failed_logins) "
    "VALUES (1, '3001', '张三', 'supervisor', 'x', '', true, 0)"
)


def _entry(i: int, at_utc: str, action: str, detail: str = "") -> str:
    return (
        # no id given: the ids come 1, 2, … from the table's own sequence, as in a hall
        "INSERT INTO audit_log (at, staff_id, terminal, action, entity, entity_id, detail) "
        f"VALUES ('{at_utc}', 1, 'pc-{i}', '{action}', 'ticket', {i * 10}, '{detail}')"
    )


# times in UTC: 2026-11-24 23:30 UTC is 11-25 07:30 in the hall; the fourth entry's clock
# lagged (11-24 in the hall) after the 11-25 chain began, so it joins 11-25
_ROWS = (
    _STAFF,
    _entry(1, "2026-11-24 01:00:00", "login"),
    _entry(2, "2026-11-24 02:00:00", "issue", '{"number": "A001"}'),
    _entry(3, "2026-11-24 23:30:00", "call"),
    _entry(4, "2026-11-24 15:00:00", "finish"),
    _entry(5, "2026-11-26 01:00:00", "logout"),
)


def test_old_entries_are_chained_per_day_and_new_ones_continue(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0020", _ROWS)
    try:
        with db.read() as s:
            placed = s.execute(
                select(AuditEntry.id, AuditEntry.day, AuditEntry.seq).order_by(AuditEntry.id)
            ).all()
            anchors = s.execute(
                select(AuditAnchor.day, AuditAnchor.entries, AuditAnchor.last_id).order_by(
                    AuditAnchor.day
                )
            ).all()
            head = s.get_one(AuditHead, 1)
            first = s.get_one(AuditEntry, 1)
        d24, d25, d26 = (dt.date(2026, 11, d) for d in (24, 25, 26))
        assert [tuple(r) for r in placed] == [
            (1, d24, 1),
            (2, d24, 2),
            (3, d25, 1),
            (4, d25, 2),
            (5, d26, 1),
        ]
        assert [tuple(r) for r in anchors] == [(d24, 2, 2), (d25, 2, 4)]
        assert (head.day, head.seq, head.last_id) == (d26, 1, 5)
        assert first.prev_hash == audit_chain.GENESIS
        supervisor = Actor(1, "3001", "张三", Role.SUPERVISOR, "pc-9")
        clock = FakeClock(dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC))
        ctx = ServiceContext(db=db, terminal="pc-9", clock=clock)
        trail = AuditTrail(ctx)
        verdict = trail.verify(supervisor)
        assert (verdict.ok, verdict.checked, verdict.days) == (True, 5, 3)
        with db.write() as s:
            audit(s, ctx, supervisor, "login", "staff", 1)
        with db.read() as s:
            new = s.scalars(select(AuditEntry).where(AuditEntry.id > 5)).one()
            assert (new.day, new.seq, new.prev_hash) == (d26, 2, head.last_hash)
        assert trail.verify(supervisor).checked == 6
        # a changed old entry is caught, naming it
        with db.write() as s:
            s.execute(text('UPDATE audit_log SET detail = \'{"number": "A002"}\' WHERE id = 2'))
        broken = trail.verify(supervisor).broken
        assert broken is not None and (broken.entry_id, broken.reason) == (2, "hash")
    finally:
        db.dispose()
