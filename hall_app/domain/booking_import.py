"""Bookings made on the province's online platform: reading an exported CSV or JSON file.

The format is documented in ``docs/appointments-import.md``. :func:`parse_bookings` decodes
the file (UTF-8 with or without BOM, or GBK as Excel on Chinese Windows saves it), checks every
row and returns the good rows and, for each bad row, one :class:`RowProblem` with all its
reasons in Chinese. Problems with the file as a whole (wrong type, undecodable bytes, broken
JSON, missing columns, no records) raise :class:`InvalidInput`.

Only the shape of each row is checked here; whether the item code exists, the slot is offered
and has room is for the appointments service. Messages never carry a full ID number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from hall_app.domain.errors import InvalidInput
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import mask_id, normalize_phone
from hall_app.domain.text import clean_text

FIELDS = ("code", "name", "id_number", "phone", "item_code", "date", "slot")
LABELS = {
    "code": "预约码",
    "name": "姓名",
    "id_number": "身份证号",
    "phone": "手机号",
    "item_code": "事项编码",
    "date": "预约日期",
    "slot": "时段",
}
NAME_MAX = 50
MAX_BYTES = 5 * 1024 * 1024  # a day's export of the whole county is well under 1 MB
MAX_RECORDS = 20_000
MAX_DEPTH = 8  # {"bookings": [ {field: value} ]} needs 3
MAX_INT_DIGITS = 20
EARLIEST_SLOT = dt.time(6, 0)
LATEST_SLOT = dt.time(20, 0)

_CODE = re.compile(r"^[A-Z0-9-]{4,16}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_DATE = re.compile(r"^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$")
_TIME = r"(\d{1,2}):(\d{2})"
_SLOT = re.compile(rf"^{_TIME}(?:\s*[-~–—至]\s*{_TIME})?$")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?E\+\d+$", re.IGNORECASE)
_ID_LIKE = re.compile(r"\d{17}[\dXx]|\d{15}")
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.DOTALL)  # ="0123…": Excel's keep-as-text trick
_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class BookingRow:
    row: int  # CSV: the line in the file (header is line 1); JSON: position in the list from 1
    code: str  # 4-16 characters [A-Z0-9-], upper-cased
    name: str
    id_number: str  # normalised 18-character form
    phone: str  # normalised mobile number
    item_code: str  # service item or bundle code; existence is checked by the service
    day: dt.date
    slot: dt.time  # slot start, minutes 00 or 30


@dataclass(frozen=True)
class RowProblem:
    row: int
    reason: str  # Chinese; several reasons of one row joined by "；"

    def __str__(self) -> str:
        return f"第 {self.row} 行：{self.reason}"


@dataclass(frozen=True)
class ParsedBookings:
    rows: tuple[BookingRow, ...]
    problems: tuple[RowProblem, ...]
    encoding: str  # "utf-8", "utf-8-sig" or "gbk"


def parse_bookings(data: bytes, filename: str, today: dt.date) -> ParsedBookings:
    """Read a platform export; raise :class:`InvalidInput` when the file as a whole is unusable."""
    kind = _kind(filename)
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"文件过大（{len(data) // 1024} KB，最多 {MAX_BYTES // 1024} KB），"
            "请按日期分成几个文件导入"
        )
    text, encoding = _decode(data)
    if not text.strip():
        raise InvalidInput("文件中没有预约记录")
    records = _csv_records(text) if kind == "csv" else _json_records(text)
    if not records:
        raise InvalidInput("文件中没有预约记录")
    if len(records) > MAX_RECORDS:
        raise InvalidInput(f"文件中有 {len(records)} 条记录，一次最多导入 {MAX_RECORDS} 条")
    rows: list[BookingRow] = []
    problems: list[RowProblem] = []
    first_seen: dict[str, int] = {}
    for number, values in records:
        result = _check_row(number, values, today, first_seen)
        if isinstance(result, BookingRow):
            rows.append(result)
        else:
            problems.append(result)
    return ParsedBookings(rows=tuple(rows), problems=tuple(problems), encoding=encoding)


def read_limited(path: Path) -> bytes:
    """The file's bytes, refused unread when larger than :data:`MAX_BYTES`."""
    with path.open("rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"文件过大（超过 {MAX_BYTES // 1024} KB），请按日期分成几个文件导入")
    return data


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding name: BOM → utf-8-sig; else utf-8; else gbk."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            raise InvalidInput(
                "文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 编码，请重新导出"
            ) from None
    if data.startswith(_BOMS_UTF16):
        raise InvalidInput(
            "文件是 UTF-16 编码（Excel 的「Unicode 文本」），"
            "请另存为「CSV UTF-8（逗号分隔）」后再导入"
        )
    for encoding in ("utf-8", "gbk"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InvalidInput("无法识别文件的编码：请另存为 UTF-8 或 GBK（ANSI）编码后再导入")


# ------------------------------------------------------------------ file formats


def _kind(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".csv", ".json"):
        return suffix[1:]
    shown = f"「{suffix}」" if suffix else "（文件名没有扩展名）"
    hint = "；Excel 文件请先另存为 CSV" if suffix in (".xls", ".xlsx", ".et") else ""
    raise InvalidInput(f"不支持的文件类型{shown}，请使用 .csv 或 .json{hint}")


_HEADER_ALIASES = {key: key for key in FIELDS} | {label: key for key, label in LABELS.items()}


def _csv_records(text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header: list[str] | None = None
        line_end = 0
        records: list[tuple[int, dict[str, Any]]] = []
        columns: dict[str, int] = {}
        for cells in reader:
            line_start, line_end = line_end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # an empty line, or an Excel row of empty cells
            if header is None:
                header = cells
                columns = _columns(header)
                continue
            values = {key: cells[i] if i < len(cells) else "" for key, i in columns.items()}
            records.append((line_start, values))
            if len(records) > MAX_RECORDS:
                raise InvalidInput(
                    f"文件中的记录超过 {MAX_RECORDS} 条，一次最多导入 {MAX_RECORDS} 条"
                )
    except csv.Error as exc:
        raise InvalidInput(
            f"CSV 文件第 {reader.line_num} 行格式错误（引号不配对？）：{exc}"
        ) from None
    return records


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        key = _HEADER_ALIASES.get(name) or _HEADER_ALIASES.get(name.lower())
        if key is None:
            continue  # an extra column
        if key in columns:
            raise InvalidInput(f"表头中「{LABELS[key]}」（{key}）列出现了两次")
        columns[key] = i
    missing = [f"{LABELS[key]}（{key}）" for key in FIELDS if key not in columns]
    if missing:
        raise InvalidInput(
            "CSV 表头缺少必需的列："
            + "、".join(missing)
            + "；第一行应为列名，如 code,name,id_number,phone,item_code,date,slot"
        )
    return columns


def _json_records(text: str) -> list[tuple[int, Any]]:
    depth = _max_depth(text)
    if depth > MAX_DEPTH:
        raise InvalidInput(f"JSON 嵌套层次过深（{depth} 层，最多 {MAX_DEPTH} 层）")
    try:
        document = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列附近有语法错误"
            "（缺少逗号、引号或括号？）"
        ) from None
    except (ValueError, RecursionError):
        raise InvalidInput("JSON 文件中有过长的数字或过深的结构，无法读取") from None
    if isinstance(document, Mapping) and "bookings" in document:
        document = document["bookings"]
    if not isinstance(document, list):
        raise InvalidInput('JSON 文件应为预约记录的列表 [ {...}, ... ]，或 {"bookings": [ ... ]}')
    return [(i, record) for i, record in enumerate(document, start=1)]


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _max_depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (before parsing: no recursion)."""
    depth = deepest = 0
    for ch in re.sub(r"[^\[\]{}]", "", _JSON_STRING.sub("", text)):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _json_int(digits: str) -> int | str:
    """Integers of sane length; a longer one stays text (then refused as a field value)."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_INT_DIGITS else digits


# ------------------------------------------------------------------ one row


def _check_row(
    number: int, record: Any, today: dt.date, first_seen: dict[str, int]
) -> BookingRow | RowProblem:
    if not isinstance(record, Mapping):
        return RowProblem(number, '这一条不是对象，应为 {"code": ..., "name": ..., ...}')
    reasons: list[str] = []
    values: dict[str, str] = {}
    for key in FIELDS:
        value = _text(record.get(key))
        if value is None:
            reasons.append(f"{LABELS[key]}（{key}）应为文本")
        elif not value:
            reasons.append(f"缺少{LABELS[key]}")
        else:
            values[key] = value

    code = _checked(_code, values.get("code"), reasons)
    if code is not None:
        if code in first_seen:
            reasons.append(f"预约码 {code} 在第 {first_seen[code]} 行已出现")
        else:
            first_seen[code] = number
    name = _checked(_name, values.get("name"), reasons)
    id_number = _checked(lambda v: _id_number(v, today), values.get("id_number"), reasons)
    phone = _checked(_phone, values.get("phone"), reasons)
    item_code = _checked(_plain, values.get("item_code"), reasons)
    day = _checked(lambda v: _day(v, today), values.get("date"), reasons)
    slot = _checked(_slot, values.get("slot"), reasons)

    if reasons:
        return RowProblem(number, "；".join(reasons))
    return BookingRow(
        row=number,
        code=code,
        name=name,
        id_number=id_number,
        phone=phone,
        item_code=item_code,
        day=day,
        slot=slot,
    )


def _checked(check: Callable[[str], Any], value: str | None, reasons: list[str]) -> Any:
    """``check(value)``, or None with the reason noted; None when the value is missing."""
    if value is None:
        return None
    try:
        return check(value)
    except InvalidInput as exc:
        reasons.append(_mask_ids(exc.message))  # e.g. an ID number typed into the phone column
        return None


def _text(value: Any) -> str | None:
    """A cell as stripped text ("" when missing); None for a JSON value that is not text."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    match = _EXCEL_TEXT.match(text)
    return match.group(1).strip() if match else text


def _plain(value: str) -> str:
    """Full-width letters, digits and punctuation (０９：３０) as ASCII."""
    return unicodedata.normalize("NFKC", value).strip()


def _mask_ids(text: str) -> str:
    return _ID_LIKE.sub(lambda m: mask_id(m.group()), text)


def _shown(value: str) -> str:
    """A value fit for a message: ID-like digit runs masked, long text cut."""
    text = _mask_ids(value)
    return text if len(text) <= 24 else text[:23] + "…"


def _code(value: str) -> str:
    code = _plain(value).upper()
    if not _CODE.match(code):
        raise InvalidInput(f"预约码「{_shown(value)}」格式不正确：应为4-16位字母、数字或连字符")
    return code


def _name(value: str) -> str:
    return clean_text(value, "姓名", NAME_MAX)


def _id_number(value: str, today: dt.date) -> str:
    text = _plain(value)
    if _SCIENTIFIC.match(text):
        raise InvalidInput(
            "身份证号被 Excel 显示成了科学计数法（如 1.10105E+17），"
            "请把该列设为「文本」格式后重新导出"
        )
    return parse_id_number(text, today).number


def _phone(value: str) -> str:
    phone = normalize_phone(_plain(value))
    if not _MOBILE.match(phone):
        raise InvalidInput(f"预约须填写手机号码（1开头的11位数字），不接受座机号码 {_shown(phone)}")
    return phone


def _day(value: str, today: dt.date) -> dt.date:
    text = _plain(value)
    match = _DATE.match(text)
    if not match:
        raise InvalidInput(f"预约日期「{_shown(value)}」格式不正确：应为 YYYY-MM-DD 或 YYYY/MM/DD")
    year, _, month, day = match.groups()
    try:
        result = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise InvalidInput(f"日期 {text} 不存在") from None
    if result < today:
        raise InvalidInput(f"预约日期已过（{result:%Y-%m-%d}）")
    return result


def _slot(value: str) -> dt.time:
    text = _plain(value)
    match = _SLOT.match(text)
    if not match:
        raise InvalidInput(
            f"时段「{_shown(value)}」格式不正确：应为 HH:MM 或 HH:MM-HH:MM，如 09:30"
        )
    start = _time(match.group(1), match.group(2), text)
    if match.group(3) is not None:
        end = _time(match.group(3), match.group(4), text)
        if end <= start:
            raise InvalidInput(f"时段 {text} 的结束时间应晚于开始时间")
    if start.minute not in (0, 30):
        raise InvalidInput(f"时段开始时间 {start:%H:%M} 应为整点或半点（分钟为 00 或 30）")
    if not EARLIEST_SLOT <= start <= LATEST_SLOT:
        raise InvalidInput(
            f"时段开始时间 {start:%H:%M} 不在 {EARLIEST_SLOT:%H:%M}-{LATEST_SLOT:%H:%M} 之间"
        )
    return start


def _time(hour: str, minute: str, text: str) -> dt.time:
    try:
        return dt.time(int(hour), int(minute))
    except ValueError:
        raise InvalidInput(f"时段 {_shown(text)} 中的时间不存在") from None
