"""The booking slip (预约单) handed to a citizen who booked: what it says. Pure rules.

The slip is a plain dataclass so any booking path can print one (a counter booking, the
closing routine's next-day booking); ``printing/booking.py`` renders it on 80 mm paper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hall_app.domain.appointments import Rules

SHARED = "共享免提交"  # materials the hall fetches itself: never asked of the citizen


@dataclass(frozen=True)
class SlipMaterial:
    name: str
    form: str = ""  # 原件 / 复印件 / 原件和复印件 / 电子
    copies: int = 1
    requirement: str = "必要"  # 必要 / 非必要 / 容缺后补
    source: str = "申请人自备"
    situation: str = ""  # e.g. 委托他人办理的


@dataclass(frozen=True)
class BookingSlip:
    hall_name: str
    code: str  # the booking code, also the QR content (the check-in box reads it)
    subject: str  # item or 一件事
    lane: str
    day: dt.date
    slot_start: dt.time
    slot_end: dt.time
    materials: tuple[str, ...]  # lines, from material_lines()
    checkin_rule: str  # from checkin_rule()
    name_masked: str = ""
    hall_phone: str = ""
    hall_address: str = ""
    note: str = ""  # e.g. why this booking was made (闭厅改约)

    @property
    def qr_payload(self) -> str:
        return self.code

    @property
    def time_label(self) -> str:
        weekday = "一二三四五六日"[self.day.weekday()]
        return f"{self.day:%Y-%m-%d} 周{weekday} {self.slot_start:%H:%M}-{self.slot_end:%H:%M}"


def checkin_rule(slot_start: dt.time, rules: Rules) -> str:
    """The check-in window of a slot, as printed and shown."""
    start = dt.datetime.combine(dt.date(2000, 1, 3), slot_start)
    opens = start - dt.timedelta(minutes=rules.early_minutes)
    closes = start + dt.timedelta(minutes=rules.late_minutes)
    return (
        f"请于 {opens:%H:%M}–{closes:%H:%M} 凭预约码（或身份证、手机号）到导服台签到，"
        f"签到后预约优先叫号；{closes:%H:%M} 后签到按普通号排队；"
        f"时段结束仍未签到记爽约，{rules.no_show_limit} 次爽约暂停预约 {rules.ban_days} 天。"
    )


def material_lines(materials: Iterable[SlipMaterial]) -> tuple[str, ...]:
    """What to bring, one line each, in catalog order; shared materials left out (the hall
    fetches them), a material needed by several items of a 一件事 listed once."""
    lines: list[str] = []
    seen: set[str] = set()
    for m in materials:
        if m.source == SHARED or m.name in seen:
            continue
        seen.add(m.name)
        form = f"{m.form}{m.copies}份" if m.form and m.form != "电子" and m.copies else m.form
        text = f"{m.name}（{form}）" if form else m.name
        if m.situation:
            text += f"〔{m.situation}〕"
        if m.requirement == "非必要":
            text += "（如有）"
        elif m.requirement == "容缺后补":
            text += "（可容缺后补）"
        lines.append(text)
    return tuple(lines)
