"""The shared queue of the offline desks: the rules that hold without a server.

While the server (and perhaps the LAN) is down, each terminal knows only part of the queue:
the tickets it issued itself, the tickets that were waiting when the server went away (the
last snapshot of the queue it kept while online), and the tickets citizens bring to its
window (reception's S-tickets, paper kit tickets) whose numbers the clerk types or scans.
This module reads those numbers, orders what the desk knows into a suggestion (the hall's
one call order, :mod:`hall_app.domain.call_order`), and says which window serves a lane.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hall_app.domain.call_order import (
    NO_FAIRNESS,
    Caller,
    Fairness,
    Waiting,
    call_list,
    callable_at,
    sort_key,
)
from hall_app.domain.errors import InvalidInput
from hall_app.domain.kit_numbers import clean_typed, kit_ticket
from hall_app.domain.ticket_states import TicketState
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
    service_lane: str = ""  # a green ticket's item lane ("": not known)
    sent_to: int | None = None  # the window it was sent to before the outage

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
    now: dt.datetime | None = None,
    recent: Sequence[int] = (),
    fairness: Fairness = NO_FAIRNESS,
) -> list[QueueEntry]:
    """The waiting tickets in the order the desk suggests calling them: those this window
    may call in the hall's call order (:func:`call_order.call_list`: sent here, its lanes in
    order, green channel, appointments, queue time; fairness given ``now`` and ``recent``),
    then the tickets of lanes it does not serve, then the others' shares, each in the same
    order. ``lanes``: the window's lanes in order (none given: it serves all, as one).

    What the desk issued or a citizen brought counts as this window's: its lane joins the
    window's (after them), and a green one whose item lane the desk does not know counts in
    the window's first lane.

    The tickets that were waiting when the server went away are in every desk's snapshot:
    without a share each window serving a lane would call the same first ticket by voice.
    Given this ``window`` and the snapshot's ``windows``, they are dealt out among the windows
    open for their lane (by their sequence number, so every desk deals alike): the others'
    shares come last (called only once this window's own are done)."""
    waiting = [e for e in entries if e.state == TicketState.WAITING.value]
    table = list(windows)
    own = tuple(lanes)
    brought = [e.lane for e in waiting if e.source in (TYPED, OWN) and e.lane not in own]
    caller = Caller(window, own + tuple(dict.fromkeys(brought)) if own else ("",))

    def seen(i: int, e: QueueEntry) -> Waiting:
        if not own:
            return Waiting("", "", e.priority, e.issued_at, i, e.sent_to)
        here = e.source in (TYPED, OWN)
        service = e.service_lane or (own[0] if here else e.lane)
        return Waiting(e.lane, service, e.priority, e.issued_at, i, e.sent_to)

    def theirs(e: QueueEntry) -> bool:
        return (
            e.source == SERVER
            and e.sent_to is None
            and window is not None
            and dealt_to(e, table) not in (None, window)
        )

    seen_all = [seen(i, e) for i, e in enumerate(waiting)]
    shared = [w for w in seen_all if not theirs(waiting[w.issue_order])]
    dealt = [w for w in seen_all if theirs(waiting[w.issue_order])]
    first = call_list(shared, caller, now=now, recent=recent, fairness=fairness)
    rest = [w for w in shared if not callable_at(w, caller)]
    later = sorted(rest, key=lambda w: sort_key(w, caller))
    last = sorted(dealt, key=lambda w: sort_key(w, caller))
    return [waiting[w.issue_order] for w in first + later + last]


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
