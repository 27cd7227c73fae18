"""After a restore: where each counter must continue so no number is handed out twice.

A restored database may be older than what the hall already handed out: tickets on printed
slips, notice serials and case numbers in the archive of printed documents, numbers a terminal
used offline from its reserved blocks. Every such number found anywhere is a :class:`Handed`;
:func:`floors` keeps the highest per counter and :func:`lifts` says which counters must move
up (never down) so that the next number is above all of them.

Counters: the ticket counter (per day and prefix: ``A001`` → prefix A, sequence 1) and the
document counter (per day and kind: ``BZ-500229-20261125-0007`` → BZ, 7; incidents
``YJ-20261125-01`` → YJ, 1).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TICKET_COUNTER, DOCUMENT_COUNTER = "ticket", "document"
#: the block kind that holds ticket numbers (emergency and offline tickets, S001…)
TICKET_BLOCK = "S"

_TICKET = re.compile(r"(?<![A-Za-z0-9])([A-Z])(\d{3,5})(?![0-9])")
_SERIAL = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2})-\d{6}-(\d{8})-(\d{4,6})(?![0-9])")
_INCIDENT = re.compile(r"(?<![A-Za-z0-9])(YJ)-(\d{8})-(\d{2,6})(?![0-9])")
_DAY = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")


@dataclass(frozen=True, order=True)
class CounterKey:
    counter: str  # TICKET_COUNTER | DOCUMENT_COUNTER
    kind: str  # ticket prefix, or document kind
    day: dt.date

    def __str__(self) -> str:
        return f"{self.counter}:{self.kind}:{self.day.isoformat()}"


@dataclass(frozen=True)
class Handed:
    """One number that was handed out (or reserved for handing out)."""

    key: CounterKey
    sequence: int


def ticket(day: dt.date, number: str) -> Handed | None:
    """``A001`` handed out on ``day``; None when ``number`` is not a ticket number."""
    match = _TICKET.fullmatch(number.strip().upper())
    if not match:
        return None
    return Handed(CounterKey(TICKET_COUNTER, match[1], day), int(match[2]))


def _date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def serials(text: str) -> list[Handed]:
    """Every notice serial, case number or incident number in ``text`` (they carry their day)."""
    found = []
    for pattern in (_SERIAL, _INCIDENT):
        for kind, day, seq in pattern.findall(text.upper()):
            date = _date(day)
            if date is not None:
                found.append(Handed(CounterKey(DOCUMENT_COUNTER, kind, date), int(seq)))
    return found


def block(kind: str, day: dt.date, last: int) -> Handed:
    """A reserved block of ``kind`` up to ``last``: every number in it counts as handed out."""
    counter = TICKET_COUNTER if kind == TICKET_BLOCK else DOCUMENT_COUNTER
    return Handed(CounterKey(counter, kind, day), last)


def day_in(text: str) -> dt.date | None:
    """The first date written ``YYYYMMDD`` or ``YYYY-MM-DD`` in ``text`` (a folder, a name)."""
    for match in _DAY.finditer(text):
        date = _date("".join(match.groups()))
        if date is not None:
            return date
    return None


def slip_reference(issued_at: dt.datetime, tz: dt.tzinfo, number: str) -> str:
    """The reference a ticket slip is archived under: ``20261125-A001``, dated by the hall's
    own calendar (a slip issued at 07:30 Beijing time is 23:30 the day before in UTC)."""
    return f"{issued_at.astimezone(tz):%Y%m%d}-{number}"


def in_name(name: str, day: dt.date | None) -> list[Handed]:
    """The numbers in the name of an archived document (``ticket-A001``, ``ticket-2026-11-25-S003``,
    ``notice-BZ-500229-20261125-0007-补打``). A ticket number needs a day: ``day`` (the archive
    folder's, the hall's calendar day it was saved on) first, else the one in the name (older
    versions dated slip names in UTC, a day early before 08:00 Beijing time)."""
    found = serials(name)
    stem = _SERIAL.sub(" ", _INCIDENT.sub(" ", name.upper()))
    if stem.startswith("TICKET-"):
        when = day or day_in(stem)
        rest = _DAY.sub(" ", stem)  # "TICKET-" itself holds no ticket number
        match = _TICKET.search(rest)
        if when is not None and match:
            found.append(Handed(CounterKey(TICKET_COUNTER, match[1], when), int(match[2])))
    return found


def floors(found: Iterable[Handed]) -> dict[CounterKey, int]:
    """The highest number handed out per counter."""
    highest: dict[CounterKey, int] = {}
    for handed in found:
        if handed.sequence > highest.get(handed.key, 0):
            highest[handed.key] = handed.sequence
    return highest


def lifts(
    current: Mapping[CounterKey, int], found: Mapping[CounterKey, int]
) -> dict[CounterKey, int]:
    """The counters to move up, with their new value: the highest number found where it is above
    the counter's (the next number is that + 1). A counter is never moved down."""
    return {key: top for key, top in sorted(found.items()) if top > current.get(key, 0)}
