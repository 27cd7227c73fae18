"""The rota's rules (domain/rota.py) and its CSV file (domain/rota_csv.py): pure, no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from hall_app.domain.errors import InvalidInput
from hall_app.domain.rota import (
    DEFAULT_PERIODS,
    Kind,
    Rota,
    Shift,
    default_rota,
    problems,
    with_staggered_breaks,
)
from hall_app.domain.rota_csv import (
    MAX_BYTES,
    MAX_ROWS,
    RotaCsvError,
    parse_minute,
    parse_rota_csv,
    to_csv,
)

EXAMPLE = """kind,staff_no,window,start,end
work,1001,1,08:30,12:00
break,1001,,10:00,10:15
backoffice,1033,,08:30,17:00
minimum,C,2,,
"""
STAFF = {"1001": frozenset({"A", "L"}), "1002": frozenset({"C"}), "1033": frozenset({"A"})}
WINDOWS = {1: ("L", "A"), 2: ("A", "C"), 3: ("C",)}


def test_the_documented_example_is_read() -> None:
    rota = parse_rota_csv(EXAMPLE.encode())
    assert rota.shifts == (
        Shift(Kind.WORK, "1001", 510, 720, 1),
        Shift(Kind.BREAK, "1001", 600, 615),
        Shift(Kind.BACK_OFFICE, "1033", 510, 1020),
    )
    assert rota.minimums == {"C": 2}


def test_the_example_of_docs_rota_md_is_read() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "rota.md").read_text(encoding="utf-8")
    example = doc.split("```csv\n", 1)[1].split("```", 1)[0]
    rota = parse_rota_csv(example.encode())
    assert len(rota.shifts) == 7 and rota.minimums == {"C": 2}
    assert to_csv(rota) == example


def test_a_bom_blank_lines_and_comments_are_fine() -> None:
    data = "\ufeff# 排班\n" + EXAMPLE.replace("\n", "\r\n") + "\n\n"
    assert parse_rota_csv(data.encode()) == parse_rota_csv(EXAMPLE.encode())


def test_every_bad_line_is_named_in_chinese() -> None:
    text = (
        EXAMPLE
        + "lunch,1001,,12:00,13:00\n"  # line 6
        + "work,1001,,13:30,17:00\n"  # 7: a work row without a window
        + "break,1001,3,15:00,15:15\n"  # 8: a break with a window
        + "work,1002,2,13:30,25:00\n"  # 9
        + "work,1002,2,14:00,13:30\n"  # 10
        + "minimum,C,x,,\n"  # 11
        + "minimum,C,1,,\n"  # 12: C again
        + "work,1002,2\n"  # 13
        + "work,10 02,2,08:30,09:00\n"  # 14
        + "break,1001,,10:00,10:00\n"  # 15: empty
        + "break,1001,,10:00,10:15,\n"  # 16: a sixth column
        + "minimum,D,100,,\n"  # 17
        + "minimum,E,1,08:30,\n"  # 18: a time on a minimum
    )
    with pytest.raises(RotaCsvError) as caught:
        parse_rota_csv(text.encode())
    lines = caught.value.lines
    assert [line.split("：")[0] for line in lines] == [f"第 {n} 行" for n in range(6, 19)]
    assert "类型「lunch」不正确" in lines[0]
    assert "窗口号「」应为" in lines[1]
    assert "窗口号应留空" in lines[2]
    assert "时间「25:00」不正确" in lines[3]
    assert "结束时间 13:30 应晚于开始时间 14:00" in lines[4]
    assert "最少窗口数「x」" in lines[5]
    assert "业务类别 C 的最少窗口数重复" in lines[6]
    assert "应有 5 列，实有 3 列" in lines[7]
    assert "工号「10 02」不正确" in lines[8]
    assert "结束时间 10:00 应晚于开始时间 10:00" in lines[9]
    assert "应有 5 列，实有 6 列" in lines[10]
    assert "业务类别 D 的最少窗口数「100」应为 0–99 的整数" in lines[11]
    assert "最少窗口数一行的开始、结束时间应留空" in lines[12]
    assert parse_rota_csv(b"kind,staff_no,window,start,end\nminimum,D,99,,\n").minimums == {"D": 99}
    assert "第 6 行" in str(caught.value)


def test_whole_file_refusals() -> None:
    with pytest.raises(InvalidInput, match="表头应为"):
        parse_rota_csv(b"kind,staff,window,start,end\n")
    with pytest.raises(InvalidInput, match="空的"):
        parse_rota_csv(b"\n# nothing\n")
    with pytest.raises(InvalidInput, match="UTF-8"):
        parse_rota_csv("kind,staff_no,window,start,end\nwork,王,1,08:30,09:00\n".encode("gbk"))
    header = b"kind,staff_no,window,start,end\n"
    comments = (b"#" * 99 + b"\n") * ((MAX_BYTES - len(header)) // 100)
    full = header + comments + b"#" * ((MAX_BYTES - len(header)) % 100)
    assert len(full) == MAX_BYTES and parse_rota_csv(full).shifts == ()
    with pytest.raises(InvalidInput, match="过大"):
        parse_rota_csv(full + b"#")
    assert len(EXAMPLE.encode()) + 40 * MAX_ROWS < MAX_BYTES  # the row limit can be reached
    rows = "kind,staff_no,window,start,end\n" + "break,1001,,10:00,10:15\n" * MAX_ROWS
    assert len(parse_rota_csv(rows.encode()).shifts) == MAX_ROWS
    with pytest.raises(InvalidInput, match=f"超过 {MAX_ROWS} 行"):
        parse_rota_csv((rows + "break,1001,,10:00,10:15\n").encode())


def test_times() -> None:
    assert parse_minute("08:30") == 510
    assert parse_minute("8:05") == 485
    assert parse_minute("24:00") == 1440
    assert [parse_minute(t) for t in ("24:01", "08:60", "0830", "", "08:3")] == [None] * 5


def test_export_then_import_round_trips() -> None:
    rota = with_staggered_breaks(
        default_rota({1: "1001", 2: "1002"}, ["1033"], DEFAULT_PERIODS, {"C": 1}), WINDOWS
    )
    assert parse_rota_csv(to_csv(rota).encode()) == rota
    assert to_csv(parse_rota_csv(EXAMPLE.encode())) == EXAMPLE


def _rota(*shifts: Shift, **minimums: int) -> Rota:
    return Rota(shifts, minimums)


W, B = Kind.WORK, Kind.BREAK


def test_problems_name_unknown_staff_and_windows() -> None:
    rota = _rota(Shift(W, "9999", 510, 720, 1), Shift(W, "1002", 510, 720, 7))
    assert problems(rota, WINDOWS, STAFF) == ["工号 9999 不存在", "工号 1002 的上岗窗口 7 不存在"]


def test_overlaps_touching_shifts_do_not() -> None:
    touching = _rota(Shift(W, "1001", 510, 720, 1), Shift(W, "1033", 720, 800, 1))
    assert problems(touching, WINDOWS, STAFF) == []
    assert problems(Rota(touching.shifts[::-1]), WINDOWS, STAFF) == []
    same_window = _rota(Shift(W, "1001", 510, 720, 1), Shift(W, "1033", 719, 800, 1))
    assert problems(same_window, WINDOWS, STAFF) == ["1号窗口在 11:59 同时排了 1001 和 1033"]
    two_places = _rota(Shift(W, "1001", 510, 720, 1), Shift(W, "1001", 600, 700, 2))
    assert problems(two_places, WINDOWS, STAFF) == ["工号 1001 在 10:00 同时排在两处"]


def test_a_break_outside_its_shift() -> None:
    rota = _rota(Shift(W, "1001", 510, 720, 1), Shift(B, "1001", 715, 730))
    assert problems(rota, WINDOWS, STAFF) == ["工号 1001 的休息 11:55–12:10 不在其上岗时段内"]
    inside = _rota(Shift(W, "1001", 510, 720, 1), Shift(B, "1001", 705, 720))
    assert problems(inside, WINDOWS, STAFF) == []


def test_a_person_must_be_qualified_for_a_lane_of_their_window() -> None:
    rota = _rota(Shift(W, "1002", 510, 720, 1), Shift(W, "1001", 510, 720, 2))
    assert problems(rota, WINDOWS, STAFF) == []  # without the windows' lanes, not checked
    assert problems(rota, WINDOWS, STAFF, WINDOWS) == [
        "工号 1002 不具备1号窗口任一业务类别（A、L）的办理资格"
    ]


def test_staggered_breaks_never_leave_a_lane_without_a_window() -> None:
    lanes = {1: ("L", "A"), 2: ("A", "L"), 3: ("A", "C"), 4: ("C",), 5: ("C",), 6: ("A",)}
    clerks = {w: f"10{w:02d}" for w in lanes}
    rota = with_staggered_breaks(default_rota(clerks, [], DEFAULT_PERIODS, {"C": 2}), lanes)
    for staff_no in clerks.values():
        assert [b.end - b.start for b in rota.breaks(staff_no)] == [15, 15]
    for minute in [*range(510, 720), *range(810, 1020)]:
        open_ = rota.at_windows(minute)
        for lane in ("L", "A", "C"):
            assert any(lane in lanes[w] for w in open_), (lane, minute)
        assert sum("C" in lanes[w] for w in open_) >= 2, minute
    assert rota.staff_minutes() == len(clerks) * (2 * 210 - 30)
    mornings = [rota.breaks(staff_no)[0].start for staff_no in clerks.values()]
    assert len(set(mornings)) == len(clerks)  # spread: one window away at a time here
    assert mornings[0] == 600  # the earliest when it makes no difference


def test_a_lane_that_cannot_spare_a_window_keeps_it() -> None:
    lanes = {1: ("A",), 2: ("A",), 3: ("C",), 4: ("C",), 5: ("C",)}
    clerks = {w: f"10{w:02d}" for w in lanes}
    one_slot = ((600,), (900,))
    rota = with_staggered_breaks(
        default_rota(clerks, [], DEFAULT_PERIODS, {"C": 2}), lanes, one_slot
    )
    assert [len(rota.breaks(staff_no)) for staff_no in clerks.values()] == [2, 0, 2, 0, 0]
