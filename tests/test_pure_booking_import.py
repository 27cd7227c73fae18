"""Pure tests of the booking import's limits and exact messages (complements test_booking_import)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hall_app.domain import booking_import as bi
from hall_app.domain.booking_import import parse_bookings, read_limited
from hall_app.domain.errors import InvalidInput

TODAY = dt.date(2026, 11, 25)
ID = "11010519491231002X"
HEADER = "code,name,id_number,phone,item_code,date,slot"


def record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "code": "AB12",
        "name": "张三",
        "id_number": ID,
        "phone": "13800138000",
        "item_code": "A01",
        "date": "2026-11-26",
        "slot": "09:30",
    }
    base.update(fields)
    return base


def parse_json(*records: object) -> bi.ParsedBookings:
    return parse_bookings(json.dumps(list(records)).encode(), "b.json", TODAY)


def reason(**fields: object) -> str:
    parsed = parse_json(record(**fields))
    assert parsed.rows == ()
    (problem,) = parsed.problems
    return problem.reason


def refused(data: bytes, name: str = "b.json") -> str:
    with pytest.raises(InvalidInput) as exc:
        parse_bookings(data, name, TODAY)
    return exc.value.message


def test_a_good_row_exactly() -> None:
    parsed = parse_json(record(code=" ab-12 ", slot="09:00 - 09:30", phone=1_3800_138_000))
    assert parsed.problems == ()
    assert parsed.encoding == "utf-8"
    assert parsed.rows == (
        bi.BookingRow(
            row=1,
            code="AB-12",
            name="张三",
            id_number=ID,
            phone="13800138000",
            item_code="A01",
            day=dt.date(2026, 11, 26),
            slot=dt.time(9, 0),
        ),
    )


def test_file_size_limit_is_inclusive() -> None:
    padding = b" " * (bi.MAX_BYTES - 2)
    assert refused(b"[]" + padding) == "文件中没有预约记录"
    assert refused(b"[]" + padding + b" ") == (
        "文件过大（5120 KB，最多 5120 KB），请按日期分成几个文件导入"
    )


def test_read_limited(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes(b"x" * bi.MAX_BYTES)
    assert len(read_limited(path)) == bi.MAX_BYTES
    path.write_bytes(b"x" * (bi.MAX_BYTES + 1))
    with pytest.raises(InvalidInput) as exc:
        read_limited(path)
    assert exc.value.message == "文件过大（超过 5120 KB），请按日期分成几个文件导入"


def test_record_count_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bi, "MAX_RECORDS", 2)
    two = [record(code="AB01"), record(code="AB02")]
    assert len(parse_json(*two).rows) == 2
    assert refused(json.dumps([*two, record(code="AB03")]).encode()) == (
        "文件中有 3 条记录，一次最多导入 2 条"
    )
    rows = "\n".join(f"AB0{n},张三,{ID},13800138000,A01,2026-11-26,09:30" for n in range(1, 3))
    assert len(parse_bookings(f"{HEADER}\n{rows}\n".encode(), "b.csv", TODAY).rows) == 2
    rows += f"\nAB03,张三,{ID},13800138000,A01,2026-11-26,09:30"
    assert refused(f"{HEADER}\n{rows}\n".encode(), "b.csv") == (
        "文件中的记录超过 2 条，一次最多导入 2 条"
    )


def test_json_depth_limit() -> None:
    inner = "[" * 6 + "]" * 6  # the list of bookings holds a depth-7 value: 8 in all
    assert bi._max_depth(f'[{{"x": {inner}}}]') == 8
    assert bi._max_depth('["[[[[", {"a": "}}"}]') == 2
    assert len(parse_bookings(f'[{{"x": {inner}}}]'.encode(), "b.json", TODAY).problems) == 1
    assert refused(f'[{{"x": [{inner}]}}]'.encode()) == "JSON 嵌套层次过深（9 层，最多 8 层）"


def test_json_integers_of_sane_length() -> None:
    assert bi._json_int("9" * 20) == int("9" * 20)
    assert bi._json_int("-" + "9" * 20) == -int("9" * 20)
    assert bi._json_int("9" * 21) == "9" * 21
    assert (
        reason(phone=1_3800_138_000_0)
        == "电话号码「138001380000」格式不正确：手机号应为1开头的11位数字，座机如 023-74681234"
    )


def test_json_values_that_are_not_text() -> None:
    assert reason(name=True, phone=None, slot=[1]) == (
        "姓名（name）应为文本；缺少手机号；时段（slot）应为文本"
    )
    assert parse_json("x").problems == (
        bi.RowProblem(1, '这一条不是对象，应为 {"code": ..., "name": ..., ...}'),
    )


def test_excel_keep_as_text_cells() -> None:
    (row,) = parse_json(record(id_number=f'="{ID}"', code='=" ab12 "')).rows
    assert (row.id_number, row.code) == (ID, "AB12")


def test_shown_values_are_cut_and_masked() -> None:
    long = "A" * 30
    assert reason(code=long) == f"预约码「{'A' * 23}…」格式不正确：应为4-16位字母、数字或连字符"
    assert reason(code="A" * 17) == f"预约码「{'A' * 17}」格式不正确：应为4-16位字母、数字或连字符"
    assert bi._shown("B" * 24) == "B" * 24
    assert bi._shown("B" * 25) == "B" * 23 + "…"
    assert bi._mask_ids(f"x{ID}y") == "x110105********002Xy"
    assert bi._mask_ids("110105491231002") == "110105*****1002"


def test_codes_of_4_and_16_are_fine() -> None:
    assert parse_json(record(code="A" * 4)).rows[0].code == "AAAA"
    assert parse_json(record(code="A" * 16)).rows[0].code == "A" * 16


def test_slot_rules_exactly() -> None:
    assert reason(slot="09:30-09:30") == "时段 09:30-09:30 的结束时间应晚于开始时间"
    assert parse_json(record(slot="09:30至10:00")).rows[0].slot == dt.time(9, 30)
    assert reason(slot="09:30-24:00") == "时段 09:30-24:00 中的时间不存在"
    assert reason(slot="05:59") == "时段开始时间 05:59 应为整点或半点（分钟为 00 或 30）"
    assert parse_json(record(slot="06:00")).rows[0].slot == dt.time(6, 0)
    assert parse_json(record(slot="20:00")).rows[0].slot == dt.time(20, 0)


def test_dates_and_duplicates() -> None:
    assert parse_json(record(date="2026-11-25")).rows[0].day == TODAY
    assert reason(date="2026-11-24") == "预约日期已过（2026-11-24）"
    parsed = parse_json(record(), record(code="ab12"))
    assert parsed.problems == (bi.RowProblem(2, "预约码 AB12 在第 1 行已出现"),)
    assert str(parsed.problems[0]) == "第 2 行：预约码 AB12 在第 1 行已出现"


def test_landline_and_id_masked_in_phone_reason() -> None:
    assert reason(phone="023-74681234") == (
        "预约须填写手机号码（1开头的11位数字），不接受座机号码 023-74681234"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("b.xls", "不支持的文件类型「.xls」，请使用 .csv 或 .json；Excel 文件请先另存为 CSV"),
        ("b.et", "不支持的文件类型「.et」，请使用 .csv 或 .json；Excel 文件请先另存为 CSV"),
        ("b.txt", "不支持的文件类型「.txt」，请使用 .csv 或 .json"),
        ("b", "不支持的文件类型（文件名没有扩展名），请使用 .csv 或 .json"),
    ],
)
def test_file_kinds(name: str, message: str) -> None:
    assert refused(b"[]", name) == message


def test_file_level_messages() -> None:
    assert refused(b"[1,", "b.json") == (
        "JSON 格式错误：第 1 行第 4 列附近有语法错误（缺少逗号、引号或括号？）"
    )
    assert (
        refused(b'{"a": 1}')
        == 'JSON 文件应为预约记录的列表 [ {...}, ... ]，或 {"bookings": [ ... ]}'
    )
    assert refused(b"code,name\n1,2\n", "b.csv") == (
        "CSV 表头缺少必需的列：身份证号（id_number）、手机号（phone）、事项编码（item_code）、"
        "预约日期（date）、时段（slot）；第一行应为列名，如 code,name,id_number,phone,item_code,date,slot"
    )
    assert refused(f"{HEADER},CODE\n".encode(), "b.csv") == "表头中「预约码」（code）列出现了两次"
    gbk = parse_bookings(
        f"{HEADER}\nAB12,张三,{ID},13800138000,A01,2026-11-26,09:30\n".encode("gbk"), "b.csv", TODAY
    )
    assert (gbk.encoding, gbk.rows[0].row) == ("gbk", 2)
    assert (
        parse_bookings(
            b"\xef\xbb\xbf[" + json.dumps(record()).encode() + b"]", "b.json", TODAY
        ).encoding
        == "utf-8-sig"
    )


def test_a_quoted_csv_cell_keeps_its_line_break_and_a_second_bom_is_dropped() -> None:
    row = '"AB\r\nCD",张三,11010519491231002X,13800138000,A01,2026-11-26,09:30\r\n'
    parsed = parse_bookings(f"{HEADER}\r\n{row}".encode(), "b.csv", TODAY)
    (problem,) = parsed.problems
    assert problem.row == 2 and "「AB\r\nCD」" in problem.reason
    good = row.replace('"AB\r\nCD"', "AB12")
    twice = "\ufeff\ufeff" + HEADER + "\r\n" + good  # a BOM added by two tools in turn
    parsed = parse_bookings(twice.encode(), "b.csv", TODAY)
    assert parsed.problems == () and [r.code for r in parsed.rows] == ["AB12"]
