"""Masking of personal data for screens, slips, logs and exports, and phone checks."""

from __future__ import annotations

import re

from hall_app.domain.errors import InvalidInput
from hall_app.domain.text import ascii_digits

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")  # ASCII digits only (\d takes any script's)
_LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")


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
    text = re.sub(r"[\s()（）]", "", ascii_digits(raw, "电话号码"))
    if text.startswith("+86"):
        text = text[3:]
    if _MOBILE.match(text) or _LANDLINE.match(text):
        return text
    raise InvalidInput(
        f"电话号码「{raw}」格式不正确：手机号应为1开头的11位数字，座机如 023-74681234"
    )


# ------------------------------------------------------------ free text

# a run of digits is personal data only when it stands alone: not glued to letters, digits or
# a dash-joined group (case numbers BZ-500231-20261125-0001, item codes, dates stay intact)
_BEFORE = r"(?<![0-9A-Za-z*])(?<![0-9A-Za-z]-)"
_AFTER = r"(?![0-9A-Za-z*])(?!-[0-9A-Za-z])"
_SEP = r"[ \t\-]?"
_ID18 = re.compile(_BEFORE + rf"(\d{{6}}{_SEP}\d{{8}}{_SEP}\d{{3}}[\dXx])" + _AFTER)
_ID15 = re.compile(_BEFORE + r"(\d{15})" + _AFTER)
_LONG_DIGITS = re.compile(_BEFORE + r"(\d{16,19})" + _AFTER)  # bank cards and the like
# a mobile number may follow a word ("Tel13812345678") and be grouped with dots as well
_PHONE_BEFORE = r"(?<![0-9*])(?<![0-9]-)"
_PHONE_SEP = r"[ \t\-.]?"
_MOBILE_IN_TEXT = re.compile(
    _PHONE_BEFORE
    + rf"((?:\+|00)?86{_PHONE_SEP})?(1[3-9]\d{_PHONE_SEP}\d{{4}}{_PHONE_SEP}\d{{4}})"
    + _AFTER
)
# digits typed with a Chinese input method come full-width (１３８…): read them as digits
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text).upper()


def scrub(text: str | None) -> str:
    """Mask the ID numbers (18 or 15 digits) and mobile numbers (11 digits, also written with
    spaces or dashes or after +86) found in free text, as :func:`mask_id` and
    :func:`mask_phone` mask them. Case numbers, serials, dates and landlines are left alone.
    Every free-text field that reaches a document, a log or the audit trail goes through it."""
    if not text:
        return ""
    text = text.translate(_FULL_WIDTH)
    out = _ID18.sub(lambda m: mask_id(_digits(m.group(1))), text)
    out = _ID15.sub(lambda m: mask_id(m.group(1)), out)
    out = _LONG_DIGITS.sub(lambda m: "*" * (len(m.group(1)) - 4) + m.group(1)[-4:], out)
    return _MOBILE_IN_TEXT.sub(
        lambda m: (m.group(1) or "") + mask_phone(re.sub(r"\D", "", m.group(2))), out
    )


def scrub_detail(value: object) -> object:
    """``value`` (an audit entry's detail: a dict or list of texts and numbers, nested) with
    every text in it passed through :func:`scrub`. A number or other value whose text holds
    an ID or mobile number (``13812345678`` as an int) becomes that text scrubbed; the rest
    (keys, counts, dates, flags) is kept as it is."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: scrub_detail(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [scrub_detail(item) for item in value]
    if value is None or isinstance(value, bool):
        return value
    text = str(value)
    clean = scrub(text)
    return value if clean == text else clean


# ------------------------------------------------------------ revealing a full ID

REVEAL_REASON_MIN = 4  # characters: "核对身份" is enough, "看看" is not


def reveal_reason(reason: str) -> str:
    """The reason given for showing a full ID number on screen, stripped and scrubbed (it is
    audited); refused when shorter than :data:`REVEAL_REASON_MIN` characters."""
    text = (reason or "").strip()
    if len(text) < REVEAL_REASON_MIN:
        raise InvalidInput(f"查看完整证件号码须写明理由（至少 {REVEAL_REASON_MIN} 个字）")
    return scrub(text)
