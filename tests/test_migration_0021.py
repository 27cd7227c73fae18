"""Migration 0021: the hall keeps each terminal's offline-journal key (``hall_secret``); the
fallback records already there keep every field, and a key can be registered afterwards, once
per terminal and fingerprint."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hall_app.domain.errors import DatabaseError
from hall_app.store.models import FallbackRecord, HallSecret
from tests._migration import upgrade_holding

_ROWS = (
    "INSERT INTO fallback_record (id, key, source, terminal, kind, reference, original_at, "
    "staff_no, entered_at, paper_ref, outcome, detail, entity) VALUES (1, 'k1', 'journal', "
    "'pc-3', 'ticket_issue', 'S004', '2026-11-30 09:42:00+08:00', '1003', "
    "'2026-11-30 10:05:00+08:00', '', 'merged', '', 'ticket')",
)


def test_records_survive_and_a_terminal_key_is_registered_once(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0021", _ROWS)
    shanghai = dt.timezone(dt.timedelta(hours=8))
    at = dt.datetime(2026, 12, 2, 8, 30, tzinfo=shanghai)
    try:
        with db.read() as s:
            row = s.get_one(FallbackRecord, 1)
            assert (row.key, row.terminal, row.reference, row.outcome) == (
                "k1",
                "pc-3",
                "S004",
                "merged",
            )
            assert s.scalars(select(HallSecret)).all() == []
        with db.write() as s:
            s.add(
                HallSecret(
                    purpose="journal_key",
                    owner="pc-3",
                    fingerprint="0123456789abcdef",
                    secret="ab" * 32,
                    created_at=at,
                )
            )
        with db.read() as s:
            key = s.scalars(select(HallSecret)).one()
            assert (key.owner, key.fingerprint, key.secret, key.created_at) == (
                "pc-3",
                "0123456789abcdef",
                "ab" * 32,
                at,
            )
        with pytest.raises((DatabaseError, IntegrityError)), db.write() as s:
            s.add(
                HallSecret(
                    purpose="journal_key",
                    owner="pc-3",
                    fingerprint="0123456789abcdef",
                    secret="cd" * 32,
                    created_at=at,
                )
            )
    finally:
        db.dispose()
