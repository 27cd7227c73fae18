"""Migration 0019: fallback records gain the journal payload (for settling a conflict with
its offline outcome) and terminals' offline reserves get a table; records already there keep
every field and no payload (their offline outcome cannot be applied, only the online one)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from hall_app.store.models import FallbackRecord, OfflineReserve
from tests._migration import upgrade_holding

_ROWS = (
    "INSERT INTO fallback_record (id, key, source, terminal, kind, reference, original_at, "
    "staff_no, entered_at, paper_ref, outcome, detail, entity) VALUES (1, 'k1', 'journal', "
    "'pc-3', 'ticket_finish', 'A004', '2026-11-30 09:42:00+08:00', '1003', "
    "'2026-11-30 10:05:00+08:00', '', 'conflict', '号票 A004 在服务器上已是「等候中」', '')",
)


def test_records_survive_without_a_payload_and_reserves_can_be_reported(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0019", _ROWS)
    shanghai = dt.timezone(dt.timedelta(hours=8))
    try:
        with db.read() as s:
            row = s.get_one(FallbackRecord, 1)
            found = (row.key, row.kind, row.reference, row.outcome, row.original_at, row.payload)
        assert found == (
            "k1",
            "ticket_finish",
            "A004",
            "conflict",
            dt.datetime(2026, 11, 30, 9, 42, tzinfo=shanghai),
            None,
        )
        with db.write() as s:
            s.get_one(FallbackRecord, 1).payload = '{"number": "A004", "window": 3}'
            s.add(
                OfflineReserve(
                    terminal="pc-3",
                    kind="S",
                    service_date=dt.date(2026, 11, 30),
                    remaining=57,
                    block_size=60,
                    reported_at=dt.datetime(2026, 11, 30, 10, 6, tzinfo=shanghai),
                )
            )
        with db.read() as s:
            assert s.get_one(FallbackRecord, 1).payload == '{"number": "A004", "window": 3}'
            reserve = s.scalars(select(OfflineReserve)).one()
            assert (reserve.terminal, reserve.kind, reserve.remaining) == ("pc-3", "S", 57)
    finally:
        db.dispose()
