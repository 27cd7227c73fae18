"""Time-limited completion (限时办结): the clock of an accepted case.

running → paused (a correction is awaited, or an Art. 45 special procedure) → running →
(extended once, +N working days with approver and reason) → completed. The deadline state
is on track, due soon (≤ 2 working days left), overdue, paused or completed.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.workdays import Deadline, WorkCalendar

DUE_SOON_DAYS = 2
MAX_EXTENSIONS = 1


class ClockState(enum.StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"
    COMPLETED = "completed"
    COMPLETED_LATE = "completed_late"

    @property
    def label(self) -> str:
        return {
            "on_track": QT_TRANSLATE_NOOP("labels", "正常"),
            "due_soon": QT_TRANSLATE_NOOP("labels", "即将到期"),
            "overdue": QT_TRANSLATE_NOOP("labels", "已超期"),
            "paused": QT_TRANSLATE_NOOP("labels", "暂停计时"),
            "completed": QT_TRANSLATE_NOOP("labels", "已办结"),
            "completed_late": QT_TRANSLATE_NOOP("labels", "超期办结"),
        }[self.value]

    @property
    def flagged(self) -> bool:
        return self in (ClockState.DUE_SOON, ClockState.OVERDUE)


@dataclass(frozen=True)
class CaseClock:
    accepted_on: dt.date  # the acceptance day, already moved to a working day
    limit_days: int
    pauses: tuple[tuple[dt.date, dt.date | None], ...] = ()
    extension_days: int = 0
    extensions: int = 0
    completed_on: dt.date | None = None

    @property
    def paused(self) -> bool:
        return any(end is None for _, end in self.pauses)

    def deadline(self, calendar: WorkCalendar) -> Deadline | None:
        return calendar.add_workdays(
            self.accepted_on, self.limit_days + self.extension_days, paused=self.pauses
        )

    def state(self, calendar: WorkCalendar, today: dt.date) -> tuple[ClockState, int | None]:
        """The state and the working days left (negative when overdue; None when paused)."""
        deadline = self.deadline(calendar)
        if self.completed_on is not None:
            late = deadline is not None and self.completed_on > deadline.due
            return (ClockState.COMPLETED_LATE if late else ClockState.COMPLETED), None
        if deadline is None:
            return ClockState.PAUSED, None
        left = calendar.workdays_between(today, deadline.due)
        if today > deadline.due:
            return ClockState.OVERDUE, left
        if left <= DUE_SOON_DAYS:
            return ClockState.DUE_SOON, left
        return ClockState.ON_TRACK, left

    # -------------------------------------------------------------- transitions

    def pause(self, day: dt.date) -> CaseClock:
        self._open("暂停计时")
        if self.paused:
            raise NotAllowed("办件已在暂停计时中")
        if day < self.accepted_on:
            raise InvalidInput("暂停日期不能早于受理日期")
        return _replace(self, pauses=(*self.pauses, (day, None)))

    def resume(self, day: dt.date) -> CaseClock:
        self._open("恢复计时")
        if not self.paused:
            raise NotAllowed("办件没有暂停，无需恢复计时")
        start, _ = self.pauses[-1]
        if day < start:
            raise InvalidInput("恢复日期不能早于暂停日期")
        return _replace(self, pauses=(*self.pauses[:-1], (start, day)))

    def extend(self, days: int) -> CaseClock:
        self._open("延长时限")
        if self.extensions >= MAX_EXTENSIONS:
            raise NotAllowed("承诺时限只能延长一次")
        if not 1 <= days <= 30:
            raise InvalidInput("延长天数应为 1–30 个工作日")
        return _replace(self, extension_days=self.extension_days + days,
                        extensions=self.extensions + 1)

    def complete(self, day: dt.date) -> CaseClock:
        self._open("办结")
        if self.paused:
            raise NotAllowed("办件暂停计时中，请先恢复计时再办结")
        if day < self.accepted_on:
            raise InvalidInput("办结日期不能早于受理日期")
        return _replace(self, completed_on=day)

    def _open(self, what: str) -> None:
        if self.completed_on is not None:
            raise NotAllowed(f"办件已办结，不能{what}")


def _replace(clock: CaseClock, **changes: object) -> CaseClock:
    import dataclasses

    return dataclasses.replace(clock, **changes)  # type: ignore[arg-type]
