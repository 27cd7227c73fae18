"""Serial numbers of notices and case numbers: ``BZ-500231-20261125-0007``.

Kind prefix, county code, date, daily sequence. Unique per hall and never reused (the
sequence comes from a counter row upserted in the same transaction as the document).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hall_app.domain.errors import InvalidInput
from hall_app.domain.kit_numbers import KitSerial, match_kit_serial

KINDS = {"BZ": "补正告知", "BY": "不予受理", "SL": "受理", "SW": "首问", "ZG": "整改"}
_PATTERN = re.compile(r"^(BZ|BY|SL|SW|ZG)-(\d{6})-(\d{8})-(\d{4,6})$")


@dataclass(frozen=True)
class Serial:
    kind: str
    county: str
    day: dt.date
    sequence: int

    def __str__(self) -> str:
        return f"{self.kind}-{self.county}-{self.day:%Y%m%d}-{self.sequence:04d}"


def parse_serial(text: str) -> Serial | KitSerial:
    """Normalise what a scanner or a person typed (spaces, lower case, full-width dashes);
    a paper kit's serial (``BZ-500231-K07-0003``, no date) is one too."""
    cleaned = re.sub(r"\s+", "", text).upper().replace("－", "-").replace("—", "-")
    kit = match_kit_serial(cleaned)
    if kit is not None:
        return kit
    match = _PATTERN.match(cleaned)
    if not match:
        raise InvalidInput(
            f"「{text.strip()}」不是有效的告知单或办件编号（如 BZ-500231-20261125-0007）"
        )
    kind, county, day, seq = match.groups()
    try:
        date = dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        raise InvalidInput(f"编号中的日期 {day} 不存在") from None
    return Serial(kind, county, date, int(seq))
