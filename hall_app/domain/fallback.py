"""Manual fallback (人工兜底): the rules that hold without a server or a screen.

- Number blocks: numbers taken in advance from the daily counters, so that a terminal
  working offline, or a sheet of paper tickets, can never hand out a number twice.
- Outage detection: when a terminal decides that its server is gone.
- The emergency plan: the checklist (steps, who does what) and the sizes of the blocks,
  read from an editable TOML file.
- Back-entry (补录) input: paper times and numbers, checked before anything is written.
- The ledger: every reserved paper number is entered, voided or still outstanding.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field

from hall_app.domain.errors import InvalidInput
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.tickets import format_number

# what a block can hold: emergency tickets (S001…) and the document serials
TICKET = "S"
# labels translated in the UI (ui/labels.py)
BLOCK_KINDS = {
    TICKET: QT_TRANSLATE_NOOP("labels", "应急号票"),
    "SW": QT_TRANSLATE_NOOP("labels", "首问登记"),
    "BZ": QT_TRANSLATE_NOOP("labels", "补正告知单"),
    "BY": QT_TRANSLATE_NOOP("labels", "不予受理通知"),
    "SL": QT_TRANSLATE_NOOP("labels", "受理办件"),
}
# the records a terminal writes to its journal while offline
RECORD_KINDS = {
    "offline_enter": QT_TRANSLATE_NOOP("labels", "转入离线"),
    "offline_leave": QT_TRANSLATE_NOOP("labels", "恢复联网"),
    "offline_login": QT_TRANSLATE_NOOP("labels", "离线登录"),
    "ticket_issue": QT_TRANSLATE_NOOP("labels", "离线取号"),
    "ticket_call": QT_TRANSLATE_NOOP("labels", "离线叫号"),
    "ticket_adopt": QT_TRANSLATE_NOOP("labels", "接收号票"),
    "ticket_finish": QT_TRANSLATE_NOOP("labels", "办结"),
    "ticket_no_show": QT_TRANSLATE_NOOP("labels", "过号"),
    "rating": QT_TRANSLATE_NOOP("labels", "评价"),
    "inquiry": QT_TRANSLATE_NOOP("labels", "首问登记"),
    "notice": QT_TRANSLATE_NOOP("labels", "告知单"),
    "case": QT_TRANSLATE_NOOP("labels", "受理"),
}
# the paper records a back-entry can take
PAPER_KINDS = {
    "ticket": "号票",
    "inquiry": "首问登记",
    "case": "受理",
    "notice": "一次性告知单",
    "refusal": "不予受理通知书",
}
PAPER_BLOCK = {"ticket": TICKET, "inquiry": "SW", "case": "SL", "notice": "BZ", "refusal": "BY"}


@dataclass(frozen=True)
class Block:
    """Numbers ``first``…``last`` of one kind and day; ``next`` is the next one to hand out."""

    kind: str
    day: dt.date
    first: int
    last: int
    next: int

    @property
    def remaining(self) -> int:
        return max(0, self.last - self.next + 1)

    def numbers(self) -> range:
        return range(self.first, self.last + 1)


def remaining(blocks: Iterable[Block], kind: str, day: dt.date) -> int:
    return sum(b.remaining for b in blocks if b.kind == kind and b.day == day)


def shortfall(blocks: Iterable[Block], sizes: dict[str, int], day: dt.date) -> dict[str, int]:
    """How many numbers of each kind to reserve so that at least half a block is in hand.

    A block is topped up to its full size once less than half of it is left; the old rest is
    kept and used first.
    """
    blocks = list(blocks)
    need = {}
    for kind, size in sizes.items():
        left = remaining(blocks, kind, day)
        if size > 0 and left * 2 < size:
            need[kind] = size
    return need


# ticket blocks sized to the window: two hours of the terminal's own peak hourly rate of the
# last 30 days, never fewer than the plan's floor (30 by default) nor more than the cap
RATE_DAYS = 30
RATE_HOURS = 2
MAX_TICKET_BLOCK = 500


def peak_hourly(moments: Iterable[dt.datetime], tz: dt.tzinfo) -> int:
    """The most tickets in any one clock hour (hall time) among ``moments``."""
    counts: dict[tuple[dt.date, int], int] = {}
    for moment in moments:
        local = moment.astimezone(tz)
        key = (local.date(), local.hour)
        counts[key] = counts.get(key, 0) + 1
    return max(counts.values(), default=0)


def ticket_block_size(peak_per_hour: int, floor: int) -> int:
    """How many offline ticket numbers a terminal holds: two hours at its peak rate, at
    least ``floor`` (the plan's [reserve] S), at most ``MAX_TICKET_BLOCK``."""
    return min(MAX_TICKET_BLOCK, max(floor, RATE_HOURS * max(0, peak_per_hour)))


def ticket_number(sequence: int) -> str:
    return format_number(TICKET, sequence)


_TICKET = re.compile(r"^S?(\d{1,5})$")


def parse_ticket_number(text: str) -> int:
    """``S017``, ``s17`` or just ``17`` → 17 (emergency numbers; typing the digits is enough)."""
    cleaned = text.strip().upper()
    match = _TICKET.match(cleaned)
    if not match:
        raise InvalidInput(f"「{text.strip()}」不是应急号票号码（应为 S 加三位数字，如 S017）")
    return int(match.group(1))


# ------------------------------------------------------------------ outage detection


@dataclass
class OutageDetector:
    """Decides from probe results when the server counts as gone, and when it is back.

    One failed probe can be a blip; failures that last ``grace_seconds`` (or ``failures``
    in a row) are an outage. With a probe every second and a 3 s connect timeout, an outage
    is declared within 5 s of the server going away.
    """

    grace_seconds: float = 2.0
    failures: int = 2
    offline: bool = False
    _first_failure: float | None = field(default=None, repr=False)
    _count: int = field(default=0, repr=False)

    def observe(self, ok: bool, now: float) -> str | None:
        """Feed one probe result (``now`` in monotonic seconds): "offline", "online" or None."""
        if ok:
            self._first_failure, self._count = None, 0
            if self.offline:
                self.offline = False
                return "online"
            return None
        self._count += 1
        if self._first_failure is None:
            self._first_failure = now
        if not self.offline and (
            self._count >= self.failures or now - self._first_failure >= self.grace_seconds
        ):
            self.offline = True
            return "offline"
        return None

    def force_offline(self) -> bool:
        """A write failed because the server is gone: offline at once. True if it changed."""
        changed = not self.offline
        self.offline = True
        return changed


# ------------------------------------------------------------------ the emergency plan


@dataclass(frozen=True)
class PlanStep:
    id: str
    who: str
    what: str
    minutes: int = 0  # to be done within so many minutes of the declaration (0 = no limit)


@dataclass(frozen=True)
class KitSizes:
    tickets: int = 60
    inquiries: int = 30
    cases: int = 30
    slip_items: int = 5
    slips_per_item: int = 2


@dataclass(frozen=True)
class EmergencyPlan:
    title: str
    steps: tuple[PlanStep, ...]
    reserve: dict[str, int]
    kit: KitSizes
    probe_seconds: float = 1.0
    grace_seconds: float = 2.0


DEFAULT_RESERVE = {TICKET: 30, "SW": 10, "BZ": 10, "BY": 5, "SL": 10}


def parse_plan(text: str, source: str = "应急预案") -> EmergencyPlan:
    """Read the plan file; every mistake is named with where it is."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{source} 格式错误：{exc}") from None
    steps = []
    seen: set[str] = set()
    for index, raw in enumerate(data.get("steps", []), 1):
        if not isinstance(raw, dict):
            raise InvalidInput(f"{source} 第 {index} 个步骤格式错误")
        sid, who, what = (str(raw.get(k, "")).strip() for k in ("id", "who", "what"))
        if not sid or not who or not what:
            raise InvalidInput(f"{source} 第 {index} 个步骤缺少 id、who（谁来做）或 what（做什么）")
        if sid in seen:
            raise InvalidInput(f"{source} 步骤编号 {sid} 重复")
        seen.add(sid)
        minutes = raw.get("minutes", 0)
        if not isinstance(minutes, int) or minutes < 0:
            raise InvalidInput(f"{source} 步骤 {sid} 的 minutes 应为非负整数")
        steps.append(PlanStep(sid, who, what, minutes))
    if not steps:
        raise InvalidInput(f"{source} 没有任何步骤（[[steps]]）")
    reserve = dict(DEFAULT_RESERVE)
    for kind, count in data.get("reserve", {}).items():
        if kind not in BLOCK_KINDS:
            raise InvalidInput(
                f"{source} [reserve] 中的 {kind} 无效，应为 {'、'.join(BLOCK_KINDS)}"
            )
        if not isinstance(count, int) or not 0 <= count <= 500:
            raise InvalidInput(f"{source} [reserve] {kind} 应为 0–500 的整数")
        reserve[kind] = count
    kit_raw = data.get("kit", {})
    kit_values = {}
    for name in KitSizes.__dataclass_fields__:
        if name in kit_raw:
            value = kit_raw[name]
            if not isinstance(value, int) or not 0 <= value <= 500:
                raise InvalidInput(f"{source} [kit] {name} 应为 0–500 的整数")
            kit_values[name] = value
    detect = data.get("detect", {})
    return EmergencyPlan(
        title=str(data.get("title", "应急预案")),
        steps=tuple(steps),
        reserve=reserve,
        kit=KitSizes(**kit_values),
        probe_seconds=float(detect.get("probe_seconds", 1.0)),
        grace_seconds=float(detect.get("grace_seconds", 2.0)),
    )


# ------------------------------------------------------------------ back-entry input

_TIME = re.compile(r"^(\d{1,2})[:：.]?(\d{2})$")
_DATED = re.compile(r"^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?\s*(.+)$")


def paper_time(
    text: str, day: dt.date | None, tz: dt.tzinfo, days: tuple[dt.date, dt.date] | None = None
) -> dt.datetime:
    """What a clerk wrote on paper (``9:42``, ``0942``, ``09：42``) on ``day``, or with the
    date a register page carries (``11-30 09:42``, ``2027-1-2 0942``). ``days``: the first
    and last day of the incident, where a month and day fall (12-31 and 1-2 of one incident
    land in their own years). A time alone needs ``day``: for an incident over several days
    only the paper says which day it was."""
    typed = text.strip()
    match = _TIME.match(typed)
    dated = None if match else _DATED.match(typed)
    if dated:
        match = _TIME.match(dated.group(4).strip())
    if not match:
        raise InvalidInput(f"时间「{typed}」格式不对，请写成 09:42（跨日的写成 11-30 09:42）")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise InvalidInput(f"时间「{typed}」不存在")
    if dated:
        day = _paper_day(typed, dated, day, days)
    if day is None:
        first, last = days or (None, None)
        raise InvalidInput(
            f"应急事件从 {first:%m-%d} 持续到 {last:%m-%d}，「{typed}」是哪一天的？"
            f"请在时间前写明日期（登记簿页首的日期），如 {last:%m-%d} {hour:02d}:{minute:02d}"
        )
    return dt.datetime.combine(day, dt.time(hour, minute), tz)


def _paper_day(
    typed: str, dated: re.Match[str], day: dt.date | None, days: tuple[dt.date, dt.date] | None
) -> dt.date:
    year, month, mday = dated.group(1), int(dated.group(2)), int(dated.group(3))
    first, last = days or (day, day)
    years = [int(year)] if year else sorted({d.year for d in (first, last) if d})
    found = []
    for y in years:
        with contextlib.suppress(ValueError):
            found.append(dt.date(y, month, mday))
    if not found:
        raise InvalidInput(f"日期「{typed}」不存在")
    # the year in which the day falls within the incident (12-31 and 1-2 across New Year)
    return next((d for d in found if first and last and first <= d <= last), found[-1])


def incident_day(typed: str, start: dt.datetime, end: dt.datetime) -> dt.date | None:
    """The day a paper time alone belongs to: the incident's when it lasted one day, else the
    one day on which that time falls within the incident (from its first minute until its end
    or now); None when several days could hold it (the paper's date is then needed)."""
    first, last = start.date(), end.date()
    match = _TIME.match(typed.strip())
    if first == last or not match:
        return first if first == last else None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None  # no such time: paper_time says so
    clock = dt.time(hour, minute)
    begun = start.replace(second=0, microsecond=0)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    fits = [d for d in days if begun <= dt.datetime.combine(d, clock, start.tzinfo) <= end]
    return fits[0] if len(fits) == 1 else None


def check_within(moment: dt.datetime, start: dt.datetime, end: dt.datetime) -> None:
    """A paper record must have been made while the incident lasted: from the minute it
    began (paper times are written to the minute, so 09:00 counts for an incident declared
    at 09:00:40) until it ended. No slack beyond that minute: a record from before the
    incident is not the incident's, and one after it has no paper number to be entered."""
    first = start.replace(second=0, microsecond=0)
    if not first <= moment <= end:
        begun = start.astimezone(moment.tzinfo)  # in the hall's time
        # the dates too when the time alone does not say the day
        same = begun.date() == moment.date() == end.astimezone(moment.tzinfo).date()
        shown = "%H:%M" if same else "%m-%d %H:%M"
        raise InvalidInput(
            f"纸质记录时间 {moment.strftime(shown)} 不在应急期间"
            f"（{begun.strftime(shown)} 起）内，请核对"
        )


# ------------------------------------------------------------------ the ledger


@dataclass(frozen=True)
class LedgerLine:
    kind: str  # ticket | inquiry | case | notice | refusal
    reserved: int
    entered: int
    voided: int

    @property
    def outstanding(self) -> int:
        return self.reserved - self.entered - self.voided


@dataclass(frozen=True)
class Ledger:
    lines: tuple[LedgerLine, ...]
    outstanding_numbers: tuple[str, ...]  # reserved, neither entered nor voided

    @property
    def balanced(self) -> bool:
        return not self.outstanding_numbers


def match_ledger(
    reserved: dict[str, list[str]],
    entered: Iterable[tuple[str, str]],
    voided: Iterable[tuple[str, str]],
) -> Ledger:
    """Paper numbers reserved per kind against (kind, number) entered and voided."""
    done_in: dict[str, set[str]] = {}
    void_in: dict[str, set[str]] = {}
    for kind, number in entered:
        done_in.setdefault(kind, set()).add(number)
    for kind, number in voided:
        void_in.setdefault(kind, set()).add(number)
    lines, outstanding = [], []
    for kind in PAPER_KINDS:
        numbers = reserved.get(kind, [])
        done = done_in.get(kind, set())
        void = void_in.get(kind, set()) - done
        lines.append(
            LedgerLine(kind, len(numbers), len(done & set(numbers)), len(void & set(numbers)))
        )
        outstanding += [n for n in numbers if n not in done and n not in void]
    return Ledger(tuple(lines), tuple(outstanding))
