"""The holidays the app ships (resources/holidays/cn_holidays.csv, issue 17): the reviewed
years are the State Council's notices day by day; the file is read strictly; ``hall-app
calendar diff`` lists where the installed chinesecalendar disagrees, and ``add-year`` copies a
year of the package into the file for review."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hall_app.domain.errors import InvalidInput
from hall_app.services.calendar import add_package_year, compare_holidays, package_holidays
from hall_app.store.holidays import (
    HolidayRow,
    file_years,
    format_holidays,
    parse_holidays,
    read_holidays,
    shipped_file,
)
from tests.cli_login import run_cli
from tests.test_domain_deadlines import HOLIDAYS_2025, HOLIDAYS_2026, MAKE_UP_2025, MAKE_UP_2026

D = dt.date


def _of(year: int, kind: str) -> set[dt.date]:
    return {r.day for r in read_holidays() if r.day.year == year and r.kind == kind}


def test_2025_and_2026_are_the_state_councils_notices() -> None:
    """国办发明电〔2024〕12号 and 国办发明电〔2025〕7号, as written by hand in the deadline tests."""
    assert _of(2025, "holiday") == HOLIDAYS_2025 and _of(2025, "workday") == MAKE_UP_2025
    assert _of(2026, "holiday") == HOLIDAYS_2026 and _of(2026, "workday") == MAKE_UP_2026
    names = {r.day: r.name for r in read_holidays()}
    assert (names[D(2026, 2, 15)], names[D(2026, 9, 25)], names[D(2026, 10, 10)]) == (
        "春节",
        "中秋节",
        "国庆节",
    )


def test_the_file_is_sound() -> None:
    rows = read_holidays()
    assert file_years(rows) == range(2004, 2027)
    assert all(r.day.weekday() >= 5 for r in rows if r.kind == "workday")
    assert {r.day.year for r in rows if r.kind == "holiday"} == set(range(2004, 2027))
    # written back, the file is unchanged (add-year keeps its comments and order)
    text = shipped_file().read_text(encoding="utf-8")
    comments = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    assert format_holidays(rows, comments) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("day,kind,name\n", "第一行"),
        ("date,kind,name\n2026-02-30,holiday,春节\n", "第 2 行的日期「2026-02-30」"),
        ("# c\ndate,kind,name\n2026-01-01,off,元旦\n", "第 3 行的类型"),
        ("date,kind,name\n2026-01-01,holiday\n", "第 2 行应有 3 列"),
        ("date,kind,name\n2026-01-01,holiday,元旦\n2026-01-01,holiday,元旦\n", "重复登记"),
    ],
)
def test_a_malformed_file_is_refused_with_its_line(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_holidays(text)


def test_compare_lists_each_disagreeing_day() -> None:
    ours = [
        HolidayRow(D(2027, 1, 1), "holiday", "元旦"),
        HolidayRow(D(2027, 2, 6), "workday", "春节"),
    ]
    theirs = [
        HolidayRow(D(2027, 1, 1), "holiday", "元旦"),
        HolidayRow(D(2027, 2, 7), "workday", "春节"),
    ]
    differences = compare_holidays(ours, theirs)
    assert [(d.day, d.file, d.package) for d in differences] == [
        (D(2027, 2, 6), ("workday", "春节"), None),
        (D(2027, 2, 7), None, ("workday", "春节")),
    ]
    assert compare_holidays(ours, theirs, year=2026) == []


def test_diff_agrees_with_the_pinned_package_and_names_a_changed_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'unused.sqlite3'}"  # diff opens no database
    same = run_cli(monkeypatch, capsys, "calendar", "diff", "--json", url=url)
    assert same.code == 0 and json.loads(same.out)["differences"] == []
    edited = tmp_path / "cn_holidays.csv"
    edited.write_text(
        shipped_file()
        .read_text(encoding="utf-8")
        .replace("2026-10-10,workday,国庆节\n", "")
        .replace("2026-10-07,holiday,国庆节", "2026-10-07,holiday,国庆"),
        encoding="utf-8",
    )
    found = run_cli(monkeypatch, capsys, "calendar", "diff", "--file", str(edited), url=url)
    assert found.code == 1
    assert "2026-10-07  放假 国庆" in found.out and "共 2 天不一致" in found.out
    assert "2026-10-10  （无）" in found.out
    assert not (tmp_path / "unused.sqlite3").exists()


def test_add_year_copies_the_package_year_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = shipped_file().read_text(encoding="utf-8")
    path = tmp_path / "cn_holidays.csv"
    path.write_text(
        "".join(line + "\n" for line in text.splitlines() if not line.startswith("2026-")),
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    run = run_cli(monkeypatch, capsys, "calendar", "add-year", "2026", "--file", str(path), url=url)
    assert run.code == 0 and "（39 天）" in run.out
    assert path.read_text(encoding="utf-8") == text  # back to the reviewed file, comments too
    with pytest.raises(InvalidInput, match="已有 2026 年"):
        add_package_year(2026, path)
    _, package = package_holidays()
    if not any(r.day.year == 2031 for r in package):
        with pytest.raises(InvalidInput, match="没有 2031 年"):
            add_package_year(2031, path)
