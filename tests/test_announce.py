"""Announcement texts for awkward numbers, read the Chinese way."""

from __future__ import annotations

import pytest

from hall_app.domain.announce import announcement, chinese_number, clip_names, ticket_tokens


@pytest.mark.parametrize(
    ("number", "tokens"),
    [
        ("A100", ["A", "一", "零", "零"]),
        ("A010", ["A", "零", "一", "零"]),
        ("B001", ["B", "零", "零", "一"]),
        ("L1234", ["L", "一", "二", "三", "四"]),
    ],
)
def test_ticket_numbers_are_read_digit_by_digit(number: str, tokens: list[str]) -> None:
    assert ticket_tokens(number) == tokens


@pytest.mark.parametrize(
    ("window", "said"),
    [
        (1, "一"),
        (5, "五"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (27, "二十七"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (999, "九百九十九"),
    ],
)
def test_window_numbers_are_read_as_numbers(window: int, said: str) -> None:
    assert "".join(chinese_number(window)) == said


def test_the_call_and_the_recall() -> None:
    first = announcement("A012", 5)
    assert first.text == "请A012号到5号窗口办理"
    assert "".join(first.tokens) == "请A零一二号到五号窗口办理"
    assert first.english == "Ticket A012, please go to window 5"
    again = announcement("A012", 11, call_count=2)
    assert again.text == "请A012号到11号窗口办理，这是第二次呼叫"
    assert again.tokens[-1] == "这是第二次呼叫"
    green = announcement("L003", 27, green=True)
    assert green.text == "请L003号到27号窗口优先办理"
    assert "".join(green.tokens) == "请L零零三号到二十七号窗口优先办理"


def test_every_token_has_a_clip() -> None:
    clips = set(clip_names())
    for ann in (announcement("Z999", 999, green=True, call_count=3), announcement("A100", 10)):
        assert set(ann.tokens) <= clips
    with pytest.raises(ValueError):
        chinese_number(0)
