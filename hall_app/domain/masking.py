"""Masking of personal data for screens, slips, logs and exports, and phone checks."""

from __future__ import annotations

import re

from hall_app.domain.errors import InvalidInput

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def mask_id(number: str | None) -> str:
    """``110105********1234``: the first 6 and last 4 characters kept."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """``138****5678`` for a mobile number; landlines keep area code and last 4."""
    if not phone:
        return ""
    digits = phone.strip()
    if len(digits) == 11 and digits.isdigit():
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits)


def mask_name(name: str | None) -> str:
    """``张*`` / ``欧阳**``: the first character kept (two for four-character names)."""
    if not name:
        return ""
    name = name.strip()
    keep = 2 if len(name) >= 4 else 1
    return name[:keep] + "*" * max(1, len(name) - keep)


def normalize_phone(raw: str) -> str:
    """Validate a mainland mobile or landline number; return it without spaces."""
    text = re.sub(r"[\s()（）]", "", raw)
    if text.startswith("+86"):
        text = text[3:]
    if _MOBILE.match(text) or _LANDLINE.match(text):
        return text
    raise InvalidInput(f"电话号码「{raw}」格式不正确：手机号应为1开头的11位数字，座机如 0319-8161234")
