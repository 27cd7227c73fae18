"""The audit chain's canonical encoding (hall-audit-v1) and hash, pinned: a change to the
encoding would make every stored chain fail, so it is a new version, never an edit."""

from __future__ import annotations

import datetime as dt

from hall_app.domain import audit_chain

ENTRY = audit_chain.Entry(
    id=42,
    day=dt.date(2026, 11, 25),
    seq=3,
    at=dt.datetime(2026, 11, 25, 9, 30, 5, 120, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    staff_id=None,
    terminal="窗口-3",
    action="call",
    entity="ticket",
    entity_id=7,
    detail='{"number": "A004"}',
    prev_hash="ab" * 32,
)


def test_the_canonical_bytes_are_length_prefixed_lines_in_a_fixed_order() -> None:
    assert audit_chain.canonical(ENTRY) == (
        b"hall-audit-v1\n"
        b"id=2:42\n"
        b"day=10:2026-11-25\n"
        b"seq=1:3\n"
        b"at=27:2026-11-25T01:30:05.000120Z\n"
        b"staff_id=-\n" + "terminal=8:窗口-3\n".encode() + b"action=4:call\n"
        b"entity=6:ticket\n"
        b"entity_id=1:7\n"
        b'detail=18:{"number": "A004"}\n'
        b"prev_hash=64:" + b"ab" * 32 + b"\n"
    )
    assert audit_chain.entry_hash(ENTRY) == (
        "6a901a811722448e817533f03a4324db94b9602fb67107ddfe87429201deeded"
    )


def test_no_two_entries_encode_alike_across_field_boundaries() -> None:
    a = audit_chain.Entry(**{**ENTRY.__dict__, "entity": "ticket", "detail": "x"})
    b = audit_chain.Entry(**{**ENTRY.__dict__, "entity": "ticketx", "detail": ""})
    c = audit_chain.Entry(**{**ENTRY.__dict__, "detail": "", "staff_id": None})
    d = audit_chain.Entry(**{**ENTRY.__dict__, "detail": "-", "staff_id": None})
    hashes = {audit_chain.entry_hash(e) for e in (a, b, c, d)}
    assert len(hashes) == 4


def test_a_lagging_clock_never_reopens_a_closed_day() -> None:
    assert audit_chain.chain_day(dt.date(2026, 11, 24), dt.date(2026, 11, 25)) == dt.date(
        2026, 11, 25
    )
    assert audit_chain.chain_day(dt.date(2026, 11, 26), dt.date(2026, 11, 25)) == dt.date(
        2026, 11, 26
    )
    assert audit_chain.chain_day(dt.date(2026, 11, 26), None) == dt.date(2026, 11, 26)


def test_a_naive_time_is_never_hashed() -> None:
    import dataclasses

    import pytest

    naive = dataclasses.replace(ENTRY, at=dt.datetime(2026, 11, 25, 9, 30))
    with pytest.raises(ValueError, match="naive time in an audit entry"):
        audit_chain.canonical(naive)
