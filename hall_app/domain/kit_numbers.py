"""Kit numbers (应急包编号): paper numbers that hold on any day.

A paper kit is printed in advance and kept in a drawer, so its numbers cannot carry a date.
Each kit has a number of its own (07), recorded on the server when it is printed, and every
paper number on it carries that kit number instead of a date:

- tickets: the emergency prefix S, the kit number and a sequence: ``S07-015``;
- notices, refusals, cases and first inquiries: a kit-numbered serial, ``BZ-500231-K07-0003``.

The day a paper number was used comes from the paper record (the incident's time) when it
is entered back into the system; the same number can never be used on two days, because a
kit's numbers are each entered or voided once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from hall_app.domain.errors import InvalidInput

TICKET = "S"
# what a kit holds, in the order the cover lists it
KIT_KINDS = {
    TICKET: "应急号票",
    "SW": "首问登记",
    "SL": "受理办件",
    "BZ": "补正告知单",
    "BY": "不予受理通知书",
}
MAX_KIT = 999  # S999-015 is the longest ticket number (8 characters, the ticket column's width)
MAX_SEQUENCE = {TICKET: 999}  # S07-015: three digits
MAX_SERIAL = 9999  # BZ-500231-K07-0003: four digits

_TICKET = re.compile(r"^S?(\d{1,3})[-－—](\d{1,3})$")
_BARE_TICKET = re.compile(r"^S?(\d{1,3})$")
_SERIAL = re.compile(r"^(BZ|BY|SL|SW)-(\d{6})-K(\d{1,3})-(\d{1,4})$")


def kit_ticket(kit: int, sequence: int) -> str:
    """``S07-015``."""
    return f"{TICKET}{kit:02d}-{sequence:03d}"


@dataclass(frozen=True)
class KitSerial:
    """A kit-numbered serial: ``BZ-500231-K07-0003`` (kind, county, kit, sequence)."""

    kind: str
    county: str
    kit: int
    sequence: int

    def __str__(self) -> str:
        return f"{self.kind}-{self.county}-K{self.kit:02d}-{self.sequence:04d}"


def kit_number(kind: str, county: str, kit: int, sequence: int) -> str:
    return (
        kit_ticket(kit, sequence) if kind == TICKET else str(KitSerial(kind, county, kit, sequence))
    )


def clean_typed(text: str) -> str:
    """What was typed or scanned, without spaces, upper-case, with full-width and long dashes
    as ``-``."""
    return re.sub(r"\s+", "", text).upper().replace("－", "-").replace("—", "-")


def match_kit_serial(text: str) -> KitSerial | None:
    """The kit serial in what was typed or scanned, or None when it is not one."""
    match = _SERIAL.match(clean_typed(text))
    if not match:
        return None
    kind, county, kit, seq = match.groups()
    return KitSerial(kind, county, int(kit), int(seq))


def parse_kit_ticket(text: str) -> tuple[int | None, int]:
    """``S07-015``, ``s7-15`` or ``7-15`` → (7, 15); ``S015`` or ``15`` → (None, 15): the kit
    is then the only one the incident used."""
    cleaned = clean_typed(text)
    match = _TICKET.match(cleaned)
    if match:
        return int(match.group(1)), int(match.group(2))
    match = _BARE_TICKET.match(cleaned)
    if match:
        return None, int(match.group(1))
    raise InvalidInput(
        f"「{text.strip()}」不是应急号票号码（应为 S、应急包编号和序号，如 S07-015）"
    )


@dataclass(frozen=True)
class KitRanges:
    """One kit: its number and the sequences it holds per kind (first, last)."""

    number: int
    ranges: Mapping[str, tuple[int, int]]

    def holds(self, kind: str, sequence: int) -> bool:
        first, last = self.ranges.get(kind, (1, 0))
        return first <= sequence <= last

    def numbers(self, kind: str, county: str) -> list[str]:
        first, last = self.ranges.get(kind, (1, 0))
        return [kit_number(kind, county, self.number, n) for n in range(first, last + 1)]

    def to_json(self) -> dict[str, list[int]]:
        return {kind: [a, b] for kind, (a, b) in self.ranges.items()}

    @classmethod
    def from_json(cls, number: int, data: Mapping[str, list[int]]) -> KitRanges:
        return cls(number, {kind: (int(a), int(b)) for kind, (a, b) in data.items()})


def fresh_ranges(number: int, sizes: Mapping[str, int]) -> KitRanges:
    """A new kit holds 1…n of each kind; the limits keep every number in its column."""
    if not 1 <= number <= MAX_KIT:
        raise InvalidInput(f"应急包编号已用完（最多 {MAX_KIT} 个），请联系管理员")
    ranges = {}
    for kind, count in sizes.items():
        if kind not in KIT_KINDS:
            raise InvalidInput(f"应急包不含 {kind} 类编号")
        top = MAX_SEQUENCE.get(kind, MAX_SERIAL)
        if not 0 <= count <= top:
            raise InvalidInput(f"应急包的{KIT_KINDS[kind]}数量应为 0–{top}")
        if count:
            ranges[kind] = (1, count)
    return KitRanges(number, ranges)


def resolve_ticket(typed: str, kits: list[KitRanges]) -> str:
    """The kit ticket a clerk typed at back-entry, checked against the incident's kits. A bare
    sequence (``15``) is completed when only one of the kits holds it."""
    kit, sequence = parse_kit_ticket(typed)
    holding = [k for k in kits if (kit is None or k.number == kit) and k.holds(TICKET, sequence)]
    if len(holding) == 1:
        return kit_ticket(holding[0].number, sequence)
    shown = kit_ticket(kit, sequence) if kit is not None else typed.strip()
    if not holding:
        raise InvalidInput(f"{shown} 不是本次应急包中预留的号码，请核对纸质记录")
    raise InvalidInput(
        f"{shown} 在多个应急包中都有，请写全号码（如 {kit_ticket(holding[0].number, sequence)}）"
    )


def resolve_serial(kind: str, typed: str, kits: list[KitRanges], county: str) -> str:
    """The kit serial a clerk typed, checked against the incident's kits; the digits alone
    (``3``) are completed when only one kit holds that sequence."""
    cleaned = clean_typed(typed)
    serial = match_kit_serial(cleaned)
    if serial is None and cleaned.isdigit():
        holding = [k for k in kits if k.holds(kind, int(cleaned))]
        if len(holding) == 1:
            return kit_number(kind, county, holding[0].number, int(cleaned))
        if len(holding) > 1:
            raise InvalidInput(f"序号 {int(cleaned)} 在多个应急包中都有，请写全编号")
    if serial is None:
        raise InvalidInput(f"「{typed.strip()}」不是应急包编号（如 {kind}-{county}-K07-0003）")
    if serial.kind != kind:
        raise InvalidInput(f"编号应以 {kind} 开头")
    if serial.county != county:
        raise InvalidInput(f"{serial} 的区划代码不是本厅的 {county}，请核对")
    if not any(k.number == serial.kit and k.holds(kind, serial.sequence) for k in kits):
        raise InvalidInput(f"{serial} 不是本次应急包中预留的号码，请核对纸质记录")
    return str(serial)


def ticket_sequence(number: str) -> int:
    """The ticket's sequence kept with it: kit × 1000 + sequence for a kit ticket (S07-015 →
    7015, unique and in order across the kits of a day), the digits of an older S101."""
    kit, _, sequence = number.upper().removeprefix(TICKET).partition("-")
    return int(kit) * 1000 + int(sequence) if sequence else int(kit)
