"""Resident ID numbers (GB 11643-1999): checksum, birth date, sex, 15-digit upgrade."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hall_app.domain.errors import InvalidInput
from hall_app.domain.text import ascii_digits

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_RE_18 = re.compile(r"^[0-9]{17}[0-9X]$")  # ASCII only: \d would take any script's digits
_RE_15 = re.compile(r"^[0-9]{15}$")


def check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdNumber:
    number: str  # always the 18-character form
    birth_date: dt.date
    male: bool

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


def parse_id_number(raw: str, today: dt.date | None = None) -> IdNumber:
    """Validate and normalise an ID number; raise :class:`InvalidInput` in Chinese.

    The number is stored and compared as ASCII: full-width digits are converted, digits of
    other scripts (Arabic-Indic...) refused, a lower-case ``x`` upper-cased; a 15-digit number
    is upgraded by inserting ``19`` and computing the check character.
    """
    text = ascii_digits(raw, "身份证号码").replace(" ", "")
    if text.endswith("x"):
        text = text[:-1] + "X"
    if _RE_15.match(text):
        first17 = text[:6] + "19" + text[6:]
        text = first17 + check_char(first17)
    elif not _RE_18.match(text):
        raise InvalidInput("身份证号码应为18位（末位可为X）或旧式15位数字")
    try:
        birth = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise InvalidInput(f"身份证号码中的出生日期 {text[6:14]} 不存在") from None
    today = today or dt.date.today()
    if birth > today or birth.year < 1880:
        raise InvalidInput(f"身份证号码中的出生日期 {birth:%Y-%m-%d} 不合理")
    if check_char(text[:17]) != text[17]:
        raise InvalidInput("身份证号码校验位不正确，请核对")
    return IdNumber(number=text, birth_date=birth, male=int(text[16]) % 2 == 1)
