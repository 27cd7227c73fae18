"""Pure tests of what the board says (announce) and the call event it reads (calls)."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain.announce import (
    Announcement,
    announcement,
    call_announcement,
    chinese_number,
    clip_names,
    ticket_tokens,
)
from hall_app.domain.calls import CallEvent

AT = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (27, "二十七"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (200, "二百"),
        (250, "二百五十"),
        (999, "九百九十九"),
    ],
)
def test_chinese_number(value: int, said: str) -> None:
    assert "".join(chinese_number(value)) == said


def test_chinese_number_tokens_and_range() -> None:
    assert chinese_number(105) == ["一", "百", "零", "五"]
    assert chinese_number(110) == ["一", "百", "一", "十"]
    for bad in (0, -1, 1000):
        with pytest.raises(ValueError, match="window numbers run from 1 to 999"):
            chinese_number(bad)


def test_ticket_tokens() -> None:
    assert ticket_tokens("a012") == ["A", "零", "一", "二"]
    assert ticket_tokens("Z9-") == ["Z", "九"]
    assert ticket_tokens("@[") == []


def test_first_call() -> None:
    assert announcement("A012", 5) == Announcement(
        number="A012",
        window=5,
        text="请A012号到5号窗口办理",
        tokens=("请", "A", "零", "一", "二", "号", "到", "五", "号窗口", "办理"),
        english="Ticket A012, please go to window 5",
        green=False,
        call_count=1,
    )


def test_green_recall() -> None:
    a = announcement("V001", 12, green=True, call_count=2)
    assert a.text == "请V001号到12号窗口优先办理，这是第二次呼叫"
    assert a.tokens[-3:] == ("号窗口", "优先办理", "这是第二次呼叫")
    assert a.english == "Ticket V001, please go to window 12 (priority)"
    assert (a.green, a.call_count) == (True, 2)
    assert announcement("A1", 1, call_count=5).text.endswith("，这是第五次呼叫")
    assert announcement("A1", 1, call_count=6).text.endswith("，这是第6次呼叫")
    assert announcement("A1", 1, call_count=3).tokens[-1] == "这是第三次呼叫"


def test_call_announcement_reads_the_event() -> None:
    event = CallEvent(7, "B003", 27, "B", 3, True, AT)
    assert call_announcement(event) == announcement("B003", 27, green=True, call_count=3)
    assert event.recall
    assert not CallEvent(7, "B003", 27, "B", 1, False, AT).recall


def test_call_event_guards() -> None:
    with pytest.raises(
        ValueError, match=r"^a call event is the first call or a recall: call_count >= 1$"
    ):
        CallEvent(1, "A1", 1, "A", 0, False, AT)
    with pytest.raises(ValueError, match="timezone-aware"):
        CallEvent(1, "A1", 1, "A", 1, False, AT.replace(tzinfo=None))


def test_clip_names_cover_every_announcement() -> None:
    clips = clip_names()
    assert len(clips) == 26 + 10 + 8 + 4
    assert clips[:2] == ["A", "B"] and clips[25] == "Z" and clips[26] == "零"
    assert clips[-4:] == ["这是第二次呼叫", "这是第三次呼叫", "这是第四次呼叫", "这是第五次呼叫"]
    for window in range(1, 1000):
        for count in (1, 2, 5):
            a = announcement("Z909", window, green=True, call_count=count)
            assert set(a.tokens) <= set(clips)
