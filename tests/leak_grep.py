"""Finding citizens' personal data in text: full ID numbers (GB 11643, 18 characters with a
valid check character) and mainland mobile numbers (1[3-9] and 9 digits), for the leak tests.

Also makes valid ID numbers for the tests' citizens, so that the checksum test is real."""

from __future__ import annotations

import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
ID_PATTERN = re.compile(
    r"(?<![0-9])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    r"[0-9]{3}[0-9Xx])(?![0-9])"
)
MOBILE_PATTERN = re.compile(r"(?<![0-9])(1[3-9][0-9]{9})(?![0-9])")


def check_char(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_number(area: str, birth: str, serial: str) -> str:
    """A valid 18-character ID number: 6-digit area, YYYYMMDD birth, 3-digit serial."""
    first = area + birth + serial
    return first + check_char(first)


def valid_id(text: str) -> bool:
    return len(text) == 18 and check_char(text[:17]) == text[17].upper()


def leaks(text: str) -> list[str]:
    """Every full ID number (valid checksum) and mobile number in ``text``."""
    found = [m for m in ID_PATTERN.findall(text) if valid_id(m)]
    return found + MOBILE_PATTERN.findall(text)


# ------------------------------------------------------------ a case to look at

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可 in the demo catalog


def accept_case(hall, clerk, applicant, code: str = FOOD):  # type: ignore[no-untyped-def]
    """Accept a complete application for ``applicant`` (every material received)."""
    from hall_app.domain.materials import Check, Mark

    plan = hall.documents.plan(item_code=code)
    checks = []
    for r in plan.requirements:
        c = Check(r)
        c.applies = not r.conditional
        if c.mark is Mark.PENDING:
            c.mark = Mark.RECEIVED
        checks.append(c)
    return hall.documents.accept(clerk, plan, applicant, checks)
