"""The shared queue of the offline desks: the rules that hold without a server.

While the server (and perhaps the LAN) is down, each terminal knows only part of the queue:
the tickets it issued itself, the tickets that were waiting when the server went away (the
last snapshot of the queue it kept while online), and the tickets citizens bring to its
window (reception's S-tickets, paper kit tickets) whose numbers the clerk types or scans.
This module reads those numbers, orders what the desk knows into a suggestion (green channel
first, then issue time), and says which window serves a lane.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hall_app.domain.errors import InvalidInput
from hall_app.domain.kit_numbers import clean_typed, kit_ticket
from hall_app.domain.tickets import Priority

EMERGENCY_PREFIX = "S"

# where the desk learnt of a ticket
OWN = "own"  # issued offline by this terminal
SERVER = "server"  # on the server when it went away (the last queue snapshot)
TYPED = "typed"  # typed or scanned at this desk: another desk's S-ticket, a paper kit ticket

# kinds of numbers a citizen can hold
EMERGENCY = "emergency"  # S017: from a terminal's reserved block
KIT = "kit"  # S07-015: paper kit 07, sequence 015
REGULAR = "regular"  # A012, C003: issued by the server

MAX_NUMBER_LENGTH = 8  # what a ticket number can hold on the server (ticket.number)

_QR = re.compile(r"^HALLTICKET\|(\d{8})\|([^|]+)\|")
_KIT = re.compile(r"^S(\d{1,3})-(\d{1,4})$")
_EMERGENCY = re.compile(r"^S?(\d{1,4})$")
_REGULAR = re.compile(r"^([A-Z])(\d{1,4})$")


@dataclass(frozen=True)
class HeldNumber:
    """A ticket number as a citizen holds it, read from what was typed or scanned."""

    number: str  # the canonical form: S017, S07-015, C003
    kind: str  # EMERGENCY | KIT | REGULAR
    sequence: int
    kit: int | None = None
    service_date: dt.date | None = None  # from a scanned slip's QR code

    @property
    def prefix(self) -> str:
        return self.number[0]


def parse_held_number(text: str) -> HeldNumber:
    """``S017``, ``s17``, ``17`` (an emergency number), ``S07-015`` (paper kit 07), ``C003``
    (a server ticket), or a scanned slip's QR text ``HALLTICKET|20261201|S017|0``."""
    cleaned = clean_typed(text)
    day = None
    qr = _QR.match(cleaned)
    if qr:
        try:
            day = dt.datetime.strptime(qr.group(1), "%Y%m%d").date()
        except ValueError:
            day = None
        cleaned = qr.group(2)
    if match := _KIT.match(cleaned):
        kit, seq = int(match.group(1)), int(match.group(2))
        number = kit_ticket(kit, seq)
        if kit and seq and len(number) <= MAX_NUMBER_LENGTH:
            return HeldNumber(number, KIT, seq, kit, day)
    elif match := _EMERGENCY.match(cleaned):
        seq = int(match.group(1))
        if seq:
            return HeldNumber(f"{EMERGENCY_PREFIX}{seq:03d}", EMERGENCY, seq, None, day)
    elif match := _REGULAR.match(cleaned):
        seq = int(match.group(2))
        if seq:
            return HeldNumber(f"{match.group(1)}{seq:03d}", REGULAR, seq, None, day)
    raise InvalidInput(
        f"「{text.strip()[:40]}」不是号票号码：应为字母加数字（如 A012、S017），"
        "或应急包号票（如 S07-015）"
    )


@dataclass(frozen=True)
class QueueEntry:
    """One ticket as an offline desk knows it."""

    number: str
    lane: str  # category code ("" when the desk does not know it)
    label: str
    priority: int
    state: str  # waiting | called | serving | finished | no_show
    issued_at: dt.datetime
    source: str  # OWN | SERVER | TYPED
    window: int | None = None  # the window it was at when the server went (called or serving)
    finished_at: dt.datetime | None = None
    local: bool = False  # moved (or issued, or brought) at this desk: its own record wins

    @property
    def category_code(self) -> str:
        return self.lane

    @property
    def green(self) -> bool:
        return self.priority == int(Priority.GREEN)


def suggest(
    entries: Iterable[QueueEntry],
    lanes: Sequence[str] = (),
    *,
    window: int | None = None,
    windows: Iterable[Mapping[str, object]] = (),
) -> list[QueueEntry]:
    """The waiting tickets in the order the desk suggests calling them: green channel first,
    then by issue time (appointments before walk-ins issued at the same moment). Tickets of
    lanes this window does not serve (``lanes``; none given: it serves all) come after,
    unless the citizen brought the ticket here or this desk issued it.

    The tickets that were waiting when the server went away are in every desk's snapshot:
    without a share each window serving a lane would call the same first ticket by voice.
    Given this ``window`` and the snapshot's ``windows``, they are dealt out among the windows
    open for their lane (by their sequence number, so every desk deals alike): this
    window's share comes first, the others' after (called only once its own share is done)."""
    mine = set(lanes)
    table = list(windows)

    def key(e: QueueEntry) -> tuple[int, int, int, dt.datetime, int]:
        here = not mine or e.lane in mine or e.source in (TYPED, OWN)
        theirs = (
            e.source == SERVER and window is not None and dealt_to(e, table) not in (None, window)
        )
        return (1 if theirs else 0, 0 if e.green else 1, 0 if here else 1, e.issued_at, e.priority)

    return sorted((e for e in entries if e.state == "waiting"), key=key)


def dealt_to(entry: QueueEntry, windows: Sequence[Mapping[str, object]]) -> int | None:
    """The window whose share of the pre-outage queue ``entry`` is: one of the windows open
    for its lane at the snapshot, by the ticket's sequence; None when none was open for it
    (any desk may call it, green channel first: a closed window holds no share)."""
    numbers: list[int] = sorted(
        int(w["number"])  # type: ignore[call-overload]
        for w in windows
        if w.get("open", True) and entry.lane in list(w.get("lanes", ()))  # type: ignore[call-overload]
    )
    if not numbers:
        return None
    digits = "".join(ch for ch in entry.number if ch.isdigit())
    return numbers[int(digits or 0) % len(numbers)]


def windows_for(lane: str, windows: Iterable[Mapping[str, object]]) -> list[int]:
    """The windows that serve ``lane`` (from the snapshot's ``{"number", "lanes", "open"}``),
    those that were open first, then those where the lane comes earliest in the order."""
    found = []
    for w in windows:
        lanes = list(w.get("lanes", ()))  # type: ignore[call-overload]
        if lane in lanes:
            found.append((0 if w.get("open", True) else 1, lanes.index(lane), int(w["number"])))  # type: ignore[call-overload]
    return [number for _open, _pos, number in sorted(found)]
