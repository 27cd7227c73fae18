"""Transfer rules: which windows may receive a ticket, and the note the receiving window shows."""

from __future__ import annotations

from dataclasses import dataclass

from hall_app.domain.errors import InvalidInput, NotAllowed

REASON_MAX = 200


@dataclass(frozen=True)
class TargetWindow:
    number: int
    status: str  # open | paused | closed
    holder: str  # the clerk logged in there ("" when nobody)
    categories: tuple[str, ...]  # lane codes in the window's order


def refusal(
    target: TargetWindow,
    lane: str,
    service_lane: str | None = None,
    *,
    from_window: int | None = None,
) -> str | None:
    """Why ``target`` cannot take a ticket waiting in ``lane`` (its own lane ``service_lane``
    for a green-channel ticket), or None when it can."""
    if from_window is not None and target.number == from_window:
        return "不能转移到本窗口"
    if target.status == "closed" or not target.holder:
        return f"{target.number}号窗口未开放（无人登录），转过去无人叫号"
    if lane not in target.categories and (
        service_lane is None or service_lane not in target.categories
    ):
        return f"{target.number}号窗口不办理该号票的业务类别（{lane}），请选择办理该类别的窗口"
    return None


def check(
    target: TargetWindow,
    lane: str,
    service_lane: str | None = None,
    *,
    from_window: int | None = None,
) -> None:
    reason = refusal(target, lane, service_lane, from_window=from_window)
    if reason is not None:
        raise NotAllowed(reason)


def clean_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise InvalidInput("请填写转移原因（接收窗口会看到）")
    return text[:REASON_MAX]


def note(from_window: int | None, reason: str) -> str:
    """What the receiving window shows: ``转自3号窗口：<reason>``."""
    if not reason:
        return ""
    where = f"转自{from_window}号窗口" if from_window else "转自导服台"
    return f"{where}：{reason}"
