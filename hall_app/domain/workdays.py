"""Working days: Chinese public holidays and make-up workdays, and deadlines counted in them.

Periods in 行政许可法 are working days excluding public holidays (Art. 82). Counting starts
the day after acceptance. The calendar data comes from the admin-editable calendar table
(seeded from the ``chinesecalendar`` package); a year it does not know falls back to
Monday–Friday, and every result that leaned on such a year says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_DAYS = 3650  # no deadline in a hall runs ten years; a guard against endless loops


@dataclass(frozen=True)
class CalendarData:
    holidays: frozenset[dt.date] = frozenset()  # days off, whatever weekday they fall on
    workdays: frozenset[dt.date] = frozenset()  # make-up workdays on a Saturday or Sunday
    known_years: frozenset[int] = frozenset()  # years whose holidays are all entered
    names: dict[dt.date, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    assumed_years: tuple[int, ...] = ()  # years counted as plain Monday–Friday

    @property
    def warning(self) -> str:
        if not self.assumed_years:
            return ""
        years = "、".join(str(y) for y in self.assumed_years)
        return f"{years} 年的节假日安排尚未录入，按周一至周五推算，日期可能变化"


class WorkCalendar:
    def __init__(self, data: CalendarData) -> None:
        self.data = data

    def knows(self, year: int) -> bool:
        return year in self.data.known_years

    def is_workday(self, day: dt.date) -> bool:
        if day in self.data.workdays:
            return True
        if day in self.data.holidays:
            return False
        return day.weekday() < 5

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, otherwise the next one."""
        for _ in range(MAX_DAYS):
            if self.is_workday(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError("no working day found")  # pragma: no cover - needs a broken calendar

    def add_workdays(
        self,
        start: dt.date,
        count: int,
        *,
        paused: Iterable[tuple[dt.date, dt.date | None]] = (),
    ) -> Deadline | None:
        """The day on which ``count`` working days after ``start`` are used up.

        ``paused`` intervals ``(from, to)`` do not count: days after ``from`` up to and
        including ``to``. An open interval (``to`` None) means the clock is stopped: None.
        """
        intervals = list(paused)
        if any(end is None for _, end in intervals):
            return None
        closed = [(a, b) for a, b in intervals if b is not None]
        assumed: set[int] = set()
        day = start
        used = 0
        if count <= 0:
            return Deadline(start)
        for _ in range(MAX_DAYS):
            day += dt.timedelta(days=1)
            if any(a < day <= b for a, b in closed):
                continue
            if not self.knows(day.year):
                assumed.add(day.year)
            if self.is_workday(day):
                used += 1
                if used == count:
                    return Deadline(day, tuple(sorted(assumed)))
        raise ValueError("deadline beyond ten years")  # pragma: no cover

    def add_days(
        self,
        start: dt.date,
        count: int,
        *,
        paused: Iterable[tuple[dt.date, dt.date | None]] = (),
    ) -> Deadline | None:
        """The day on which ``count`` natural days (自然日) after ``start`` are used up.

        For limits a law gives in natural days (e.g. 居民身份证法 第十条, 60 days). Paused
        intervals do not count, as in :meth:`add_workdays`. A period whose last day is a
        holiday or a weekend ends on the next working day (民法典 第二百零三条).
        """
        intervals = list(paused)
        if any(end is None for _, end in intervals):
            return None
        closed = [(a, b) for a, b in intervals if b is not None]
        if count <= 0:
            return Deadline(start)
        day, used = start, 0
        for _ in range(MAX_DAYS):
            day += dt.timedelta(days=1)
            if any(a < day <= b for a, b in closed):
                continue
            used += 1
            if used == count:
                break
        else:  # pragma: no cover
            raise ValueError("deadline beyond ten years")
        assumed: set[int] = set()
        for _ in range(MAX_DAYS):
            if not self.knows(day.year):
                assumed.add(day.year)
            if self.is_workday(day):
                return Deadline(day, tuple(sorted(assumed)))
            day += dt.timedelta(days=1)
        raise ValueError("no working day found")  # pragma: no cover

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.workdays_between(end, start)
        days = (end - start).days
        return sum(
            1 for offset in range(1, days + 1) if self.is_workday(start + dt.timedelta(days=offset))
        )

    def missing_next_year(self, today: dt.date) -> int | None:
        """From November on, the coming year if its holidays are not entered yet."""
        if today.month >= 11 and not self.knows(today.year + 1):
            return today.year + 1
        return None
