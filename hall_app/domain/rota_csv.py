"""A day's rota as a CSV file (docs/rota.md): the parser and the writer. Pure.

UTF-8 (a BOM is allowed), the header ``kind,staff_no,window,start,end``, then one row per shift
or lane minimum::

    work,1001,1,08:30,12:00          1001 at window 1 from 08:30 to 12:00
    break,1001,,10:00,10:15          1001 on a break (no window)
    backoffice,1033,,08:30,17:00     1033 in the back office, may be called forward
    minimum,C,2,,                    lane C keeps at least 2 windows open

Blank lines and lines starting with ``#`` are skipped. Every bad line is named (第 N 行 …)
and nothing of a file with a bad line is taken; whether the staff and windows exist is for
:func:`hall_app.domain.rota.problems`, checked against the hall.
"""

from __future__ import annotations

import csv
import io
import re

from hall_app.domain.errors import InvalidInput
from hall_app.domain.rota import Kind, Rota, Shift, clock

HEADER = ("kind", "staff_no", "window", "start", "end")
MINIMUM = "minimum"
MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
MAX_WINDOW = 999
MAX_MINIMUM = 99
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_STAFF_NO = re.compile(r"[0-9A-Za-z_-]{1,16}")
_LANE = re.compile(r"[A-Za-z0-9]{1,8}")
_KINDS = {k.value: k for k in Kind}


class RotaCsvError(InvalidInput):
    """A rota file that cannot be taken: ``lines`` names each bad line (in Chinese)."""

    def __init__(self, lines: list[str]) -> None:
        shown = lines[:20]
        more = f"\n……另有 {len(lines) - len(shown)} 处错误" if len(lines) > len(shown) else ""
        super().__init__("排班文件有误：\n" + "\n".join(shown) + more)
        self.lines = lines


def parse_minute(text: str) -> int | None:
    """``08:30`` -> 510; None unless a time of the day between 00:00 and 24:00."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours * 60 + minutes > 24 * 60:
        return None
    return hours * 60 + minutes


def parse_rota_csv(data: bytes) -> Rota:
    """The rota in ``data`` (a file's bytes); raises :class:`RotaCsvError` naming every bad
    line, or InvalidInput for the file as a whole (too large, not UTF-8, no header)."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"排班文件过大（{len(data):,} 字节），不能超过 {MAX_BYTES:,} 字节")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("排班文件不是 UTF-8 编码，请在保存时选择 UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    shifts: list[Shift] = []
    minimums: dict[str, int] = {}
    bad: list[str] = []
    rows = 0
    try:
        for row in reader:
            number = reader.line_num
            cells = [c.strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if header is None:
                header = [c.lower() for c in cells]
                if tuple(header) != HEADER:
                    raise InvalidInput(f"第 {number} 行：表头应为 {','.join(HEADER)}")
                continue
            rows += 1
            if rows > MAX_ROWS:
                raise InvalidInput(f"排班文件超过 {MAX_ROWS} 行")
            error = _row(cells, shifts, minimums)
            if error:
                bad.append(f"第 {number} 行：{error}")
    except csv.Error as exc:
        raise InvalidInput(f"第 {reader.line_num} 行：CSV 格式错误（{exc}）") from None
    if header is None:
        raise InvalidInput(f"排班文件是空的：第一行应为表头 {','.join(HEADER)}")
    if bad:
        raise RotaCsvError(bad)
    return Rota(tuple(shifts), minimums)


def _row(cells: list[str], shifts: list[Shift], minimums: dict[str, int]) -> str:
    """Add one data row to ``shifts`` or ``minimums``; what is wrong with it, else ''."""
    if len(cells) != len(HEADER):
        return f"应有 {len(HEADER)} 列，实有 {len(cells)} 列"
    kind, who, window, start, end = cells
    if kind.lower() == MINIMUM:
        if not _LANE.fullmatch(who):
            return f"业务类别编码「{who}」不正确"
        lane = who.upper()
        if not window.isdigit() or int(window) > MAX_MINIMUM:
            return f"业务类别 {lane} 的最少窗口数「{window}」应为 0–{MAX_MINIMUM} 的整数"
        if start or end:
            return "最少窗口数一行的开始、结束时间应留空"
        if lane in minimums:
            return f"业务类别 {lane} 的最少窗口数重复"
        minimums[lane] = int(window)
        return ""
    found = _KINDS.get(kind.lower())
    if found is None:
        return f"类型「{kind}」不正确，应为 work、break、backoffice 或 minimum"
    if not _STAFF_NO.fullmatch(who):
        return f"工号「{who}」不正确"
    first, last = parse_minute(start), parse_minute(end)
    if first is None or last is None:
        wrong = start if first is None else end
        return f"时间「{wrong}」不正确，应如 08:30"
    if first >= last:
        return f"结束时间 {end} 应晚于开始时间 {start}"
    number: int | None = None
    if found is Kind.WORK:
        if not window.isdigit() or not 1 <= int(window) <= MAX_WINDOW:
            return f"上岗一行的窗口号「{window}」应为 1–{MAX_WINDOW} 的整数"
        number = int(window)
    elif window:
        return "休息和后台一行的窗口号应留空"
    shifts.append(Shift(found, who, first, last, number))
    return ""


def to_csv(rota: Rota) -> str:
    """The rota as the file :func:`parse_rota_csv` reads back (the same shifts, in order,
    then the lane minimums by lane)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for s in rota.shifts:
        window = "" if s.window is None else str(s.window)
        writer.writerow([s.kind.value, s.staff_no, window, clock(s.start), clock(s.end)])
    for lane, count in sorted(rota.minimums.items()):
        writer.writerow([MINIMUM, lane, str(count), "", ""])
    return out.getvalue()
