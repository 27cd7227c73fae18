"""Time-limited completion (限时办结): the two clocks of an accepted case.

Each case runs against two dates: the **promised** one (承诺时限, ``limit_days`` in
``limit_unit``) and the **legal** one (法定时限, ``legal_days`` in ``legal_unit``). The promised
limit is at most the legal one, and an extension of the promised date may never pass the
legal date. A licence (行政许可) alone may have its legal date moved once, by
``legal.LICENCE_EXTENSION_DAYS`` working days with the head's approval (行政许可法 第四十二条).

Counting starts the day after acceptance, in working days or in natural days as the limit's
unit says. A limit of 0 is a 即办件: due on the day of acceptance itself. A pause (its kind
from ``legal.PAUSE_KINDS``: 补正 or an Art. 45 step) stops both clocks. Resuming after a
correction (补正) does not carry on where the clock stopped: the limits restart in full from
the day after the corrected materials arrive (``restarted_on``).

States: on track, due soon (≤ 2 days left on the promised date), promise missed (超承诺期: the
promised date passed, the legal one still holds), overdue (the legal date passed), paused,
completed (late when after the promised date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass

from hall_app.domain import legal
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.workdays import Deadline, WorkCalendar

DUE_SOON_DAYS = 2
MAX_EXTENSIONS = 1
MAX_EXTENSION_DAYS = 30
CORRECTION_PAUSE = "补正"

# a pause: (from, to or None while it lasts, kind)
Pause = tuple[dt.date, dt.date | None, str]


class ClockState(enum.StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    PROMISE_MISSED = "promise_missed"
    OVERDUE = "overdue"
    PAUSED = "paused"
    COMPLETED = "completed"
    COMPLETED_LATE = "completed_late"

    @property
    def label(self) -> str:
        return {
            "on_track": QT_TRANSLATE_NOOP("labels", "正常"),
            "due_soon": QT_TRANSLATE_NOOP("labels", "即将到期"),
            "promise_missed": QT_TRANSLATE_NOOP("labels", "超承诺期"),
            "overdue": QT_TRANSLATE_NOOP("labels", "超法定期限"),
            "paused": QT_TRANSLATE_NOOP("labels", "暂停计时"),
            "completed": QT_TRANSLATE_NOOP("labels", "已办结"),
            "completed_late": QT_TRANSLATE_NOOP("labels", "超期办结"),
        }[self.value]

    @property
    def flagged(self) -> bool:
        return self in (ClockState.DUE_SOON, ClockState.PROMISE_MISSED, ClockState.OVERDUE)


def count_limit(
    calendar: WorkCalendar,
    start: dt.date,
    days: int,
    unit: str,
    paused: tuple[tuple[dt.date, dt.date | None], ...] = (),
) -> Deadline | None:
    """The due date of ``days`` in ``unit`` (工作日 / 自然日) counted from the day after
    ``start``; 0 days is the start day itself (即办件)."""
    if unit == legal.NATURAL_DAYS:
        return calendar.add_days(start, days, paused=paused)
    return calendar.add_workdays(start, days, paused=paused)


def days_left(calendar: WorkCalendar, today: dt.date, due: dt.date, unit: str) -> int:
    """Days from ``today`` to ``due`` in the limit's unit (negative when past)."""
    if unit == legal.NATURAL_DAYS:
        return (due - today).days
    return calendar.workdays_between(today, due)


def _merge(first: Deadline, second: Deadline) -> Deadline:
    return Deadline(second.due, tuple(sorted(set(first.assumed_years) | set(second.assumed_years))))


@dataclass(frozen=True)
class CaseClock:
    accepted_on: dt.date  # the acceptance day, already moved to a working day
    limit_days: int  # the promised limit (承诺时限)
    pauses: tuple[tuple[dt.date, dt.date | None] | Pause, ...] = ()
    extension_days: int = 0  # the one extension of the promised limit, in its unit
    extensions: int = 0
    completed_on: dt.date | None = None
    limit_unit: str = legal.WORKING_DAYS
    legal_days: int | None = None  # None: the promised limit is the legal one too
    legal_unit: str = legal.WORKING_DAYS
    legal_extension_days: int = 0  # 行政许可法 第四十二条, working days
    licence: bool = False  # 行政许可: the legal limit may be extended once
    restarted_on: dt.date | None = None  # corrected materials arrived: limits restart next day
    received_on: dt.date | None = None  # the calendar day of acceptance (a 即办件 is due then)

    # ------------------------------------------------------------ reading

    @property
    def paused(self) -> bool:
        return any(p[1] is None for p in self.pauses)

    @property
    def instant(self) -> bool:
        """即办件: promised 0 — completed on the spot, due the day it is accepted."""
        return self.limit_days == 0

    @property
    def start(self) -> dt.date:
        return self.restarted_on or self.accepted_on

    @property
    def pause_kinds(self) -> tuple[str, ...]:
        return tuple(p[2] if len(p) > 2 else "" for p in self.pauses)

    def _intervals(self) -> tuple[tuple[dt.date, dt.date | None], ...]:
        return tuple((p[0], p[1]) for p in self.pauses)

    def deadline(self, calendar: WorkCalendar) -> Deadline | None:
        """The promised due date (None while paused)."""
        if self.paused:
            return None
        if self.instant and self.extension_days == 0 and self.restarted_on is None:
            return Deadline(self.received_on or self.accepted_on)
        return count_limit(
            calendar,
            self.start,
            self.limit_days + self.extension_days,
            self.limit_unit,
            self._intervals(),
        )

    def legal_deadline(self, calendar: WorkCalendar) -> Deadline | None:
        """The legal due date, with the one legal extension of a licence (None while paused)."""
        if self.paused:
            return None
        days = self.limit_days if self.legal_days is None else self.legal_days
        unit = self.limit_unit if self.legal_days is None else self.legal_unit
        if days == 0 and self.restarted_on is None:
            base: Deadline | None = Deadline(self.received_on or self.accepted_on)
        else:
            base = count_limit(calendar, self.start, days, unit, self._intervals())
        if base is None or not self.legal_extension_days:
            return base
        extended = calendar.add_workdays(
            base.due, self.legal_extension_days, paused=self._intervals()
        )
        return _merge(base, extended) if extended else None

    def state(self, calendar: WorkCalendar, today: dt.date) -> tuple[ClockState, int | None]:
        """The state and the days left to the promised date in its unit (negative when past;
        None when paused or completed)."""
        promised = self.deadline(calendar)
        if self.completed_on is not None:
            late = promised is not None and self.completed_on > promised.due
            return (ClockState.COMPLETED_LATE if late else ClockState.COMPLETED), None
        if promised is None:
            return ClockState.PAUSED, None
        left = days_left(calendar, today, promised.due, self.limit_unit)
        legal_due = self.legal_deadline(calendar)
        if legal_due is not None and today > legal_due.due:
            return ClockState.OVERDUE, left
        if today > promised.due:
            return ClockState.PROMISE_MISSED, left
        if left <= DUE_SOON_DAYS:
            return ClockState.DUE_SOON, left
        return ClockState.ON_TRACK, left

    # -------------------------------------------------------------- transitions

    def pause(
        self, day: dt.date, kind: str = "", calendar: WorkCalendar | None = None
    ) -> CaseClock:
        """Stop both clocks; ``kind`` is one of ``legal.PAUSE_KINDS``. A correction after
        acceptance (补正, which restarts the limits) is asked once, like the one-time notice;
        nothing pauses a clock whose legal date has passed (it would hide the overdue case)."""
        self._open("暂停计时")
        if kind and kind not in legal.PAUSE_KINDS:
            raise InvalidInput(f"暂停类型「{kind}」无效，应为：{'、'.join(legal.PAUSE_KINDS)}")
        if self.paused:
            raise NotAllowed("办件已在暂停计时中")
        if day < self._first_day:
            raise InvalidInput("暂停日期不能早于受理日期")
        if kind == CORRECTION_PAUSE and CORRECTION_PAUSE in self.pause_kinds:
            raise NotAllowed(
                "受理后的补正已要求过一次：须一次性告知全部补正内容，不能再次补正重新计时"
            )
        legal_due = self.legal_deadline(calendar) if calendar is not None else None
        if legal_due is not None and day > legal_due.due:
            raise NotAllowed(f"法定期限已于 {legal_due.due.isoformat()} 届满，不能暂停计时")
        return dataclasses.replace(self, pauses=(*self.pauses, (day, None, kind)))

    def resume(self, day: dt.date) -> CaseClock:
        """Start the clocks again. After a correction (补正) the limits restart in full from
        the day after the corrected materials arrive (``day``)."""
        self._open("恢复计时")
        if not self.paused:
            raise NotAllowed("办件没有暂停，无需恢复计时")
        start, kind = self.pauses[-1][0], self.pause_kinds[-1]
        if day < start:
            raise InvalidInput("恢复日期不能早于暂停日期")
        pauses = (*self.pauses[:-1], (start, day, kind))
        restarted = day if kind == CORRECTION_PAUSE else self.restarted_on
        return dataclasses.replace(self, pauses=pauses, restarted_on=restarted)

    def extend(self, days: int, calendar: WorkCalendar) -> CaseClock:
        """The one extension of the promised limit; it may not pass the legal date."""
        self._open("延长时限")
        if self.extensions >= MAX_EXTENSIONS:
            raise NotAllowed("承诺时限只能延长一次")
        if not 1 <= days <= MAX_EXTENSION_DAYS:
            raise InvalidInput(f"延长天数应为 1–{MAX_EXTENSION_DAYS} 天")
        if self.paused:
            raise NotAllowed("办件暂停计时中，请先恢复计时再延长时限")
        after = dataclasses.replace(
            self, extension_days=self.extension_days + days, extensions=self.extensions + 1
        )
        new, cap = after.deadline(calendar), self.legal_deadline(calendar)
        if new is not None and cap is not None and new.due > cap.due:
            hint = (
                "；行政许可事项可经本机关负责人批准依法延长法定期限十日"
                if self.licence and not self.legal_extension_days
                else ""
            )
            raise NotAllowed(
                f"延长后的承诺办结日期 {new.due.isoformat()} 晚于法定办结日期 "
                f"{cap.due.isoformat()}：承诺时限不能超过法定时限{hint}"
            )
        return after

    def extend_legal(self, calendar: WorkCalendar, today: dt.date) -> CaseClock:
        """行政许可法 第四十二条: a licence's legal limit, once, by ten working days."""
        self._open("延长法定期限")
        if not self.licence:
            raise NotAllowed("只有行政许可事项可依《行政许可法》第四十二条延长法定期限")
        if self.legal_extension_days:
            raise NotAllowed("法定期限只能延长一次")
        current = self.legal_deadline(calendar)
        if current is not None and today > current.due:
            raise NotAllowed(f"法定期限已于 {current.due.isoformat()} 届满，不能再延长")
        return dataclasses.replace(self, legal_extension_days=legal.LICENCE_EXTENSION_DAYS)

    def complete(self, day: dt.date) -> CaseClock:
        self._open("办结")
        if self.paused:
            raise NotAllowed("办件暂停计时中，请先恢复计时再办结")
        if day < self._first_day:
            raise InvalidInput("办结日期不能早于受理日期")
        return dataclasses.replace(self, completed_on=day)

    @property
    def _first_day(self) -> dt.date:
        return min(self.accepted_on, self.received_on or self.accepted_on)

    def _open(self, what: str) -> None:
        if self.completed_on is not None:
            raise NotAllowed(f"办件已办结，不能{what}")


def deferral_overdue(due_on: dt.date | None, received_on: dt.date | None, today: dt.date) -> bool:
    """A 容缺后补 material not received by its promised date."""
    return due_on is not None and received_on is None and today > due_on
