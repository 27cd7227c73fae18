"""The fast day simulator's pieces (快速模拟): who arrives, what the hall looks like, and the
in-memory floor that answers "whom does this window call now". Pure rules.

A day is a list of :class:`Visit` (one per ticket: when it is taken, the lane it waits in, its
priority, how long it will take at the counter and whether the person has left when called),
drawn once from the arrivals and a seed, so that every policy and both floors (this one in
memory, the real services on a throwaway database) see the same people. The run itself is
``domain/hallsim_run.py``; the policies are ``domain/hallsim_policy.py``.

:class:`MemoryFloor` calls with the hall's one call order (``domain/call_order.pick_next``):
it keeps each lane's waiting tickets in arrival order per priority (green-channel tickets by
their item's lane), and hands ``pick_next`` only the head of each queue the window may call.
The head of a queue is the one ``pick_next`` would prefer among that queue, and the first
walk-in who has waited long enough is the head of its lane's walk-in queue, so the choice is
the same as over every waiting ticket.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from hall_app.domain.call_order import Caller, Fairness, Waiting, pick_next
from hall_app.domain.qualifications import servable
from hall_app.domain.tickets import Priority

# The simulated day's midnight: the call order compares datetimes (queue times, fairness).
MIDNIGHT = dt.datetime(2026, 11, 23, tzinfo=dt.timezone(dt.timedelta(hours=8)))
GREEN = int(Priority.GREEN)
APPOINTMENT = int(Priority.APPOINTMENT)
NORMAL = int(Priority.NORMAL)


def instant(seconds: float) -> dt.datetime:
    """The simulated day's moment ``seconds`` after midnight."""
    return MIDNIGHT + dt.timedelta(seconds=seconds)


@dataclass(frozen=True)
class Visit(Waiting):
    """One ticket of the day. ``issue_order`` is its index in the day (the order of issue)."""

    at: int = 0  # seconds after midnight it is taken
    service: int = 60  # seconds at the counter
    no_show: bool = False  # gone when called: the window recalls, then marks 过号
    item_code: str = ""


class ArrivalLike(Protocol):
    """What an arrival says: when, which item in which lane, appointment, green channel."""

    @property
    def at(self) -> int: ...
    @property
    def item_code(self) -> str: ...
    @property
    def lane(self) -> str: ...
    @property
    def appointment(self) -> bool: ...
    @property
    def green(self) -> bool: ...


@dataclass(frozen=True)
class HallModel:
    """The hall as the simulator sees it."""

    windows: Mapping[int, tuple[str, ...]]  # each window's lanes in calling order (catalog)
    qualified: Mapping[str, frozenset[str]]  # staff number -> lanes they may serve
    service_minutes: Mapping[str, float]  # lane -> average service time
    green_lane: str | None = None  # the green channel's lane
    names: Mapping[str, str] = field(default_factory=dict)  # lane -> name
    fairness: Fairness = field(default_factory=Fairness)
    recall_seconds: int = 60  # a window waits this long for someone called who has gone
    periods: tuple[tuple[int, int], ...] = ((510, 720), (810, 1020))  # opening, minutes

    @property
    def lanes(self) -> tuple[str, ...]:
        """The lanes the recommender weighs: every lane but the green channel."""
        return tuple(c for c in self.service_minutes if c != self.green_lane)

    def calling(self, staff_no: str | None, lanes: Sequence[str]) -> tuple[str, ...]:
        """The lanes a window with ``lanes`` calls from when ``staff_no`` sits at it."""
        if staff_no is None:
            return ()
        return tuple(servable((), self.qualified.get(staff_no, frozenset()), lanes))


def service_seconds(rng: random.Random, mean_minutes: float) -> int:
    """A service time around the lane's average (normal, sd a third of the mean), between one
    minute and three times the mean, in whole seconds."""
    minutes = min(3 * mean_minutes, max(1.0, rng.gauss(mean_minutes, mean_minutes / 3)))
    return max(60, round(minutes * 60))


def draw_visits(
    arrivals: Sequence[ArrivalLike],
    model: HallModel,
    seed: int,
    *,
    no_show_share: float = 0.02,
    first_index: int = 0,
) -> list[Visit]:
    """The day's tickets in the order they are issued, each with its service time and
    whether the person will have gone when called, drawn in that order from ``seed``."""
    rng = random.Random(seed)
    out = []
    ordered = sorted(arrivals, key=lambda a: a.at)
    for index, a in enumerate(ordered, start=first_index):
        green = a.green and model.green_lane is not None
        priority = GREEN if green else APPOINTMENT if a.appointment else NORMAL
        lane = model.green_lane if green and model.green_lane else a.lane
        service = service_seconds(rng, model.service_minutes.get(a.lane, 10.0))
        gone = rng.random() < no_show_share
        out.append(
            Visit(
                lane=lane,
                service_lane=a.lane,
                priority=priority,
                queued_at=instant(a.at),
                issue_order=index,
                at=a.at,
                service=service,
                no_show=gone,
                item_code=a.item_code,
            )
        )
    return out


class Floor(Protocol):
    """Where the tickets are: in memory (:class:`MemoryFloor`) or the real services."""

    def arrive(self, visit: Visit, now: int) -> None: ...
    def call(self, window: int, lanes: tuple[str, ...], now: int) -> Visit | None: ...
    def finish(self, window: int, visit: Visit, now: int) -> None: ...
    def seat(self, window: int, staff_no: str | None, lanes: tuple[str, ...], now: int) -> None: ...


class MemoryFloor:
    """The tickets in memory, called with the hall's call order."""

    def __init__(self, green_lane: str | None, fairness: Fairness) -> None:
        self.green_lane = green_lane
        self.fairness = fairness
        self.queues: dict[tuple[str, int], deque[Visit]] = {}
        self.green: dict[str, deque[Visit]] = {}  # by the item's own lane
        self.recent: dict[int, list[int]] = {}  # window -> priorities of its calls, newest first

    def arrive(self, visit: Visit, now: int) -> None:
        if visit.priority == GREEN:
            self.green.setdefault(str(visit.service_lane), deque()).append(visit)
        else:
            self.queues.setdefault((str(visit.lane), visit.priority), deque()).append(visit)

    def _heads(self, lanes: tuple[str, ...]) -> list[Visit]:
        heads = []
        every_green = self.green_lane in lanes
        for lane in lanes:
            for priority in (APPOINTMENT, NORMAL):
                queue = self.queues.get((lane, priority))
                if queue:
                    heads.append(queue[0])
            if not every_green:
                queue = self.green.get(lane)
                if queue:
                    heads.append(queue[0])
        if every_green:
            heads.extend(queue[0] for queue in self.green.values() if queue)
        return heads

    def call(self, window: int, lanes: tuple[str, ...], now: int) -> Visit | None:
        heads = self._heads(lanes)
        if not heads:
            return None
        recent = self.recent.setdefault(window, [])
        visit = pick_next(
            heads, Caller(window, lanes), now=instant(now), recent=recent, fairness=self.fairness
        )
        if visit is None:
            return None
        queue = (
            self.green[str(visit.service_lane)]
            if visit.priority == GREEN
            else self.queues[(str(visit.lane), visit.priority)]
        )
        queue.popleft()  # always a head: see the module docstring
        recent.insert(0, visit.priority)
        del recent[8:]
        return visit

    def finish(self, window: int, visit: Visit, now: int) -> None:
        return None

    def seat(self, window: int, staff_no: str | None, lanes: tuple[str, ...], now: int) -> None:
        return None

    def waiting(self) -> list[Visit]:
        """Everyone still waiting (for a forward run's starting queue)."""
        out = [v for q in self.queues.values() for v in q]
        out += [v for q in self.green.values() for v in q]
        return sorted(out, key=lambda v: v.issue_order)


class SlotRates:
    """Arrivals per hour by lane and half hour, counted from a day's visits (the simulator's
    stand-in for the hall's history of that kind of day)."""

    def __init__(self, visits: Sequence[Visit], slot_minutes: int = 30) -> None:
        self.slot = slot_minutes
        self.counts: dict[tuple[str, int], int] = {}
        for v in visits:
            key = (str(v.lane), v.at // 60 // slot_minutes)
            self.counts[key] = self.counts.get(key, 0) + 1

    def rate_at(self, lane: str, minute: int) -> float:
        return self.counts.get((lane, minute // self.slot), 0) * 60 / self.slot
