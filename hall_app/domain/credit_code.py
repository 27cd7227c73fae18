"""统一社会信用代码 (GB 32100-2015): 18 characters, the last one a check character.

The code is public (it is printed on every business licence), so documents print it in full."""

from __future__ import annotations

import re

from hall_app.domain.errors import InvalidInput

CREDIT_CODE = "统一社会信用代码"

_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SHAPE = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$")


def check_char(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters."""
    total = sum(_CHARS.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHARS[(31 - total % 31) % 31]


def parse_credit_code(raw: str) -> str:
    """Validate a unified social credit code and return it upper-case without spaces."""
    text = re.sub(r"\s", "", raw).upper()
    if len(text) != 18:
        raise InvalidInput(f"统一社会信用代码应为18位，「{raw.strip()}」为{len(text)}位")
    if not _SHAPE.match(text):
        raise InvalidInput("统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）")
    if check_char(text[:17]) != text[17]:
        raise InvalidInput("统一社会信用代码校验位不正确，请核对")
    return text
