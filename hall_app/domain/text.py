"""Normalisation of typed and imported text: one rule for every text input.

:func:`clean_text` NFKC-normalises (full-width letters and digits become ASCII), drops
zero-width and bidirectional-control characters, and refuses control characters (NUL,
newlines in one-line fields) and text longer than the column holds, with a Chinese message
naming the field. :func:`ascii_digits` is for numbers that must be ASCII (ID numbers): digits
of other scripts (Arabic-Indic, Devanagari...) are refused rather than silently converted.
"""

from __future__ import annotations

import re
import unicodedata

from hall_app.domain.errors import InvalidInput

# zero-width and bidi formatting characters: invisible, and they reorder what a clerk reads
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
)
_LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c"
# full-width punctuation is how Chinese text is written (，：（）): kept, not made ASCII
_FULLWIDTH_PUNCT = re.compile(r"([\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+)")


def nfkc(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII), full-width punctuation kept."""
    parts = _FULLWIDTH_PUNCT.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))


def strip_invisible(text: str) -> str:
    """``text`` without zero-width and bidi formatting characters (and other Cf characters)."""
    return "".join(ch for ch in text if ch not in INVISIBLE and unicodedata.category(ch) != "Cf")


def clean_text(
    value: str,
    field: str,
    max_len: int | None = None,
    *,
    multiline: bool = False,
) -> str:
    """NFKC-normalised, invisible characters dropped, stripped; refused with a message naming
    ``field`` when it holds control characters (line breaks are allowed when ``multiline``)
    or is longer than ``max_len`` characters."""
    if not isinstance(value, str):
        raise InvalidInput(f"{field}应为文本")
    text = strip_invisible(nfkc(value))
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in text:
        if ch == "\n" and multiline:
            continue
        if ch == "\t" and multiline:
            continue
        if ch in _LINE_BREAKS:
            raise InvalidInput(f"{field}不能包含换行")
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") or ch == "\x00":
            raise InvalidInput(f"{field}包含不可见的控制字符（U+{ord(ch):04X}），请重新输入")
    text = text.strip()
    if max_len is not None and len(text) > max_len:
        raise InvalidInput(f"{field}过长（{len(text)} 个字，最多 {max_len} 个）")
    return text


def ascii_digits(value: str, field: str) -> str:
    """Full-width digits and letters as ASCII; digits of any other script refused."""
    text = strip_invisible(unicodedata.normalize("NFKC", value)).strip()
    for ch in text:
        if ch.isdigit() and not ("0" <= ch <= "9"):
            raise InvalidInput(f"{field}只能使用阿拉伯数字 0-9，不接受其他文字的数字")
    return text
