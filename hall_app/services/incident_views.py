"""What the incident screens and commands see: the incident, and one paper record as typed
in at back-entry (re-exported by ``services.fallback``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IncidentView:
    number: str
    cause: str
    scope: str
    started_at: dt.datetime
    declared_by: str
    ended_at: dt.datetime | None
    public_notice: str
    substitutes: str
    steps_done: dict[str, tuple[dt.datetime, str]]  # step id → (when, who)
    kit_printed: bool
    review: str
    summary: dict[str, Any]

    @property
    def open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class BackEntry:
    """One paper record as typed in at back-entry."""

    kind: str  # ticket | inquiry | case | notice | refusal
    number: str  # the number printed in the kit (S017, SW-…, SL-…, BZ-…, BY-…)
    time: str  # as written on paper, 09:42
    paper_ref: str  # where it is on paper, e.g. 受理登记簿 第2页第5行
    window: int | None = None
    staff_no: str = ""  # who served, when not the person entering it
    category_code: str = ""  # tickets
    item_code: str = ""  # tickets (optional), cases and notices
    called: str = ""  # tickets: time called, if noted
    finished: str = ""  # tickets: time finished
    no_show: bool = False
    name: str = ""  # inquiries: visitor; cases and notices: applicant
    id_number: str = ""
    phone: str = ""
    question: str = ""  # inquiries
    outcome: str = "answered"  # inquiries
    answer: str = ""
    missing: tuple[str, ...] = ()  # notices: material names ticked as missing
    received: tuple[str, ...] = ()  # cases: material names ticked as received (已收材料)
    note: str = ""  # e.g. 手工收费 50 元，收据号 0012345
    reason: str = ""  # refusals: the ground ticked (or written under 其他) and its explanation
