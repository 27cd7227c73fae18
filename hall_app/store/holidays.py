"""The holidays the app ships: ``resources/holidays/cn_holidays.csv``, a reviewed file (issue 17).

Rows are ``date,kind,name`` (kind ``holiday`` or ``workday``, a make-up working day 调休上班);
lines starting with ``#`` are comments. The migrations load it (0002 for a new database, 0024
for one seeded from whatever chinesecalendar was installed): the database's ``package`` rows
become the file's rows; days an admin entered (``source = 'admin'``) are left alone.
docs/holidays.md says how a year is added and reviewed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hall_app import paths
from hall_app.domain.errors import InvalidInput

KINDS = ("holiday", "workday")
HEADER = ["date", "kind", "name"]

_days = sa.table(
    "calendar_day",
    sa.column("day", sa.Date),
    sa.column("kind", sa.String),
    sa.column("name", sa.String),
    sa.column("source", sa.String),
)
_years = sa.table("calendar_year", sa.column("year", sa.Integer), sa.column("source", sa.String))


@dataclass(frozen=True, order=True)
class HolidayRow:
    day: dt.date
    kind: str
    name: str


def shipped_file() -> Path:
    return paths.resources_dir() / "holidays" / "cn_holidays.csv"


def parse_holidays(text: str, source: str = "cn_holidays.csv") -> list[HolidayRow]:
    """The rows of a holiday file, sorted by day; a malformed line is an :class:`InvalidInput`
    naming the file and line."""
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines or next(csv.reader([lines[0][1]])) != HEADER:
        raise InvalidInput(f"节假日文件 {source} 的第一行（除注释外）应为 date,kind,name")
    rows: dict[dt.date, HolidayRow] = {}
    for (number, line), fields in zip(
        lines[1:], csv.reader(io.StringIO("\n".join(line for _, line in lines[1:]))), strict=True
    ):
        if len(fields) != 3:
            raise InvalidInput(f"节假日文件 {source} 第 {number} 行应有 3 列：{line}")
        text_day, kind, name = (field.strip() for field in fields)
        try:
            day = dt.date.fromisoformat(text_day)
        except ValueError:
            raise InvalidInput(
                f"节假日文件 {source} 第 {number} 行的日期「{text_day}」格式不正确"
            ) from None
        if kind not in KINDS:
            raise InvalidInput(
                f"节假日文件 {source} 第 {number} 行的类型应为 holiday 或 workday：{kind}"
            )
        if day in rows:
            raise InvalidInput(f"节假日文件 {source} 第 {number} 行：{day} 重复登记")
        rows[day] = HolidayRow(day, kind, name)
    return sorted(rows.values())


def read_holidays(path: Path | None = None) -> list[HolidayRow]:
    path = path or shipped_file()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"无法读取节假日文件 {path}：{exc}") from None
    return parse_holidays(text, str(path))


def format_holidays(rows: list[HolidayRow], comments: str = "") -> str:
    """The file text for ``rows`` (sorted), after the ``#`` comment lines ``comments``."""
    out = io.StringIO()
    out.write(comments)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in sorted(rows):
        writer.writerow([row.day.isoformat(), row.kind, row.name])
    return out.getvalue()


def file_years(rows: list[HolidayRow]) -> range:
    """The years the file covers completely: from its first year to its last."""
    if not rows:
        return range(0)
    return range(rows[0].day.year, rows[-1].day.year + 1)


@dataclass(frozen=True)
class SyncReport:
    added: int
    changed: int
    removed: int
    years_added: int


def load_shipped(conn: Connection, rows: list[HolidayRow]) -> SyncReport:
    """Make the database's ``package`` days equal to ``rows`` (core SQL, for migrations):
    a day the file lacks is removed, a day that differs is corrected, a missing one added; a
    day an admin entered wins over the file. Every year of the file is marked complete."""
    have = {
        day: (kind, name, source)
        for day, kind, name, source in conn.execute(
            sa.select(_days.c.day, _days.c.kind, _days.c.name, _days.c.source)
        )
    }
    wanted = {row.day: row for row in rows}
    stale = [
        day for day, (_, _, source) in have.items() if source == "package" and day not in wanted
    ]
    new = [row for day, row in wanted.items() if day not in have]
    changed = [
        row
        for day, row in wanted.items()
        if day in have and have[day][2] == "package" and have[day][:2] != (row.kind, row.name)
    ]
    if stale:
        conn.execute(sa.delete(_days).where(_days.c.day.in_(stale)))
    for row in changed:
        conn.execute(
            sa.update(_days).where(_days.c.day == row.day).values(kind=row.kind, name=row.name)
        )
    if new:
        conn.execute(
            sa.insert(_days),
            [{"day": r.day, "kind": r.kind, "name": r.name, "source": "package"} for r in new],
        )
    known = set(conn.scalars(sa.select(_years.c.year)))
    years = [{"year": y, "source": "package"} for y in file_years(rows) if y not in known]
    if years:
        conn.execute(sa.insert(_years), years)
    return SyncReport(len(new), len(changed), len(stale), len(years))
