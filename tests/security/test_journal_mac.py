"""The journal MAC's pure rules (domain/journal_mac.py): the signed bytes pinned, every field
covered, the refusals in order, and the gaps of a sequence."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac

import pytest

from hall_app.domain import journal_mac as jm

KEY = bytes(range(32))
FIELDS = jm.SignedFields(
    "窗口01-PC",
    "j1",
    3,
    "k3",
    "ticket_issue",
    "2026-12-02T09:00:00+08:00",
    "1001",
    "S003",
    {"number": "S003", "category_code": "A"},
)


def test_the_signed_bytes_are_pinned() -> None:
    assert (
        jm.canonical(FIELDS)
        == (
            '["v1","窗口01-PC","j1",3,"k3","ticket_issue","2026-12-02T09:00:00+08:00","1001","S003",'
            '{"category_code":"A","number":"S003"}]'
        ).encode()
    )
    digest = hmac.new(KEY, jm.canonical(FIELDS), hashlib.sha256).hexdigest()
    assert jm.sign(KEY, FIELDS) == f"{jm.fingerprint(KEY)}:{digest}"
    assert len(jm.fingerprint(KEY)) == 16 and KEY.hex()[:16] not in jm.fingerprint(KEY)


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(jm.SignedFields)])
def test_every_field_is_covered(name: str) -> None:
    value = getattr(FIELDS, name)
    changed = {"number": 4, "payload": {**FIELDS.payload, "number": "S004"}}.get(name, f"{value}x")
    other = dataclasses.replace(FIELDS, **{name: changed})
    mac = jm.sign(KEY, FIELDS)
    keys = {jm.fingerprint(KEY): KEY}
    assert jm.check(FIELDS, mac, "窗口01-PC", keys) is None
    refusal = jm.check(other, mac, str(other.terminal), keys)
    assert refusal is not None and refusal.reason == jm.FORGED
    assert refusal.message.startswith("已拒绝：")


def test_the_refusals() -> None:
    mac, keys = jm.sign(KEY, FIELDS), {jm.fingerprint(KEY): KEY}
    reason = lambda f, m, t, k: (jm.check(f, m, t, k) or jm.Refusal("ok", "")).reason  # noqa: E731
    assert reason(FIELDS, mac, "窗口02-PC", keys) == jm.OTHER_TERMINAL
    assert reason(FIELDS, "", "窗口01-PC", keys) == jm.UNSIGNED
    assert reason(dataclasses.replace(FIELDS, number=0), mac, "窗口01-PC", keys) == jm.UNSIGNED
    assert reason(FIELDS, mac, "窗口01-PC", {}) == jm.UNKNOWN_KEY
    assert reason(FIELDS, mac.upper(), "窗口01-PC", keys) == jm.UNKNOWN_KEY
    flipped = mac[:-1] + ("1" if mac[-1] == "0" else "0")
    assert reason(FIELDS, flipped, "窗口01-PC", keys) == jm.FORGED
    assert reason(FIELDS, mac, "窗口01-PC", keys) == "ok"


def test_gaps() -> None:
    assert jm.gaps([]) == [] and jm.gaps([1, 2, 3]) == []
    assert jm.gaps([3, 1, 2, 2]) == []
    assert jm.gaps([2, 3]) == [(1, 1)]
    assert jm.gaps([1, 4, 5, 9, 0]) == [(2, 3), (6, 8)]
    assert (
        jm.gap_message(6, 6)
        == "已拒绝：离线日志缺少第 6 条记录（可能被删除），缺失部分无法合并，已记入审计"
    )


def test_the_key_fingerprint_is_pinned() -> None:
    # the server registers a terminal's key under this name: it must not change between versions
    assert jm.fingerprint(KEY) == "1ee7aeeaaf7d9835"


def test_a_payload_value_json_does_not_know_is_signed_as_its_text() -> None:
    import datetime as dt

    fields = dataclasses.replace(FIELDS, payload={"day": dt.date(2026, 12, 2)})
    assert jm.canonical(fields).endswith(b'"S003",{"day":"2026-12-02"}]')


def test_the_refusal_of_an_unknown_key_says_so() -> None:
    refusal = jm.check(FIELDS, jm.sign(KEY, FIELDS), "窗口01-PC", {})
    assert refusal == jm.Refusal(jm.UNKNOWN_KEY, "已拒绝：记录 S003 的校验密钥未在服务器登记")
