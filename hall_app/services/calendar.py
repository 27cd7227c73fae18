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
from hall_app.store.holidays import HolidayRow, format_holidays, parse_holidays, shipped_file
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


# ---------------------------------------------------------------- the shipped file vs the package

#: chinesecalendar's English names, as the file writes them
PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class FileDifference:
    """A day on which the shipped file and the package disagree: ``(kind, name)`` or None."""

    day: dt.date
    file: tuple[str, str] | None
    package: tuple[str, str] | None


def package_holidays() -> tuple[str, list[HolidayRow]]:
    """(version, rows) of the installed chinesecalendar package."""
    from importlib.metadata import version

    from chinese_calendar import constants

    rows = [
        HolidayRow(day, kind, PACKAGE_NAMES.get(str(name), str(name)))
        for kind, days in (("holiday", constants.holidays), ("workday", constants.workdays))
        for day, name in days.items()
    ]
    return version("chinesecalendar"), sorted(rows)


def compare_holidays(
    shipped: list[HolidayRow], package: list[HolidayRow], year: int | None = None
) -> list[FileDifference]:
    """Every day (of ``year``, or all) whose kind or name differs, or that one side lacks."""
    ours = {r.day: (r.kind, r.name) for r in shipped if year is None or r.day.year == year}
    theirs = {r.day: (r.kind, r.name) for r in package if year is None or r.day.year == year}
    return [
        FileDifference(day, ours.get(day), theirs.get(day))
        for day in sorted(ours.keys() | theirs.keys())
        if ours.get(day) != theirs.get(day)
    ]


def add_package_year(year: int, path: Path | None = None) -> list[HolidayRow]:
    """Copy the package's days of ``year`` into the holiday file (for review against the State
    Council's notice before it is committed); a year the file has already is refused."""
    path = path or shipped_file()
    text = path.read_text(encoding="utf-8")
    rows = parse_holidays(text, str(path))
    if any(r.day.year == year for r in rows):
        raise InvalidInput(f"节假日文件 {path} 已有 {year} 年的登记；差异请用 calendar diff 查看")
    version, package = package_holidays()
    added = [r for r in package if r.day.year == year]
    if not added:
        raise InvalidInput(f"已安装的 chinesecalendar {version} 没有 {year} 年的放假安排")
    comments = "".join(line + "\n" for line in text.splitlines() if line.lstrip().startswith("#"))
    path.write_text(format_holidays(rows + added, comments), encoding="utf-8")
    return added
