"""The audit trail's hash chain, pure: the canonical bytes of one entry, its SHA-256, and
the walk that finds the first broken link.

Canonical encoding, version 1 (``hall-audit-v1``): the ASCII line ``hall-audit-v1`` then,
for each stored column in the fixed order of ``FIELDS``, the line ``name=N:value`` where
``value`` is the column's text in UTF-8 and ``N`` its length in bytes, or ``name=-`` for
NULL; every line ends with ``\\n``. Texts are the column's value as stored: integers in
decimal, the day as ``YYYY-MM-DD``, the time in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``
(microseconds, what both SQLite and PostgreSQL keep). The hash is the lower-case hex
SHA-256 of those bytes; ``prev_hash`` is one of the hashed columns, so each entry seals the
one before it.

A chain is one hall-local day (``day``, ``seq`` 1, 2, …). The first entry of a day links
to the last hash of the day before that has entries (its *anchor*), the very first to
``GENESIS``; so a whole deleted day breaks the first link of the next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hall_app.domain.i18n import QT_TRANSLATE_NOOP

VERSION = b"hall-audit-v1\n"
GENESIS = "0" * 64
FIELDS = (
    "id",
    "day",
    "seq",
    "at",
    "staff_id",
    "terminal",
    "action",
    "entity",
    "entity_id",
    "detail",
    "prev_hash",
)


@dataclass(frozen=True)
class Entry:
    """One audit row as stored, with its stored hash (``None`` before it is sealed)."""

    id: int
    day: dt.date | None
    seq: int | None
    at: dt.datetime
    staff_id: int | None
    terminal: str
    action: str
    entity: str
    entity_id: int | None
    detail: str
    prev_hash: str | None
    hash: str | None = None


def _text(value: object) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("naive time in an audit entry")
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):  # never stored, but never confused with 0/1
        raise TypeError("boolean in an audit entry")
    return str(value)


def canonical(entry: Entry) -> bytes:
    """The bytes the hash is taken over (see the module's docstring)."""
    out = [VERSION]
    for name in FIELDS:
        value = getattr(entry, name)
        if value is None:
            out.append(f"{name}=-\n".encode())
            continue
        data = _text(value).encode("utf-8")
        out.append(f"{name}={len(data)}:".encode() + data + b"\n")
    return b"".join(out)


def entry_hash(entry: Entry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def chain_day(local_today: dt.date, head_day: dt.date | None) -> dt.date:
    """The day an entry is chained into: today in the hall, or the newest chain's day if a
    terminal's clock lags behind it (a closed day is never written to again)."""
    if head_day is not None and head_day > local_today:
        return head_day
    return local_today


@dataclass(frozen=True)
class DayAnchor:
    """What is stored about one day's chain apart from its entries: the count and last hash
    (for a closed day, its anchor; for the open day, the head)."""

    day: dt.date
    entries: int
    last_id: int | None
    last_hash: str


@dataclass(frozen=True)
class Break:
    """The first broken link: the entry (or day) where the stored chain stops matching."""

    day: dt.date | None
    entry_id: int | None
    at: dt.datetime | None
    reason: str  # a code: see REASONS
    expected: str = ""
    found: str = ""


# reason code → what it means (a label: the CLI prints it, the UI translates it)
REASONS = {
    "hash": QT_TRANSLATE_NOOP("labels", "记录的哈希值与其内容不符（记录被改过）"),
    "prev_hash": QT_TRANSLATE_NOOP("labels", "记录没有接上前一条记录（有记录被删除、插入或挪动）"),
    "seq": QT_TRANSLATE_NOOP("labels", "当天记录的序号不连续（有记录被删除、插入或挪动）"),
    "day_start": QT_TRANSLATE_NOOP("labels", "当天第一条记录没有接上前一天的锚点"),
    "unchained": QT_TRANSLATE_NOOP("labels", "记录缺少日期、序号或哈希值（绕过系统写入）"),
    "anchor_missing": QT_TRANSLATE_NOOP("labels", "当天有记录但没有保存的锚点"),
    "anchor_count": QT_TRANSLATE_NOOP(
        "labels", "当天锚点记载的条数与实有条数不同（末尾记录被删除或追加）"
    ),
    "anchor_hash": QT_TRANSLATE_NOOP("labels", "当天锚点记载的最后哈希值与实有记录不同"),
    "day_deleted": QT_TRANSLATE_NOOP("labels", "锚点记载的某一天的记录全部不见了（整天被删除）"),
}


def verify(
    entries: Iterable[Entry],
    anchors: Iterable[DayAnchor],
    start_hash: str = GENESIS,
) -> tuple[int, Break | None]:
    """Walk ``entries`` (ordered by day, then seq) against the stored ``anchors`` (one per
    day, the open day's head included); the number of entries checked and the first break.

    ``start_hash`` is the hash the first day links to (``GENESIS``, or the anchor of the day
    before a partial check)."""
    by_day = {a.day: a for a in anchors}
    checked = 0
    prev = start_hash
    last_day: dt.date | None = None
    for day, rows in _days(entries):
        if day is None:
            row = rows[0]
            return checked, Break(None, row.id, row.at, "unchained")
        gone = _deleted_day(by_day, last_day, day)
        if gone is not None:
            return checked, gone
        last_day = day
        expected_seq = 1
        last = rows[0]
        for row in rows:
            if row.seq is None or row.hash is None:
                return checked, Break(day, row.id, row.at, "unchained")
            if row.seq != expected_seq:
                return checked, Break(day, row.id, row.at, "seq", str(expected_seq), str(row.seq))
            if row.prev_hash != prev:
                reason = "day_start" if expected_seq == 1 else "prev_hash"
                return checked, Break(day, row.id, row.at, reason, prev, row.prev_hash or "")
            actual = entry_hash(row)
            if actual != row.hash:
                return checked, Break(day, row.id, row.at, "hash", actual, row.hash)
            prev = row.hash
            expected_seq += 1
            checked += 1
            last = row
        anchor = by_day.get(day)
        if anchor is None:
            return checked, Break(day, last.id, last.at, "anchor_missing")
        if anchor.entries != last.seq:
            return checked, Break(
                day, last.id, last.at, "anchor_count", str(anchor.entries), str(last.seq)
            )
        if anchor.last_hash != last.hash or anchor.last_id != last.id:
            return checked, Break(
                day, last.id, last.at, "anchor_hash", anchor.last_hash, last.hash or ""
            )
    return checked, _deleted_day(by_day, last_day, None)


def _deleted_day(
    by_day: dict[dt.date, DayAnchor], after: dt.date | None, before: dt.date | None
) -> Break | None:
    """A stored anchor with entries for a day strictly between ``after`` and ``before``
    (open ends: ``None``), none of whose entries were found: a whole day deleted."""
    for day in sorted(by_day):
        if (after is not None and day <= after) or (before is not None and day >= before):
            continue
        anchor = by_day[day]
        if anchor.entries > 0:
            return Break(day, anchor.last_id, None, "day_deleted", str(anchor.entries), "0")
    return None


def _days(entries: Iterable[Entry]) -> Iterator[tuple[dt.date | None, list[Entry]]]:
    day: dt.date | None = None
    rows: list[Entry] = []
    started = False
    for row in entries:
        if started and row.day != day:
            yield day, rows
            rows = []
        day = row.day
        started = True
        rows.append(row)
    if started:
        yield day, rows
