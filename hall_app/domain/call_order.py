"""The call order: which waiting ticket a window calls next. Written once, here.

The online services build their ``ORDER BY`` from :data:`ORDER` (one SQL expression per
:class:`Term`, services/call_query.py) and filter with the same :func:`callable_at`; the
offline desk sorts what it knows with :func:`call_list`; the simulator calls through the
online services. The rule:

1. a ticket sent to this window (a transfer) comes first, and only this window calls it;
2. then the window's lanes in its own order (the lanes the clerk may serve); a green-channel
   ticket waits in the green lane but also counts in its item's own lane;
3. within a lane, green channel, then appointments, then walk-ins (:class:`Priority`);
4. then first come, first served (the queue time: a transfer keeps it, a requeue renews it);
5. then issue order.

Fairness: when a window's last ``streak`` calls were all priority tickets (green or
appointment), a walk-in who has waited ``wait`` or longer goes before the next one.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from hall_app.domain.tickets import Priority

Lane = int | str  # a category id online, a category code at the offline desk


class Term(enum.StrEnum):
    """One step of the call order; online each has its SQL expression."""

    SENT_HERE = "sent_here"  # 0: sent to this window, 1: not
    LANE_RANK = "lane_rank"  # the position of the ticket's lane in the window's order
    PRIORITY = "priority"  # green, appointment, walk-in
    QUEUED_AT = "queued_at"  # when it joined the queue
    ISSUE_ORDER = "issue_order"  # the ticket id (the desk: the order it learnt of tickets)


ORDER: tuple[Term, ...] = (
    Term.SENT_HERE,
    Term.LANE_RANK,
    Term.PRIORITY,
    Term.QUEUED_AT,
    Term.ISSUE_ORDER,
)


@dataclass(frozen=True)
class Waiting:
    """A waiting ticket as the call order sees it."""

    lane: Lane  # the lane it waits in (the green lane for green-channel tickets)
    service_lane: Lane  # its item's own lane (the same as ``lane`` unless green)
    priority: int
    queued_at: dt.datetime
    issue_order: int = 0
    sent_to: int | None = None  # the window it was sent to


@dataclass(frozen=True)
class Caller:
    """The window calling: its id (online) or number (offline), and its lanes in order."""

    window: int | None
    lanes: tuple[Lane, ...]

    @property
    def unserved(self) -> int:
        """The rank of a lane this window does not serve: after all of its own."""
        return len(self.lanes)

    def rank(self, lane: Lane) -> int:
        return self.lanes.index(lane) if lane in self.lanes else self.unserved


@dataclass(frozen=True)
class Fairness:
    """After ``streak`` priority calls in a row, a walk-in waiting ``wait`` goes first
    (``streak`` 0: no fairness rule)."""

    streak: int = 2
    wait: dt.timedelta = dt.timedelta(minutes=20)

    def due(self, recent: Sequence[int]) -> bool:
        """``recent``: the priorities of the window's last calls, newest first."""
        last = list(recent[: self.streak])
        return (
            self.streak > 0
            and len(last) == self.streak
            and all(p < int(Priority.NORMAL) for p in last)
        )

    def walk_in(self, ticket: Waiting, now: dt.datetime) -> bool:
        """A walk-in who has waited long enough to go before a priority ticket."""
        return ticket.priority == int(Priority.NORMAL) and ticket.queued_at <= now - self.wait


NO_FAIRNESS = Fairness(streak=0)


def lane_rank(ticket: Waiting, caller: Caller) -> int:
    """The position of the ticket's lane in the window's order; a green-channel ticket
    also counts in its item's own lane (whichever comes first)."""
    rank = caller.rank(ticket.lane)
    if ticket.priority == int(Priority.GREEN):
        return min(rank, caller.rank(ticket.service_lane))
    return rank


def callable_at(ticket: Waiting, caller: Caller) -> bool:
    """May this window call the ticket? A ticket sent to a window only there; any other
    when the window serves its lane (or, green channel, its item's lane)."""
    if ticket.sent_to is not None:
        return ticket.sent_to == caller.window
    return lane_rank(ticket, caller) < caller.unserved


def term_value(term: Term, ticket: Waiting, caller: Caller) -> int | dt.datetime:
    if term is Term.SENT_HERE:
        return 0 if ticket.sent_to is not None and ticket.sent_to == caller.window else 1
    if term is Term.LANE_RANK:
        return lane_rank(ticket, caller)
    if term is Term.PRIORITY:
        return ticket.priority
    if term is Term.QUEUED_AT:
        return ticket.queued_at
    return ticket.issue_order


def sort_key(ticket: Waiting, caller: Caller) -> tuple[int | dt.datetime, ...]:
    """The ticket's place in the window's order: the :data:`ORDER` terms, smaller first."""
    return tuple(term_value(term, ticket, caller) for term in ORDER)


T = TypeVar("T", bound=Waiting)


def call_list(
    tickets: Iterable[T],
    caller: Caller,
    *,
    now: dt.datetime | None = None,
    recent: Sequence[int] = (),
    fairness: Fairness = NO_FAIRNESS,
) -> list[T]:
    """The tickets this window may call, in the order it calls them; when fairness is due
    (``recent``: the window's last calls' priorities, newest first) and a priority ticket
    would be next, the first walk-in who has waited long enough moves to the front."""
    ordered = sorted(
        (t for t in tickets if callable_at(t, caller)), key=lambda t: sort_key(t, caller)
    )
    if (
        ordered
        and now is not None
        and ordered[0].priority < int(Priority.NORMAL)
        and fairness.due(recent)
    ):
        due = next((i for i, t in enumerate(ordered) if fairness.walk_in(t, now)), None)
        if due is not None:
            ordered.insert(0, ordered.pop(due))
    return ordered


def pick_next(
    tickets: Iterable[T],
    caller: Caller,
    *,
    now: dt.datetime | None = None,
    recent: Sequence[int] = (),
    fairness: Fairness = NO_FAIRNESS,
) -> T | None:
    """The ticket the window calls next, or None when it may call none of them."""
    ordered = call_list(tickets, caller, now=now, recent=recent, fairness=fairness)
    return ordered[0] if ordered else None
