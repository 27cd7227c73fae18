"""Pure tests of the legal rules each item type gets (legal)."""

from __future__ import annotations

import pytest

from hall_app.domain import legal
from hall_app.domain.legal import (
    ART32_CORRECTION,
    ART32_REFUSAL,
    ART32_TERMS,
    NEUTRAL_CORRECTION,
    NEUTRAL_TERMS,
    RefusalGround,
    cites_art32,
    default_correction_basis,
    default_correction_terms,
    default_refusal_basis,
    default_refusal_grounds,
    is_ground_code,
    is_incompleteness,
    is_licence,
    refusal_citation,
    refusal_grounds,
    ticked_grounds,
)

REMIT_GROUND = RefusalGround("remit", "申请事项依法不属于本机关职权范围", needs_office=True)
NOT_LICENCE_GROUND = RefusalGround("not_licence", "申请事项依法不需要取得行政许可")


def test_constants() -> None:
    assert legal.LIMIT_UNITS == ("工作日", "自然日")
    assert (legal.LICENCE_EXTENSION_DAYS, legal.RECONSIDERATION_DAYS, legal.LAWSUIT_MONTHS) == (
        10,
        60,
        6,
    )
    assert legal.GROUND_CODES == ("remit", "not_licence")


def test_defaults_by_type() -> None:
    assert is_licence("行政许可") and not is_licence("行政确认") and not is_licence("")
    assert default_correction_basis("行政许可") == ART32_CORRECTION
    assert default_correction_basis("公共服务") == NEUTRAL_CORRECTION == "本中心一次性告知制度"
    assert default_correction_terms("行政许可") == ART32_TERMS
    assert default_correction_terms("行政给付") == NEUTRAL_TERMS
    assert default_refusal_basis("行政许可") == ART32_REFUSAL
    assert default_refusal_basis("行政备案") == ""
    assert default_refusal_grounds("行政许可") == ("remit", "not_licence")
    assert default_refusal_grounds("行政确认") == ("remit",)


def test_refusal_grounds() -> None:
    assert refusal_grounds("行政许可") == (REMIT_GROUND, NOT_LICENCE_GROUND)
    assert refusal_grounds("行政确认") == (REMIT_GROUND,)
    assert refusal_grounds("行政确认", ("not_licence", "超出范围")) == (
        RefusalGround("超出范围", "超出范围"),
    )
    assert refusal_grounds("行政许可", ("remit", "remit", "not_licence")) == (
        REMIT_GROUND,
        NOT_LICENCE_GROUND,
    )
    assert REMIT_GROUND.label == REMIT_GROUND.text
    assert not RefusalGround("x", "y").needs_office


def test_ground_codes_and_wording() -> None:
    assert is_ground_code("remit") and is_ground_code("not_licence") and is_ground_code("a1")
    assert not is_ground_code("不属于")
    assert not is_ground_code("not licence")
    assert not is_ground_code("")
    assert not is_ground_code("a-b")


@pytest.mark.parametrize(
    ("text", "cites"),
    [
        ("《中华人民共和国行政许可法》第三十二条", True),
        ("行政许可法 第 32 条", True),
        ("行政许可法第32条", True),
        ("行政许可法第三十一条", False),
        ("某法第三十二条", False),
        ("行政许可法", False),
    ],
)
def test_cites_art32(text: str, cites: bool) -> None:
    assert cites_art32(text) is cites


@pytest.mark.parametrize(
    "text", ["材料不齐全", "不符合法定形式", "材料缺失", "缺少材料", "需补正", "补正材料"]
)
def test_incompleteness_words(text: str) -> None:
    assert is_incompleteness(f"因{text}")


def test_not_incompleteness() -> None:
    assert not is_incompleteness("超出本机关职权")


def test_refusal_citation() -> None:
    assert refusal_citation("行政许可", ART32_REFUSAL, "remit") == ART32_REFUSAL + "第（二）项"
    assert (
        refusal_citation("行政许可", ART32_REFUSAL, "not_licence") == ART32_REFUSAL + "第（一）项"
    )
    assert refusal_citation("行政许可", ART32_REFUSAL, "其他") == ART32_REFUSAL
    assert refusal_citation("行政许可", "某法", "remit") == "某法"
    assert refusal_citation("行政确认", ART32_REFUSAL, "remit") == ART32_REFUSAL


def test_ticked_grounds() -> None:
    assert ticked_grounds("行政许可", ART32_REFUSAL) == [
        "申请事项依法不属于本机关职权范围（第三十二条第一款第（二）项）",
        "申请事项依法不需要取得行政许可（第三十二条第一款第（一）项）",
    ]
    assert ticked_grounds("行政确认", "") == ["申请事项依法不属于本机关职权范围"]
    assert ticked_grounds("行政许可", "某法", ("remit", "法定情形")) == [
        "申请事项依法不属于本机关职权范围",
        "法定情形",
    ]
