"""Migration 0024: the holidays come from the reviewed file the app ships, not from the
chinesecalendar version installed when 0002 ran. A database seeded from the package (1.11.0,
pinned until now) keeps exactly its days; one seeded from another version gets the file's
days; days an admin entered are kept."""

from __future__ import annotations

import datetime as dt

from chinese_calendar import constants
from sqlalchemy import select

from hall_app.services.calendar import PACKAGE_NAMES
from hall_app.store.db import Database
from hall_app.store.holidays import read_holidays
from hall_app.store.models import CalendarDay, CalendarYear
from tests._migration import upgrade_holding


def _package_seed() -> list[str]:
    """What 0002 wrote before this change: the installed package's days and years."""
    values = [
        f"('{day.isoformat()}', '{kind}', '{PACKAGE_NAMES[str(name)]}', 'package')"
        for kind, days in (("holiday", constants.holidays), ("workday", constants.workdays))
        for day, name in sorted(days.items())
    ]
    return [
        "DELETE FROM calendar_day",
        "DELETE FROM calendar_year",
        "INSERT INTO calendar_day (day, kind, name, source) VALUES " + ", ".join(values),
        "INSERT INTO calendar_year (year, source) VALUES "
        + ", ".join(f"({y}, 'package')" for y in range(2004, 2027)),
    ]


def _days(db: Database) -> dict[dt.date, tuple[str, str, str]]:
    with db.read() as s:
        return {r.day: (r.kind, r.name, r.source) for r in s.scalars(select(CalendarDay))}


def test_a_database_seeded_from_the_pinned_package_keeps_its_days(empty_url: str) -> None:
    rows = [
        *_package_seed(),
        "INSERT INTO calendar_day (day, kind, name, source) "
        "VALUES ('2027-01-01', 'holiday', '元旦', 'admin')",
        "INSERT INTO calendar_year (year, source) VALUES (2027, 'admin')",
    ]
    db = upgrade_holding(empty_url, "0024", rows)
    try:
        days = _days(db)
        expected = {r.day: (r.kind, r.name, "package") for r in read_holidays()}
        assert days == expected | {dt.date(2027, 1, 1): ("holiday", "元旦", "admin")}
        with db.read() as s:
            years = {y: src for y, src in s.execute(select(CalendarYear.year, CalendarYear.source))}
        assert years == {y: "package" for y in range(2004, 2027)} | {2027: "admin"}
    finally:
        db.dispose()


def test_a_database_seeded_from_another_version_gets_the_files_days(empty_url: str) -> None:
    """As if 0002 had run with an older package (no 2026, a day named differently, a stray
    day) on a hall whose admin had entered days of their own."""
    rows = [
        *_package_seed(),
        "DELETE FROM calendar_day WHERE day >= '2026-01-01' AND day <> '2026-10-10'",
        "DELETE FROM calendar_year WHERE year = 2026",
        "UPDATE calendar_day SET name = 'Mid-autumn Festival' WHERE day = '2025-10-06'",
        "UPDATE calendar_day SET kind = 'holiday', source = 'admin' WHERE day = '2026-10-10'",
        "INSERT INTO calendar_day (day, kind, name, source) "
        "VALUES ('2025-12-31', 'holiday', '', 'package'), ('2026-12-31', 'holiday', '除夕', 'admin')",
    ]
    db = upgrade_holding(empty_url, "0024", rows)
    try:
        days = _days(db)
        shipped = {r.day: (r.kind, r.name, "package") for r in read_holidays()}
        admin = {
            dt.date(2026, 10, 10): ("holiday", "国庆节", "admin"),  # the admin's choice stands
            dt.date(2026, 12, 31): ("holiday", "除夕", "admin"),
        }
        assert days == shipped | admin
        assert days[dt.date(2025, 10, 6)] == ("holiday", "中秋节", "package")
        assert dt.date(2025, 12, 31) not in days
        with db.read() as s:
            assert s.get_one(CalendarYear, 2026).source == "package"
    finally:
        db.dispose()
