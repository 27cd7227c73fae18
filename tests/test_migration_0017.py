"""Migration 0017: the kit table (paper kits valid on any day, issue 15). An incident recorded
before the upgrade keeps its date-bound number blocks; kits are recorded with a unique number
and tied to an incident."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hall_app.store.models import Incident, Kit, NumberBlock
from tests._migration import upgrade_holding

_ROWS = (
    "INSERT INTO staff (id, staff_no, name, role, password_hash, phone, active, failed_logins) "
    "VALUES (1, '3001', '张三', 'supervisor', 'x', '', true, 0)",
    "INSERT INTO incident (id, number, cause, scope, started_at, declared_at, declared_by, "
    "public_notice, substitutes, review, summary) VALUES (1, 'YJ-20261125-01', '断电', '全厅', "
    "'2026-11-25 09:40:00+08:00', '2026-11-25 09:47:00+08:00', 1, '', '', '', '')",
    "INSERT INTO number_block (id, kind, service_date, first, last, owner, incident_id, "
    "reserved_at, reserved_by) VALUES (1, 'S', '2026-11-25', 101, 160, 'kit', 1, "
    "'2026-11-25 09:48:00+08:00', 1)",
)


def test_old_kit_blocks_survive_and_kits_take_unique_numbers(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0017", _ROWS)
    shanghai = dt.timezone(dt.timedelta(hours=8))
    printed = dt.datetime(2026, 12, 30, 16, 0, tzinfo=shanghai)
    try:
        with db.read() as s:
            block = s.get_one(NumberBlock, 1)
            assert (block.kind, block.first, block.last, block.incident_id) == ("S", 101, 160, 1)
            assert s.get_one(Incident, 1).number == "YJ-20261125-01"
        with db.write() as s:
            s.add(
                Kit(
                    number=7,
                    owner="kit",
                    ranges='{"S": [1, 60]}',
                    reserved_at=printed,
                    reserved_by=1,
                    printed_at=printed,
                    printed_by="张三（3001）",
                    incident_id=1,
                )
            )
        with db.read() as s:
            kit = s.scalars(select(Kit)).one()
            assert (kit.number, kit.ranges, kit.printed_at, kit.printed_by, kit.incident_id) == (
                7,
                '{"S": [1, 60]}',
                printed,
                "张三（3001）",
                1,
            )
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(
                Kit.__table__.insert().values(
                    number=7, owner="pc-1", ranges="{}", reserved_at=printed, printed_by=""
                )
            )
    finally:
        db.dispose()
