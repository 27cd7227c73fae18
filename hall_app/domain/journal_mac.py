"""The offline journal's record MAC: which bytes are signed, and which records reconcile refuses.

Each record a terminal writes while offline carries an HMAC-SHA256, made with the terminal's
own key, over the record's canonical bytes: the terminal, the journal's id, the record's
number in that journal (1, 2, 3 … with no holes), its idempotency key, kind, time, staff
number, reference and payload. The server holds the key (registered when the terminal
prepared for offline) and verifies every record before it replays it:

- a record whose MAC does not verify (forged, or any signed field changed) is refused;
- a record without a MAC, or made with a key the server does not know, is refused;
- a record that names another terminal than the journal being reconciled is refused;
- numbers missing from the journal's sequence (records deleted) are reported.

Pure functions: the journal (store) signs, the fallback service (services) checks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

KEY_BYTES = 32
FINGERPRINT_CHARS = 16
VERSION = "v1"

# why a record was refused (the ``reason`` of its ``offline_refused`` audit entry)
UNSIGNED = "unsigned"
UNKNOWN_KEY = "unknown_key"
FORGED = "forged"
OTHER_TERMINAL = "other_terminal"
GAP = "gap"


@dataclass(frozen=True)
class SignedFields:
    """Everything of a journal record that its MAC covers."""

    terminal: str
    journal_id: str
    number: int  # the record's place in its journal's sequence, from 1
    key: str
    kind: str
    at: str  # ISO 8601, as stored
    staff_no: str
    reference: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class Refusal:
    reason: str  # one of the constants above
    message: str  # Chinese, for the reconcile report and the journal's note


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def fingerprint(key: bytes) -> str:
    """A short public name of a key (no secret): which key made a MAC."""
    return hashlib.sha256(b"hall-journal-key:" + key).hexdigest()[:FINGERPRINT_CHARS]


def canonical(fields: SignedFields) -> bytes:
    """The record's bytes as signed: one JSON array, keys sorted, no spacing, UTF-8."""
    return json.dumps(
        [
            VERSION,
            fields.terminal,
            fields.journal_id,
            fields.number,
            fields.key,
            fields.kind,
            fields.at,
            fields.staff_no,
            fields.reference,
            fields.payload,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    ).encode("utf-8")


def sign(key: bytes, fields: SignedFields) -> str:
    """The MAC as stored with the record: ``<key fingerprint>:<hex HMAC-SHA256>``."""
    digest = hmac.new(key, canonical(fields), hashlib.sha256).hexdigest()
    return f"{fingerprint(key)}:{digest}"


def check(
    fields: SignedFields, mac: str, journal_terminal: str, keys: Mapping[str, bytes]
) -> Refusal | None:
    """None when the record may be replayed for ``journal_terminal``; ``keys`` are that
    terminal's registered keys by fingerprint."""
    label = fields.reference or fields.kind
    if fields.terminal and fields.terminal != journal_terminal:
        return Refusal(
            OTHER_TERMINAL,
            f"已拒绝：记录 {label} 属于另一台终端（{fields.terminal}），不能在 {journal_terminal} 的日志中合并",
        )
    if not mac or fields.number <= 0:
        return Refusal(UNSIGNED, f"已拒绝：记录 {label} 没有校验码（不是本终端程序写入的）")
    fp, _, _ = mac.partition(":")
    key = keys.get(fp)
    if key is None:
        return Refusal(UNKNOWN_KEY, f"已拒绝：记录 {label} 的校验密钥未在服务器登记")
    if not hmac.compare_digest(sign(key, fields), mac):
        return Refusal(FORGED, f"已拒绝：记录 {label} 校验不符（被伪造或改动过）")
    return None


def gaps(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """The ranges missing from a journal's sequence 1, 2, 3 … up to its highest number."""
    seen = sorted({n for n in numbers if n > 0})
    missing: list[tuple[int, int]] = []
    expected = 1
    for n in seen:
        if n > expected:
            missing.append((expected, n - 1))
        expected = n + 1
    return missing


def gap_message(first: int, last: int) -> str:
    span = f"第 {first} 条" if first == last else f"第 {first} 至 {last} 条"
    return f"已拒绝：离线日志缺少{span}记录（可能被删除），缺失部分无法合并，已记入审计"
