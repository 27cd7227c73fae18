"""Matching what reception types (Chinese, pinyin initials, codes) against catalog names."""

from __future__ import annotations


def matches(query: str, name: str, initials: str, code: str = "") -> bool:
    """True if every space-separated part of ``query`` appears in the name, the pinyin
    initials (``hkqy`` for 户口迁移) or the code; case-insensitive."""
    haystack = f"{name}\n{initials.lower()}\n{code.lower()}"
    return all(part in haystack for part in query.lower().split())


def rank(query: str, name: str, initials: str) -> int:
    """Sort key: names and initials that start with the query first."""
    q = query.lower().strip()
    if not q:
        return 2
    if name.startswith(q) or initials.lower().startswith(q):
        return 0
    return 1
