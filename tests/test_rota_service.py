"""The rota service (issue 19 §2) on the demo hall, SQLite and PostgreSQL: the default rota,
saving with the hall's checks, CSV import and export, and the staffing changes of the day."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from hall_app.domain.errors import InvalidInput, NotFound
from hall_app.domain.roles import Denied
from hall_app.domain.rota import Kind, Shift
from hall_app.domain.rota_csv import RotaCsvError, parse_rota_csv
from hall_app.services.hall import Hall
from hall_app.services.rota import DEFAULT_NOTE
from hall_app.store import models as m
from tests.conftest import login

DEMO_CSV = Path(__file__).resolve().parents[1] / "resources" / "rota" / "demo_rota.csv"
MONDAY = dt.date(2026, 11, 30)
FIGURES = {"p95_without": [52, 47, 58], "p95_with": [31, 27, 36], "staff_minutes": 105}


def _audits(hall: Hall, action: str) -> list[dict[str, object]]:
    with hall.db.read() as s:
        rows = s.scalars(select(m.AuditEntry.detail).where(m.AuditEntry.action == action))
        return [json.loads(d) for d in rows]


def test_the_default_rota_is_the_shipped_demo_file(hall: Hall) -> None:
    rota = hall.rota.day(MONDAY)
    assert rota.note == DEFAULT_NOTE
    assert hall.rota.export_csv(MONDAY) == DEMO_CSV.read_text(encoding="utf-8")
    assert rota.at_windows(9 * 60)[1] == "1001" and len(rota.at_windows(9 * 60)) == 32
    assert rota.back_office(9 * 60) == ["1033", "1034"]
    assert rota.minimums == dict.fromkeys("ABCDEFGHKP", 1)  # not L, the green lane
    assert rota.breaks("1001") == [
        Shift(Kind.BREAK, "1001", 600, 615),
        Shift(Kind.BREAK, "1001", 900, 915),
    ]
    assert rota.staff_minutes() == 32 * (2 * 210 - 30)
    assert hall.rota.check(rota) == []


def test_save_is_checked_and_audited(hall: Hall) -> None:
    supervisor = login(hall, "3001")
    rota = hall.rota.day(MONDAY).with_break_moved("1001", 600, 630)
    saved = hall.rota.save(supervisor, MONDAY, rota)
    assert saved.note == "" and hall.rota.day(MONDAY) == saved
    assert hall.rota.day(MONDAY).breaks("1001")[0].start == 630
    assert _audits(hall, "rota_save")[-1]["date"] == "2026-11-30"
    bad = replace(saved, shifts=(*saved.shifts, Shift(Kind.WORK, "1034", 540, 600, 11)))
    # 1034 is not qualified for lane C, and window 11 is 1011's
    with pytest.raises(InvalidInput) as refused:
        hall.rota.save(supervisor, MONDAY, bad)
    assert "工号 1034 不具备11号窗口任一业务类别（C）的办理资格" in str(refused.value)
    assert "11号窗口在 09:00 同时排了 1011 和 1034" in str(refused.value)
    assert hall.rota.day(MONDAY) == saved  # nothing lost


def test_import_and_export_round_trip_and_a_bad_file_changes_nothing(
    hall: Hall, tmp_path: Path
) -> None:
    supervisor = login(hall, "3001")
    path = tmp_path / "rota.csv"
    path.write_text(
        "kind,staff_no,window,start,end\n"
        "work,1011,11,08:30,12:00\nbreak,1011,,10:00,10:20\n"
        "backoffice,1033,,08:30,12:00\nminimum,C,2,,\n",
        encoding="utf-8-sig",
    )
    rota = hall.rota.import_csv(supervisor, MONDAY, path)
    assert hall.rota.day(MONDAY) == rota and rota.minimums["C"] == 2
    assert hall.rota.day(MONDAY).minimums["A"] == 1  # the hall's default for the others
    assert parse_rota_csv(hall.rota.export_csv(MONDAY).encode()) == hall.rota.day(MONDAY)
    assert _audits(hall, "rota_import")[-1]["file"] == "rota.csv"
    path.write_text(
        "kind,staff_no,window,start,end\nwork,1011,11,08:30,12:00\nwork,9999,40,08:30,09:00\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match="工号 9999 不存在"):
        hall.rota.import_csv(supervisor, MONDAY, path)
    path.write_text("kind,staff_no,window,start,end\nwork,1011,11,8.30,12:00\n")
    with pytest.raises(RotaCsvError, match=r"第 2 行：时间「8\.30」不正确"):
        hall.rota.import_csv(supervisor, MONDAY, path)
    assert hall.rota.day(MONDAY) == rota


def test_a_clerk_may_not_save_or_call_in(hall: Hall, tmp_path: Path) -> None:
    clerk = login(hall, "1011", 11)
    with pytest.raises(Denied):
        hall.rota.save(clerk, MONDAY, hall.rota.day(MONDAY))
    with pytest.raises(Denied):
        hall.rota.call_in(clerk, "1033", 11, 600, {}, "x")
    with hall.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.RotaDay)) == 0


def test_call_in_close_and_move_break_change_today_and_are_logged(hall: Hall) -> None:
    supervisor = login(hall, "3001")
    today = hall.ctx.today()
    # close window 11 at 09:30: 1011 goes to the back office until 12:00, her break dropped
    assert hall.rota.day(today).note == DEFAULT_NOTE
    rota = hall.rota.close_window(supervisor, 11, 570, FIGURES, "社保窗口空闲")
    assert rota.note == "" and hall.rota.day(today) == rota  # stored from now on
    assert 11 not in rota.at_windows(600) and "1011" in rota.back_office(600)
    assert rota.breaks("1011") == [Shift(Kind.BREAK, "1011", 945, 960)]  # 10:45 dropped
    # call 1033 (in the back office, qualified for C) to window 11 at 10:00 until 12:00
    rota = hall.rota.call_in(supervisor, "1033", 11, 600, FIGURES, "社保排队变长")
    assert rota.at_windows(630)[11] == "1033" and rota.at_windows(12 * 60) == {}
    assert "1033" not in rota.back_office(630) and "1033" in rota.back_office(13 * 60 + 40)
    rota = hall.rota.move_break(supervisor, "1012", 660, 690, FIGURES, "错开休息")
    assert [b.start for b in rota.breaks("1012")] == [690, 960]
    assert hall.rota.day(today) == rota
    changes = hall.rota.changes(today)
    assert [(c.kind, c.staff_no, c.window, c.from_minute, c.to_minute) for c in changes] == [
        ("close", "1011", 11, 570, 720),
        ("call_in", "1033", 11, 600, 720),
        ("move_break", "1012", None, 660, 690),
    ]
    assert changes[1].figures == FIGURES and changes[1].by == "3001"
    assert changes[1].reason == "社保排队变长"
    assert _audits(hall, "staffing_call_in")[-1]["figures"] == FIGURES
    assert hall.rota.changes(MONDAY) == []


def test_staffing_changes_refused_with_a_reason(hall: Hall) -> None:
    supervisor = login(hall, "3001")
    with pytest.raises(InvalidInput, match="工号 1011 在 10:00 不在后台"):
        hall.rota.call_in(supervisor, "1011", 12, 600, {}, "x")
    with pytest.raises(InvalidInput, match="11号窗口在 10:00 已有人上岗"):
        hall.rota.call_in(supervisor, "1033", 11, 600, {}, "x")
    hall.rota.close_window(supervisor, 11, 570, {}, "空闲")
    with pytest.raises(InvalidInput, match="不具备11号窗口"):
        hall.rota.call_in(supervisor, "1034", 11, 600, {}, "x")  # 1034: no lane C
    with pytest.raises(InvalidInput, match="12:30 无人上岗"):
        hall.rota.close_window(supervisor, 12, 750, {}, "午休")
    with pytest.raises(NotFound, match="没有 10:05 开始的休息"):
        hall.rota.move_break(supervisor, "1012", 605, 690, {}, "x")
    with pytest.raises(InvalidInput, match="不在其上岗时段内"):
        hall.rota.move_break(supervisor, "1012", 660, 715, {}, "x")  # past 12:00
    with pytest.raises(InvalidInput, match="请填写调整原因"):
        hall.rota.move_break(supervisor, "1012", 660, 630, {}, " ")
    assert [c.kind for c in hall.rota.changes(hall.ctx.today())] == ["close"]


def test_the_hall_default_minimums(hall: Hall) -> None:
    admin = login(hall, "9001")
    hall.settings.set(admin, "rota.min_windows", "2")
    assert hall.rota.day(MONDAY).minimums["A"] == 2
    hall.rota.set_default_minimums(admin, {"C": 3})
    minimums = hall.rota.day(MONDAY).minimums
    assert (minimums["C"], minimums["D"]) == (3, 2)
    with pytest.raises(NotFound):
        hall.rota.set_default_minimums(admin, {"Z": 1})


def test_closing_during_a_break_and_as_one_starts(hall: Hall) -> None:
    supervisor = login(hall, "3001")
    rota = hall.rota.close_window(supervisor, 12, 665, {}, "空闲")  # 1012's break: 11:00–11:15
    assert rota.breaks("1012") == [
        Shift(Kind.BREAK, "1012", 660, 665),  # cut where the window closed
        Shift(Kind.BREAK, "1012", 960, 975),
    ]
    rota = hall.rota.close_window(supervisor, 13, 675, {}, "空闲")  # as 1013's 11:15 break starts
    assert rota.breaks("1013") == [Shift(Kind.BREAK, "1013", 975, 990)]
    assert "1013" in rota.back_office(690)


def test_two_clerks_with_one_default_window(hall: Hall) -> None:
    with hall.db.write() as s:
        s.execute(update(m.Staff).where(m.Staff.staff_no == "1033").values(default_window=1))
    rota = hall.rota.day(MONDAY)
    assert rota.at_windows(540)[1] == "1001" and "1033" in rota.back_office(540)
