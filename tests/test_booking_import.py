"""Reading the online platform's booking exports (CSV / JSON): pure, no Qt, no database."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hall_app.domain.booking_import import BookingRow, ParsedBookings, RowProblem, parse_bookings
from hall_app.domain.errors import InvalidInput

TODAY = dt.date(2026, 11, 25)
IDS = ("11010519491231002X", "440524188001010014", "34052419800101001X", "513101198201130014")
BAD_CHECKSUM = "110105194912310021"

HEADER = "code,name,id_number,phone,item_code,date,slot"
GOOD_CSV = (
    "\r\n".join(
        [
            HEADER,
            "ab12cd,张三,11010519491231002X,13800138000,11500231MB0123456X00001,2026-11-26,09:30",
            "EF34GH,李四,440524188001010014,139 1234 5678,B01,2026/12/01,14:00-14:30",
            "",
            "JK-567,欧阳娜娜,34052419800101001X,15012345678,11500231MB0123456X00002,2026-12-02,08:30",
        ]
    )
    + "\r\n"
)


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def row(
    code: str = "AB12CD",
    name: str = "张三",
    id_number: str = IDS[0],
    phone: str = "13800138000",
    item: str = "A01",
    date: str = "2026-11-26",
    slot: str = "09:30",
) -> str:
    return ",".join([code, name, id_number, phone, item, date, slot])


def parse_rows(*rows: str) -> ParsedBookings:
    return parse_bookings(csv_bytes(HEADER, *rows), "bookings.csv", TODAY)


def only_problem(*rows: str) -> RowProblem:
    parsed = parse_rows(*rows)
    assert parsed.rows == ()
    assert len(parsed.problems) == 1
    return parsed.problems[0]


def expected_good_rows() -> tuple[BookingRow, ...]:
    return (
        BookingRow(
            2,
            "AB12CD",
            "张三",
            IDS[0],
            "13800138000",
            "11500231MB0123456X00001",
            dt.date(2026, 11, 26),
            dt.time(9, 30),
        ),
        BookingRow(
            3, "EF34GH", "李四", IDS[1], "13912345678", "B01", dt.date(2026, 12, 1), dt.time(14, 0)
        ),
        # line 4 of the file is empty, so the third record is on line 5
        BookingRow(
            5,
            "JK-567",
            "欧阳娜娜",
            IDS[2],
            "15012345678",
            "11500231MB0123456X00002",
            dt.date(2026, 12, 2),
            dt.time(8, 30),
        ),
    )


# ------------------------------------------------------------------ good files


def test_good_csv_in_utf8_with_bom() -> None:
    parsed = parse_bookings(b"\xef\xbb\xbf" + GOOD_CSV.encode("utf-8"), "预约.csv", TODAY)
    assert parsed.encoding == "utf-8-sig"
    assert parsed.problems == ()
    assert parsed.rows == expected_good_rows()


def test_good_csv_in_plain_utf8() -> None:
    parsed = parse_bookings(GOOD_CSV.encode("utf-8"), "bookings.csv", TODAY)
    assert parsed.encoding == "utf-8"
    assert parsed.rows == expected_good_rows()


def test_good_csv_in_gbk_as_excel_saves_it() -> None:
    data = GOOD_CSV.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test really exercises the fallback
    parsed = parse_bookings(data, "BOOKINGS.CSV", TODAY)
    assert parsed.encoding == "gbk"
    assert parsed.problems == ()
    assert parsed.rows == expected_good_rows()


def test_chinese_headers_in_any_order_with_extra_columns() -> None:
    data = csv_bytes(
        "时段,序号,预约日期,事项编码,手机号,身份证号,姓名,预约码,备注",
        "09:00,1,2026-11-27,A01,13800138000,513101198201130014,王五,XY99,无",
        encoding="gbk",
    )
    parsed = parse_bookings(data, "export.csv", TODAY)
    assert parsed.problems == ()
    assert parsed.rows == (
        BookingRow(
            2, "XY99", "王五", IDS[3], "13800138000", "A01", dt.date(2026, 11, 27), dt.time(9, 0)
        ),
    )


def test_english_headers_are_case_insensitive_and_cells_stripped() -> None:
    data = csv_bytes(
        " Code , NAME,Id_Number,phone,item_code,date,slot",
        ' ab12 , 张三 ,="11010519491231002X",13800138000, A01 ,2026-11-26, 09:30 ',
    )
    (booking,) = parse_bookings(data, "b.csv", TODAY).rows
    assert (booking.code, booking.name, booking.id_number, booking.item_code, booking.slot) == (
        "AB12",
        "张三",
        IDS[0],
        "A01",
        dt.time(9, 30),
    )


def test_full_width_digits_and_short_excel_dates() -> None:
    parsed = parse_rows(
        row(
            id_number="１１０１０５１９４９１２３１００２Ｘ",
            phone="１３８００１３８０００",
            date="2026/12/1",
            slot="９：３０－１０：００",
        )
    )
    assert parsed.problems == ()
    (booking,) = parsed.rows
    assert (booking.id_number, booking.phone, booking.day, booking.slot) == (
        IDS[0],
        "13800138000",
        dt.date(2026, 12, 1),
        dt.time(9, 30),
    )


def test_a_quoted_field_over_two_lines_keeps_later_line_numbers() -> None:
    parsed = parse_rows(
        'AB12,"张三",' + IDS[0] + ',13800138000,"A01\n",2026-11-26,09:30',
        row(code="CD34", date="2026-11-01"),
    )
    assert parsed.rows[0].row == 2
    assert parsed.problems == (RowProblem(4, "预约日期已过（2026-11-01）"),)


def test_rows_of_empty_cells_are_skipped() -> None:
    parsed = parse_rows(",,,,,,", row(), " , ,,,,,")
    assert [r.row for r in parsed.rows] == [3]
    assert parsed.problems == ()


def json_records() -> list[dict[str, object]]:
    return [
        {
            "code": "ab12cd",
            "name": "张三",
            "id_number": IDS[0],
            "phone": "13800138000",
            "item_code": "A01",
            "date": "2026-11-26",
            "slot": "09:30",
            "channel": "app",
        },
        {
            "code": "EF34",
            "name": "李四",
            "id_number": IDS[1],
            "phone": 13912345678,
            "item_code": "B01",
            "date": "2026/12/01",
            "slot": "14:00-14:30",
        },
    ]


def expected_json_rows() -> tuple[BookingRow, ...]:
    return (
        BookingRow(
            1, "AB12CD", "张三", IDS[0], "13800138000", "A01", dt.date(2026, 11, 26), dt.time(9, 30)
        ),
        BookingRow(
            2, "EF34", "李四", IDS[1], "13912345678", "B01", dt.date(2026, 12, 1), dt.time(14, 0)
        ),
    )


def test_json_list_of_objects() -> None:
    data = json.dumps(json_records(), ensure_ascii=False, indent=2).encode("utf-8")
    parsed = parse_bookings(data, "bookings.JSON", TODAY)
    assert parsed == ParsedBookings(expected_json_rows(), (), "utf-8")


def test_json_object_with_bookings_key() -> None:
    data = json.dumps(
        {"exported_at": "2026-11-25T08:00:00+08:00", "bookings": json_records()}, ensure_ascii=False
    ).encode("utf-8")
    parsed = parse_bookings(data, "bookings.json", TODAY)
    assert parsed.rows == expected_json_rows()
    assert parsed.problems == ()


def test_json_with_bom_and_in_gbk() -> None:
    text = json.dumps(json_records(), ensure_ascii=False)
    with_bom = parse_bookings(b"\xef\xbb\xbf" + text.encode("utf-8"), "b.json", TODAY)
    in_gbk = parse_bookings(text.encode("gbk"), "b.json", TODAY)
    assert (with_bom.encoding, in_gbk.encoding) == ("utf-8-sig", "gbk")
    assert with_bom.rows == in_gbk.rows == expected_json_rows()


def test_json_rows_are_numbered_by_position_and_checked_like_csv() -> None:
    records = json_records()
    records[1]["id_number"] = BAD_CHECKSUM
    records.append("not an object")
    records.append(
        {
            "code": "ZZ99",
            "name": ["张三"],
            "id_number": IDS[3],
            "phone": True,
            "item_code": "A01",
            "date": "2026-11-26",
            "slot": "09:00",
        }
    )
    parsed = parse_bookings(json.dumps(records).encode(), "b.json", TODAY)
    assert [r.row for r in parsed.rows] == [1]
    assert [p.row for p in parsed.problems] == [2, 3, 4]
    assert parsed.problems[0].reason == "身份证号码校验位不正确，请核对"
    assert "不是对象" in parsed.problems[1].reason
    assert parsed.problems[2].reason == "姓名（name）应为文本；手机号（phone）应为文本"


# ------------------------------------------------------------------ one bad field at a time


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"code": "AB1"}, "预约码「AB1」格式不正确：应为4-16位字母、数字或连字符"),
        ({"code": "AB12CD34EF56GH789"}, "预约码「AB12CD34EF56GH789」格式不正确"),
        ({"code": "AB_12"}, "预约码「AB_12」格式不正确"),
        ({"code": ""}, "缺少预约码"),
        ({"name": ""}, "缺少姓名"),
        ({"name": "张" * 51}, "姓名过长（51 个字，最多 50 个）"),
        ({"id_number": BAD_CHECKSUM}, "身份证号码校验位不正确，请核对"),
        ({"id_number": "11010519491231002٣"}, "身份证号码只能使用阿拉伯数字 0-9"),
        ({"id_number": "1101051949123"}, "身份证号码应为18位（末位可为X）或旧式15位数字"),
        ({"id_number": "1.10105E+17"}, "身份证号被 Excel 显示成了科学计数法"),
        ({"id_number": ""}, "缺少身份证号"),
        ({"phone": "1380013800"}, "电话号码「1380013800」格式不正确"),
        ({"phone": "12800138000"}, "电话号码「12800138000」格式不正确"),
        (
            {"phone": "023-74681234"},
            "预约须填写手机号码（1开头的11位数字），不接受座机号码 023-74681234",
        ),
        ({"phone": ""}, "缺少手机号"),
        ({"item": ""}, "缺少事项编码"),
        ({"date": "2026-02-30"}, "日期 2026-02-30 不存在"),
        ({"date": "2026/13/01"}, "日期 2026/13/01 不存在"),
        ({"date": "2026-11-24"}, "预约日期已过（2026-11-24）"),
        ({"date": "26-12-01"}, "预约日期「26-12-01」格式不正确：应为 YYYY-MM-DD 或 YYYY/MM/DD"),
        ({"date": "2026-12/01"}, "预约日期「2026-12/01」格式不正确"),
        ({"date": "2026年12月1日"}, "预约日期「2026年12月1日」格式不正确"),
        ({"slot": "09:15"}, "时段开始时间 09:15 应为整点或半点（分钟为 00 或 30）"),
        ({"slot": "05:30"}, "时段开始时间 05:30 不在 06:00-20:00 之间"),
        ({"slot": "20:30"}, "时段开始时间 20:30 不在 06:00-20:00 之间"),
        ({"slot": "25:00"}, "时段 25:00 中的时间不存在"),
        ({"slot": "上午"}, "时段「上午」格式不正确：应为 HH:MM 或 HH:MM-HH:MM，如 09:30"),
        ({"slot": "10:00-09:30"}, "时段 10:00-09:30 的结束时间应晚于开始时间"),
        ({"slot": ""}, "缺少时段"),
    ],
)
def test_each_bad_field_is_reported_with_row_and_reason(
    fields: dict[str, str], reason: str
) -> None:
    problem = only_problem(row(**fields))
    assert problem.row == 2
    assert problem.reason.startswith(reason)
    assert str(problem) == f"第 2 行：{problem.reason}"


@pytest.mark.parametrize(
    ("day", "slot"),
    [("2026-11-25", "06:00"), ("2026-11-25", "20:00"), ("2027-01-04", "17:30-18:00")],
)
def test_boundaries_that_are_accepted(day: str, slot: str) -> None:
    parsed = parse_rows(row(date=day, slot=slot))
    assert parsed.problems == ()
    assert len(parsed.rows) == 1


def test_fifteen_digit_id_is_upgraded_and_name_of_50_is_fine() -> None:
    (booking,) = parse_rows(row(id_number="110105491231002", name="张" * 50)).rows
    assert booking.id_number == IDS[0]


def test_missing_trailing_cells_are_reported_as_missing_fields() -> None:
    problem = only_problem("AB12,张三," + IDS[0])
    assert problem.reason == "缺少手机号；缺少事项编码；缺少预约日期；缺少时段"


# ------------------------------------------------------------------ the whole file at once


def test_all_problems_of_a_file_are_reported_at_once_and_good_rows_kept() -> None:
    parsed = parse_rows(
        row(code="GOOD1"),
        row(code="x", id_number=BAD_CHECKSUM, phone="123", date="2026-02-30", slot="09:10"),
        row(code="GOOD2", name=""),
        row(code="GOOD3", date="2026-12-24", slot="16:30"),
        row(code="GOOD4", date="2026-11-01"),
    )
    assert [r.code for r in parsed.rows] == ["GOOD1", "GOOD3"]
    assert [p.row for p in parsed.problems] == [3, 4, 6]
    assert parsed.problems[0].reason.split("；") == [
        "预约码「x」格式不正确：应为4-16位字母、数字或连字符",
        "身份证号码校验位不正确，请核对",
        "电话号码「123」格式不正确：手机号应为1开头的11位数字，座机如 023-74681234",
        "日期 2026-02-30 不存在",
        "时段开始时间 09:10 应为整点或半点（分钟为 00 或 30）",
    ]
    assert str(parsed.problems[1]) == "第 4 行：缺少姓名"
    assert str(parsed.problems[2]) == "第 6 行：预约日期已过（2026-11-01）"


def test_duplicate_codes_point_at_the_first_occurrence() -> None:
    parsed = parse_rows(
        row(code="AB12"),
        row(code="CD34"),
        row(code="ab12", id_number=IDS[1]),  # the same code, only the case differs
        row(code="AB12", date="2026-02-30"),
    )
    assert [r.row for r in parsed.rows] == [2, 3]
    assert parsed.problems == (
        RowProblem(4, "预约码 AB12 在第 2 行已出现"),
        RowProblem(5, "预约码 AB12 在第 2 行已出现；日期 2026-02-30 不存在"),
    )


def test_a_bad_first_occurrence_still_counts_for_duplicates() -> None:
    parsed = parse_rows(row(code="AB12", phone="023-74681234"), row(code="AB12"))
    assert parsed.rows == ()
    assert parsed.problems[1] == RowProblem(3, "预约码 AB12 在第 2 行已出现")


def test_duplicate_codes_in_json() -> None:
    records = json_records()
    records[1]["code"] = "AB12CD"
    parsed = parse_bookings(json.dumps(records).encode(), "b.json", TODAY)
    assert parsed.problems == (RowProblem(2, "预约码 AB12CD 在第 1 行已出现"),)


def test_no_full_id_number_in_any_message() -> None:
    data = csv_bytes(
        HEADER, row(code=IDS[1], id_number=BAD_CHECKSUM, date=IDS[2], slot=IDS[3], phone=IDS[0])
    )
    (problem,) = parse_bookings(data, "b.csv", TODAY).problems
    for number in (*IDS, BAD_CHECKSUM):
        assert number not in str(problem)
    assert "440524********0014" in problem.reason


# ------------------------------------------------------------------ unusable files


@pytest.mark.parametrize("name", ["bookings.xlsx", "bookings.txt", "bookings", "csv"])
def test_unknown_extension(name: str) -> None:
    with pytest.raises(InvalidInput, match=r"不支持的文件类型.*请使用 \.csv 或 \.json"):
        parse_bookings(GOOD_CSV.encode(), name, TODAY)


def test_excel_workbook_gets_a_hint() -> None:
    with pytest.raises(InvalidInput, match="另存为 CSV"):
        parse_bookings(b"PK\x03\x04", "预约.xlsx", TODAY)


def test_malformed_json_reports_line_and_column() -> None:
    data = b'[\n  {"code": "AB12", "name": "\xe5\xbc\xa0\xe4\xb8\x89"\n   "phone": "1"}\n]'
    with pytest.raises(InvalidInput, match="JSON 格式错误：第 3 行第 4 列"):
        parse_bookings(data, "b.json", TODAY)


@pytest.mark.parametrize("document", ['{"items": []}', '"bookings"', "42", '{"bookings": {}}'])
def test_json_of_the_wrong_shape(document: str) -> None:
    with pytest.raises(InvalidInput, match="JSON 文件应为预约记录的列表"):
        parse_bookings(document.encode(), "b.json", TODAY)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "b.csv"),
        (b"\xef\xbb\xbf", "b.csv"),
        (b"\r\n\r\n", "b.csv"),
        (b"", "b.json"),
        (b"  \n", "b.json"),
        (b"[]", "b.json"),
        (b'{"bookings": []}', "b.json"),
        (HEADER.encode() + b"\r\n", "b.csv"),
        (b"\xef\xbb\xbf" + HEADER.encode() + b"\n,,,,,,\n", "b.csv"),
    ],
)
def test_empty_file_or_no_records(data: bytes, name: str) -> None:
    with pytest.raises(InvalidInput, match=r"^文件中没有预约记录$"):
        parse_bookings(data, name, TODAY)


def test_missing_columns_are_all_listed() -> None:
    data = csv_bytes("预约码,姓名,手机号,事项编码,预约日期", row())
    with pytest.raises(InvalidInput, match="缺少必需的列：身份证号（id_number）、时段（slot）"):
        parse_bookings(data, "b.csv", TODAY)


def test_a_column_given_twice_is_refused() -> None:
    data = csv_bytes(HEADER + ",姓名", row() + ",张三")
    with pytest.raises(InvalidInput, match="「姓名」（name）列出现了两次"):
        parse_bookings(data, "b.csv", TODAY)


def test_undecodable_bytes() -> None:
    with pytest.raises(InvalidInput, match="无法识别文件的编码"):
        parse_bookings(HEADER.encode() + b"\n\xff\xff\xff\n", "b.csv", TODAY)


def test_broken_utf8_after_a_bom() -> None:
    with pytest.raises(InvalidInput, match="不是有效的 UTF-8"):
        parse_bookings(b"\xef\xbb\xbf" + HEADER.encode() + b"\n\xff\n", "b.csv", TODAY)


def test_utf16_export_gets_a_hint() -> None:
    with pytest.raises(InvalidInput, match="UTF-16"):
        parse_bookings(GOOD_CSV.encode("utf-16"), "b.csv", TODAY)
