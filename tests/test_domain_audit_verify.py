"""The audit chain's walk (``audit_chain.verify``), pure: each kind of tampering is found at
the right entry with the right reason, and an intact chain of several days passes."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hall_app.domain.audit_chain import GENESIS, Break, DayAnchor, Entry, entry_hash, verify

D1, D2, D3 = dt.date(2026, 11, 23), dt.date(2026, 11, 24), dt.date(2026, 11, 25)
UTC8 = dt.timezone(dt.timedelta(hours=8))


def chain(days: dict[dt.date, int], start: str = GENESIS) -> tuple[list[Entry], list[DayAnchor]]:
    """Sealed entries for ``days`` (day → number of entries) and their anchors."""
    entries, anchors = [], []
    prev, next_id = start, 1
    for day, count in days.items():
        for seq in range(1, count + 1):
            row = Entry(
                next_id,
                day,
                seq,
                dt.datetime.combine(day, dt.time(9, seq), UTC8),
                7,
                "窗口-1",
                "call",
                "ticket",
                next_id,
                f'{{"n": {next_id}}}',
                prev,
            )
            row = dataclasses.replace(row, hash=entry_hash(row))
            entries.append(row)
            prev, next_id = row.hash, next_id + 1
        anchors.append(DayAnchor(day, count, entries[-1].id, entries[-1].hash or ""))
    return entries, anchors


def reseal(rows: list[Entry], index: int, **changes: object) -> list[Entry]:
    out = list(rows)
    row = dataclasses.replace(out[index], **changes)  # type: ignore[arg-type]
    out[index] = dataclasses.replace(row, hash=entry_hash(row))
    return out


def test_an_intact_chain_of_three_days_passes() -> None:
    entries, anchors = chain({D1: 3, D2: 2, D3: 4})
    assert verify(entries, anchors) == (9, None)
    assert verify([], []) == (0, None)


def test_a_partial_check_starts_from_the_day_before_s_anchor() -> None:
    entries, anchors = chain({D1: 2, D2: 3})
    tail = [e for e in entries if e.day == D2]
    assert verify(tail, anchors[1:], start_hash=anchors[0].last_hash) == (3, None)
    checked, found = verify(tail, anchors[1:])  # from GENESIS: the day's start does not link
    assert checked == 0 and found is not None
    assert (found.reason, found.entry_id, found.day) == ("day_start", tail[0].id, D2)
    assert (found.expected, found.found) == (GENESIS, anchors[0].last_hash)


def test_an_edited_entry_breaks_its_own_hash() -> None:
    entries, anchors = chain({D1: 3, D2: 3})
    edited = list(entries)
    edited[4] = dataclasses.replace(entries[4], detail='{"n": 99}')
    checked, found = verify(edited, anchors)
    assert checked == 4
    assert found == Break(
        D2, entries[4].id, entries[4].at, "hash", entry_hash(edited[4]), entries[4].hash or ""
    )


def test_an_entry_resealed_after_an_edit_breaks_the_next_link() -> None:
    entries, anchors = chain({D1: 4})
    edited = reseal(entries, 1, detail="{}")
    checked, found = verify(edited, anchors)
    assert checked == 2 and found is not None
    assert (found.reason, found.entry_id) == ("prev_hash", entries[2].id)
    assert (found.expected, found.found) == (edited[1].hash, entries[1].hash)


def test_a_deleted_entry_in_the_middle_is_a_gap_in_the_sequence() -> None:
    entries, anchors = chain({D1: 4})
    checked, found = verify(entries[:1] + entries[2:], anchors)
    assert checked == 1 and found is not None
    assert (found.reason, found.entry_id, found.expected, found.found) == (
        "seq",
        entries[2].id,
        "2",
        "3",
    )


def test_an_unsealed_entry_is_unchained() -> None:
    entries, anchors = chain({D1: 3})
    for change in ({"hash": None}, {"seq": None}):
        rows = list(entries)
        rows[1] = dataclasses.replace(entries[1], **change)  # type: ignore[arg-type]
        checked, found = verify(rows, anchors)
        assert checked == 1 and found is not None
        assert (found.reason, found.entry_id, found.day) == ("unchained", entries[1].id, D1)
        assert found.at == entries[1].at
    written_around = [*entries, dataclasses.replace(entries[0], id=50, day=None)]
    checked, found = verify(written_around, anchors)
    assert checked == 3 and found is not None
    assert (found.reason, found.entry_id, found.day, found.at) == (
        "unchained",
        50,
        None,
        entries[0].at,
    )


def test_the_anchor_must_be_there_and_match_count_and_last_hash() -> None:
    entries, anchors = chain({D1: 2, D2: 3})
    checked, found = verify(entries, anchors[:1])
    assert checked == 5 and found is not None
    assert (found.reason, found.entry_id, found.day) == ("anchor_missing", entries[-1].id, D2)
    # the last entry of the day deleted: the anchor counts one more
    checked, found = verify(entries[:-1], anchors)
    assert checked == 4 and found is not None
    assert (found.reason, found.entry_id, found.expected, found.found) == (
        "anchor_count",
        entries[3].id,
        "3",
        "2",
    )
    wrong_hash = [anchors[0], dataclasses.replace(anchors[1], last_hash="f" * 64)]
    checked, found = verify(entries, wrong_hash)
    assert checked == 5 and found is not None
    assert (found.reason, found.expected, found.found) == (
        "anchor_hash",
        "f" * 64,
        entries[-1].hash,
    )
    wrong_id = [anchors[0], dataclasses.replace(anchors[1], last_id=1)]
    assert verify(entries, wrong_id)[1] is not None
    assert verify(entries, wrong_id)[1].reason == "anchor_hash"  # type: ignore[union-attr]


def test_a_whole_deleted_day_is_found_between_days_and_at_the_end() -> None:
    entries, anchors = chain({D1: 2, D2: 2, D3: 2})
    without_d2 = [e for e in entries if e.day != D2]
    checked, found = verify(without_d2, anchors)
    assert checked == 2 and found is not None
    assert (found.reason, found.day, found.entry_id, found.expected, found.found) == (
        "day_deleted",
        D2,
        anchors[1].last_id,
        "2",
        "0",
    )
    checked, found = verify([e for e in entries if e.day != D3], anchors)
    assert checked == 4 and found is not None and (found.reason, found.day) == ("day_deleted", D3)
    checked, found = verify([e for e in entries if e.day != D1], anchors)
    assert checked == 0 and found is not None and (found.reason, found.day) == ("day_deleted", D1)
    # an anchor of a day without entries (counted 0) is no deleted day
    empty = [*anchors, DayAnchor(dt.date(2026, 11, 26), 0, None, "")]
    assert verify(entries, empty) == (6, None)
