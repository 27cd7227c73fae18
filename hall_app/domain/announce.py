"""What the loudspeaker and the board say when a ticket is called.

"请 A012 号 到 5 号窗口 办理": the ticket number is read letter by letter and digit by digit
(A 零 一 二), the window number the Chinese way (5 五, 10 十, 11 十一, 27 二十七, 100 一百).
A green-channel call says 优先办理; a recall adds 这是第二次呼叫.
"""

from __future__ import annotations

from dataclasses import dataclass

from hall_app.domain.calls import CallEvent

DIGITS = "零一二三四五六七八九"
ORDINALS = {2: "二", 3: "三", 4: "四", 5: "五"}


@dataclass(frozen=True)
class Announcement:
    number: str
    window: int
    text: str  # shown and spoken
    tokens: tuple[str, ...]  # the recorded clips, in order
    english: str
    green: bool = False
    call_count: int = 1


def ticket_tokens(number: str) -> list[str]:
    """``A012`` → ``A 零 一 二``: a letter as a Latin letter, each digit on its own."""
    tokens = []
    for ch in number.upper():
        if ch.isdigit():
            tokens.append(DIGITS[int(ch)])
        elif "A" <= ch <= "Z":
            tokens.append(ch)
    return tokens


def chinese_number(value: int) -> list[str]:
    """1–999 the way a number is said: 十, 十一, 二十, 一百零五, 一百一十."""
    if not 0 < value < 1000:
        raise ValueError("window numbers run from 1 to 999")
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    tokens: list[str] = []
    if hundreds:
        tokens += [DIGITS[hundreds], "百"]
        if rest and tens == 0:
            tokens.append("零")
    if tens:
        if tens > 1 or hundreds:
            tokens.append(DIGITS[tens])
        tokens.append("十")
    if ones:
        tokens.append(DIGITS[ones])
    return tokens


def announcement(
    number: str, window: int, *, green: bool = False, call_count: int = 1
) -> Announcement:
    action = "优先办理" if green else "办理"
    tokens = ["请", *ticket_tokens(number), "号", "到", *chinese_number(window), "号窗口", action]
    text = f"请{number}号到{window}号窗口{action}"
    if call_count >= 2:
        again = f"这是第{ORDINALS.get(call_count, str(call_count))}次呼叫"
        tokens.append(again)
        text += f"，{again}"
    english = f"Ticket {number}, please go to window {window}"
    if green:
        english += " (priority)"
    return Announcement(number, window, text, tuple(tokens), english, green, call_count)


def call_announcement(event: CallEvent) -> Announcement:
    """What the board shows and says for one recorded call (a recall says which call)."""
    return announcement(event.number, event.window, green=event.green, call_count=event.call_count)


def clip_names() -> list[str]:
    """Every clip an announcement can use: letters, digits, 十, 百 and the fixed phrases."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    phrases = [
        "请",
        "号",
        "到",
        "号窗口",
        "办理",
        "优先办理",
        "十",
        "百",
        *(f"这是第{v}次呼叫" for v in ORDINALS.values()),
    ]
    return letters + list(DIGITS) + phrases
