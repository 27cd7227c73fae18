"""The working-day calendar table: read it for deadlines, let admins keep it current."""

from __future__ import annotations

import datetime as dt
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from hall_app import paths
from hall_app.domain.errors import InvalidInput
from hall_app.domain.roles import Permission
from hall_app.domain.workdays import CalendarData, WorkCalendar
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.store.models import CalendarDay, CalendarYear

CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class DayEntry:
    day: dt.date
    kind: str
    name: str
    source: str


def local_overrides(path: Path | None = None) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, extra working days) from ``resources/calendar_local.toml``."""
    path = path or paths.resources_dir() / "calendar_local.toml"
    if not path.exists():
        return frozenset(), frozenset()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        off = frozenset(dt.date.fromisoformat(d) for d in data.get("holidays", []))
        on = frozenset(dt.date.fromisoformat(d) for d in data.get("workdays", []))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError, TypeError) as exc:
        raise InvalidInput(f"本地工作日历文件 {path} 有误：{exc}") from None
    return off, on


class CalendarService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._cache: tuple[float, WorkCalendar] | None = None

    def calendar(self) -> WorkCalendar:
        """The calendar, re-read at most once a minute (edits are rare)."""
        now = time.monotonic()
        if self._cache and now - self._cache[0] < CACHE_SECONDS:
            return self._cache[1]
        with self.ctx.db.read() as s:
            days = s.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.name)).all()
            years = frozenset(s.scalars(select(CalendarYear.year)))
        local_off, local_on = local_overrides()
        calendar = WorkCalendar(
            CalendarData(
                holidays=(frozenset(d for d, kind, _ in days if kind == "holiday") | local_off)
                - local_on,
                workdays=(frozenset(d for d, kind, _ in days if kind == "workday") | local_on)
                - local_off,
                known_years=years,
                names={d: name for d, _, name in days},
            )
        )
        self._cache = (now, calendar)
        return calendar

    def year(self, year: int) -> tuple[bool, list[DayEntry]]:
        with self.ctx.db.read() as s:
            known = s.get(CalendarYear, year) is not None
            rows = s.scalars(
                select(CalendarDay)
                .where(
                    CalendarDay.day >= dt.date(year, 1, 1), CalendarDay.day <= dt.date(year, 12, 31)
                )
                .order_by(CalendarDay.day)
            )
            return known, [DayEntry(r.day, r.kind, r.name, r.source) for r in rows]

    @guarded(Permission.EDIT_CALENDAR)
    def set_day(self, actor: Actor, day: dt.date, kind: str, name: str = "") -> None:
        """Enter a holiday or a make-up workday (replacing what the day was)."""
        if kind not in ("holiday", "workday"):
            raise InvalidInput("类型应为 holiday（放假）或 workday（调休上班）")
        if kind == "workday" and day.weekday() < 5:
            raise InvalidInput(f"{day} 是工作日，无需登记为调休上班日")
        with self.ctx.db.write() as s:
            row = s.get(CalendarDay, day)
            if row is None:
                s.add(CalendarDay(day=day, kind=kind, name=name, source="admin"))
            else:
                row.kind, row.name, row.source = kind, name or row.name, "admin"
            audit(s, self.ctx, actor, "calendar_set", "calendar", None, day=day, kind=kind)
        self._cache = None

    @guarded(Permission.EDIT_CALENDAR)
    def unset_day(self, actor: Actor, day: dt.date) -> None:
        with self.ctx.db.write() as s:
            s.execute(delete(CalendarDay).where(CalendarDay.day == day))
            audit(s, self.ctx, actor, "calendar_unset", "calendar", None, day=day)
        self._cache = None

    @guarded(Permission.EDIT_CALENDAR)
    def mark_year_complete(self, actor: Actor, year: int) -> None:
        """Declare every holiday of ``year`` entered: deadlines stop warning about it."""
        with self.ctx.db.write() as s:
            holidays = s.scalars(
                select(CalendarDay.day).where(
                    CalendarDay.day >= dt.date(year, 1, 1),
                    CalendarDay.day <= dt.date(year, 12, 31),
                    CalendarDay.kind == "holiday",
                )
            ).all()
            if not holidays:
                raise InvalidInput(
                    f"{year} 年还没有登记任何法定节假日，请先录入国务院办公厅的放假安排"
                )
            if s.get(CalendarYear, year) is None:
                s.add(CalendarYear(year=year, source="admin"))
            audit(s, self.ctx, actor, "calendar_year", "calendar", None, year=year)
        self._cache = None
