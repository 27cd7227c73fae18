"""Text and ID-number normalisation, and bookings file limits (issue 16, required 3)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hall_app.domain.booking_import import MAX_BYTES, parse_bookings
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.text import clean_text
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login
from tests.test_appointments import TOMORROW, _item, at, person

TODAY = dt.date(2026, 11, 25)
ID = "11010519491231002X"
FULL_WIDTH = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
ARABIC_INDIC = ID[:-1].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "X"
HEADER = "code,name,id_number,phone,item_code,date,slot"


def test_full_width_digits_become_ascii() -> None:
    assert parse_id_number(FULL_WIDTH, TODAY).number == ID


def test_a_lower_case_x_is_upper_cased() -> None:
    assert parse_id_number(ID.lower(), TODAY).number == ID


@pytest.mark.parametrize("number", [ARABIC_INDIC, "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", ID[:-2] + "२X"])
def test_digits_of_other_scripts_are_refused(number: str) -> None:
    with pytest.raises(InvalidInput, match="只能使用阿拉伯数字 0-9"):
        parse_id_number(number, TODAY)


def test_clean_text_rules() -> None:
    assert clean_text(" 张\u200b三\u202e ", "姓名") == "张三"
    assert clean_text("ＡＢ１２", "代码") == "AB12"
    assert (
        clean_text("你好，世界（一）：", "备注") == "你好，世界（一）："
    )  # Chinese punctuation kept
    assert clean_text("第一行\r\n第二行", "备注", multiline=True) == "第一行\n第二行"
    for bad, message in [
        ("张\x00三", "姓名包含不可见的控制字符（U+0000）"),
        ("张\n三", "姓名不能包含换行"),
        ("张" * 10_000, "姓名过长（10000 个字，最多 50 个）"),
    ]:
        with pytest.raises(InvalidInput, match=re.escape(message)):
            clean_text(bad, "姓名", 50)


@pytest.fixture
def reception(hall: Hall) -> Actor:
    return login(hall, "2001")


def _book(hall: Hall, actor: Actor, id_number: str, slot: str, name: str = "张三"):
    return hall.appointments.book(
        actor,
        name=name,
        id_number=id_number,
        phone="13912345678",
        code=_item(hall),
        day=TOMORROW,
        slot=slot,
    )


def test_one_booking_a_day_holds_whatever_digits_are_typed(hall: Hall, reception: Actor) -> None:
    number = person(7)
    _book(hall, reception, number, "09:00")
    wide = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    with pytest.raises(NotAllowed, match="每人每天只能预约一次"):
        _book(hall, reception, wide, "10:00")
    with pytest.raises(InvalidInput, match="只能使用阿拉伯数字"):
        _book(
            hall,
            reception,
            number[:-1].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + number[-1],
            "10:30",
        )
    with hall.ctx.db.read() as s:
        stored = set(s.scalars(select(m.Appointment.id_number)))
    assert stored == {number}


def test_a_booked_name_is_cleaned_or_refused(hall: Hall, reception: Actor) -> None:
    view = _book(hall, reception, person(8), "09:00", name="\u202e李\u200b四 ")
    with hall.ctx.db.read() as s:
        assert s.scalar(select(m.Appointment.name).where(m.Appointment.code == view.code)) == "李四"
    for bad in ("李" * 10_000, "李\x00四", "李\n四"):
        with pytest.raises(InvalidInput, match="预约人姓名"):
            _book(hall, reception, person(9), "10:00", name=bad)


def _json(document: object) -> bytes:
    return json.dumps(document).encode()


def _record(**changes: object) -> dict[str, object]:
    return {
        "code": "AB12CD",
        "name": "张三",
        "id_number": ID,
        "phone": "13800138000",
        "item_code": "A01",
        "date": "2026-11-26",
        "slot": "09:30",
    } | changes


def test_a_5000_digit_integer_in_json_is_a_row_problem() -> None:
    data = (
        b'[{"code": ' + b"9" * 5000 + b', "name": "x", "id_number": 1, "phone": 1,'
        b' "item_code": 1, "date": 1, "slot": 1}]'
    )
    parsed = parse_bookings(data, "b.json", TODAY)
    assert parsed.rows == () and "预约码" in parsed.problems[0].reason


def test_deep_json_is_refused() -> None:
    with pytest.raises(InvalidInput, match="JSON 嵌套层次过深"):
        parse_bookings(b"[" * 100_000 + b"]" * 100_000, "b.json", TODAY)
    with pytest.raises(InvalidInput, match="JSON 嵌套层次过深"):
        parse_bookings(_json([_record(name=[[[[[[[[["x"]]]]]]]]])]), "b.json", TODAY)


def test_names_in_a_bookings_file_are_cleaned_or_refused() -> None:
    parsed = parse_bookings(
        _json(
            [
                _record(code="AAAA1", name="王\u200b五\u202e"),
                _record(code="AAAA2", name="王" * 10_000),
                _record(code="AAAA3", name="王\x00五"),
                _record(code="AAAA4", name="王\n五"),
            ]
        ),
        "b.json",
        TODAY,
    )
    assert [r.name for r in parsed.rows] == ["王五"]
    assert [p.row for p in parsed.problems] == [2, 3, 4]
    assert all("姓名" in p.reason for p in parsed.problems)


def test_a_50_mb_csv_is_refused_unread(hall: Hall, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    line = "ab12cd,张三,11010519491231002X,13800138000,A01,2026-11-26,09:30\n".encode()
    with path.open("wb") as f:
        f.write((HEADER + "\n").encode())
        chunk = line * 10_000
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    actor = login(hall, "9001")  # admin
    with hall.ctx.db.read() as s:
        before = s.scalar(select(func.count()).select_from(m.Appointment))
    with pytest.raises(InvalidInput, match="文件过大"):
        hall.appointments.import_file(actor, path)
    with hall.ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Appointment)) == before
    assert MAX_BYTES < 50 * 1024 * 1024


def test_phones_are_ascii_digits_only() -> None:
    from hall_app.domain.masking import normalize_phone

    assert normalize_phone("１３８ ００１３ ８０００") == "13800138000"
    with pytest.raises(InvalidInput, match="只能使用阿拉伯数字"):
        normalize_phone("١٣٨٠٠١٣٨٠٠٠")  # \d took these on main


def test_an_applicant_is_cleaned_not_truncated() -> None:
    from hall_app.services.doc_common import AgentInput, Applicant

    clean = Applicant("\u202e王\u200b五", id_number=FULL_WIDTH).validated(TODAY)
    assert (clean.name, clean.id_number) == ("王五", ID)
    for bad in ("王" * 10_000, "王\x00五", "王\n五"):
        with pytest.raises(InvalidInput, match="申请人姓名或单位名称"):
            Applicant(bad).validated(TODAY)
    with pytest.raises(InvalidInput, match="代理人姓名"):
        AgentInput("赵" * 101, id_number=ID).validated(TODAY)


def test_an_inquiry_is_cleaned_and_bounded() -> None:
    from hall_app.domain.followups import InquiryInput, Outcome

    data = InquiryInput("问\u202e社保\x00", "窗口", Outcome.FOLLOW_UP)
    with pytest.raises(InvalidInput, match="咨询或反映的事项包含不可见的控制字符"):
        data.cleaned()
    data = InquiryInput(
        "问\u200b社保\r\n第二行", "窗口", Outcome.FOLLOW_UP, visitor_name="张\u202e三"
    )
    clean = data.cleaned()
    assert (clean.question, clean.visitor_name) == ("问社保\n第二行", "张三")
    with pytest.raises(InvalidInput, match="来访人姓名过长"):
        InquiryInput("问", "窗口", Outcome.FOLLOW_UP, visitor_name="张" * 65).cleaned()


def test_a_file_of_bad_rows_reports_a_screenful(hall: Hall, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    bad = "".join(f"X{n:05d},张三,123,13800138000,A01,2026-11-26,09:30\n" for n in range(500))
    path.write_text(HEADER + "\n" + bad, encoding="utf-8")
    report = hall.appointments.import_file(login(hall, "9001"), path)
    assert len(report.problems) == 500 and report.imported == 0
    lines = report.summary().splitlines()
    assert len(lines) == 22 and lines[-1] == "……其余 480 条问题未列出"


def test_a_booking_is_found_by_its_id_typed_full_width(
    hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    number = person(11)
    _book(hall, reception, number, "09:00")
    at(clock, TOMORROW, "08:40")
    wide = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    assert len(hall.appointments.find_today(wide)) == 1
